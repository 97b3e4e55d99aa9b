//! Writing on a request: the answer the detainee will read (with a template to start from), or
//! an internal note for colleagues. Each submission keeps its idempotency key until it is
//! accepted, so a retry after a network loss never posts twice.

use frontend_kit::components::{ErrorAlert, SelectField, SelectOption, SubmitRow, TextareaField};
use frontend_kit::i18n::{t, t_string, use_i18n};
use frontend_kit::idempotency::new_key;
use frontend_kit::{FormState, api, api_error_message};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use shared_types::requests::ANSWER_MAX;
use shared_types::requests::console::{AgentRequestDetail, AgentText, Template};

use super::request_path;
use crate::form_input::text;

/// What the form writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextKind {
    /// Sent to the detainee.
    Answer,
    /// Kept between agents.
    Note,
}

/// The form; `on_done` receives the request as it stands after the text was added.
#[component]
pub fn AgentTextForm(
    request_id: String,
    kind: TextKind,
    templates: Vec<Template>,
    #[prop(into)] on_done: Callback<AgentRequestDetail>,
) -> impl IntoView {
    let i18n = use_i18n();
    let (prefix, endpoint) = match kind {
        TextKind::Answer => ("answer", "/answers"),
        TextKind::Note => ("note", "/notes"),
    };
    let path = request_path(&request_id, endpoint);
    let value = RwSignal::new(String::new());
    let picked = RwSignal::new(String::new());
    let key = StoredValue::new(new_key());
    let form = FormState::new();
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let body = AgentText {
            text: text(value),
            idempotency_key: key.get_value(),
        };
        let check = body.validate();
        let path = path.clone();
        form.submit(
            check,
            move || async move { api::post::<_, AgentRequestDetail>(&path, &body).await },
            move |detail| {
                value.try_set(String::new());
                picked.try_set(String::new());
                key.try_set_value(new_key());
                on_done.run(detail);
            },
        );
    };
    let alert = Signal::derive(move || form.error.get().map(|e| api_error_message(i18n, &e)));
    let (title, label, hint, send) = match kind {
        TextKind::Answer => (
            t!(i18n, agent.requests.answer_title).into_any(),
            Signal::derive(move || t_string!(i18n, agent.requests.answer_label).to_string()),
            Signal::derive(move || t_string!(i18n, agent.requests.answer_hint).to_string()),
            t!(i18n, agent.requests.answer_send).into_any(),
        ),
        TextKind::Note => (
            t!(i18n, agent.requests.note_title).into_any(),
            Signal::derive(move || t_string!(i18n, agent.requests.note_label).to_string()),
            Signal::derive(move || t_string!(i18n, agent.requests.note_hint).to_string()),
            t!(i18n, agent.requests.note_send).into_any(),
        ),
    };
    let picker = (!templates.is_empty()).then(|| {
        view! { <TemplatePicker id=format!("{prefix}-template") templates=templates picked=picked value=value /> }
    });
    view! {
        <section class="fr-mt-4w">
            <h3 class="fr-h5">{title}</h3>
            <ErrorAlert message=alert />
            <form class="ned-form" novalidate=true on:submit=on_submit>
                {picker}
                <TextareaField id=format!("{prefix}-text") label=move || label.get()
                    hint=move || hint.get() rows=6 value=value max_chars=ANSWER_MAX
                    error=form.field_error("text") />
                <SubmitRow pending=form.pending>{send}</SubmitRow>
            </form>
        </section>
    }
}

/// Choosing a template puts its text in the answer, where it can still be changed.
#[component]
fn TemplatePicker(
    id: String,
    templates: Vec<Template>,
    picked: RwSignal<String>,
    value: RwSignal<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let options: Vec<SelectOption> = templates
        .iter()
        .map(|t| SelectOption {
            value: t.id.clone(),
            label: t.title.clone(),
        })
        .collect();
    Effect::new(move |_| {
        let id = picked.get();
        if let Some(t) = templates.iter().find(|t| t.id == id) {
            value.set(t.text.clone());
        }
    });
    view! {
        <SelectField id=id label=move || t_string!(i18n, agent.requests.template_pick)
            placeholder=move || t_string!(i18n, agent.requests.template_choose)
            options=Signal::derive(move || options.clone()) value=picked
            error=Signal::derive(|| None::<String>) />
    }
}
