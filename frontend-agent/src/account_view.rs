//! A detainee's account as the accounts officer reads it: the three parts, what orders hold
//! and what can be spent, then the movements, signed.

use frontend_kit::I18n;
use frontend_kit::format_date_time;
use frontend_kit::i18n::{t, t_string, use_i18n};
use leptos::prelude::*;
use shared_types::accounts::{AccountView, Balances, LedgerLine, format_euros};

use crate::loaded::DataTable;
use crate::money_labels::{entry_kind, part};

/// "+12,50 €" or "-3,00 €": a movement with its direction.
pub fn signed_euros(cents: i64) -> String {
    if cents > 0 {
        format!("+{}", format_euros(cents))
    } else {
        format_euros(cents)
    }
}

/// The operations of a history, each with its total over the parts (a credit splits into
/// several lines), in the history's order.
pub fn operations(history: &[LedgerLine]) -> Vec<(LedgerLine, i64)> {
    let mut operations: Vec<(LedgerLine, i64)> = Vec::new();
    for line in history {
        match operations
            .iter_mut()
            .find(|(o, _)| o.operation_id == line.operation_id)
        {
            Some((_, total)) => *total += line.amount_cents,
            None => operations.push((line.clone(), line.amount_cents)),
        }
    }
    operations
}

/// How an operation reads in a list to choose from: "date — kind — label (+12,50 €)".
pub fn operation_label(i18n: I18n, operation: &LedgerLine, total: i64) -> String {
    format!(
        "{} — {} — {} ({})",
        format_date_time(i18n, operation.at),
        entry_kind(i18n, operation.kind),
        operation.label,
        signed_euros(total)
    )
}

/// A translated label.
type Label = fn(I18n) -> &'static str;

/// The balances as a list of facts.
#[component]
pub fn BalancesView(balances: Balances) -> impl IntoView {
    let i18n = use_i18n();
    let facts: [(Label, i64); 5] = [
        (
            |i| t_string!(i, agent.accounts.parts.available),
            balances.available_cents,
        ),
        (|i| t_string!(i, agent.accounts.held), balances.held_cents),
        (
            |i| t_string!(i, agent.accounts.spendable),
            balances.spendable_cents,
        ),
        (
            |i| t_string!(i, agent.accounts.parts.civil_parties),
            balances.civil_parties_cents,
        ),
        (
            |i| t_string!(i, agent.accounts.parts.savings),
            balances.savings_cents,
        ),
    ];
    let items = facts
        .into_iter()
        .map(|(label, cents)| {
            view! {
                <dt>{move || label(i18n)}</dt>
                <dd>{format_euros(cents)}</dd>
            }
        })
        .collect_view();
    view! { <dl class="ned-facts">{items}</dl> }
}

/// The movements, newest first.
#[component]
pub fn HistoryTable(account: AccountView) -> impl IntoView {
    let i18n = use_i18n();
    if account.history.is_empty() {
        return view! { <p>{t!(i18n, agent.accounts.no_movement)}</p> }.into_any();
    }
    let all = account.history.clone();
    let rows = account
        .history
        .into_iter()
        .map(|line| {
            let corrected = line
                .corrects_operation_id
                .as_deref()
                .and_then(|op| all.iter().find(|l| l.operation_id == op))
                .cloned();
            view! { <HistoryLine line=line corrected=corrected /> }
        })
        .collect_view();
    view! {
        <DataTable>
            <caption>{t!(i18n, agent.accounts.history_caption)}</caption>
            <thead>
                <tr>
                    <th scope="col">{t!(i18n, agent.canteen.col_date)}</th>
                    <th scope="col">{t!(i18n, agent.accounts.col_kind)}</th>
                    <th scope="col">{t!(i18n, agent.accounts.col_part)}</th>
                    <th scope="col">{t!(i18n, agent.accounts.col_label)}</th>
                    <th scope="col">{t!(i18n, agent.accounts.col_amount)}</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </DataTable>
    }
    .into_any()
}

#[component]
fn HistoryLine(line: LedgerLine, corrected: Option<LedgerLine>) -> impl IntoView {
    let i18n = use_i18n();
    let (at, kind, account_part) = (line.at, line.kind, line.part);
    let note = corrected.map(|c| {
        view! {
            <span class="fr-hint-text">
                {move || {
                    t_string!(
                        i18n,
                        agent.accounts.corrects,
                        label = c.label.clone(),
                        date = format_date_time(i18n, c.at)
                    )
                    .to_string()
                }}
            </span>
        }
    });
    view! {
        <tr>
            <td>{move || format_date_time(i18n, at)}</td>
            <td>{move || entry_kind(i18n, kind)}</td>
            <td>{move || part(i18n, account_part)}</td>
            <td>{line.label.clone()} {note}</td>
            <td>{signed_euros(line.amount_cents)}</td>
        </tr>
    }
}
