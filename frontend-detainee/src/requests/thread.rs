//! The messages of a request, oldest first: the detainee's on one side, the service's answers
//! set apart so they are found at a glance.

use frontend_kit::i18n::{t, use_i18n};
use frontend_kit::paris_time::format_visit_date_time;
use frontend_kit::request_labels::kind_label;
use leptos::prelude::*;
use shared_types::requests::{MessageKind, RequestDetail, ThreadMessage};

/// The thread of `detail`.
#[component]
pub fn Thread(detail: RwSignal<RequestDetail>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h2 class="fr-h4">{t!(i18n, detainee.requests.thread_title)}</h2>
        <ol class="ned-thread fr-raw-list" id="thread">
            <For
                each=move || detail.with(|d| d.messages.clone())
                key=|m| m.id.clone()
                children=move |message| view! { <Message message=message /> }
            />
        </ol>
    }
}

#[component]
fn Message(message: ThreadMessage) -> impl IntoView {
    let i18n = use_i18n();
    let ThreadMessage { kind, text, at, .. } = message;
    let class = match kind {
        MessageKind::Answer => "ned-message ned-message--answer",
        _ => "ned-message",
    };
    let icon = match kind {
        MessageKind::Answer => "fr-icon-chat-check-line",
        _ => "fr-icon-user-line",
    };
    view! {
        <li class=class>
            <p class="fr-mb-1w">
                <span class=format!("{icon} fr-mr-1w") aria-hidden="true"></span>
                <strong>{move || kind_label(i18n, kind)}</strong>
                " — "
                {move || format_visit_date_time(i18n, at)}
            </p>
            <p class="fr-mb-0 ned-message__text">{text}</p>
        </li>
    }
}
