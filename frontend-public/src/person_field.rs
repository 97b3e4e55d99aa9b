//! A text or date input for one field of a companion, with ids built at run time
//! (the kit's `InputField` takes static ids).

use leptos::prelude::*;

/// A DSFR input (`fr-input-group`) bound to `value`, with its label, hint and error.
#[component]
pub fn PersonField(
    id: String,
    #[prop(into)] label: TextProp,
    #[prop(optional, into)] hint: Option<TextProp>,
    #[prop(into)] error: Signal<Option<String>>,
    value: RwSignal<String>,
    #[prop(default = "text")] input_type: &'static str,
) -> impl IntoView {
    let has_hint = hint.is_some();
    let has_error = move || error.with(Option::is_some);
    let (hint_id, error_id) = (format!("{id}-hint"), format!("{id}-error"));
    let described_by = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || {
            let mut ids = Vec::new();
            if has_hint {
                ids.push(hint_id.clone());
            }
            if has_error() {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class=move || {
            if has_error() { "fr-input-group fr-input-group--error" } else { "fr-input-group" }
        }>
            <label class="fr-label" for=id.clone()>
                {move || label.get()}
            </label>
            {hint
                .map(|h| {
                    view! {
                        <p class="fr-hint-text fr-mb-1w" id=hint_id>
                            {move || h.get()}
                        </p>
                    }
                })}
            <input
                class=move || if has_error() { "fr-input fr-input--error" } else { "fr-input" }
                id=id.clone()
                name=id
                type=input_type
                aria-invalid=move || has_error().then_some("true")
                aria-describedby=described_by
                bind:value=value
            />
            {move || {
                error
                    .get()
                    .map(|text| {
                        view! {
                            <p class="fr-error-text" id=error_id.clone()>
                                {text}
                            </p>
                        }
                    })
            }}
        </div>
    }
}
