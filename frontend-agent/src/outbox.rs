//! `/agent/messages`: messages sent to visitors, to read confirmation e-mails in development.

use frontend_kit::i18n::{t, t_string, use_i18n};
use frontend_kit::{api, format_date_time};
use leptos::prelude::*;
use shared_types::outbox::OutboxMessage;

use crate::loaded::{DataTable, loaded};
use crate::visit_labels::message_status;
use crate::visits_page::VisitsPage;

/// Sent messages page.
#[component]
pub fn Outbox() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <VisitsPage
            title=move || t_string!(i18n, agent.visits.outbox_title)
            intro=move || t_string!(i18n, agent.visits.outbox_intro)
            body=|id: String| view! { <Messages establishment=id /> }
        />
    }
}

#[component]
fn Messages(establishment: String) -> impl IntoView {
    let i18n = use_i18n();
    let path = format!("/api/agent/outbox?establishment_id={establishment}");
    let messages = LocalResource::new(move || {
        let path = path.clone();
        async move { api::get::<Vec<OutboxMessage>>(&path).await }
    });
    loaded(messages, move |list: Vec<OutboxMessage>| {
        if list.is_empty() {
            return view! { <p>{t!(i18n, agent.visits.outbox_empty)}</p> }.into_any();
        }
        let rows = list
            .into_iter()
            .map(|m| {
                let (status, held, created) = (m.status, m.held, m.created_at);
                view! {
                    <tr>
                        <td>{move || format_date_time(i18n, created)}</td>
                        <td>{m.recipient}</td>
                        <td>
                            <details>
                                <summary>{m.subject}</summary>
                                <pre class="ned-message-body">{m.body}</pre>
                            </details>
                        </td>
                        <td>{move || message_status(i18n, status, held)}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <DataTable>
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, agent.visits.col_created)}</th>
                        <th scope="col">{t!(i18n, agent.visits.col_recipient)}</th>
                        <th scope="col">{t!(i18n, agent.visits.col_subject)}</th>
                        <th scope="col">{t!(i18n, agent.visits.col_status)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </DataTable>
        }
        .into_any()
    })
}
