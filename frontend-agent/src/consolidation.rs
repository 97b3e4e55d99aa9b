//! What the shop must prepare for a closed window, product by product, with the CSV export.

use frontend_kit::api;
use frontend_kit::i18n::{t, use_i18n};
use leptos::prelude::*;
use shared_types::accounts::format_euros;
use shared_types::canteen::delivery::ConsolidatedLine;

use crate::loaded::{DataTable, loaded};

/// The consolidation table of `window_id` under `base` (the establishment's canteen path).
#[component]
pub fn Consolidation(base: String, window_id: String) -> impl IntoView {
    let i18n = use_i18n();
    let path = format!("{base}/windows/{window_id}/consolidation");
    let csv = format!("{path}.csv");
    let lines = LocalResource::new(move || {
        let path = path.clone();
        async move { api::get::<Vec<ConsolidatedLine>>(&path).await }
    });
    view! {
        <h3 class="fr-h5">{t!(i18n, agent.canteen.consolidation_title)}</h3>
        <p>
            <a class="fr-link fr-icon-download-line fr-link--icon-left" href=csv download="">
                {t!(i18n, agent.canteen.download_csv)}
            </a>
        </p>
        {loaded(lines, |list: Vec<ConsolidatedLine>| view! { <ConsolidationTable list=list /> })}
    }
}

#[component]
fn ConsolidationTable(list: Vec<ConsolidatedLine>) -> impl IntoView {
    let i18n = use_i18n();
    if list.is_empty() {
        return view! { <p>{t!(i18n, agent.canteen.consolidation_empty)}</p> }.into_any();
    }
    let total: i64 = list
        .iter()
        .map(|l| l.unit_price_cents * i64::from(l.quantity))
        .sum();
    let rows = list
        .into_iter()
        .map(|l| {
            view! {
                <tr>
                    <td>{l.category}</td>
                    <td>{l.name}</td>
                    <td>{l.unit}</td>
                    <td>{format_euros(l.unit_price_cents)}</td>
                    <td>{l.quantity}</td>
                    <td>{l.orders}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <DataTable>
            <caption>{t!(i18n, agent.canteen.consolidation_caption)}</caption>
            <thead>
                <tr>
                    <th scope="col">{t!(i18n, agent.canteen.shelf)}</th>
                    <th scope="col">{t!(i18n, agent.canteen.product_name)}</th>
                    <th scope="col">{t!(i18n, agent.canteen.unit)}</th>
                    <th scope="col">{t!(i18n, agent.canteen.col_unit_price)}</th>
                    <th scope="col">{t!(i18n, agent.canteen.col_quantity)}</th>
                    <th scope="col">{t!(i18n, agent.canteen.col_orders)}</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
            <tfoot>
                <tr>
                    <th scope="row" colspan="3">{t!(i18n, agent.canteen.consolidation_total)}</th>
                    <td colspan="3">{format_euros(total)}</td>
                </tr>
            </tfoot>
        </DataTable>
    }
    .into_any()
}
