//! Translated names of the canteen's and the accounts' codes: regimes, window statuses,
//! delivery outcomes, dispute statuses, account parts and movement kinds.

use frontend_kit::I18n;
use frontend_kit::components::SelectOption;
use frontend_kit::i18n::t_string;
use shared_types::accounts::{EntryKind, Part};
use shared_types::canteen::delivery::{DisputeStatus, LineOutcome};
use shared_types::canteen::{Regime, WindowStatus};

/// Select options for every value of a coded enum, labelled in the current language.
pub fn code_options<T: Copy>(
    all: &[T],
    code: fn(T) -> &'static str,
    label: impl Fn(T) -> &'static str,
) -> Vec<SelectOption> {
    all.iter()
        .map(|&v| SelectOption {
            value: code(v).to_owned(),
            label: label(v).to_owned(),
        })
        .collect()
}

/// A detainee regime.
pub fn regime(i18n: I18n, regime: Regime) -> &'static str {
    match regime {
        Regime::Standard => t_string!(i18n, agent.canteen.regimes.standard),
        Regime::Trust => t_string!(i18n, agent.canteen.regimes.trust),
        Regime::Controlled => t_string!(i18n, agent.canteen.regimes.controlled),
    }
}

/// Where an ordering window stands.
pub fn window_status(i18n: I18n, status: WindowStatus) -> &'static str {
    match status {
        WindowStatus::Open => t_string!(i18n, agent.canteen.window_statuses.open),
        WindowStatus::Locked => t_string!(i18n, agent.canteen.window_statuses.locked),
    }
}

/// What happened to an order line at delivery.
pub fn outcome(i18n: I18n, outcome: LineOutcome) -> &'static str {
    match outcome {
        LineOutcome::Delivered => t_string!(i18n, agent.canteen.outcomes.delivered),
        LineOutcome::Missing => t_string!(i18n, agent.canteen.outcomes.missing),
        LineOutcome::Substituted => t_string!(i18n, agent.canteen.outcomes.substituted),
    }
}

/// Where a dispute stands.
pub fn dispute_status(i18n: I18n, status: DisputeStatus) -> &'static str {
    match status {
        DisputeStatus::Open => t_string!(i18n, agent.canteen.dispute_statuses.open),
        DisputeStatus::Accepted => t_string!(i18n, agent.canteen.dispute_statuses.accepted),
        DisputeStatus::Rejected => t_string!(i18n, agent.canteen.dispute_statuses.rejected),
    }
}

/// A part of the detainee's account.
pub fn part(i18n: I18n, part: Part) -> &'static str {
    match part {
        Part::Available => t_string!(i18n, agent.accounts.parts.available),
        Part::CivilParties => t_string!(i18n, agent.accounts.parts.civil_parties),
        Part::Savings => t_string!(i18n, agent.accounts.parts.savings),
    }
}

/// What a movement of the account records (incoming kinds included).
pub fn entry_kind(i18n: I18n, kind: EntryKind) -> &'static str {
    match kind {
        EntryKind::FamilyTransfer => t_string!(i18n, agent.accounts.kinds.family_transfer),
        EntryKind::Wages => t_string!(i18n, agent.accounts.kinds.wages),
        EntryKind::Allowance => t_string!(i18n, agent.accounts.kinds.allowance),
        EntryKind::CanteenPurchase => t_string!(i18n, agent.accounts.kinds.canteen_purchase),
        EntryKind::CanteenRefund => t_string!(i18n, agent.accounts.kinds.canteen_refund),
        EntryKind::Correction => t_string!(i18n, agent.accounts.kinds.correction),
        EntryKind::Reversal => t_string!(i18n, agent.accounts.kinds.reversal),
    }
}
