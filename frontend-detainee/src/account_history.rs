//! What moved on the account, newest first, each movement in plain words with its sign.

use frontend_kit::i18n::{t, use_i18n};
use frontend_kit::paris_time::format_day;
use leptos::prelude::*;
use shared_types::accounts::format_signed_euros;
use shared_types::accounts::{EntryKind, LedgerLine, Part};

use crate::labels;

/// The DSFR icon of a kind of movement, so that it can be recognised without reading.
fn icon(kind: EntryKind) -> &'static str {
    match kind {
        EntryKind::FamilyTransfer => "fr-icon-parent-line",
        EntryKind::Wages => "fr-icon-briefcase-line",
        EntryKind::Allowance => "fr-icon-heart-line",
        EntryKind::CanteenPurchase => "fr-icon-shopping-cart-2-line",
        EntryKind::CanteenRefund => "fr-icon-arrow-go-back-line",
        EntryKind::Correction => "fr-icon-edit-line",
        EntryKind::Reversal => "fr-icon-arrow-go-back-line",
    }
}

/// `text` without `prefix` at its start, compared without regard to case.
fn strip_prefix_ignoring_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &text[prefix.len()..])
}

/// The history list, or a sentence when nothing moved yet.
#[component]
pub fn History(lines: Vec<LedgerLine>) -> impl IntoView {
    let i18n = use_i18n();
    let content = if lines.is_empty() {
        view! { <p id="history-empty">{t!(i18n, detainee.account.history_empty)}</p> }.into_any()
    } else {
        view! {
            <ul class="ned-ledger" id="history">
                {lines.into_iter().map(|line| view! { <Movement line=line /> }).collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <h2 class="fr-mt-5w">{t!(i18n, detainee.account.history_title)}</h2>
        {content}
    }
}

#[component]
fn Movement(line: LedgerLine) -> impl IntoView {
    let i18n = use_i18n();
    let LedgerLine {
        at,
        part,
        kind,
        amount_cents,
        label,
        ..
    } = line;
    let kind_label = move || labels::entry_kind(i18n, kind);
    // The officer's own words ("Mandat de Mme Martin") when they say more than the kind;
    // "Remboursement cantine : Thon" keeps only what follows the kind.
    let detail = move || {
        let day = format_day(i18n, at);
        let kind = kind_label();
        let extra = strip_prefix_ignoring_case(label.trim(), kind.trim())
            .map(|rest| rest.trim_start_matches([' ', ':', '-', '—']).trim())
            .unwrap_or(label.trim())
            .to_owned();
        if extra.is_empty() {
            day
        } else {
            format!("{day} · {extra}")
        }
    };
    let part_badge = (part != Part::Available).then(|| {
        view! {
            <span class="fr-badge fr-badge--sm fr-ml-1w">{move || labels::part(i18n, part)}</span>
        }
    });
    let amount_class = if amount_cents >= 0 {
        "ned-ledger__amount ned-ledger__amount--in"
    } else {
        "ned-ledger__amount"
    };
    view! {
        <li class="ned-ledger__line">
            <span class=format!("ned-ledger__icon {}", icon(kind)) aria-hidden="true"></span>
            <div class="ned-ledger__text">
                <p class="fr-text--bold fr-mb-0">{kind_label} {part_badge}</p>
                <p class="fr-text--sm fr-mb-0">{detail}</p>
            </div>
            <p class="fr-mb-0">
                <span class=amount_class>{format_signed_euros(amount_cents)}</span>
            </p>
        </li>
    }
}
