//! `/detenu/commandes`: the orders, newest first, each with its status in plain words.

use frontend_kit::components::{PageTitle, loaded};
use frontend_kit::i18n::{t, use_i18n};
use frontend_kit::{api, href};
use leptos::prelude::*;
use shared_types::canteen::orders::Order;

use crate::app::CANTEEN_PAGE;
use crate::endpoints::ORDERS;
use crate::orders::summary::OrderSummary;
use crate::signed_in::SignedIn;

/// The orders page.
#[component]
pub fn OrdersPage() -> impl IntoView {
    view! {
        <SignedIn>
            // Lists of products and movements use the tablet's landscape width.
            <div class="ned-wide">
                <Orders />
            </div>
        </SignedIn>
    }
}

#[component]
fn Orders() -> impl IntoView {
    let i18n = use_i18n();
    let orders = LocalResource::new(|| api::get::<Vec<Order>>(ORDERS));
    view! {
        <PageTitle>{t!(i18n, detainee.orders.title)}</PageTitle>
        {loaded(
            orders,
            move |orders: Vec<Order>| {
                if orders.is_empty() {
                    return view! {
                        <p class="fr-text--lg" id="orders-empty">{t!(i18n, detainee.orders.empty)}</p>
                        <a class="fr-btn fr-btn--lg" href=href(CANTEEN_PAGE)>
                            {t!(i18n, detainee.orders.go_canteen)}
                        </a>
                    }
                        .into_any();
                }
                view! {
                    <ul class="ned-orders" id="orders">
                        {orders
                            .into_iter()
                            .map(|order| view! { <OrderSummary order=order /> })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            },
        )}
    }
}
