//! Step 2 of a new request: the subject, from the service's short list or in a few words.

use frontend_kit::FormState;
use frontend_kit::components::{Button, ButtonKind, InputField};
use frontend_kit::i18n::{t, t_string, use_i18n};
use frontend_kit::request_labels::subject_label;
use leptos::prelude::*;
use shared_types::requests::{FREE_SUBJECT, SUBJECT_MAX, subjects};
use shared_types::roles::Service;

use crate::requests::draft::{Draft, subject_errors};

/// The subjects as radio buttons, "Autre sujet" last with its text field; "Continuer" checks
/// the choice before `on_next`.
#[component]
pub fn SubjectStep(
    draft: Draft,
    service: Service,
    form: FormState,
    #[prop(into)] on_next: Callback<()>,
    #[prop(into)] on_back: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let codes: Vec<&'static str> = subjects(service)
        .iter()
        .copied()
        .chain([FREE_SUBJECT])
        .collect();
    let subject_error = Signal::derive(move || {
        form.field_errors
            .with(|all| all.iter().any(|e| e.field == "subject"))
            .then(|| t_string!(i18n, detainee.requests.choose_subject).to_string())
    });
    let radios = codes
        .into_iter()
        .enumerate()
        .map(|(n, code)| {
            let id = format!("subject-{n}");
            view! {
                <div class="fr-fieldset__element">
                    <div class="fr-radio-group ned-radio">
                        <input
                            type="radio"
                            id=id.clone()
                            name="subject"
                            value=code
                            prop:checked=move || draft.subject.with(|s| s == code)
                            on:change=move |_| draft.subject.set(code.to_owned())
                        />
                        <label class="fr-label" for=id>
                            {move || subject_label(i18n, code)}
                        </label>
                    </div>
                </div>
            }
        })
        .collect_view();
    let next = move |_| {
        let errors = draft
            .request(String::from("-"))
            .map(|r| subject_errors(&r))
            .unwrap_or_default();
        if errors.is_empty() {
            form.reset();
            on_next.run(());
        } else {
            form.field_errors.set(errors);
        }
    };
    let is_free = move || draft.subject.with(|s| s == FREE_SUBJECT);
    view! {
        <fieldset
            class=move || {
                if subject_error.with(Option::is_some) {
                    "fr-fieldset fr-fieldset--error"
                } else {
                    "fr-fieldset"
                }
            }
            id="subjects"
            aria-labelledby="subjects-legend subjects-messages"
        >
            <legend class="fr-fieldset__legend fr-text--lg" id="subjects-legend">
                {t!(i18n, detainee.requests.subject_question)}
            </legend>
            {radios}
            <div class="fr-messages-group" id="subjects-messages" aria-live="polite">
                {move || {
                    subject_error
                        .get()
                        .map(|text| view! { <p class="fr-message fr-message--error">{text}</p> })
                }}
            </div>
        </fieldset>
        <Show when=is_free>
            <InputField
                id="free-subject"
                label=move || t_string!(i18n, detainee.requests.free_subject_label)
                hint=move || t_string!(i18n, detainee.requests.free_subject_hint, max = SUBJECT_MAX)
                error=form.field_error("free_subject")
                value=draft.free_subject
                large=true
            />
        </Show>
        <div class="ned-actions fr-mt-3w">
            <Button large=true plain=true on_click=next>
                {t!(i18n, detainee.requests.next)}
            </Button>
            <Button kind=ButtonKind::Secondary plain=true large=true on_click=move |_| on_back.run(())>
                <span class="fr-icon-arrow-left-line fr-mr-1w" aria-hidden="true"></span>
                {t!(i18n, detainee.requests.back)}
            </Button>
        </div>
    }
}
