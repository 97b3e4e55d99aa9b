//! A reason typed by staff, a confirmation, then the action: rejecting a link request,
//! suspending a permit, cancelling a visit. Each of those endpoints takes `{"reason": …}`.

use frontend_kit::components::{ErrorAlert, SubmitRow, TextareaField};
use frontend_kit::{FormState, api, api_error_message};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use serde::Serialize;
use shared_types::FieldError;
use shared_types::validation::{Errors, required_text};

use crate::confirm::ConfirmPanel;

/// Longest reason the API keeps.
const REASON_MAX: usize = 500;

#[derive(Serialize)]
struct Reason {
    reason: String,
}

fn validate(reason: &str) -> Result<(), Vec<FieldError>> {
    let mut e = Errors::default();
    required_text(&mut e, "reason", reason, REASON_MAX);
    e.finish()
}

/// The reason field and `submit` button; once the reason is given, `confirm` is asked, then
/// the reason is posted to `path` and `on_done` runs.
#[component]
pub fn ReasonForm(
    /// Field id, unique on the page.
    #[prop(into)]
    id: String,
    path: String,
    #[prop(into)] label: TextProp,
    #[prop(into)] hint: TextProp,
    #[prop(into)] submit: TextProp,
    #[prop(into)] confirm: TextProp,
    #[prop(into)] on_done: Callback<()>,
) -> impl IntoView {
    let i18n = frontend_kit::i18n::use_i18n();
    let reason = RwSignal::new(String::new());
    let asking = RwSignal::new(false);
    let form = FormState::new();
    let text = move || reason.get_untracked().trim().to_owned();
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        form.reset();
        match validate(&text()) {
            Ok(()) => asking.set(true),
            Err(errors) => form.submit(Err(errors), || async { Ok(()) }, |()| {}),
        }
    };
    let on_confirm = move |()| {
        let body = Reason { reason: text() };
        let path = path.clone();
        form.submit(
            validate(&body.reason),
            move || async move { api::post_no_answer(&path, &body).await },
            move |()| on_done.run(()),
        );
    };
    let alert = Signal::derive(move || form.error.get().map(|e| api_error_message(i18n, &e)));
    view! {
        <ErrorAlert message=alert />
        <form class="ned-form" novalidate=true on:submit=on_submit>
            <TextareaField id=id label=label hint=hint rows=2 value=reason
                error=form.field_error("reason") />
            <SubmitRow pending=form.pending>{move || submit.get()}</SubmitRow>
        </form>
        <ConfirmPanel asking=asking message=confirm on_confirm=on_confirm />
    }
}
