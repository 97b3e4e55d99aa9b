//! The table of an establishment's terminals.

use frontend_kit::components::{Button, ButtonKind, ErrorAlert, Loading};
use frontend_kit::i18n::{t, use_i18n};
use frontend_kit::{ApiError, api_error_message, format_date_time};
use leptos::prelude::*;
use shared_types::fleet::TerminalSummary;

use crate::labels;

/// Terminals of the selected establishment, reloaded when the selection changes.
#[component]
pub fn TerminalList(
    establishment: RwSignal<String>,
    terminals: LocalResource<Result<Vec<TerminalSummary>, ApiError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        if establishment.with(String::is_empty) {
            return view! { <p>{t!(i18n, agent.choose_establishment)}</p> }.into_any();
        }
        match terminals.get() {
            None => view! { <Loading /> }.into_any(),
            Some(Err(error)) => view! {
                <ErrorAlert message=Some(api_error_message(i18n, &error)) />
                <Button kind=ButtonKind::Secondary plain=true on_click=move |_| terminals.refetch()>
                    {t!(i18n, common.retry)}
                </Button>
            }
            .into_any(),
            Some(Ok(list)) if list.is_empty() => {
                view! { <p>{t!(i18n, agent.list_empty)}</p> }.into_any()
            }
            Some(Ok(list)) => view! { <Table list=list /> }.into_any(),
        }
    }
}

#[component]
fn Table(list: Vec<TerminalSummary>) -> impl IntoView {
    let i18n = use_i18n();
    let rows = list
        .into_iter()
        .map(|terminal| {
            let status = terminal.status;
            let enrolled_at = terminal.enrolled_at;
            view! {
                <tr>
                    <td>{terminal.location}</td>
                    <td>{move || labels::status(i18n, status)}</td>
                    <td>{move || enrolled_at.map(|at| format_date_time(i18n, at)).unwrap_or_default()}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="fr-table">
            <div class="fr-table__wrapper">
                <div class="fr-table__container">
                    <div class="fr-table__content">
                        <table>
                            <thead>
                                <tr>
                                    <th scope="col">{t!(i18n, agent.col_location)}</th>
                                    <th scope="col">{t!(i18n, agent.col_status)}</th>
                                    <th scope="col">{t!(i18n, agent.col_enrolled_at)}</th>
                                </tr>
                            </thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </div>
                </div>
            </div>
        </div>
    }
}
