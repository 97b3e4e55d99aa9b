//! A multi-line DSFR field (`fr-input-group` with a `textarea`), for longer texts.

use leptos::prelude::*;

/// A DSFR textarea bound to `value`, with its label, optional hint and error message.
#[component]
pub fn TextareaField(
    /// Element id, also the prefix of the hint and error ids.
    id: &'static str,
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
    let described_by = move || {
        let mut ids = Vec::new();
        if has_hint {
            ids.push(format!("{id}-hint"));
        }
        if has_error() {
            ids.push(format!("{id}-error"));
        }
        (!ids.is_empty()).then(|| ids.join(" "))
    };
    view! {
        <div class=move || {
            if has_error() { "fr-input-group fr-input-group--error" } else { "fr-input-group" }
        }>
            <label class="fr-label" for=id>
                {move || label.get()}
            </label>
            {hint
                .map(|h| {
                    view! {
                        <p class="fr-hint-text fr-mb-1w" id=format!("{id}-hint")>
                            {move || h.get()}
                        </p>
                    }
                })}
            <textarea
                class=move || if has_error() { "fr-input fr-input--error" } else { "fr-input" }
                id=id
                name=id
                rows=rows
                aria-invalid=move || has_error().then_some("true")
                aria-describedby=described_by
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            ></textarea>
            {move || {
                error
                    .get()
                    .map(|text| {
                        view! {
                            <p class="fr-error-text" id=format!("{id}-error")>
                                {text}
                            </p>
                        }
                    })
            }}
        </div>
    }
}
