//! What the detainee sees once the order is sent: the money now held for it, what is left,
//! and when it will come.

use frontend_kit::components::PageTitle;
use frontend_kit::href;
use frontend_kit::i18n::{t, t_string, use_i18n};
use frontend_kit::paris_time::format_visit_date_time;
use leptos::prelude::*;
use shared_types::accounts::format_euros;
use shared_types::canteen::orders::OrderPlaced;

use crate::app::{ACCOUNT_PAGE, CANTEEN_PAGE, order_page};
use crate::canteen::window_banner::day_in_words;

/// The confirmation of a placed order.
#[component]
pub fn OrderPlacedView(placed: OrderPlaced) -> impl IntoView {
    let i18n = use_i18n();
    let OrderPlaced { order, balances } = placed;
    let held = format_euros(order.total_cents);
    let spendable = format_euros(balances.spendable_cents);
    let delivery = day_in_words(i18n, &order.delivery_date);
    let closes_at = order.closes_at;
    view! {
        <PageTitle>{t!(i18n, detainee.canteen.placed_title)}</PageTitle>
        <div class="fr-alert fr-alert--success fr-mb-3w" role="status" id="order-placed">
            <p class="fr-text--lg fr-text--bold">
                {move || t_string!(i18n, detainee.canteen.placed_held, amount = held.clone()).to_string()}
            </p>
            <p>
                {move || {
                    t_string!(i18n, detainee.canteen.placed_spendable, amount = spendable.clone())
                        .to_string()
                }}
            </p>
        </div>
        <p class="fr-text--lg">
            {move || t_string!(i18n, detainee.canteen.placed_delivery, date = delivery.clone()).to_string()}
        </p>
        <p>
            {move || {
                t_string!(
                    i18n,
                    detainee.canteen.placed_change_until,
                    date = format_visit_date_time(i18n, closes_at)
                )
                    .to_string()
            }}
        </p>
        <div class="ned-actions">
            <a class="fr-btn fr-btn--lg" href=href(&order_page(&order.id))>
                {t!(i18n, detainee.canteen.see_order)}
            </a>
            <a class="fr-btn fr-btn--lg fr-btn--secondary" href=href(ACCOUNT_PAGE)>
                {t!(i18n, detainee.canteen.see_account)}
            </a>
            <a class="fr-btn fr-btn--lg fr-btn--tertiary" href=href(CANTEEN_PAGE)>
                {t!(i18n, detainee.canteen.back_to_canteen)}
            </a>
        </div>
    }
}
