//! Routes, page frame and idle sign-out of the detainee portal.

use frontend_kit::components::{AppShell, Layout, NavLink, NotFound};
use frontend_kit::i18n::{t_string, use_i18n};
use frontend_kit::{I18nRoot, IdleWatcher, Session, SignOutButton, href, provide_base_path};
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;
use shared_types::auth::DetaineeMe;

use crate::account::AccountPage;
use crate::canteen::basket_page::BasketPage;
use crate::canteen::catalogue_page::CanteenPage;
use crate::enrol::Enrol;
use crate::home::Home;
use crate::orders::detail::OrderPage;
use crate::orders::list::OrdersPage;
use crate::requests::detail_page::RequestPage;
use crate::requests::list_page::RequestsPage;
use crate::requests::new_page::NewRequestPage;
use crate::requests::queue_flush::QueueFlusher;
use crate::requests::queue_store::RequestQueue;
use crate::sign_in::SignIn;

/// Where the portal is served.
pub const BASE: &str = "/detenu";
/// Full address of the portal's home.
pub const HOME_HREF: &str = "/detenu/";
/// Session endpoint of the detainee portal.
pub const SESSION_PATH: &str = "/api/detainee/session";
/// Terminal enrolment endpoint.
pub const TERMINAL_PATH: &str = "/api/detainee/terminal";
/// In-portal path of the sign-in page.
pub const SIGN_IN: &str = "/connexion";
/// In-portal path of the enrolment page.
pub const ENROL: &str = "/enrolement";
/// In-portal path of the account page.
pub const ACCOUNT_PAGE: &str = "/compte";
/// In-portal path of the canteen's catalogue.
pub const CANTEEN_PAGE: &str = "/cantine";
/// In-portal path of the basket.
pub const BASKET_PAGE: &str = "/cantine/panier";
/// In-portal path of the orders list.
pub const ORDERS_PAGE: &str = "/commandes";

/// In-portal path of the requests list.
pub const REQUESTS_PAGE: &str = "/demandes";
/// In-portal path of a new request.
pub const NEW_REQUEST_PAGE: &str = "/demandes/nouvelle";

/// In-portal path of one request.
pub fn request_page(id: &str) -> String {
    format!("{REQUESTS_PAGE}/{id}")
}

/// In-portal path of one order.
pub fn order_page(id: &str) -> String {
    format!("{ORDERS_PAGE}/{id}")
}

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    view! {
        <I18nRoot>
            <Router base=BASE>
                <Portal />
            </Router>
        </I18nRoot>
    }
}

#[component]
fn Portal() -> impl IntoView {
    provide_base_path(BASE);
    let i18n = use_i18n();
    let session = Session::<DetaineeMe>::provide(SESSION_PATH);
    // Requests written without network wait here and leave from any page.
    RequestQueue::provide(session);
    // Only a change of timeout restarts the watcher, not every session refresh.
    let idle_timeout = Memo::new(move |_| {
        session
            .me()
            .with(|m| m.as_ref().map(|m| m.idle_timeout_seconds))
    });
    let hrefs = ["/", ACCOUNT_PAGE, CANTEEN_PAGE, ORDERS_PAGE, REQUESTS_PAGE].map(href);
    // The menu only once signed in: the sign-in page stays bare on a shared terminal.
    let nav = Signal::derive(move || {
        if session.me().with(Option::is_none) {
            return Vec::new();
        }
        let labels = [
            t_string!(i18n, detainee.nav_home),
            t_string!(i18n, detainee.nav_account),
            t_string!(i18n, detainee.nav_canteen),
            t_string!(i18n, detainee.nav_orders),
            t_string!(i18n, detainee.requests.nav),
        ];
        hrefs
            .iter()
            .zip(labels)
            .map(|(href, label)| NavLink {
                href: href.clone(),
                label: label.to_string(),
            })
            .collect()
    });
    let actions = move || {
        view! {
            <SignOutButton
                session=session
                label=move || t_string!(i18n, detainee.sign_out)
                sign_in_path=SIGN_IN
                large=true
            />
        }
    };
    view! {
        <AppShell
            layout=Layout::Tablet
            service_name=move || t_string!(i18n, detainee.service_name)
            tagline=move || t_string!(i18n, detainee.tagline)
            home_href=HOME_HREF
            actions=actions
            nav=nav
        >
            <Routes fallback=|| view! { <NotFound home_href=HOME_HREF /> }>
                <Route path=path!("/") view=Home />
                <Route path=path!("/connexion") view=SignIn />
                <Route path=path!("/enrolement") view=Enrol />
                <Route path=path!("/compte") view=AccountPage />
                <Route path=path!("/cantine") view=CanteenPage />
                <Route path=path!("/cantine/panier") view=BasketPage />
                <Route path=path!("/commandes") view=OrdersPage />
                <Route path=path!("/commandes/:id") view=OrderPage />
                <Route path=path!("/demandes") view=RequestsPage />
                <Route path=path!("/demandes/nouvelle") view=NewRequestPage />
                <Route path=path!("/demandes/:id") view=RequestPage />
            </Routes>
        </AppShell>
        {move || {
            idle_timeout
                .get()
                .map(|seconds| view! { <IdleWatcher session=session timeout_seconds=seconds /> })
        }}
        <QueueFlusher />
    }
}
