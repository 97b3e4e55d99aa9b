//! One order in the list: when, status, total, delivery day; the whole card opens it.

use frontend_kit::href;
use frontend_kit::i18n::{t_string, use_i18n};
use frontend_kit::paris_time::format_day;
use leptos::prelude::*;
use shared_types::accounts::format_euros;
use shared_types::canteen::orders::Order;

use crate::app::order_page;
use crate::canteen::basket_bar::articles;
use crate::canteen::window_banner::day_in_words;
use crate::labels;

/// A card of the orders list.
#[component]
pub fn OrderSummary(order: Order) -> impl IntoView {
    let i18n = use_i18n();
    let link = href(&order_page(&order.id));
    let count: u32 = order.lines.iter().map(|l| l.quantity).sum();
    let Order {
        status,
        total_cents,
        refunded_cents,
        placed_at,
        delivery_date,
        ..
    } = order;
    let refunded = (refunded_cents > 0).then(|| {
        view! {
            <p class="fr-mb-0">
                {move || {
                    t_string!(i18n, detainee.orders.refunded_total, amount = format_euros(refunded_cents))
                        .to_string()
                }}
            </p>
        }
    });
    view! {
        <li class="fr-p-3w fr-mb-2w ned-card ned-card--link fr-enlarge-link">
            <h2 class="fr-h5 fr-mb-1w">
                <a href=link>
                    {move || {
                        t_string!(i18n, detainee.orders.order_of, date = format_day(i18n, placed_at))
                            .to_string()
                    }}
                </a>
            </h2>
            <p class="fr-mb-1w">
                <span class=labels::order_status_badge(status)>
                    {move || labels::order_status(i18n, status)}
                </span>
            </p>
            <p class="fr-mb-0 fr-text--lg fr-text--bold">
                {move || format!("{} · {}", articles(i18n, count), format_euros(total_cents))}
            </p>
            {refunded}
            <p class="fr-mb-0">
                {move || {
                    t_string!(i18n, detainee.orders.delivery, date = day_in_words(i18n, &delivery_date))
                        .to_string()
                }}
            </p>
        </li>
    }
}
