//! The top of a request's page: its subject as the title, then service, detainee, dates,
//! state and who handles it.

use frontend_kit::format_date_time;
use frontend_kit::i18n::{t, t_string, use_i18n};
use frontend_kit::request_labels::{service_label, subject_text};
use leptos::prelude::*;
use shared_types::requests::console::InboxItem;

use super::labels::StateBadges;

/// The header of `item`.
#[component]
pub fn RequestHeader(item: InboxItem) -> impl IntoView {
    let i18n = use_i18n();
    let (service, created, due) = (item.service, item.created_at, item.due_at);
    let (code, free) = (item.subject.clone(), item.free_subject.clone());
    let d = item.detainee.clone();
    let detainee = move || {
        t_string!(
            i18n,
            agent.requests.detainee_line,
            name = format!("{} {}", d.first_name, d.last_name),
            number = d.registration_number.clone(),
            cell = d.cell.clone()
        )
        .to_string()
    };
    let assigned = item.assigned.as_ref().map(|a| a.display_name.clone());
    view! {
        <h1>{move || subject_text(i18n, &code, free.as_deref())}</h1>
        <StateBadges item=item />
        <dl class="ned-facts fr-mt-2w">
            <dt>{t!(i18n, agent.requests.service)}</dt>
            <dd>{move || service_label(i18n, service)}</dd>
            <dt>{t!(i18n, agent.requests.col_detainee)}</dt>
            <dd>{detainee}</dd>
            <dt>{t!(i18n, agent.requests.col_written)}</dt>
            <dd>{move || format_date_time(i18n, created)}</dd>
            <dt>{t!(i18n, agent.requests.col_due)}</dt>
            <dd>{move || format_date_time(i18n, due)}</dd>
            <dt>{t!(i18n, agent.requests.col_assigned)}</dt>
            <dd>
                {match assigned {
                    Some(name) => name.into_any(),
                    None => t!(i18n, agent.requests.nobody).into_any(),
                }}
            </dd>
        </dl>
    }
}
