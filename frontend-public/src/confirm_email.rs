//! `/confirmer-email?jeton=…`: the page the confirmation e-mail links to. It confirms at once,
//! signed in or not (the link may be opened on another device), then says what to do next.

use frontend_kit::components::{Alert, AlertKind, ErrorAlert, Loading};
use frontend_kit::i18n::{t, t_string, use_i18n};
use frontend_kit::{Session, api, api_error_message, href};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use shared_types::auth::VisitorMe;
use shared_types::profile::{EmailConfirmation, EmailConfirmed};

use crate::app::SIGN_IN;
use crate::endpoints::CONFIRM_EMAIL;
use crate::page_title::PageTitle;
use crate::resend_link::ResendLink;

/// The confirmation page.
#[component]
pub fn ConfirmEmailPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = Session::<VisitorMe>::expect();
    let token = use_query_map()
        .with_untracked(|q| q.get("jeton"))
        .map(|t| t.trim().to_owned())
        .filter(|t| !t.is_empty());
    // Read once, outside the fetcher: the link works once, so the call must not run twice.
    let result = LocalResource::new(move || {
        let token = token.clone();
        async move {
            let token = token?;
            let answer =
                api::post::<_, EmailConfirmed>(CONFIRM_EMAIL, &EmailConfirmation { token }).await;
            if answer.is_ok() {
                session.refresh();
            }
            Some(answer)
        }
    });
    let body = move || match result.get() {
        None => view! { <Loading /> }.into_any(),
        Some(Some(Ok(confirmed))) => view! {
            <Alert kind=AlertKind::Success>
                {t_string!(i18n, public.email_confirmed, email = confirmed.email).to_string()}
            </Alert>
            <a class="fr-btn" href=href("/")>
                {t!(i18n, public.go_home)}
            </a>
        }
        .into_any(),
        Some(failure) => {
            let message = match failure {
                Some(Err(error)) => api_error_message(i18n, &error),
                _ => t_string!(i18n, public.confirm_missing_token).to_string(),
            };
            view! {
                <ErrorAlert message=Some(message) />
                <NextStep />
            }
            .into_any()
        }
    };
    view! {
        <PageTitle>{t!(i18n, public.confirm_email_title)}</PageTitle>
        {body}
    }
}

/// After a failed confirmation: a new link when signed in and still unconfirmed, the way to
/// sign in otherwise.
#[component]
fn NextStep() -> impl IntoView {
    let i18n = use_i18n();
    let me = Session::<VisitorMe>::expect().me();
    move || match me.get() {
        Some(me) if !me.email_confirmed => view! { <ResendLink /> }.into_any(),
        Some(_) => view! {
            <a class="fr-link" href=href("/")>
                {t!(i18n, public.go_home)}
            </a>
        }
        .into_any(),
        None => view! {
            <p>{t!(i18n, public.confirm_sign_in_to_resend)}</p>
            <a class="fr-link" href=href(SIGN_IN)>
                {t!(i18n, public.go_sign_in)}
            </a>
        }
        .into_any(),
    }
}
