//! `/agent/terminaux`: prepare a terminal's enrolment and list an establishment's terminals.

use frontend_kit::components::{
    Alert, AlertKind, ErrorAlert, InputField, SelectField, SelectOption, SubmitRow,
};
use frontend_kit::i18n::{t, t_string, use_i18n};
use frontend_kit::{FormState, RequireSession, Session, api, api_error_message, format_date_time};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use shared_types::auth::AgentMe;
use shared_types::fleet::{EnrolmentCode, NewTerminal, TerminalSummary};
use shared_types::roles::Permission;
use shared_types::{ErrorCode, FieldError};

use crate::app::SIGN_IN;
use crate::terminal_list::TerminalList;

/// `/api/agent/establishments/{id}/terminals`.
fn terminals_path(establishment_id: &str) -> String {
    format!("/api/agent/establishments/{establishment_id}/terminals")
}

/// Terminals page; signed-out agents go to the sign-in page.
#[component]
pub fn Terminals() -> impl IntoView {
    let session = Session::<AgentMe>::expect();
    view! {
        <RequireSession
            session=session
            sign_in_path=SIGN_IN
            view=|me: AgentMe| view! { <TerminalsPage me=me /> }
        />
    }
}

#[component]
fn TerminalsPage(me: AgentMe) -> impl IntoView {
    let i18n = use_i18n();
    if !me.permissions.contains(&Permission::ManageTerminals) {
        return view! {
            <h1>{t!(i18n, agent.terminals_title)}</h1>
            <Alert kind=AlertKind::Info>{t!(i18n, agent.not_allowed)}</Alert>
        }
        .into_any();
    }
    let options: Vec<SelectOption> = me
        .establishments
        .iter()
        .map(|e| SelectOption {
            value: e.id.clone(),
            label: format!("{} ({})", e.name, e.city),
        })
        .collect();
    // With a single establishment there is nothing to choose; otherwise the agent must pick,
    // so that a national administrator never issues a code for the wrong prison by default.
    let preselected = match me.establishments.as_slice() {
        [only] => only.id.clone(),
        _ => String::new(),
    };
    let establishment = RwSignal::new(preselected);
    let location = RwSignal::new(String::new());
    let form = FormState::new();
    let issued = RwSignal::new(None::<EnrolmentCode>);
    let terminals = LocalResource::new(move || {
        let id = establishment.get();
        async move {
            if id.is_empty() {
                Ok(Vec::new())
            } else {
                api::get::<Vec<TerminalSummary>>(&terminals_path(&id)).await
            }
        }
    });

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let id = establishment.get_untracked();
        let body = NewTerminal {
            location: location.get_untracked().trim().to_owned(),
        };
        let mut errors = Vec::new();
        if id.is_empty() {
            errors.push(FieldError::new("establishment", ErrorCode::Required));
        }
        errors.extend(body.validate().err().unwrap_or_default());
        let check = if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        };
        form.submit(
            check,
            move || async move { api::post::<_, EnrolmentCode>(&terminals_path(&id), &body).await },
            move |code| {
                issued.try_set(Some(code));
                location.try_set(String::new());
                terminals.refetch();
            },
        );
    };
    let alert = Signal::derive(move || form.error.get().map(|e| api_error_message(i18n, &e)));

    view! {
        <h1>{t!(i18n, agent.terminals_title)}</h1>
        <p>{t!(i18n, agent.terminals_intro)}</p>
        <div class="fr-grid-row fr-grid-row--gutters">
            <div class="fr-col-12 fr-col-lg-5">
                <h2 class="fr-h4">{t!(i18n, agent.new_terminal_title)}</h2>
                <ErrorAlert message=alert />
                <form class="ned-form" novalidate=true on:submit=on_submit>
                    <SelectField
                        id="establishment"
                        label=move || t_string!(i18n, agent.establishment)
                        placeholder=move || t_string!(i18n, agent.choose_establishment)
                        options=options
                        value=establishment
                        error=form.field_error("establishment")
                    />
                    <InputField
                        id="location"
                        label=move || t_string!(i18n, agent.location)
                        hint=move || t_string!(i18n, agent.location_hint)
                        autocomplete="off"
                        value=location
                        error=form.field_error("location")
                    />
                    <SubmitRow pending=form.pending>{t!(i18n, agent.generate_code)}</SubmitRow>
                </form>
                {move || issued.get().map(|code| view! { <IssuedCode code=code /> })}
            </div>
            <div class="fr-col-12 fr-col-lg-7">
                <h2 class="fr-h4">{t!(i18n, agent.list_title)}</h2>
                <TerminalList establishment=establishment terminals=terminals />
            </div>
        </div>
    }
    .into_any()
}

/// The freshly generated code, shown once, large, for the agent to type on the device.
#[component]
fn IssuedCode(code: EnrolmentCode) -> impl IntoView {
    let i18n = use_i18n();
    let expires_at = code.expires_at;
    view! {
        <div class="fr-callout fr-mt-4w" role="status">
            <h3 class="fr-callout__title">{t!(i18n, agent.code_title)}</h3>
            <p class="fr-callout__text">
                <span class="ned-code" data-testid="enrolment-code">{code.code}</span>
            </p>
            <p class="fr-mt-2w">
                {move || {
                    t_string!(i18n, agent.code_valid_until, date = format_date_time(i18n, expires_at))
                        .to_string()
                }}
            </p>
        </div>
    }
}
