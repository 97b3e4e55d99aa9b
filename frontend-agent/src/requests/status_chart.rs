//! Requests per service and status: a stacked horizontal bar chart (SVG presentation
//! attributes only, which the CSP allows) with its legend, and the same figures as a table for
//! screen readers and for reading exact numbers.

use frontend_kit::I18n;
use frontend_kit::duration::format_duration;
use frontend_kit::i18n::{t, t_string, use_i18n};
use frontend_kit::request_labels::{service_label, status_label};
use leptos::prelude::*;
use shared_types::requests::RequestStatus;
use shared_types::requests::console::DashboardRow;

use crate::loaded::DataTable;

const LABEL_WIDTH: u32 = 230;
const BAR_WIDTH: u32 = 380;
const TOTAL_WIDTH: u32 = 50;
const ROW_HEIGHT: u32 = 30;
const BAR_HEIGHT: u32 = 20;

/// A fill per status, from the DSFR palette, each at least 3:1 against white.
fn colour(status: RequestStatus) -> &'static str {
    match status {
        RequestStatus::Sent => "#000091",
        RequestStatus::Received => "#6a6af4",
        RequestStatus::InProgress => "#b34000",
        RequestStatus::Answered => "#18753c",
        RequestStatus::Closed => "#666666",
    }
}

/// A median time to answer in days and hours, or "no answer yet".
pub fn median_text(i18n: I18n, seconds: Option<i64>) -> String {
    seconds
        .and_then(|s| format_duration(i18n, s))
        .unwrap_or_else(|| t_string!(i18n, agent.requests.no_median).to_string())
}

/// The chart, its legend and its table.
#[component]
pub fn StatusChart(rows: Vec<DashboardRow>) -> impl IntoView {
    let i18n = use_i18n();
    let summary = {
        let rows = rows.clone();
        move || {
            let parts: Vec<String> = rows
                .iter()
                .map(|r| {
                    let by_status: Vec<String> = RequestStatus::ALL
                        .iter()
                        .map(|&s| format!("{} {}", status_label(i18n, s), r.counts.get(s)))
                        .collect();
                    format!(
                        "{} : {} ({})",
                        service_label(i18n, r.service),
                        r.counts.total(),
                        by_status.join(", ")
                    )
                })
                .collect();
            t_string!(
                i18n,
                agent.requests.chart_label,
                details = parts.join(" ; ")
            )
            .to_string()
        }
    };
    let max = rows
        .iter()
        .map(|r| r.counts.total())
        .max()
        .unwrap_or(0)
        .max(1);
    let height = rows.len() as u32 * ROW_HEIGHT + 10;
    let width = LABEL_WIDTH + BAR_WIDTH + TOTAL_WIDTH;
    let bars = rows
        .iter()
        .enumerate()
        .map(|(i, row)| bar(i18n, i as u32, row, max))
        .collect_view();
    let legend = RequestStatus::ALL
        .iter()
        .map(|&s| {
            view! {
                <li class="ned-legend__item">
                    <svg width="14" height="14" aria-hidden="true" focusable="false">
                        <rect width="14" height="14" fill=colour(s) />
                    </svg>
                    {move || status_label(i18n, s)}
                </li>
            }
        })
        .collect_view();
    view! {
        <figure class="fr-my-3w">
            <svg role="img" aria-label=summary viewBox=format!("0 0 {width} {height}")
                width="100%" preserveAspectRatio="xMinYMin meet" class="ned-chart">
                {bars}
            </svg>
            <figcaption>
                <ul class="ned-legend">{legend}</ul>
            </figcaption>
        </figure>
        <CountsTable rows=rows />
    }
}

fn bar(i18n: I18n, index: u32, row: &DashboardRow, max: u32) -> impl IntoView + use<> {
    let y = 5 + index * ROW_HEIGHT;
    let text_y = y + BAR_HEIGHT / 2 + 5;
    let service = row.service;
    let mut x = LABEL_WIDTH;
    let segments = RequestStatus::ALL
        .iter()
        .filter_map(|&s| {
            let n = row.counts.get(s);
            let w = n * BAR_WIDTH / max;
            let at = x;
            x += w;
            (w > 0).then(|| {
                view! {
                    <rect x=at y=y width=w height=BAR_HEIGHT fill=colour(s)
                        stroke="#ffffff" stroke-width="1" />
                }
            })
        })
        .collect_view();
    let (total, total_x) = (row.counts.total(), x + 6);
    view! {
        <text x="0" y=text_y font-size="14" fill="#161616">
            {move || service_label(i18n, service)}
        </text>
        {segments}
        <text x=total_x y=text_y font-size="14" fill="#161616">{total}</text>
    }
}

#[component]
fn CountsTable(rows: Vec<DashboardRow>) -> impl IntoView {
    let i18n = use_i18n();
    let headers = RequestStatus::ALL
        .iter()
        .map(|&s| view! { <th scope="col">{move || status_label(i18n, s)}</th> })
        .collect_view();
    let lines = rows
        .into_iter()
        .map(|r| {
            let service = r.service;
            let cells = RequestStatus::ALL
                .iter()
                .map(|&s| view! { <td>{r.counts.get(s)}</td> })
                .collect_view();
            let median = r.median_answer_seconds;
            view! {
                <tr>
                    <th scope="row">{move || service_label(i18n, service)}</th>
                    {cells}
                    <td>{r.counts.total()}</td>
                    <td>{r.overdue}</td>
                    <td>{move || median_text(i18n, median)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <DataTable>
            <caption>{t!(i18n, agent.requests.counts_caption)}</caption>
            <thead>
                <tr>
                    <th scope="col">{t!(i18n, agent.requests.service)}</th>
                    {headers}
                    <th scope="col">{t!(i18n, agent.requests.col_total)}</th>
                    <th scope="col">{t!(i18n, agent.requests.col_overdue)}</th>
                    <th scope="col">{t!(i18n, agent.requests.col_median)}</th>
                </tr>
            </thead>
            <tbody>{lines}</tbody>
        </DataTable>
    }
}
