//! The table of one room's weekly slot templates.

use frontend_kit::i18n::{t, t_string, use_i18n};
use leptos::prelude::*;
use shared_types::visits::SlotTemplate;

use crate::loaded::DataTable;
use crate::slot_templates::DeleteButton;
use crate::visit_labels::weekday;

/// One room's templates, each with a delete button.
#[component]
pub fn TemplateTable(list: Vec<SlotTemplate>, on_delete: Callback<String>) -> impl IntoView {
    let i18n = use_i18n();
    if list.is_empty() {
        return view! { <p>{t!(i18n, agent.visits.templates_empty)}</p> }.into_any();
    }
    let rows = list
        .into_iter()
        .map(|tpl| {
            let day = tpl.weekday;
            let minutes = tpl.duration_minutes;
            let from = tpl.valid_from.clone();
            let until = tpl.valid_until.clone();
            let validity = move || match until.clone() {
                Some(until) => t_string!(
                    i18n,
                    agent.visits.validity_range,
                    from = from.clone(),
                    until = until
                )
                .to_string(),
                None => t_string!(i18n, agent.visits.validity_open, from = from.clone()).to_string(),
            };
            view! {
                <tr>
                    <td>{move || weekday(i18n, day)}</td>
                    <td>{tpl.start}</td>
                    <td>{move || t_string!(i18n, agent.visits.minutes, n = minutes).to_string()}</td>
                    <td>{validity}</td>
                    <td>
                        <DeleteButton id=tpl.id on_delete=on_delete />
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <DataTable>
            <thead>
                <tr>
                    <th scope="col">{t!(i18n, agent.visits.col_weekday)}</th>
                    <th scope="col">{t!(i18n, agent.visits.col_start)}</th>
                    <th scope="col">{t!(i18n, agent.visits.col_duration)}</th>
                    <th scope="col">{t!(i18n, agent.visits.col_validity)}</th>
                    <th scope="col">{t!(i18n, agent.visits.col_actions)}</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </DataTable>
    }
    .into_any()
}
