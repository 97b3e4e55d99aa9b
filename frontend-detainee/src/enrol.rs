//! `/detenu/enrolement`: a terminal enrols with the one-time code an agent generated.

use frontend_kit::components::{ErrorAlert, InputField, SubmitRow};
use frontend_kit::i18n::{t, t_string, use_i18n};
use frontend_kit::paths::use_go;
use frontend_kit::{FormState, api, api_error_message};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use shared_types::auth::{TerminalEnrol, TerminalStatus};

use crate::app::{SIGN_IN, TERMINAL_PATH};

/// Enrolment page; once enrolled, the terminal goes to the sign-in page, which names it.
#[component]
pub fn Enrol() -> impl IntoView {
    let i18n = use_i18n();
    let code = RwSignal::new(String::new());
    let form = FormState::new();
    let go = use_go();

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        // Sent as typed: the API normalises codes (case, dashes) with the shared rule.
        let body = TerminalEnrol {
            code: code.get_untracked().trim().to_owned(),
        };
        let check = body.validate();
        let go = go.clone();
        form.submit(
            check,
            move || async move { api::post::<_, TerminalStatus>(TERMINAL_PATH, &body).await },
            move |_status| go(SIGN_IN, false),
        );
    };
    let alert = Signal::derive(move || {
        form.error.get().map(|e| match e.status() {
            Some(400 | 404 | 409 | 410 | 422) => {
                t_string!(i18n, detainee.enrol_bad_code).to_string()
            }
            _ => api_error_message(i18n, &e),
        })
    });

    view! {
        <h1>{t!(i18n, detainee.enrol_title)}</h1>
        <p class="fr-text--lg">{t!(i18n, detainee.enrol_intro)}</p>
        <ErrorAlert message=alert />
        <form class="ned-form" novalidate=true on:submit=on_submit>
            <InputField
                id="code"
                label=move || t_string!(i18n, detainee.enrol_code)
                hint=move || t_string!(i18n, detainee.enrol_code_hint)
                autocomplete="off"
                value=code
                error=form.field_error("code")
                large=true
            />
            <SubmitRow pending=form.pending large=true>{t!(i18n, detainee.enrol_button)}</SubmitRow>
        </form>
    }
}
