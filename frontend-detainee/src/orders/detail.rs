//! `/detenu/commandes/:id`: one order — its status, lines with their delivery, and what the
//! detainee can still do (change or cancel while placed, dispute a delivered line).

use frontend_kit::components::{
    Alert, AlertKind, Button, ButtonKind, ConfirmButton, ErrorAlert, PageTitle, loaded,
};
use frontend_kit::i18n::{t, t_string, use_i18n};
use frontend_kit::paris_time::{format_day, format_visit_date_time};
use frontend_kit::{Session, api, api_error_message, href};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;
use shared_types::accounts::format_euros;
use shared_types::auth::DetaineeMe;
use shared_types::canteen::orders::{Order, OrderPlaced, OrderStatus};

use crate::app::ORDERS_PAGE;
use crate::canteen::window_banner::day_in_words;
use crate::endpoints;
use crate::labels;
use crate::orders::edit::OrderEdit;
use crate::orders::line_item::LineItem;
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

/// The status in words, what it means, and the key dates.
#[component]
fn StatusBlock(order: RwSignal<Order>) -> impl IntoView {
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
fn Totals(order: RwSignal<Order>) -> impl IntoView {
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

/// "Changer la commande" and "Annuler la commande" (asked first), while the order is placed.
#[component]
fn PlacedActions(
    order: RwSignal<Order>,
    editing: RwSignal<bool>,
    notice: RwSignal<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = Session::<DetaineeMe>::expect();
    let cancelling = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let cancel = move |()| {
        if cancelling.get_untracked() {
            return;
        }
        let id = order.with_untracked(|o| o.id.clone());
        cancelling.set(true);
        error.set(None);
        spawn_local(async move {
            let result = api::post_empty::<OrderPlaced>(&endpoints::cancel_order(&id)).await;
            cancelling.try_set(false);
            match result {
                Ok(placed) => {
                    order.try_set(placed.order);
                    notice.try_set(Some(t_string!(i18n, detainee.orders.cancelled).to_string()));
                }
                Err(e) if e.is_unauthorized() => session.ended(),
                Err(e) => {
                    error.try_set(Some(api_error_message(i18n, &e)));
                }
            }
        });
    };
    view! {
        <ErrorAlert message=error />
        <div class="ned-actions">
            <Button
                kind=ButtonKind::Primary
                plain=true
                large=true
                on_click=move |_| {
                    notice.set(None);
                    editing.set(true);
                }
            >
                <span class="fr-icon-edit-line fr-mr-1w" aria-hidden="true"></span>
                {t!(i18n, detainee.orders.change)}
            </Button>
            <ConfirmButton
                label=move || t_string!(i18n, detainee.orders.cancel)
                question=move || t_string!(i18n, detainee.orders.cancel_question)
                yes=move || t_string!(i18n, detainee.orders.cancel_yes)
                no=move || t_string!(i18n, detainee.orders.cancel_no)
                pending=cancelling
                on_confirm=cancel
                large=true
            />
        </div>
    }
}
