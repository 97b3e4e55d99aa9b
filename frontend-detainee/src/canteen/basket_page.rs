//! `/detenu/cantine/panier`: what is in the basket, its total against the money, and "Commander".

use frontend_kit::components::{Button, ButtonKind, ConfirmButton, ErrorAlert, Loading, PageTitle};
use frontend_kit::href;
use frontend_kit::i18n::{t, t_string, use_i18n};
use frontend_kit::{ApiError, api_error_message};
use leptos::prelude::*;
use shared_types::canteen::orders::{Basket, OrderPlaced};

use crate::app::CANTEEN_PAGE;
use crate::canteen::basket_lines::BasketLines;
use crate::canteen::basket_store::BasketStore;
use crate::canteen::basket_total::BasketTotal;
use crate::canteen::order_placed::OrderPlacedView;
use crate::canteen::order_submit::OrderSubmit;
use crate::canteen::window_banner::WindowBanner;
use crate::signed_in::SignedIn;

/// The basket page.
#[component]
pub fn BasketPage() -> impl IntoView {
    view! {
        <SignedIn>
            // Lists of products and movements use the tablet's landscape width.
            <div class="ned-wide">
                <BasketView />
            </div>
        </SignedIn>
    }
}

/// What the page shows, apart from the basket's details.
#[derive(Debug, Clone, PartialEq)]
enum Shape {
    Loading,
    Failed(ApiError),
    Empty,
    Filled,
}

#[component]
fn BasketView() -> impl IntoView {
    let i18n = use_i18n();
    let store = BasketStore::new();
    let placed = RwSignal::new(None::<OrderPlaced>);
    // Why the basket was reloaded (a price changed): kept above it while it loads again.
    let stale = RwSignal::new(None::<String>);
    let on_stale = Callback::new(move |why: String| {
        stale.set(Some(why));
        store.load();
    });
    let on_placed = Callback::new(move |order: OrderPlaced| {
        stale.set(None);
        placed.set(Some(order));
        // Ordered lines left the basket on the server; what stays (unavailable lines) shows
        // on the next visit.
        store.load();
    });
    // Only a change of shape rebuilds the page: a tap on "+" must not lose the focus.
    let shape = Memo::new(move |_| {
        store.state().with(|s| match s {
            None => Shape::Loading,
            Some(Err(e)) => Shape::Failed(e.clone()),
            Some(Ok(b)) if b.lines.is_empty() => Shape::Empty,
            Some(Ok(_)) => Shape::Filled,
        })
    });
    move || {
        if let Some(order) = placed.get() {
            return view! { <OrderPlacedView placed=order /> }.into_any();
        }
        view! {
            <PageTitle>{t!(i18n, detainee.canteen.basket_title)}</PageTitle>
            <WindowBanner store=store />
            <ErrorAlert message=stale />
            {move || match shape.get() {
                Shape::Loading => view! { <Loading /> }.into_any(),
                Shape::Failed(error) => {
                    view! {
                        <ErrorAlert message=Some(api_error_message(i18n, &error)) />
                        <Button kind=ButtonKind::Secondary plain=true large=true on_click=move |_| store.load()>
                            {t!(i18n, common.retry)}
                        </Button>
                    }
                        .into_any()
                }
                Shape::Empty => view! { <EmptyBasket /> }.into_any(),
                Shape::Filled => {
                    view! { <Filled store=store on_placed=on_placed on_stale=on_stale /> }.into_any()
                }
            }}
        }
        .into_any()
    }
}

#[component]
fn EmptyBasket() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p class="fr-text--lg" id="basket-empty">{t!(i18n, detainee.canteen.basket_empty)}</p>
        <a class="fr-btn fr-btn--lg" href=href(CANTEEN_PAGE)>
            {t!(i18n, detainee.canteen.choose_products)}
        </a>
    }
}

#[component]
fn Filled(
    store: BasketStore,
    on_placed: Callback<OrderPlaced>,
    on_stale: Callback<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let basket = store.basket();
    let current = Signal::derive(move || basket.get().unwrap_or_else(empty_basket));
    let emptying = RwSignal::new(false);
    view! {
        <ErrorAlert message=store.error />
        <BasketLines store=store />
        <BasketTotal basket=current />
        <OrderSubmit basket=current on_placed=on_placed on_stale=on_stale />
        <div class="ned-actions">
            <a class="fr-btn fr-btn--lg fr-btn--secondary" href=href(CANTEEN_PAGE)>
                {t!(i18n, detainee.canteen.add_more)}
            </a>
            <ConfirmButton
                label=move || t_string!(i18n, detainee.canteen.empty_basket)
                question=move || t_string!(i18n, detainee.canteen.empty_basket_question)
                yes=move || t_string!(i18n, detainee.canteen.empty_basket_yes)
                no=move || t_string!(i18n, detainee.canteen.keep_basket)
                pending=emptying
                on_confirm=move |()| store.empty(emptying)
                large=true
            />
        </div>
    }
}

/// Stands in for the basket during the instant the page switches away from it.
fn empty_basket() -> Basket {
    Basket {
        lines: Vec::new(),
        total_cents: 0,
        balances: shared_types::accounts::Balances::new(0, 0, 0, 0),
        window: None,
        suspended_until: None,
    }
}
