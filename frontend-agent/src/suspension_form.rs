//! Suspending a detainee's canteen between two days (a disciplinary sanction), with the reason.

use frontend_kit::components::{ErrorAlert, InputField, SubmitRow};
use frontend_kit::i18n::{t, t_string, use_i18n};
use frontend_kit::paris_time::paris_today;
use frontend_kit::{FormState, api, api_error_message};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use shared_types::canteen::delivery::{NewSuspension, Suspension};

use crate::form_input::text;

/// The form; posts to `path` (the detainee's canteen suspensions).
#[component]
pub fn SuspensionForm(path: String, #[prop(into)] on_done: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let from = RwSignal::new(paris_today().to_string());
    let to = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let form = FormState::new();
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let body = NewSuspension {
            starts_on: text(from),
            ends_on: text(to),
            reason: text(reason),
        };
        let path = path.clone();
        form.submit(
            body.validate(),
            move || async move { api::post::<_, Suspension>(&path, &body).await },
            move |_| {
                to.try_set(String::new());
                reason.try_set(String::new());
                on_done.run(());
            },
        );
    };
    let alert = Signal::derive(move || form.error.get().map(|e| api_error_message(i18n, &e)));
    view! {
        <ErrorAlert message=alert />
        <form class="ned-form" novalidate=true on:submit=on_submit>
            <InputField id="suspension-from" label=move || t_string!(i18n, agent.canteen.suspension_from)
                hint=move || t_string!(i18n, agent.visits.date_hint) input_type="date"
                value=from error=form.field_error("starts_on") />
            <InputField id="suspension-to" label=move || t_string!(i18n, agent.canteen.suspension_to)
                hint=move || t_string!(i18n, agent.canteen.suspension_to_hint) input_type="date"
                value=to error=form.field_error("ends_on") />
            <InputField id="suspension-reason" label=move || t_string!(i18n, agent.desk.col_reason)
                hint=move || t_string!(i18n, agent.canteen.suspension_reason_hint) autocomplete="off"
                value=reason error=form.field_error("reason") />
            <SubmitRow pending=form.pending>{t!(i18n, agent.canteen.add_suspension)}</SubmitRow>
        </form>
    }
}
