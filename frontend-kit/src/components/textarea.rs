//! A multi-line DSFR field (`fr-input-group` with a `textarea`), for longer texts.

use leptos::prelude::*;

use super::field::described_by;

/// A DSFR textarea bound to `value`, with its label, optional hint and error message.
#[component]
pub fn TextareaField(
    /// Element id, also the prefix of the hint and error ids; built at run time for lists.
    #[prop(into)]
    id: String,
    #[prop(into)] label: TextProp,
    #[prop(optional, into)] hint: Option<TextProp>,
    /// The message under the field; `None` when the field is fine.
    #[prop(into)]
    error: Signal<Option<String>>,
    value: RwSignal<String>,
    /// Visible lines.
    #[prop(default = 4)]
    rows: u32,
) -> impl IntoView {
    let has_hint = hint.is_some();
    let has_error = move || error.with(Option::is_some);
    let (hint_id, error_id) = (format!("{id}-hint"), format!("{id}-error"));
    let described = {
        let id = id.clone();
        move || described_by(&id, has_hint, has_error())
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
            <textarea
                class=move || if has_error() { "fr-input fr-input--error" } else { "fr-input" }
                id=id.clone()
                name=id
                rows=rows
                aria-invalid=move || has_error().then_some("true")
                aria-describedby=described
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            ></textarea>
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
