//! The inbox's table: one row per request, oldest deadline first, each leading to the request.

use frontend_kit::i18n::{t, t_string, use_i18n};
use frontend_kit::request_labels::subject_text;
use frontend_kit::{format_date_time, href};
use leptos::prelude::*;
use shared_types::requests::console::{INBOX_LIMIT, Inbox, InboxItem};

use super::labels::StateBadges;
use crate::app::REQUEST;
use crate::loaded::DataTable;

/// The listed requests, the count when more match than are shown, or the empty state.
#[component]
pub fn InboxTable(inbox: Inbox, page: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let shown = inbox.items.len();
    let total = inbox.total;
    let first = page.get_untracked() as usize * INBOX_LIMIT;
    if shown == 0 && first == 0 {
        return view! {
            <p class="fr-mt-3w" role="status">{t!(i18n, agent.requests.empty)}</p>
        }
        .into_any();
    }
    let last = first + shown;
    let count = move || {
        if total as usize > shown {
            t_string!(
                i18n,
                agent.requests.count_range,
                from = first + 1,
                to = last,
                total = total
            )
            .to_string()
        } else {
            t_string!(i18n, agent.requests.count, count = shown).to_string()
        }
    };
    let rows = inbox
        .items
        .into_iter()
        .map(|item| view! { <InboxRow item=item /> })
        .collect_view();
    view! {
        <p class="fr-mt-3w" role="status">{count}</p>
        <DataTable>
            <caption>{t!(i18n, agent.requests.inbox_caption)}</caption>
            <thead>
                <tr>
                    <th scope="col">{t!(i18n, agent.requests.col_written)}</th>
                    <th scope="col">{t!(i18n, agent.requests.col_detainee)}</th>
                    <th scope="col">{t!(i18n, agent.requests.col_subject)}</th>
                    <th scope="col">{t!(i18n, agent.requests.col_status)}</th>
                    <th scope="col">{t!(i18n, agent.requests.col_assigned)}</th>
                    <th scope="col">{t!(i18n, agent.requests.col_due)}</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </DataTable>
        <Pager page=page more=last < total as usize />
    }
    .into_any()
}

/// "Previous" and "next" buttons when the list is longer than a page.
#[component]
fn Pager(page: RwSignal<u32>, more: bool) -> impl IntoView {
    let i18n = use_i18n();
    let current = page.get_untracked();
    (current > 0 || more).then(|| {
        view! {
            <ul class="fr-btns-group fr-btns-group--inline fr-btns-group--sm fr-mt-2w">
                {(current > 0).then(|| view! {
                    <li>
                        <button type="button" class="fr-btn fr-btn--secondary"
                            on:click=move |_| page.set(current - 1)>
                            {t!(i18n, agent.requests.page_previous)}
                        </button>
                    </li>
                })}
                {more.then(|| view! {
                    <li>
                        <button type="button" class="fr-btn fr-btn--secondary"
                            on:click=move |_| page.set(current + 1)>
                            {t!(i18n, agent.requests.page_next)}
                        </button>
                    </li>
                })}
            </ul>
        }
    })
}

#[component]
fn InboxRow(item: InboxItem) -> impl IntoView {
    let i18n = use_i18n();
    let (created, due, overdue) = (item.created_at, item.due_at, item.overdue);
    let d = &item.detainee;
    let who = format!("{} {}", d.first_name, d.last_name);
    let number = d.registration_number.clone();
    let cell = d.cell.clone();
    let link = href(&format!("{REQUEST}/{}", item.id));
    let (code, free) = (item.subject.clone(), item.free_subject.clone());
    let subject = move || subject_text(i18n, &code, free.as_deref());
    let assigned = item.assigned.as_ref().map(|a| a.display_name.clone());
    view! {
        <tr class=overdue.then_some("ned-row--overdue")>
            <td>{move || format_date_time(i18n, created)}</td>
            <td>
                {who}
                <span class="fr-hint-text">
                    {move || t_string!(i18n, agent.requests.number_cell, number = number.clone(), cell = cell.clone()).to_string()}
                </span>
            </td>
            <td><a class="fr-link" href=link>{subject}</a></td>
            <td><StateBadges item=item /></td>
            <td>
                {match assigned {
                    Some(name) => name.into_any(),
                    None => view! { <span class="fr-hint-text">{t!(i18n, agent.requests.nobody)}</span> }.into_any(),
                }}
            </td>
            <td>
                {move || format_date_time(i18n, due)}
            </td>
        </tr>
    }
}
