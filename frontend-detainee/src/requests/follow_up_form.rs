//! "Ajouter un message" on an open request.

use frontend_kit::components::{ErrorAlert, SubmitRow, TextareaField};
use frontend_kit::i18n::{t, t_string, use_i18n};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use shared_types::requests::{RequestDetail, TEXT_MAX};

use crate::endpoints;
use crate::requests::message_send::MessageSend;

/// The follow-up form; the updated request and a confirmation go to `on_sent`.
#[component]
pub fn FollowUpForm(
    id: String,
    #[prop(into)] on_sent: Callback<(RequestDetail, String)>,
) -> impl IntoView {
    let i18n = use_i18n();
    let send = MessageSend::new();
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        send.send(endpoints::request_follow_up(&id), move |detail| {
            let done = t_string!(i18n, detainee.requests.follow_up_sent).to_string();
            on_sent.run((detail, done));
        });
    };
    view! {
        <section class="fr-mt-4w" aria-labelledby="follow-up-title">
            <h2 class="fr-h4" id="follow-up-title">{t!(i18n, detainee.requests.follow_up_title)}</h2>
            <form class="ned-form" novalidate=true on:submit=on_submit>
                <ErrorAlert message=send.alert(i18n) />
                <TextareaField
                    id="follow-up-text"
                    label=move || t_string!(i18n, detainee.requests.follow_up_label)
                    hint=move || t_string!(i18n, detainee.requests.follow_up_hint)
                    value=send.text
                    error=send.form.field_error("text")
                    rows=4
                    max_chars=TEXT_MAX
                />
                <SubmitRow pending=send.form.pending large=true>
                    <span class="fr-icon-send-plane-line fr-mr-1w" aria-hidden="true"></span>
                    {t!(i18n, detainee.requests.follow_up_send)}
                </SubmitRow>
            </form>
        </section>
    }
}
