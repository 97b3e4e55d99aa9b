//! A multi-line DSFR field (`fr-input-group` with a `textarea`), for longer texts.

use leptos::oco::Oco;
use leptos::prelude::*;

use crate::i18n::{t_string, use_i18n};

/// A DSFR textarea bound to `value`, with its label, optional hint and error message.
#[component]
pub fn TextareaField(
    /// Element id, also the prefix of the hint and error ids; built at run time when a page
    /// holds one field per item (e.g. one per order line).
    #[prop(into)]
    id: Oco<'static, str>,
    #[prop(into)] label: TextProp,
    #[prop(optional, into)] hint: Option<TextProp>,
    /// The message under the field; `None` when the field is fine.
    #[prop(into)]
    error: Signal<Option<String>>,
    value: RwSignal<String>,
    /// Visible lines.
    #[prop(default = 4)]
    rows: u32,
    /// Longest text allowed, in characters: shows a counter ("120 / 500 caractères").
    #[prop(optional)]
    max_chars: Option<usize>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = id.to_string();
    let has_hint = hint.is_some();
    let has_error = move || error.with(Option::is_some);
    let described_by = {
        let id = id.clone();
        move || {
            let mut ids = Vec::new();
            if has_hint {
                ids.push(format!("{id}-hint"));
            }
            if max_chars.is_some() {
                ids.push(format!("{id}-count"));
            }
            if has_error() {
                ids.push(format!("{id}-error"));
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    let hint_id = format!("{id}-hint");
    let count_id = format!("{id}-count");
    let error_id = format!("{id}-error");
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
                aria-describedby=described_by
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            ></textarea>
            {max_chars
                .map(|max| {
                    let count = move || value.with(|v| v.chars().count());
                    view! {
                        <p
                            class=move || {
                                if count() > max {
                                    "fr-hint-text fr-mt-1w ned-count ned-count--over"
                                } else {
                                    "fr-hint-text fr-mt-1w ned-count"
                                }
                            }
                            id=count_id
                        >
                            {move || {
                                t_string!(i18n, common.char_count, count = count(), max = max)
                                    .to_string()
                            }}
                        </p>
                    }
                })}
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
