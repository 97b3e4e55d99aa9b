//! A request's thread as the service reads it: the detainee's messages, the answers, and the
//! internal notes, which are set apart because the detainee never sees them.

use frontend_kit::format_date_time;
use frontend_kit::i18n::use_i18n;
use leptos::prelude::*;
use shared_types::requests::MessageKind;
use shared_types::requests::console::AgentMessage;

use super::labels::message_kind;

/// The messages, oldest first.
#[component]
pub fn Thread(messages: Vec<AgentMessage>) -> impl IntoView {
    let items = messages
        .into_iter()
        .map(|m| view! { <Message message=m /> })
        .collect_view();
    view! { <ol class="fr-raw-list ned-thread">{items}</ol> }
}

#[component]
fn Message(message: AgentMessage) -> impl IntoView {
    let i18n = use_i18n();
    let AgentMessage {
        kind,
        text,
        at,
        author,
        ..
    } = message;
    let class = match kind {
        MessageKind::Note => "ned-thread__item ned-thread__item--note",
        MessageKind::Answer => "ned-thread__item ned-thread__item--answer",
        _ => "ned-thread__item",
    };
    let by = move || {
        let when = format_date_time(i18n, at);
        match &author {
            Some(name) => format!("{name}, {when}"),
            None => when,
        }
    };
    let icon = match kind {
        MessageKind::Note => "fr-icon-lock-line",
        MessageKind::Answer => "fr-icon-reply-line",
        _ => "fr-icon-user-line",
    };
    view! {
        <li class=class>
            <p class="fr-text--bold fr-mb-1v">
                <span class=format!("{icon} fr-icon--sm fr-mr-1v") aria-hidden="true"></span>
                {move || message_kind(i18n, kind)}
            </p>
            <p class="fr-hint-text fr-mb-1w">{by}</p>
            <p class="ned-message-body fr-mb-0">{text}</p>
        </li>
    }
}
