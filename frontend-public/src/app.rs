//! Routes and page frame of the family portal.

use frontend_kit::components::{AppShell, Layout, NotFound};
use frontend_kit::i18n::{t_string, use_i18n};
use frontend_kit::{I18nRoot, Session, SignOutButton, provide_base_path};
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;
use shared_types::auth::VisitorMe;

use crate::booking::BookingPage;
use crate::confirm_email::ConfirmEmailPage;
use crate::flash::Flash;
use crate::home::Home;
use crate::link_request::LinkRequestPage;
use crate::profile::ProfilePage;
use crate::sign_in::SignIn;
use crate::sign_up::SignUp;
use crate::visit_info::VisitInfoPage;
use crate::visits::VisitsPage;

/// The portal is served at the site root.
pub const BASE: &str = "";
/// Session endpoint of the family portal.
pub const SESSION_PATH: &str = "/api/public/session";
/// Sign-up endpoint.
pub const ACCOUNT_PATH: &str = "/api/public/account";
/// In-portal path of the sign-in page.
pub const SIGN_IN: &str = "/connexion";

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    view! {
        <I18nRoot>
            <Router>
                <Portal />
            </Router>
        </I18nRoot>
    }
}

#[component]
fn Portal() -> impl IntoView {
    provide_base_path(BASE);
    Flash::provide();
    let i18n = use_i18n();
    let session = Session::<VisitorMe>::provide(SESSION_PATH);
    let actions = move || {
        view! {
            <SignOutButton
                session=session
                label=move || t_string!(i18n, public.sign_out)
                sign_in_path=SIGN_IN
            />
        }
    };
    view! {
        <AppShell
            layout=Layout::Phone
            service_name=move || t_string!(i18n, public.service_name)
            tagline=move || t_string!(i18n, public.tagline)
            home_href="/"
            actions=actions
        >
            <Routes fallback=|| view! { <NotFound home_href="/" /> }>
                <Route path=path!("/") view=Home />
                <Route path=path!("/connexion") view=SignIn />
                <Route path=path!("/inscription") view=SignUp />
                <Route path=path!("/confirmer-email") view=ConfirmEmailPage />
                <Route path=path!("/profil") view=ProfilePage />
                <Route path=path!("/lien") view=LinkRequestPage />
                <Route path=path!("/reserver/:link_id") view=BookingPage />
                <Route path=path!("/visites") view=VisitsPage />
                <Route path=path!("/infos/:establishment_id") view=VisitInfoPage />
            </Routes>
        </AppShell>
    }
}
