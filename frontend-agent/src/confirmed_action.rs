//! A row action that asks first, then posts: lifting a restriction or a suspension, closing
//! the week's orders, revoking a key.

use frontend_kit::components::{Button, ButtonKind, ErrorAlert};
use frontend_kit::{FormState, api, api_error_message};
use leptos::prelude::*;

use crate::confirm::ConfirmPanel;

/// A small button; once `confirm` is accepted, an empty POST to `path`, then `on_done`.
#[component]
pub fn ConfirmedAction(
    path: String,
    #[prop(into)] label: TextProp,
    /// Accessible name, starting with `label`, when several rows offer the action.
    #[prop(optional, into)]
    aria_label: Option<TextProp>,
    #[prop(into)] confirm: TextProp,
    #[prop(optional)] kind: ButtonKind,
    #[prop(into)] on_done: Callback<()>,
) -> impl IntoView {
    let i18n = frontend_kit::i18n::use_i18n();
    let asking = RwSignal::new(false);
    let form = FormState::new();
    let run = move |()| {
        let path = path.clone();
        form.submit(
            Ok(()),
            move || async move { api::post_no_answer(&path, &()).await },
            move |()| on_done.run(()),
        );
    };
    let alert = Signal::derive(move || form.error.get().map(|e| api_error_message(i18n, &e)));
    let name = aria_label.unwrap_or_else(|| label.clone());
    view! {
        <ErrorAlert message=alert />
        <Button small=true plain=true kind=kind disabled=form.pending aria_label=name
            on_click=move |_| asking.set(true)>
            {move || label.get()}
        </Button>
        <ConfirmPanel asking=asking message=confirm on_confirm=run />
    }
}
