//! The top and bottom of an order: its status in words with the key dates, and its totals.

use frontend_kit::i18n::{t, t_string, use_i18n};
use frontend_kit::paris_time::format_visit_date_time;
use leptos::prelude::*;
use shared_types::accounts::format_euros;
use shared_types::canteen::orders::{Order, OrderStatus};

use crate::canteen::window_banner::day_in_words;
use crate::labels;

/// The status in words, what it means, and the key dates.
#[component]
pub fn StatusBlock(order: RwSignal<Order>) -> impl IntoView {
    let i18n = use_i18n();
    let status = Memo::new(move |_| order.with(|o| o.status));
    let delivery = move || order.with(|o| day_in_words(i18n, &o.delivery_date));
    let closes_at = move || order.with(|o| o.closes_at);
    view! {
        <div class="ned-status" id="order-status">
            <p class="fr-mb-1w">
                <span class=move || labels::order_status_badge(status.get())>
                    {move || labels::order_status(i18n, status.get())}
                </span>
            </p>
            <p class="fr-text--lg fr-mb-1w">{move || labels::order_status_help(i18n, status.get())}</p>
            <Show when=move || matches!(status.get(), OrderStatus::Placed | OrderStatus::Locked)>
                <p class="fr-mb-1w">
                    {move || {
                        t_string!(i18n, detainee.orders.delivery, date = delivery()).to_string()
                    }}
                </p>
            </Show>
            <Show when=move || status.get() == OrderStatus::Placed>
                <p class="fr-mb-0">
                    {move || {
                        t_string!(
                            i18n, detainee.orders.change_until, date = format_visit_date_time(i18n, closes_at())
                        )
                            .to_string()
                    }}
                </p>
            </Show>
        </div>
    }
}

/// The total and what came back.
#[component]
pub fn Totals(order: RwSignal<Order>) -> impl IntoView {
    let i18n = use_i18n();
    let total = move || order.with(|o| o.total_cents);
    let refunded = move || order.with(|o| o.refunded_cents);
    view! {
        <dl class="ned-totals" id="order-total">
            <div>
                <dt>{t!(i18n, detainee.orders.total)}</dt>
                <dd class="ned-amount">{move || format_euros(total())}</dd>
            </div>
            <Show when=move || { refunded() > 0 }>
                <div>
                    <dt>{t!(i18n, detainee.orders.refunded)}</dt>
                    <dd class="ned-amount ned-amount--secondary">{move || format_euros(refunded())}</dd>
                </div>
            </Show>
        </dl>
    }
}
