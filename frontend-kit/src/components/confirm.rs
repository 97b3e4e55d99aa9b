//! An action that asks first ("Annuler la commande ?" — Oui / Non), for what cannot be undone.

use leptos::html::Button as ButtonEl;
use leptos::prelude::*;

use super::{Button, ButtonKind, Loading};

/// A button that opens a question with "yes" and "no"; "yes" runs `on_confirm`.
///
/// The focus moves to "yes" when the question opens, and back to the button on "no".
#[component]
pub fn ConfirmButton(
    /// Text of the first button.
    #[prop(into)]
    label: TextProp,
    #[prop(into)] question: TextProp,
    #[prop(into)] yes: TextProp,
    #[prop(into)] no: TextProp,
    /// True while the confirmed action runs: both answers are disabled.
    #[prop(into)]
    pending: Signal<bool>,
    #[prop(into)] on_confirm: Callback<()>,
    #[prop(optional)] large: bool,
) -> impl IntoView {
    let asking = RwSignal::new(false);
    let yes_ref = NodeRef::<ButtonEl>::new();
    let open_ref = NodeRef::<ButtonEl>::new();
    let was_asking = StoredValue::new(false);
    Effect::new(move |_| {
        let now = asking.get();
        let target = if now {
            yes_ref.get()
        } else if was_asking.get_value() {
            open_ref.get()
        } else {
            None
        };
        was_asking.set_value(now);
        if let Some(button) = target {
            let _ = button.focus();
        }
    });
    // Once the action is done the question closes (the page shows the result).
    Effect::new(move |previous: Option<bool>| {
        let now = pending.get();
        if previous == Some(true) && !now {
            asking.set(false);
        }
        now
    });
    move || {
        let (label, question, yes, no) = (label.clone(), question.clone(), yes.clone(), no.clone());
        if !asking.get() {
            return view! {
                <Button
                    kind=ButtonKind::Secondary
                    plain=true
                    large=large
                    node_ref=open_ref
                    on_click=move |_| asking.set(true)
                >
                    {move || label.get()}
                </Button>
            }
            .into_any();
        }
        view! {
            <div class="fr-alert fr-alert--sm fr-alert--warning ned-confirm" role="alert">
                <p class="fr-text--bold">{move || question.get()}</p>
                <div class="ned-actions fr-mt-1w">
                    <Button
                        plain=true
                        large=large
                        node_ref=yes_ref
                        disabled=pending
                        on_click=move |_| on_confirm.run(())
                    >
                        {move || yes.get()}
                    </Button>
                    <Button
                        kind=ButtonKind::Secondary
                        plain=true
                        large=large
                        disabled=pending
                        on_click=move |_| asking.set(false)
                    >
                        {move || no.get()}
                    </Button>
                    <Show when=move || pending.get()>
                        <Loading />
                    </Show>
                </div>
            </div>
        }
        .into_any()
    }
}
