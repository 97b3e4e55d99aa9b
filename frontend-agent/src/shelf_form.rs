//! Adding a shelf (rayon) to the canteen catalogue.

use frontend_kit::components::{ErrorAlert, InputField, SubmitRow};
use frontend_kit::i18n::{t, t_string, use_i18n};
use frontend_kit::{FormState, api, api_error_message};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use shared_types::canteen::{Category, NewCategory};

use crate::form_input::text;

/// The shelf's name; posts to `{base}/categories`.
#[component]
pub fn ShelfForm(base: String, #[prop(into)] on_done: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let name = RwSignal::new(String::new());
    let form = FormState::new();
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let body = NewCategory { name: text(name) };
        let path = format!("{base}/categories");
        form.submit(
            body.validate(),
            move || async move { api::post::<_, Category>(&path, &body).await },
            move |_| {
                name.try_set(String::new());
                on_done.run(());
            },
        );
    };
    let alert = Signal::derive(move || form.error.get().map(|e| api_error_message(i18n, &e)));
    view! {
        <ErrorAlert message=alert />
        <form class="ned-form" novalidate=true on:submit=on_submit>
            <InputField id="shelf-name" label=move || t_string!(i18n, agent.canteen.shelf_name)
                hint=move || t_string!(i18n, agent.canteen.shelf_name_hint) autocomplete="off"
                value=name error=form.field_error("name") />
            <SubmitRow pending=form.pending>{t!(i18n, agent.canteen.add_shelf)}</SubmitRow>
        </form>
    }
}
