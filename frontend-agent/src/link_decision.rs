//! Deciding on a link request: approve with the visitor's permit, or reject with a reason.

use frontend_kit::components::{ErrorAlert, InputField, SelectField, SelectOption, SubmitRow};
use frontend_kit::i18n::{t, t_string, use_i18n};
use frontend_kit::paris_time::paris_today;
use frontend_kit::{FormState, api, api_error_message};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use shared_types::people::DetaineeSummary;
use shared_types::visit_links::{ApproveLink, LinkDecision};
use shared_types::visits::PermitIssuer;

use crate::form_input::{explained, optional, text};
use crate::issuer_choice::{AUTO, issuer_options};
use crate::reason_form::ReasonForm;

/// A field id unique on the page, which lists several requests.
fn field_id(name: &str, request_id: &str) -> String {
    format!("{name}-{request_id}")
}

/// Approval form.
#[component]
pub fn ApproveForm(
    path: String,
    request_id: String,
    candidates: Vec<DetaineeSummary>,
    permit_number: Option<String>,
    #[prop(into)] on_done: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let detainee = RwSignal::new(match candidates.as_slice() {
        [only] => only.id.clone(),
        _ => String::new(),
    });
    let number = RwSignal::new(permit_number.unwrap_or_default());
    let chosen_issuer = RwSignal::new(AUTO.to_owned());
    let birth = RwSignal::new(String::new());
    let from = RwSignal::new(paris_today().to_string());
    let until = RwSignal::new(String::new());
    let form = FormState::new();
    let detainee_options: Vec<SelectOption> = candidates
        .iter()
        .map(|c| SelectOption {
            value: c.id.clone(),
            label: format!(
                "{} {} ({})",
                c.first_name, c.last_name, c.registration_number
            ),
        })
        .collect();
    let statuses: Vec<(String, _)> = candidates
        .iter()
        .map(|c| (c.id.clone(), c.legal_status))
        .collect();
    let status = Signal::derive(move || {
        detainee.with(|id| statuses.iter().find(|(c, _)| c == id).map(|(_, s)| *s))
    });
    let issuer_options = issuer_options(i18n, status);
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let body = ApproveLink {
            detainee_id: text(detainee),
            permit_number: text(number),
            issuer: PermitIssuer::from_code(&chosen_issuer.get_untracked()),
            holder_birth_date: text(birth),
            valid_from: text(from),
            valid_until: optional(until),
        };
        let check = body.validate();
        let path = path.clone();
        form.submit(
            check,
            move || async move { api::post::<_, LinkDecision>(&path, &body).await },
            move |_| on_done.run(()),
        );
    };
    let alert = Signal::derive(move || form.error.get().map(|e| api_error_message(i18n, &e)));
    let id = |name| field_id(name, &request_id);
    view! {
        <h3 class="fr-h6">{t!(i18n, agent.visits.approve_title)}</h3>
        <ErrorAlert message=alert />
        <form class="ned-form" novalidate=true on:submit=on_submit>
            <SelectField id=id("detainee") label=move || t_string!(i18n, agent.visits.detainee)
                placeholder=move || t_string!(i18n, agent.visits.choose_detainee)
                options=detainee_options value=detainee error=form.field_error("detainee_id") />
            <InputField id=id("permit") label=move || t_string!(i18n, agent.visits.permit_number)
                autocomplete="off" value=number error=form.field_error("permit_number") />
            <SelectField id=id("issuer") label=move || t_string!(i18n, agent.visits.issuer)
                placeholder=move || t_string!(i18n, agent.visits.issuer_auto)
                options=issuer_options value=chosen_issuer error=form.field_error("issuer") />
            <InputField id=id("holder-birth") label=move || t_string!(i18n, agent.visits.holder_birth_date)
                hint=move || t_string!(i18n, agent.visits.date_hint) input_type="date"
                value=birth error=form.field_error("holder_birth_date") />
            <InputField id=id("permit-from") label=move || t_string!(i18n, agent.visits.permit_from)
                hint=move || t_string!(i18n, agent.visits.date_hint) input_type="date"
                value=from error=form.field_error("valid_from") />
            <InputField id=id("permit-until") label=move || t_string!(i18n, agent.visits.permit_until)
                hint=move || t_string!(i18n, agent.visits.date_hint) input_type="date"
                value=until error=explained(form, "valid_until") />
            <SubmitRow pending=form.pending>{t!(i18n, agent.visits.approve)}</SubmitRow>
        </form>
    }
}

/// Rejection form: a reason, then a confirmation.
#[component]
pub fn RejectForm(
    path: String,
    request_id: String,
    #[prop(into)] on_done: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h3 class="fr-h6">{t!(i18n, agent.visits.reject_title)}</h3>
        <ReasonForm
            id=field_id("reject-reason", &request_id)
            path=path
            label=move || t_string!(i18n, agent.visits.reject_reason)
            hint=move || t_string!(i18n, agent.visits.reject_reason_hint)
            submit=move || t_string!(i18n, agent.visits.reject)
            confirm=move || t_string!(i18n, agent.visits.confirm_reject)
            on_done=on_done
        />
    }
}
