//! Step 3 of a new request: what was chosen, the text with its counter, and "Envoyer".

use frontend_kit::components::{Button, ButtonKind, ErrorAlert, SubmitRow, TextareaField};
use frontend_kit::i18n::{t, t_string, use_i18n};
use frontend_kit::request_labels::{service_label, subject_text};
use frontend_kit::{FormState, api_error_message};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use shared_types::requests::{FREE_SUBJECT, TEXT_MAX};
use shared_types::roles::Service;

use crate::requests::draft::Draft;
use crate::requests::service_icon::ServiceIcon;

/// The last step; `on_submit` sends (the page owns the idempotency key and the queue).
#[component]
pub fn TextStep(
    draft: Draft,
    service: Service,
    form: FormState,
    #[prop(into)] on_submit: Callback<()>,
    #[prop(into)] on_back: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let subject = move || {
        let code = draft.subject.get();
        let free = draft.free_subject.get();
        let free = (code == FREE_SUBJECT).then_some(free.trim());
        subject_text(i18n, &code, free)
    };
    let alert = Signal::derive(move || {
        form.error
            .get()
            .filter(|e| e.field_errors().is_empty())
            .map(|e| api_error_message(i18n, &e))
    });
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        on_submit.run(());
    };
    view! {
        <dl class="ned-facts ned-request-facts">
            <dt>{t!(i18n, detainee.requests.service_is)}</dt>
            <dd class="fr-text--lg">
                <ServiceIcon service=service />
                {move || service_label(i18n, service)}
            </dd>
            <dt>{t!(i18n, detainee.requests.subject_is)}</dt>
            <dd class="fr-text--lg">{subject}</dd>
        </dl>
        <form class="ned-form" novalidate=true on:submit=submit>
            <ErrorAlert message=alert />
            <TextareaField
                id="request-text"
                label=move || t_string!(i18n, detainee.requests.text_label)
                hint=move || t_string!(i18n, detainee.requests.text_hint)
                value=draft.text
                error=form.field_error("text")
                rows=8
                max_chars=TEXT_MAX
            />
            <div class="ned-actions">
                <SubmitRow pending=form.pending large=true>
                    <span class="fr-icon-send-plane-line fr-mr-1w" aria-hidden="true"></span>
                    {t!(i18n, detainee.requests.send)}
                </SubmitRow>
                <Button
                    kind=ButtonKind::Secondary
                    plain=true
                    large=true
                    disabled=form.pending
                    on_click=move |_| on_back.run(())
                >
                    <span class="fr-icon-arrow-left-line fr-mr-1w" aria-hidden="true"></span>
                    {t!(i18n, detainee.requests.back)}
                </Button>
            </div>
        </form>
    }
}
