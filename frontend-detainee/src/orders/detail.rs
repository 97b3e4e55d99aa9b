//! `/detenu/commandes/:id`: one order — its status, lines with their delivery, and what the
//! detainee can still do (change or cancel while placed, dispute a delivered line).

use frontend_kit::components::{Alert, AlertKind, PageTitle, loaded};
use frontend_kit::i18n::{t, t_string, use_i18n};
use frontend_kit::paris_time::format_day;
use frontend_kit::{api, href};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use shared_types::accounts::format_euros;
use shared_types::canteen::orders::{Order, OrderPlaced, OrderStatus};

use crate::app::ORDERS_PAGE;
use crate::endpoints;
use crate::orders::edit::OrderEdit;
use crate::orders::line_item::LineItem;
use crate::orders::placed_actions::PlacedActions;
use crate::orders::status_block::{StatusBlock, Totals};
use crate::signed_in::SignedIn;

/// The order page.
#[component]
pub fn OrderPage() -> impl IntoView {
    view! {
        <SignedIn>
            // Lists of products and movements use the tablet's landscape width.
            <div class="ned-wide">
                <OrderLoader />
            </div>
        </SignedIn>
    }
}

#[component]
fn OrderLoader() -> impl IntoView {
    let params = use_params_map();
    let id = params.read_untracked().get("id").unwrap_or_default();
    let order = LocalResource::new(move || {
        let id = id.clone();
        async move { api::get::<Order>(&endpoints::order(&id)).await }
    });
    loaded(order, |order: Order| view! { <OrderView order=order /> })
}

#[component]
fn OrderView(order: Order) -> impl IntoView {
    let i18n = use_i18n();
    let order = RwSignal::new(order);
    let editing = RwSignal::new(false);
    let notice = RwSignal::new(None::<String>);
    let on_changed = Callback::new(move |placed: OrderPlaced| {
        let held = format_euros(placed.order.total_cents);
        order.set(placed.order);
        editing.set(false);
        notice.set(Some(
            t_string!(i18n, detainee.orders.changed, amount = held).to_string(),
        ));
    });
    let on_order = Callback::new(move |updated: Order| order.set(updated));
    let status = Memo::new(move |_| order.with(|o| o.status));
    let id = order.with_untracked(|o| o.id.clone());
    view! {
        <PageTitle>
            {move || {
                t_string!(
                    i18n, detainee.orders.order_of, date = format_day(i18n, order.with(|o| o.placed_at))
                )
                    .to_string()
            }}
        </PageTitle>
        <StatusBlock order=order />
        {move || notice.get().map(|n| view! { <Alert kind=AlertKind::Success>{n}</Alert> })}
        {move || {
            if editing.get() {
                view! {
                    <OrderEdit
                        order=order.get_untracked()
                        on_saved=on_changed
                        on_cancel=move |()| editing.set(false)
                    />
                }
                    .into_any()
            } else {
                let lines = order.with(|o| o.lines.clone());
                let order_id = id.clone();
                view! {
                    <h2 class="fr-h4 fr-mt-4w">{t!(i18n, detainee.orders.lines_title)}</h2>
                    <ul class="ned-products" id="order-lines">
                        {lines
                            .into_iter()
                            .map(|line| {
                                view! { <LineItem order_id=order_id.clone() line=line on_order=on_order /> }
                            })
                            .collect_view()}
                    </ul>
                    <Totals order=order />
                    <Show when=move || status.get() == OrderStatus::Placed>
                        <PlacedActions order=order editing=editing notice=notice />
                    </Show>
                }
                    .into_any()
            }
        }}
        <p class="fr-mt-4w">
            <a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href=href(ORDERS_PAGE)>
                {t!(i18n, detainee.orders.back_to_list)}
            </a>
        </p>
    }
}
