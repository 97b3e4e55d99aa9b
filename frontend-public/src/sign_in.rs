//! `/connexion`: a visitor signs in with e-mail and password.

use frontend_kit::components::{ErrorAlert, InputField, SubmitRow};
use frontend_kit::i18n::{t, t_string, use_i18n};
use frontend_kit::{FormState, Session, api, api_error_message, href, redirect_when_signed_in};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use shared_types::auth::{VisitorMe, VisitorSignIn};

use crate::app::SESSION_PATH;

/// Sign-in page.
#[component]
pub fn SignIn() -> impl IntoView {
    let i18n = use_i18n();
    let session = Session::<VisitorMe>::expect();
    redirect_when_signed_in(session, "/");
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let form = FormState::new();

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let body = VisitorSignIn {
            email: email.get_untracked().trim().to_owned(),
            password: password.get_untracked(),
        };
        let check = body.validate();
        form.submit(
            check,
            move || async move { api::post::<_, VisitorMe>(SESSION_PATH, &body).await },
            move |me| session.signed_in(me),
        );
    };
    let alert = Signal::derive(move || {
        form.error.get().map(|e| match e.status() {
            Some(401) => t_string!(i18n, public.wrong_credentials).to_string(),
            _ => api_error_message(i18n, &e),
        })
    });

    view! {
        <h1>{t!(i18n, public.sign_in_title)}</h1>
        <ErrorAlert message=alert />
        <form class="ned-form" novalidate=true on:submit=on_submit>
            <InputField
                id="email"
                label=move || t_string!(i18n, public.email)
                hint=move || t_string!(i18n, public.email_hint)
                input_type="email"
                autocomplete="email"
                value=email
                error=form.field_error("email")
            />
            <InputField
                id="password"
                label=move || t_string!(i18n, public.password)
                input_type="password"
                autocomplete="current-password"
                value=password
                error=form.field_error("password")
            />
            <SubmitRow pending=form.pending>{t!(i18n, public.sign_in)}</SubmitRow>
        </form>
        <hr class="fr-mt-4w" />
        <h2 class="fr-h5">{t!(i18n, public.no_account)}</h2>
        <a class="fr-btn fr-btn--secondary" href=href("/inscription")>
            {t!(i18n, public.create_account)}
        </a>
    }
}
