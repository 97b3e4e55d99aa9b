//! Adding a restriction to a detainee's visits: its kind, the banned visitor's permit when one
//! is banned, an optional last day and the reason.

use frontend_kit::components::{ErrorAlert, InputField, SelectField, SelectOption, SubmitRow};
use frontend_kit::i18n::{t, t_string, use_i18n};
use frontend_kit::{FormState, api, api_error_message};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use shared_types::visit_desk::{NewRestriction, Restriction, RestrictionKind};

use crate::form_input::{optional, text};
use crate::restrictions::PermitsResource;
use crate::visit_labels::{RESTRICTION_KINDS, restriction_kind};

/// The form; posts to `path` (the detainee's restrictions).
#[component]
pub fn RestrictionForm(
    path: String,
    permits: PermitsResource,
    #[prop(into)] on_done: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let kind = RwSignal::new(String::new());
    let permit = RwSignal::new(String::new());
    let until = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let form = FormState::new();
    let chosen = move || RestrictionKind::from_code(&kind.get());
    let kinds = Signal::derive(move || {
        RESTRICTION_KINDS
            .iter()
            .map(|k| SelectOption {
                value: k.code().into(),
                label: restriction_kind(i18n, *k).into(),
            })
            .collect::<Vec<_>>()
    });
    let permit_options = Signal::derive(move || {
        permits
            .get()
            .and_then(Result::ok)
            .unwrap_or_default()
            .into_iter()
            .map(|p| SelectOption {
                label: format!("{} ({})", p.holder_name, p.number),
                value: p.id,
            })
            .collect::<Vec<_>>()
    });
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let Some(k) = RestrictionKind::from_code(&kind.get_untracked()) else {
            let missing = shared_types::FieldError::new("kind", shared_types::ErrorCode::Required);
            form.submit(Err(vec![missing]), || async { Ok(()) }, |()| {});
            return;
        };
        let body = NewRestriction {
            kind: k,
            permit_id: (k == RestrictionKind::VisitorBanned).then(|| text(permit)),
            reason: text(reason),
            valid_until: optional(until),
        };
        let path = path.clone();
        form.submit(
            body.validate(),
            move || async move { api::post::<_, Restriction>(&path, &body).await },
            move |_| {
                for field in [kind, permit, until, reason] {
                    field.try_set(String::new());
                }
                on_done.run(());
            },
        );
    };
    let alert = Signal::derive(move || form.error.get().map(|e| api_error_message(i18n, &e)));
    let permit_field = move || {
        (chosen() == Some(RestrictionKind::VisitorBanned)).then(|| {
            view! {
                <SelectField id="restriction-permit" label=move || t_string!(i18n, agent.desk.banned_permit)
                    placeholder=move || t_string!(i18n, agent.desk.choose_permit)
                    options=permit_options value=permit error=form.field_error("permit_id") />
            }
        })
    };
    view! {
        <ErrorAlert message=alert />
        <form class="ned-form" novalidate=true on:submit=on_submit>
            <SelectField id="restriction-kind" label=move || t_string!(i18n, agent.desk.kind)
                placeholder=move || t_string!(i18n, agent.desk.choose_kind)
                options=kinds value=kind error=form.field_error("kind") />
            {permit_field}
            <InputField id="restriction-until" label=move || t_string!(i18n, agent.desk.restriction_until)
                hint=move || t_string!(i18n, agent.visits.date_hint) input_type="date"
                value=until error=form.field_error("valid_until") />
            <InputField id="restriction-reason" label=move || t_string!(i18n, agent.desk.col_reason)
                hint=move || t_string!(i18n, agent.desk.restriction_reason_hint) autocomplete="off"
                value=reason error=form.field_error("reason") />
            <SubmitRow pending=form.pending>{t!(i18n, agent.desk.add_restriction)}</SubmitRow>
        </form>
    }
}
