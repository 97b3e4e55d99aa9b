//! Adding an answer template to a service: a short title to pick it by, and its text.

use frontend_kit::components::{ErrorAlert, InputField, SubmitRow, TextareaField};
use frontend_kit::i18n::{t, t_string, use_i18n};
use frontend_kit::{FormState, api, api_error_message};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use shared_types::requests::ANSWER_MAX;
use shared_types::requests::console::{NewTemplate, Template};
use shared_types::roles::Service;

use crate::form_input::text;

/// The form; `base` is the establishment's templates path.
#[component]
pub fn TemplateForm(
    base: String,
    service: Service,
    #[prop(into)] on_done: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let title = RwSignal::new(String::new());
    let body_text = RwSignal::new(String::new());
    let form = FormState::new();
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let body = NewTemplate {
            service,
            title: text(title),
            text: text(body_text),
        };
        let check = body.validate();
        let path = base.clone();
        form.submit(
            check,
            move || async move { api::post::<_, Template>(&path, &body).await },
            move |_| {
                title.try_set(String::new());
                body_text.try_set(String::new());
                on_done.run(());
            },
        );
    };
    let alert = Signal::derive(move || form.error.get().map(|e| api_error_message(i18n, &e)));
    view! {
        <section class="fr-mt-4w">
            <h2 class="fr-h4">{t!(i18n, agent.requests.template_new)}</h2>
            <ErrorAlert message=alert />
            <form class="ned-form" novalidate=true on:submit=on_submit>
                <InputField id="template-title" label=move || t_string!(i18n, agent.requests.template_title_label)
                    hint=move || t_string!(i18n, agent.requests.template_title_hint)
                    autocomplete="off" value=title error=form.field_error("title") />
                <TextareaField id="template-text" label=move || t_string!(i18n, agent.requests.template_text_label)
                    rows=6 value=body_text max_chars=ANSWER_MAX error=form.field_error("text") />
                <SubmitRow pending=form.pending>{t!(i18n, agent.requests.template_add)}</SubmitRow>
            </form>
        </section>
    }
}
