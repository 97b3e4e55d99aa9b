//! Form fields with their label, hint and error message, tied together for screen readers.

use leptos::prelude::*;

/// Builds `aria-describedby` from the messages actually on screen (dangling ids fail audits).
pub(super) fn described_by(id: &str, has_hint: bool, has_error: bool) -> Option<String> {
    let mut ids = Vec::new();
    if has_hint {
        ids.push(format!("{id}-hint"));
    }
    if has_error {
        ids.push(format!("{id}-error"));
    }
    (!ids.is_empty()).then(|| ids.join(" "))
}

/// A DSFR text input (`fr-input-group`) bound to `value`.
#[component]
pub fn InputField(
    /// Element id, also the prefix of the hint and error ids; built at run time for lists.
    #[prop(into)]
    id: String,
    #[prop(into)] label: TextProp,
    #[prop(optional, into)] hint: Option<TextProp>,
    /// The message under the field; `None` when the field is fine.
    #[prop(into)]
    error: Signal<Option<String>>,
    value: RwSignal<String>,
    /// HTML input type: `text`, `email`, `password`…
    #[prop(default = "text")]
    input_type: &'static str,
    #[prop(optional)] autocomplete: Option<&'static str>,
    /// Virtual keyboard hint for touch screens, e.g. `numeric`.
    #[prop(optional)]
    inputmode: Option<&'static str>,
    /// Larger text and target, for tablets.
    #[prop(optional)]
    large: bool,
    /// Bounds of a `number` input, announced by screen readers and kept by its arrows.
    #[prop(optional)]
    min: Option<u32>,
    #[prop(optional)] max: Option<u32>,
) -> impl IntoView {
    let has_hint = hint.is_some();
    let has_error = move || error.with(Option::is_some);
    let group_class = move || {
        if has_error() {
            "fr-input-group fr-input-group--error"
        } else {
            "fr-input-group"
        }
    };
    let input_class = move || {
        let mut c = String::from("fr-input");
        if has_error() {
            c.push_str(" fr-input--error");
        }
        if large {
            c.push_str(" ned-input--lg");
        }
        c
    };
    let (hint_id, error_id) = (format!("{id}-hint"), format!("{id}-error"));
    let described = {
        let id = id.clone();
        move || described_by(&id, has_hint, has_error())
    };
    view! {
        <div class=group_class>
            // The hint sits outside the label so the accessible name is the label alone.
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
                class=input_class
                id=id.clone()
                name=id
                type=input_type
                autocomplete=autocomplete
                inputmode=inputmode
                min=min
                max=max
                aria-invalid=move || has_error().then_some("true")
                aria-describedby=described
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

/// One choice of a [`SelectField`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SelectOption {
    /// Sent value.
    pub value: String,
    /// Shown text.
    pub label: String,
}

/// A DSFR select (`fr-select-group`) bound to `value`, with an empty "choose" first option.
#[component]
pub fn SelectField(
    /// Element id, also the prefix of the error id.
    #[prop(into)]
    id: String,
    #[prop(into)] label: TextProp,
    /// Text of the empty first option.
    #[prop(into)]
    placeholder: TextProp,
    #[prop(into)] options: Signal<Vec<SelectOption>>,
    #[prop(into)] error: Signal<Option<String>>,
    value: RwSignal<String>,
) -> impl IntoView {
    let has_error = move || error.with(Option::is_some);
    let error_id = format!("{id}-error");
    let described = {
        let id = id.clone();
        move || described_by(&id, false, has_error())
    };
    view! {
        <div class=move || {
            if has_error() { "fr-select-group fr-select-group--error" } else { "fr-select-group" }
        }>
            <label class="fr-label" for=id.clone()>
                {move || label.get()}
            </label>
            <select
                class=move || if has_error() { "fr-select fr-select--error" } else { "fr-select" }
                id=id.clone()
                name=id
                aria-invalid=move || has_error().then_some("true")
                aria-describedby=described
                prop:value=move || value.get()
                on:change=move |ev| value.set(event_target_value(&ev))
            >
                <option value="" disabled=true selected=move || value.with(String::is_empty)>
                    {move || placeholder.get()}
                </option>
                <For
                    each=move || options.get()
                    key=|o| o.value.clone()
                    children=move |o| {
                        let v = o.value.clone();
                        view! {
                            <option value=o.value selected=move || value.with(|cur| *cur == v)>
                                {o.label}
                            </option>
                        }
                    }
                />
            </select>
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
