//! A quantity chosen with big "−" and "+" buttons, for touch screens and people who read little.

use leptos::html::Button as ButtonEl;
use leptos::prelude::*;

/// Which button takes the focus after a change replaced the one that had it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Refocus {
    Add,
    More,
}

/// "−  2  +" between `min` and `max`; with `add_label`, a quantity of zero shows one
/// "Ajouter" button instead.
///
/// Buttons at a bound stay focusable (`aria-disabled`) so the focus never drops to the page;
/// taps are ignored while `busy` (the previous change is still on its way).
#[component]
pub fn QuantityStepper(
    #[prop(into)] quantity: Signal<u32>,
    #[prop(default = 0)] min: u32,
    max: u32,
    /// What is counted, read by screen readers after each button's text.
    #[prop(into)]
    item: String,
    #[prop(into)] more_label: TextProp,
    #[prop(into)] less_label: TextProp,
    /// Text of the single button shown at zero; without it the stepper shows "0".
    #[prop(optional, into)]
    add_label: Option<TextProp>,
    #[prop(optional, into)] busy: Signal<bool>,
    #[prop(into)] on_change: Callback<u32>,
) -> impl IntoView {
    let add_ref = NodeRef::<ButtonEl>::new();
    let more_ref = NodeRef::<ButtonEl>::new();
    let refocus = StoredValue::new(None::<Refocus>);
    // Reads both buttons every time, so that it runs again when the awaited one appears.
    Effect::new(move |_| {
        let (add, more) = (add_ref.get(), more_ref.get());
        let target = match refocus.get_value() {
            Some(Refocus::Add) => add,
            Some(Refocus::More) => more,
            None => None,
        };
        if let Some(button) = target {
            refocus.set_value(None);
            let _ = button.focus();
        }
    });
    let has_add = add_label.is_some();
    let change = move |to: u32| {
        if busy.get_untracked() || to < min || to > max {
            return;
        }
        let from = quantity.get_untracked();
        if has_add && from == 0 && to > 0 {
            refocus.set_value(Some(Refocus::More));
        } else if has_add && to == 0 {
            refocus.set_value(Some(Refocus::Add));
        }
        on_change.run(to);
    };
    // Only the switch between "Ajouter" and the stepper rebuilds buttons: a tap on "+" must
    // leave the focus where it is.
    let at_zero = Memo::new(move |_| has_add && quantity.get() == 0);
    let group_label = item.clone();
    let item_less = item.clone();
    let item_more = item.clone();
    let item_add = item;
    move || {
        if at_zero.get() {
            let label = add_label.clone();
            let item = item_add.clone();
            return view! {
                <button
                    type="button"
                    class="fr-btn fr-btn--icon-left fr-icon-add-line ned-stepper__add"
                    node_ref=add_ref
                    aria-disabled=move || (busy.get() || max == 0).then_some("true")
                    on:click=move |_| change(1.max(min))
                >
                    {move || label.as_ref().map(|l| l.get())}
                    <span class="fr-sr-only">{format!(" : {item}")}</span>
                </button>
            }
            .into_any();
        }
        let (less, more) = (less_label.clone(), more_label.clone());
        let (item_less, item_more) = (item_less.clone(), item_more.clone());
        view! {
            <div
                class="ned-stepper"
                role="group"
                aria-label=group_label.clone()
                aria-busy=move || busy.get().then_some("true")>
                <button
                    type="button"
                    class="fr-btn fr-btn--secondary ned-stepper__btn"
                    aria-disabled=move || (quantity.get() <= min).then_some("true")
                    on:click=move |_| change(quantity.get_untracked().saturating_sub(1))
                >
                    <span class="fr-icon-subtract-line" aria-hidden="true"></span>
                    <span class="fr-sr-only">{move || format!("{} : {}", less.get(), item_less)}</span>
                </button>
                <output class="ned-stepper__value" aria-live="polite">
                    {move || quantity.get()}
                </output>
                <button
                    type="button"
                    class="fr-btn fr-btn--secondary ned-stepper__btn"
                    node_ref=more_ref
                    aria-disabled=move || (quantity.get() >= max).then_some("true")
                    on:click=move |_| change(quantity.get_untracked() + 1)
                >
                    <span class="fr-icon-add-line" aria-hidden="true"></span>
                    <span class="fr-sr-only">{move || format!("{} : {}", more.get(), item_more)}</span>
                </button>
            </div>
        }
        .into_any()
    }
}
