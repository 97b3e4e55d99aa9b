//! Each service's deadline to answer, in days (1 to 60), set by the establishment's management.

use frontend_kit::components::{Alert, AlertKind, ErrorAlert, InputField, SubmitRow};
use frontend_kit::i18n::{t, t_string, use_i18n};
use frontend_kit::request_labels::service_label;
use frontend_kit::{FormState, api, api_error_message};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use shared_types::requests::MAX_DEADLINE_DAYS;
use shared_types::requests::console::DeadlinePut;
use shared_types::roles::Service;

use crate::establishment_page::establishment_path;
use crate::form_input::{checked, number};

/// One small form per service, each starting from the service's current deadline.
#[component]
pub fn DeadlineForm(establishment: String, current: Vec<(Service, u32)>) -> impl IntoView {
    let i18n = use_i18n();
    let forms = current
        .into_iter()
        .map(|(service, days)| {
            view! { <ServiceDeadline establishment=establishment.clone() service=service current=days /> }
        })
        .collect_view();
    view! {
        <section class="fr-mt-6w">
            <h2 class="fr-h4">{t!(i18n, agent.requests.deadlines_title)}</h2>
            <p>{t!(i18n, agent.requests.deadlines_intro)}</p>
            <div class="fr-grid-row fr-grid-row--gutters">{forms}</div>
        </section>
    }
}

#[component]
fn ServiceDeadline(establishment: String, service: Service, current: u32) -> impl IntoView {
    let i18n = use_i18n();
    let days = RwSignal::new(current.to_string());
    let saved = RwSignal::new(false);
    let form = FormState::new();
    let path = establishment_path(
        &establishment,
        &format!("requests/deadlines/{}", service.code()),
    );
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        saved.set(false);
        let mut errors = Vec::new();
        let body = DeadlinePut {
            days: number(&mut errors, "days", days),
        };
        let check = checked(errors, body.validate());
        let path = path.clone();
        form.submit(
            check,
            move || async move { api::put_no_answer(&path, &body).await },
            move |()| {
                saved.try_set(true);
            },
        );
    };
    let alert = Signal::derive(move || form.error.get().map(|e| api_error_message(i18n, &e)));
    let id = format!("deadline-{}", service.code());
    view! {
        <div class="fr-col-12 fr-col-md-6 fr-col-lg-4">
            <ErrorAlert message=alert />
            <Show when=move || saved.get()>
                <Alert kind=AlertKind::Success>{t!(i18n, agent.requests.deadline_saved)}</Alert>
            </Show>
            <form class="ned-form" novalidate=true on:submit=on_submit>
                <InputField id=id
                    label=move || t_string!(i18n, agent.requests.deadline_label, service = service_label(i18n, service)).to_string()
                    hint=move || t_string!(i18n, agent.requests.deadline_hint)
                    input_type="number" inputmode="numeric" autocomplete="off" min=1 max=MAX_DEADLINE_DAYS
                    value=days error=form.field_error("days") />
                <SubmitRow pending=form.pending>{t!(i18n, agent.requests.deadline_save)}</SubmitRow>
            </form>
        </div>
    }
}
