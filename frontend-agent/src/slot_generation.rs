//! "Générer les créneaux": bookable slots from the weekly templates, with the count created.

use frontend_kit::components::{Alert, AlertKind, ErrorAlert, InputField, SubmitRow};
use frontend_kit::i18n::{t, t_string, use_i18n};
use frontend_kit::paris_time::paris_today;
use frontend_kit::{FormState, api, api_error_message};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use shared_types::visits::{DayRange, GeneratedSlots};

use crate::form_input::{checked, number, text};
use crate::visits_page::establishment_path;

/// Slot generation form.
#[component]
pub fn SlotGeneration(establishment: String) -> impl IntoView {
    let i18n = use_i18n();
    let from = RwSignal::new(paris_today().to_string());
    let days = RwSignal::new(String::from("28"));
    let created = RwSignal::new(None::<u32>);
    let form = FormState::new();
    let path = establishment_path(&establishment, "slots/generate");
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        created.set(None);
        let mut errors = Vec::new();
        let body = DayRange {
            from: text(from),
            days: number(&mut errors, "days", days),
        };
        let check = checked(errors, body.validate());
        let path = path.clone();
        form.submit(
            check,
            move || async move { api::post::<_, GeneratedSlots>(&path, &body).await },
            move |answer| {
                created.try_set(Some(answer.created));
            },
        );
    };
    let alert = Signal::derive(move || form.error.get().map(|e| api_error_message(i18n, &e)));
    view! {
        <h2 class="fr-h4">{t!(i18n, agent.visits.generate_title)}</h2>
        <p>{t!(i18n, agent.visits.generate_intro)}</p>
        <ErrorAlert message=alert />
        {move || {
            created
                .get()
                .map(|count| {
                    view! {
                        <Alert kind=AlertKind::Success>
                            {move || t_string!(i18n, agent.visits.generated, count = count).to_string()}
                        </Alert>
                    }
                })
        }}
        <form class="ned-form" novalidate=true on:submit=on_submit>
            <InputField
                id="generate-from"
                label=move || t_string!(i18n, agent.visits.from)
                hint=move || t_string!(i18n, agent.visits.date_hint)
                input_type="date"
                value=from
                error=form.field_error("from")
            />
            <InputField
                id="generate-days"
                label=move || t_string!(i18n, agent.visits.days)
                hint=move || t_string!(i18n, agent.visits.days_hint)
                inputmode="numeric"
                autocomplete="off"
                value=days
                error=form.field_error("days")
            />
            <SubmitRow pending=form.pending>{t!(i18n, agent.visits.generate)}</SubmitRow>
        </form>
    }
}
