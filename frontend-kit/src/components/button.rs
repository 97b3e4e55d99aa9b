//! DSFR buttons (`fr-btn`).

use leptos::ev::MouseEvent;
use leptos::prelude::*;

/// The DSFR button hierarchy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ButtonKind {
    /// Filled blue: the one main action of a form.
    #[default]
    Primary,
    /// Outlined.
    Secondary,
    /// Text only, for minor actions.
    Tertiary,
}

/// A DSFR button; `submit` by default so it works inside forms with the keyboard.
#[component]
pub fn Button(
    #[prop(optional)] kind: ButtonKind,
    /// Large targets for touch screens.
    #[prop(optional)]
    large: bool,
    /// Small, for actions in table rows.
    #[prop(optional)]
    small: bool,
    /// Accessible name when the visible text alone is ambiguous (several rows offer it); it
    /// must start with the visible text.
    #[prop(optional, into)]
    aria_label: Option<TextProp>,
    /// `button` instead of `submit`, for buttons outside forms.
    #[prop(optional)]
    plain: bool,
    #[prop(optional, into)] disabled: Signal<bool>,
    #[prop(optional, into)] on_click: Option<Callback<MouseEvent>>,
    #[prop(optional, into)] node_ref: Option<NodeRef<leptos::html::Button>>,
    children: Children,
) -> impl IntoView {
    let mut class = String::from("fr-btn");
    match kind {
        ButtonKind::Primary => {}
        ButtonKind::Secondary => class.push_str(" fr-btn--secondary"),
        ButtonKind::Tertiary => class.push_str(" fr-btn--tertiary"),
    }
    if large {
        class.push_str(" fr-btn--lg");
    } else if small {
        class.push_str(" fr-btn--sm");
    }
    let node_ref = node_ref.unwrap_or_default();
    view! {
        <button
            node_ref=node_ref
            type=if plain { "button" } else { "submit" }
            class=class
            aria-label=move || aria_label.as_ref().map(|l| l.get())
            disabled=move || disabled.get()
            on:click=move |ev| {
                if let Some(cb) = on_click {
                    cb.run(ev);
                }
            }
        >
            {children()}
        </button>
    }
}

/// A form's main button, disabled and followed by a loading indicator while `pending`.
#[component]
pub fn SubmitRow(
    #[prop(into)] pending: Signal<bool>,
    /// Large target for touch screens.
    #[prop(optional)]
    large: bool,
    children: Children,
) -> impl IntoView {
    view! {
        <div class="ned-actions">
            <Button large=large disabled=pending>
                {children()}
            </Button>
            <Show when=move || pending.get()>
                <super::Loading />
            </Show>
        </div>
    }
}
