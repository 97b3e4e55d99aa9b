//! `/detenu/cantine`: when ordering closes, the shelves, and the basket at the bottom.

use frontend_kit::api;
use frontend_kit::components::{ErrorAlert, PageTitle, loaded};
use frontend_kit::i18n::{t, use_i18n};
use leptos::prelude::*;
use shared_types::canteen::Catalogue;

use crate::canteen::basket_bar::BasketBar;
use crate::canteen::basket_store::BasketStore;
use crate::canteen::shelves::Shelves;
use crate::canteen::window_banner::WindowBanner;
use crate::endpoints::CATALOGUE;
use crate::signed_in::SignedIn;

/// The canteen page.
#[component]
pub fn CanteenPage() -> impl IntoView {
    view! {
        <SignedIn>
            // Lists of products and movements use the tablet's landscape width.
            <div class="ned-wide">
                <Canteen />
            </div>
        </SignedIn>
    }
}

#[component]
fn Canteen() -> impl IntoView {
    let i18n = use_i18n();
    let store = BasketStore::new();
    let catalogue = LocalResource::new(|| api::get::<Catalogue>(CATALOGUE));
    view! {
        <PageTitle>{t!(i18n, detainee.canteen.title)}</PageTitle>
        <WindowBanner store=store />
        {loaded(
            catalogue,
            move |catalogue: Catalogue| view! { <Shelves catalogue=catalogue store=store /> },
        )}
        <BasketBar store=store>
            <ErrorAlert message=store.error />
        </BasketBar>
    }
}
