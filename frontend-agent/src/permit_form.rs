//! Recording a visit permit for a detainee (e.g. a companion without a family-portal account).

use frontend_kit::components::{Alert, AlertKind, ErrorAlert, InputField, SelectField, SubmitRow};
use frontend_kit::i18n::{t, t_string, use_i18n};
use frontend_kit::paris_time::paris_today;
use frontend_kit::{FormState, api, api_error_message};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use shared_types::people::DetaineeSummary;
use shared_types::visit_links::{NewPermit, Permit};
use shared_types::visits::PermitIssuer;

use crate::detainee_picker::DetaineePicker;
use crate::form_input::{explained, optional, text};
use crate::issuer_choice::{AUTO, issuer_options};
use crate::visits_page::establishment_path;

/// The detainee picker, then the permit's fields.
#[component]
pub fn PermitForm(establishment: String, #[prop(into)] on_done: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let detainee = RwSignal::new(None::<DetaineeSummary>);
    let number = RwSignal::new(String::new());
    let first_name = RwSignal::new(String::new());
    let last_name = RwSignal::new(String::new());
    let birth = RwSignal::new(String::new());
    let chosen_issuer = RwSignal::new(AUTO.to_owned());
    let from = RwSignal::new(paris_today().to_string());
    let until = RwSignal::new(String::new());
    let created = RwSignal::new(None::<String>);
    let form = FormState::new();
    let status = Signal::derive(move || detainee.with(|d| d.as_ref().map(|d| d.legal_status)));
    let path = establishment_path(&establishment, "permits");
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        created.set(None);
        let body = NewPermit {
            detainee_id: detainee
                .with_untracked(|d| d.as_ref().map(|d| d.id.clone()).unwrap_or_default()),
            number: text(number),
            issuer: PermitIssuer::from_code(&chosen_issuer.get_untracked()),
            holder_first_name: text(first_name),
            holder_last_name: text(last_name),
            holder_birth_date: text(birth),
            valid_from: text(from),
            valid_until: optional(until),
        };
        let path = path.clone();
        form.submit(
            body.validate(),
            move || async move { api::post::<_, Permit>(&path, &body).await },
            move |permit: Permit| {
                for field in [number, first_name, last_name, birth, until] {
                    field.try_set(String::new());
                }
                created.try_set(Some(permit.number));
                on_done.run(());
            },
        );
    };
    let alert = Signal::derive(move || form.error.get().map(|e| api_error_message(i18n, &e)));
    let date_hint = move || t_string!(i18n, agent.visits.date_hint);
    view! {
        <DetaineePicker establishment=establishment id="permit" selected=detainee
            error=form.field_error("detainee_id") />
        <div class="fr-mt-3w">
            {move || {
                created.get().map(|n| view! {
                    <Alert kind=AlertKind::Success>
                        {move || t_string!(i18n, agent.desk.permit_created, number = n.clone()).to_string()}
                    </Alert>
                })
            }}
            <ErrorAlert message=alert />
        </div>
        <form class="ned-form" novalidate=true on:submit=on_submit>
            <InputField id="permit-number" label=move || t_string!(i18n, agent.visits.permit_number)
                autocomplete="off" value=number error=explained(form, "number") />
            <InputField id="permit-holder-first" label=move || t_string!(i18n, agent.desk.holder_first_name)
                autocomplete="off" value=first_name error=form.field_error("holder_first_name") />
            <InputField id="permit-holder-last" label=move || t_string!(i18n, agent.desk.holder_last_name)
                autocomplete="off" value=last_name error=form.field_error("holder_last_name") />
            <InputField id="permit-holder-birth" label=move || t_string!(i18n, agent.desk.holder_birth_date)
                hint=date_hint input_type="date" value=birth error=form.field_error("holder_birth_date") />
            <SelectField id="permit-issuer" label=move || t_string!(i18n, agent.visits.issuer)
                placeholder=move || t_string!(i18n, agent.visits.issuer_auto)
                options=issuer_options(i18n, status) value=chosen_issuer error=explained(form, "issuer") />
            <InputField id="permit-valid-from" label=move || t_string!(i18n, agent.visits.permit_from)
                hint=date_hint input_type="date" value=from error=form.field_error("valid_from") />
            <InputField id="permit-valid-until" label=move || t_string!(i18n, agent.visits.permit_until)
                hint=date_hint input_type="date" value=until error=explained(form, "valid_until") />
            <SubmitRow pending=form.pending>{t!(i18n, agent.desk.create_permit)}</SubmitRow>
        </form>
    }
}
