//! A DSFR checkbox (`fr-checkbox-group`) with its label and optional hint.

use leptos::prelude::*;

/// One checkbox bound to `checked`; the hint sits inside the label, as the DSFR writes it.
#[component]
pub fn CheckboxField(
    /// Element id; built at run time for lists.
    #[prop(into)]
    id: String,
    #[prop(into)] label: TextProp,
    #[prop(optional, into)] hint: Option<TextProp>,
    checked: RwSignal<bool>,
) -> impl IntoView {
    view! {
        <div class="fr-checkbox-group fr-mb-2w">
            <input
                type="checkbox"
                id=id.clone()
                name=id.clone()
                prop:checked=move || checked.get()
                on:change=move |ev| checked.set(event_target_checked(&ev))
            />
            <label class="fr-label" for=id>
                {move || label.get()}
                {hint.map(|h| view! { <span class="fr-hint-text">{move || h.get()}</span> })}
            </label>
        </div>
    }
}
