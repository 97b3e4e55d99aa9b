//! `/agent/connexion`: an agent signs in with login and password.

use frontend_kit::components::{ErrorAlert, InputField, SubmitRow};
use frontend_kit::i18n::{t, t_string, use_i18n};
use frontend_kit::{FormState, Session, api, api_error_message, redirect_when_signed_in};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use shared_types::auth::{AgentMe, AgentSignIn};

use crate::app::SESSION_PATH;

/// Sign-in page.
#[component]
pub fn SignIn() -> impl IntoView {
    let i18n = use_i18n();
    let session = Session::<AgentMe>::expect();
    redirect_when_signed_in(session, "/");
    let login = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let form = FormState::new();

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let body = AgentSignIn {
            login: login.get_untracked().trim().to_owned(),
            password: password.get_untracked(),
        };
        let check = body.validate();
        form.submit(
            check,
            move || async move { api::post::<_, AgentMe>(SESSION_PATH, &body).await },
            move |me| session.signed_in(me),
        );
    };
    let alert = Signal::derive(move || {
        form.error.get().map(|e| match e.status() {
            Some(401) => t_string!(i18n, agent.wrong_credentials).to_string(),
            _ => api_error_message(i18n, &e),
        })
    });

    view! {
        <div class="fr-grid-row">
            <div class="fr-col-12 fr-col-md-8 fr-col-lg-6">
                <h1>{t!(i18n, agent.sign_in_title)}</h1>
                <ErrorAlert message=alert />
                <form class="ned-form" novalidate=true on:submit=on_submit>
                    <InputField
                        id="login"
                        label=move || t_string!(i18n, agent.login)
                        autocomplete="username"
                        value=login
                        error=form.field_error("login")
                    />
                    <InputField
                        id="password"
                        label=move || t_string!(i18n, agent.password)
                        input_type="password"
                        autocomplete="current-password"
                        value=password
                        error=form.field_error("password")
                    />
                    <SubmitRow pending=form.pending>{t!(i18n, agent.sign_in)}</SubmitRow>
                </form>
            </div>
        </div>
    }
}
