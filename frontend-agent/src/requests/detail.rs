//! `/agent/requete/:id`: one request — who wrote it, its thread with the internal notes, and
//! what the service does with it (assign, answer, note, close). Opening it marks it received.

use frontend_kit::components::{Alert, AlertKind, Button, ButtonKind, ErrorAlert, Loading};
use frontend_kit::i18n::{t, t_string, use_i18n};
use frontend_kit::{RequireSession, Session, api, api_error_message, href};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use shared_types::auth::AgentMe;
use shared_types::refusals::requests::Requests;
use shared_types::requests::RequestStatus;
use shared_types::requests::console::AgentRequestDetail;

use super::answer_form::{AgentTextForm, TextKind};
use super::assign_form::AssignForm;
use super::close_action::CloseAction;
use super::request_header::RequestHeader;
use super::thread::Thread;
use super::{HANDLERS, request_path};
use crate::app::{REQUESTS_INBOX, SIGN_IN};
use crate::establishment_page::Permitted;

/// The request page.
#[component]
pub fn RequestPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = Session::<AgentMe>::expect();
    view! {
        <RequireSession
            session=session
            sign_in_path=SIGN_IN
            view=move |me: AgentMe| {
                if Permitted::AnyOf(HANDLERS).allows(&me.permissions) {
                    view! { <DetailLoader me=me.id /> }.into_any()
                } else {
                    view! {
                        <h1>{t!(i18n, agent.requests.request_title)}</h1>
                        <Alert kind=AlertKind::Info>{t!(i18n, agent.requests.not_allowed)}</Alert>
                    }
                    .into_any()
                }
            }
        />
    }
}

#[component]
fn DetailLoader(me: String) -> impl IntoView {
    let i18n = use_i18n();
    let id = use_params_map()
        .read_untracked()
        .get("id")
        .unwrap_or_default();
    let path = request_path(&id, "");
    let detail = LocalResource::new(move || {
        let path = path.clone();
        async move { api::get::<AgentRequestDetail>(&path).await }
    });
    let me = StoredValue::new(me);
    move || match detail.get() {
        None => view! { <Loading /> }.into_any(),
        // Sealed: a health request read by someone who is not health staff. Nothing of it shows.
        Some(Err(e)) if e.status() == Some(403) => view! {
            <h1>{t!(i18n, agent.requests.sealed_title)}</h1>
            <Alert kind=AlertKind::Info>{t!(i18n, agent.requests.sealed)}</Alert>
            <BackToInbox query=String::new() />
        }
        .into_any(),
        Some(Err(e)) if e.status() == Some(404) => view! {
            <h1>{t!(i18n, agent.requests.request_title)}</h1>
            <Alert kind=AlertKind::Info>{t!(i18n, agent.requests.not_found)}</Alert>
            <BackToInbox query=String::new() />
        }
        .into_any(),
        Some(Err(e)) => view! {
            <h1>{t!(i18n, agent.requests.request_title)}</h1>
            <ErrorAlert message=Some(api_error_message(i18n, &e)) />
            <Button kind=ButtonKind::Secondary plain=true on_click=move |_| detail.refetch()>
                {t!(i18n, common.retry)}
            </Button>
        }
        .into_any(),
        Some(Ok(d)) => view! { <DetailView detail=d me=me.get_value() /> }.into_any(),
    }
}

#[component]
fn DetailView(detail: AgentRequestDetail, me: String) -> impl IntoView {
    let i18n = use_i18n();
    let service = detail.request.service;
    let id = StoredValue::new(detail.request.id.clone());
    let templates = StoredValue::new(detail.templates.clone());
    let me = StoredValue::new(me);
    let detail = RwSignal::new(detail);
    let notice = RwSignal::new(None::<String>);
    let updated = move |text: String| {
        Callback::new(move |d: AgentRequestDetail| {
            detail.set(d);
            notice.set(Some(text.clone()));
        })
    };
    let on_answer = updated(t_string!(i18n, agent.requests.answer_sent).to_string());
    let on_note = updated(t_string!(i18n, agent.requests.note_saved).to_string());
    let on_assign = updated(t_string!(i18n, agent.requests.assigned_saved).to_string());
    let on_close = updated(t_string!(i18n, agent.requests.closed_notice).to_string());
    let open = Memo::new(move |_| detail.with(|d| d.request.status != RequestStatus::Closed));
    let may_answer = Memo::new(move |_| detail.with(|d| d.may_answer));
    let assignee =
        Memo::new(move |_| detail.with(|d| d.request.assigned.as_ref().map(|a| a.id.clone())));
    let why_not = move || {
        detail.with(|d| {
            if d.may_answer {
                return None;
            }
            let refused = d.answer_refused.as_deref().and_then(Requests::from_code);
            Some(match refused {
                Some(Requests::Closed) => t_string!(i18n, agent.requests.why_closed).to_string(),
                Some(Requests::OwnAnswerContested) => {
                    t_string!(i18n, agent.requests.why_own_answer).to_string()
                }
                Some(Requests::SupervisorNeeded) => {
                    t_string!(i18n, agent.requests.why_contested).to_string()
                }
                _ => t_string!(i18n, agent.requests.why_not).to_string(),
            })
        })
    };
    view! {
        <BackToInbox query=format!("?service={}", service.code()) />
        {move || view! { <RequestHeader item=detail.with(|d| d.request.clone()) /> }}
        {move || notice.get().map(|n| view! { <Alert kind=AlertKind::Success>{n}</Alert> })}
        {move || why_not().map(|w| view! { <Alert kind=AlertKind::Info>{w}</Alert> })}
        <h2 class="fr-h4 fr-mt-4w">{t!(i18n, agent.requests.thread_title)}</h2>
        {move || view! { <Thread messages=detail.with(|d| d.messages.clone()) /> }}
        <Show when=move || open.get()>
            <h2 class="fr-h4 fr-mt-4w">{t!(i18n, agent.requests.actions_title)}</h2>
            // Rebuilt when the assignee changes: "Me l'attribuer" goes once the request is mine.
            {move || {
                let assigned = assignee.get();
                let handlers = detail.with_untracked(|d| d.handlers.clone());
                view! {
                    <AssignForm request_id=id.get_value() me=me.get_value()
                        assigned=assigned handlers=handlers on_done=on_assign />
                }
            }}
            <Show when=move || may_answer.get()>
                <AgentTextForm request_id=id.get_value() kind=TextKind::Answer
                    templates=templates.get_value() on_done=on_answer />
            </Show>
            <AgentTextForm request_id=id.get_value() kind=TextKind::Note
                templates=Vec::new() on_done=on_note />
            <Show when=move || may_answer.get()>
                <CloseAction request_id=id.get_value() on_done=on_close />
            </Show>
        </Show>
    }
}

/// The link back to the inbox, on the request's service when known.
#[component]
fn BackToInbox(query: String) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p class="ned-no-print">
            <a class="fr-link fr-icon-arrow-left-line fr-link--icon-left"
                href=href(&format!("{REQUESTS_INBOX}{query}"))>
                {t!(i18n, agent.requests.back_to_inbox)}
            </a>
        </p>
    }
}
