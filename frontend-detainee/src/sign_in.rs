//! `/detenu/connexion`: sign-in with registration number and PIN, on enrolled terminals only.

use frontend_kit::components::{
    Alert, AlertKind, Button, ButtonKind, ErrorAlert, InputField, Loading, SubmitRow,
};
use frontend_kit::i18n::{t, t_string, use_i18n};
use frontend_kit::{FormState, Session, api, api_error_message, href, redirect_when_signed_in};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use shared_types::auth::{DetaineeMe, DetaineeSignIn, TerminalStatus};

use crate::app::{ENROL, SESSION_PATH, TERMINAL_PATH};

/// Sign-in page: first checks that this browser is an enrolled terminal.
#[component]
pub fn SignIn() -> impl IntoView {
    let i18n = use_i18n();
    let session = Session::<DetaineeMe>::expect();
    redirect_when_signed_in(session, "/");
    let terminal = LocalResource::new(|| api::get::<TerminalStatus>(TERMINAL_PATH));
    view! {
        <h1>{t!(i18n, detainee.sign_in_title)}</h1>
        {move || match terminal.get() {
            None => view! { <Loading /> }.into_any(),
            Some(Err(error)) => {
                view! {
                    <ErrorAlert message=Some(api_error_message(i18n, &error)) />
                    <Button kind=ButtonKind::Secondary plain=true large=true on_click=move |_| terminal.refetch()>
                        {t!(i18n, common.retry)}
                    </Button>
                }
                    .into_any()
            }
            Some(Ok(status)) if !status.enrolled => view! { <NotEnrolled /> }.into_any(),
            Some(Ok(status)) => view! { <SignInForm status=status /> }.into_any(),
        }}
    }
}

/// The refusal shown to a browser that is not an enrolled terminal, with the way out.
#[component]
fn NotEnrolled() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Alert kind=AlertKind::Error>{t!(i18n, detainee.not_enrolled)}</Alert>
        <a class="fr-btn fr-btn--lg" href=href(ENROL)>
            {t!(i18n, detainee.enrol_link)}
        </a>
    }
}

#[component]
fn SignInForm(status: TerminalStatus) -> impl IntoView {
    let i18n = use_i18n();
    let session = Session::<DetaineeMe>::expect();
    let number = RwSignal::new(String::new());
    let pin = RwSignal::new(String::new());
    let form = FormState::new();
    let place = status
        .establishment
        .map(|e| e.name)
        .zip(status.location)
        .map(|(establishment, location)| {
            view! {
                <p class="fr-text--lg">
                    {move || {
                        t_string!(
                            i18n, detainee.terminal_at, establishment = establishment.clone(), location
                            = location.clone()
                        )
                            .to_string()
                    }}
                </p>
            }
        });

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let body = DetaineeSignIn {
            registration_number: number.get_untracked().trim().to_owned(),
            pin: pin.get_untracked().trim().to_owned(),
        };
        let check = body.validate();
        form.submit(
            check,
            move || async move { api::post::<_, DetaineeMe>(SESSION_PATH, &body).await },
            move |me| session.signed_in(me),
        );
    };
    // The API refuses with 403 when the terminal lost its enrolment since the page loaded.
    let refused = move || {
        form.error
            .with(|e| e.as_ref().and_then(|e| e.status()) == Some(403))
    };
    let alert = Signal::derive(move || {
        form.error.get().and_then(|e| match e.status() {
            Some(403) => None,
            Some(401) => Some(t_string!(i18n, detainee.wrong_credentials).to_string()),
            _ => Some(api_error_message(i18n, &e)),
        })
    });

    view! {
        {place}
        <Show when=refused>
            <NotEnrolled />
        </Show>
        <ErrorAlert message=alert />
        <form class="ned-form" novalidate=true on:submit=on_submit>
            <InputField
                id="registration_number"
                label=move || t_string!(i18n, detainee.registration_number)
                hint=move || t_string!(i18n, detainee.registration_number_hint)
                autocomplete="off"
                value=number
                error=form.field_error("registration_number")
                large=true
            />
            <InputField
                id="pin"
                label=move || t_string!(i18n, detainee.pin)
                hint=move || t_string!(i18n, detainee.pin_hint)
                input_type="password"
                inputmode="numeric"
                autocomplete="off"
                value=pin
                error=form.field_error("pin")
                large=true
            />
            <SubmitRow pending=form.pending large=true>{t!(i18n, detainee.sign_in)}</SubmitRow>
        </form>
    }
}
