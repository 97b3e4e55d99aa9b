//! Who handles a request: "take it" in one click, or hand it to another handler of the
//! service (or to nobody).

use frontend_kit::components::{
    Button, ButtonKind, ErrorAlert, SelectField, SelectOption, SubmitRow,
};
use frontend_kit::i18n::{t, t_string, use_i18n};
use frontend_kit::{FormState, api, api_error_message};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use shared_types::requests::console::{AgentRef, AgentRequestDetail, Assignment};
use shared_types::{ErrorCode, FieldError};

use super::request_path;

/// The select's value for "nobody".
const NOBODY: &str = "none";

/// The assignment block; `me` is the signed-in agent's id.
#[component]
pub fn AssignForm(
    request_id: String,
    me: String,
    assigned: Option<String>,
    handlers: Vec<AgentRef>,
    #[prop(into)] on_done: Callback<AgentRequestDetail>,
) -> impl IntoView {
    let i18n = use_i18n();
    let path = StoredValue::new(request_path(&request_id, "/assign"));
    let form = FormState::new();
    let picked = RwSignal::new(assigned.clone().unwrap_or_default());
    let send = move |agent_id: Option<String>| {
        let path = path.get_value();
        let body = Assignment { agent_id };
        form.submit(
            Ok(()),
            move || async move { api::post::<_, AgentRequestDetail>(&path, &body).await },
            move |detail| on_done.run(detail),
        );
    };
    let mine = assigned.as_deref() == Some(me.as_str());
    let take = (!mine).then(|| {
        let me = me.clone();
        view! {
            <Button kind=ButtonKind::Secondary on_click=move |_| send(Some(me.clone()))
                disabled=form.pending>
                {t!(i18n, agent.requests.take)}
            </Button>
        }
    });
    let options = Signal::derive(move || {
        let mut list = vec![SelectOption {
            value: NOBODY.to_owned(),
            label: t_string!(i18n, agent.requests.assign_nobody).to_string(),
        }];
        list.extend(handlers.iter().map(|h| SelectOption {
            value: h.id.clone(),
            label: h.display_name.clone(),
        }));
        list
    });
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let choice = picked.get_untracked();
        if choice.is_empty() {
            form.field_errors
                .set(vec![FieldError::new("agent_id", ErrorCode::Required)]);
            return;
        }
        send((choice != NOBODY).then_some(choice));
    };
    let alert = Signal::derive(move || form.error.get().map(|e| api_error_message(i18n, &e)));
    view! {
        <section class="fr-mt-2w">
            <h3 class="fr-h5">{t!(i18n, agent.requests.assign_title)}</h3>
            <ErrorAlert message=alert />
            {take}
            <form class="ned-form fr-mt-2w" novalidate=true on:submit=on_submit>
                <SelectField id="assign-agent" label=move || t_string!(i18n, agent.requests.assign_label)
                    placeholder=move || t_string!(i18n, agent.requests.assign_choose)
                    options=options value=picked error=form.field_error("agent_id") />
                <SubmitRow pending=form.pending>{t!(i18n, agent.requests.assign_send)}</SubmitRow>
            </form>
        </section>
    }
}
