//! "Renvoyer le lien": asks for a new e-mail confirmation link and says where it went.

use frontend_kit::components::{Alert, AlertKind, Button, ButtonKind, ErrorAlert};
use frontend_kit::i18n::{t, t_string, use_i18n};
use frontend_kit::{ApiError, api, api_error_message};
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared_types::profile::ConfirmationSent;

use crate::endpoints::RESEND_CONFIRMATION;

/// A button that sends the confirmation link again, then the outcome under it.
#[component]
pub fn ResendLink() -> impl IntoView {
    let i18n = use_i18n();
    let pending = RwSignal::new(false);
    let outcome = RwSignal::new(None::<Result<ConfirmationSent, ApiError>>);
    let on_click = move |_| {
        if pending.get_untracked() {
            return;
        }
        pending.set(true);
        outcome.set(None);
        spawn_local(async move {
            let result = api::post::<_, ConfirmationSent>(RESEND_CONFIRMATION, &()).await;
            pending.try_set(false);
            outcome.try_set(Some(result));
        });
    };
    let message = move || match outcome.get() {
        None => None,
        Some(Ok(sent)) => Some(
            view! {
                <Alert kind=AlertKind::Success>
                    {t_string!(i18n, public.link_resent, email = sent.email).to_string()}
                </Alert>
            }
            .into_any(),
        ),
        // Too soon is not a failure: the last link is on its way.
        Some(Err(error)) if error.status() == Some(429) => Some(
            view! {
                <Alert kind=AlertKind::Info>
                    {t_string!(i18n, public.resend_too_soon).to_string()}
                </Alert>
            }
            .into_any(),
        ),
        Some(Err(error)) => {
            Some(view! { <ErrorAlert message=Some(api_error_message(i18n, &error)) /> }.into_any())
        }
    };
    view! {
        <div class="ned-actions fr-mb-2w">
            <Button kind=ButtonKind::Secondary plain=true disabled=pending on_click=on_click>
                {t!(i18n, public.resend_link)}
            </Button>
        </div>
        {message}
    }
}
