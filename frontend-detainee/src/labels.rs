//! Plain words for the money and canteen codes, for people who read little.

use frontend_kit::I18n;
use frontend_kit::i18n::t_string;
use shared_types::accounts::format_euros;
use shared_types::accounts::{EntryKind, Part};
use shared_types::canteen::delivery::{DisputeStatus, LineOutcome};
use shared_types::canteen::orders::{OrderLine, OrderStatus};

/// What a movement on the account was: "Argent reçu d'un proche", "Achat cantine"…
pub fn entry_kind(i18n: I18n, kind: EntryKind) -> String {
    match kind {
        EntryKind::FamilyTransfer => t_string!(i18n, detainee.account.kind_family_transfer),
        EntryKind::Wages => t_string!(i18n, detainee.account.kind_wages),
        EntryKind::Allowance => t_string!(i18n, detainee.account.kind_allowance),
        EntryKind::CanteenPurchase => t_string!(i18n, detainee.account.kind_canteen_purchase),
        EntryKind::CanteenRefund => t_string!(i18n, detainee.account.kind_canteen_refund),
        EntryKind::Correction => t_string!(i18n, detainee.account.kind_correction),
        EntryKind::Reversal => t_string!(i18n, detainee.account.kind_reversal),
    }
    .to_string()
}

/// The short name of a part of the account.
pub fn part(i18n: I18n, part: Part) -> String {
    match part {
        Part::Available => t_string!(i18n, detainee.account.available),
        Part::CivilParties => t_string!(i18n, detainee.account.civil_parties),
        Part::Savings => t_string!(i18n, detainee.account.savings),
    }
    .to_string()
}

/// Where an order stands, in plain words.
pub fn order_status(i18n: I18n, status: OrderStatus) -> String {
    match status {
        OrderStatus::Placed => t_string!(i18n, detainee.orders.status_placed),
        OrderStatus::Cancelled => t_string!(i18n, detainee.orders.status_cancelled),
        OrderStatus::Locked => t_string!(i18n, detainee.orders.status_locked),
        OrderStatus::Delivered => t_string!(i18n, detainee.orders.status_delivered),
        OrderStatus::PartlyDelivered => t_string!(i18n, detainee.orders.status_partly_delivered),
        OrderStatus::Refunded => t_string!(i18n, detainee.orders.status_refunded),
    }
    .to_string()
}

/// What the status means for the detainee: what happens next.
pub fn order_status_help(i18n: I18n, status: OrderStatus) -> String {
    match status {
        OrderStatus::Placed => t_string!(i18n, detainee.orders.help_placed),
        OrderStatus::Cancelled => t_string!(i18n, detainee.orders.help_cancelled),
        OrderStatus::Locked => t_string!(i18n, detainee.orders.help_locked),
        OrderStatus::Delivered => t_string!(i18n, detainee.orders.help_delivered),
        OrderStatus::PartlyDelivered => t_string!(i18n, detainee.orders.help_partly_delivered),
        OrderStatus::Refunded => t_string!(i18n, detainee.orders.help_refunded),
    }
    .to_string()
}

/// The DSFR badge colour of an order status.
pub fn order_status_badge(status: OrderStatus) -> &'static str {
    match status {
        OrderStatus::Placed => "fr-badge fr-badge--info",
        OrderStatus::Locked => "fr-badge fr-badge--new fr-badge--no-icon",
        OrderStatus::Delivered => "fr-badge fr-badge--success",
        OrderStatus::PartlyDelivered | OrderStatus::Refunded => "fr-badge fr-badge--warning",
        OrderStatus::Cancelled => "fr-badge fr-badge--no-icon",
    }
}

/// What happened to a line at delivery: "Livré", "1 manquant : remboursé 0,99 €"…
pub fn line_outcome(i18n: I18n, line: &OrderLine) -> Option<String> {
    // What an accepted dispute gave back is told with the dispute, not here.
    let disputed = line.dispute.as_ref().map_or(0, |d| d.refund_cents);
    let delivery_refund = line.refund_cents - disputed;
    let refund = format_euros(delivery_refund);
    Some(match line.outcome? {
        LineOutcome::Delivered => t_string!(i18n, detainee.orders.outcome_delivered).to_string(),
        LineOutcome::Missing => {
            let missing = line
                .quantity
                .saturating_sub(line.delivered_quantity.unwrap_or(0));
            if missing == 1 {
                t_string!(i18n, detainee.orders.outcome_missing_one, amount = refund).to_string()
            } else {
                t_string!(
                    i18n,
                    detainee.orders.outcome_missing,
                    count = missing,
                    amount = refund
                )
                .to_string()
            }
        }
        LineOutcome::Substituted if delivery_refund > 0 => t_string!(
            i18n,
            detainee.orders.outcome_substituted_refund,
            name = line.substitute_name.clone().unwrap_or_default(),
            amount = refund
        )
        .to_string(),
        LineOutcome::Substituted => t_string!(
            i18n,
            detainee.orders.outcome_substituted,
            name = line.substitute_name.clone().unwrap_or_default()
        )
        .to_string(),
    })
}

/// Where a dispute stands.
pub fn dispute_status(i18n: I18n, status: DisputeStatus, refund_cents: i64) -> String {
    match status {
        DisputeStatus::Open => t_string!(i18n, detainee.orders.dispute_open).to_string(),
        DisputeStatus::Accepted if refund_cents > 0 => t_string!(
            i18n,
            detainee.orders.dispute_accepted_refund,
            amount = format_euros(refund_cents)
        )
        .to_string(),
        DisputeStatus::Accepted => t_string!(i18n, detainee.orders.dispute_accepted).to_string(),
        DisputeStatus::Rejected => t_string!(i18n, detainee.orders.dispute_rejected).to_string(),
    }
}
