//! `/detenu/`: the signed-in detainee's home, with a big tile per service.

use frontend_kit::components::{PageTitle, Tile};
use frontend_kit::i18n::{t, t_string, use_i18n};
use frontend_kit::{RequireSession, Session, href};
use leptos::prelude::*;
use shared_types::auth::DetaineeMe;

use crate::app::{ACCOUNT_PAGE, CANTEEN_PAGE, ORDERS_PAGE, REQUESTS_PAGE, SIGN_IN};

/// Home page; signed-out people go to the sign-in page.
#[component]
pub fn Home() -> impl IntoView {
    let session = Session::<DetaineeMe>::expect();
    view! {
        <RequireSession
            session=session
            sign_in_path=SIGN_IN
            view=|me: DetaineeMe| view! { <Welcome me=me /> }
        />
    }
}

#[component]
fn Welcome(me: DetaineeMe) -> impl IntoView {
    let i18n = use_i18n();
    let DetaineeMe {
        first_name,
        establishment,
        cell,
        ..
    } = me;
    view! {
        <PageTitle>
            {move || t_string!(i18n, detainee.hello, name = first_name.clone()).to_string()}
        </PageTitle>
        <dl class="ned-facts">
            <dt>{t!(i18n, detainee.establishment)}</dt>
            <dd class="fr-text--lg">{establishment.name}</dd>
            <dt>{t!(i18n, detainee.cell)}</dt>
            <dd class="fr-text--lg">{cell}</dd>
        </dl>
        <p>{t!(i18n, detainee.home_intro)}</p>
        <ul class="ned-tiles">
            <li>
                <Tile
                    href=href(ACCOUNT_PAGE)
                    title=move || t_string!(i18n, detainee.nav_account)
                    description=move || t_string!(i18n, detainee.tile_account)
                    icon="fr-icon-money-euro-circle-line"
                />
            </li>
            <li>
                <Tile
                    href=href(CANTEEN_PAGE)
                    title=move || t_string!(i18n, detainee.nav_canteen)
                    description=move || t_string!(i18n, detainee.tile_canteen)
                    icon="fr-icon-shopping-cart-2-line"
                />
            </li>
            <li>
                <Tile
                    href=href(ORDERS_PAGE)
                    title=move || t_string!(i18n, detainee.nav_orders)
                    description=move || t_string!(i18n, detainee.tile_orders)
                    icon="fr-icon-shopping-bag-line"
                />
            </li>
            <li>
                <Tile
                    href=href(REQUESTS_PAGE)
                    title=move || t_string!(i18n, detainee.requests.nav)
                    description=move || t_string!(i18n, detainee.requests.tile)
                    icon="fr-icon-mail-line"
                />
            </li>
        </ul>
    }
}
