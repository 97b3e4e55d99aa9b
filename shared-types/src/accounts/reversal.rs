//! What an operation allows once posted: its reversal (the exact opposite, once) and
//! corrections that stay within what it posted. Pure decisions over the operation as loaded.

use super::{EntryKind, Part};
use crate::refusals::accounts::Accounts;

/// An operation as loaded from the ledger, with what already points at it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OperationState {
    pub kind: EntryKind,
    /// What it posted, per part (signed).
    pub entries: Vec<(Part, i64)>,
    /// Whether its reversal was posted.
    pub reversed: bool,
    /// Corrections posted against it so far, per part (signed).
    pub corrections: Vec<(Part, i64)>,
}

fn sum(entries: &[(Part, i64)], part: Part) -> i64 {
    entries
        .iter()
        .filter(|(p, _)| *p == part)
        .map(|(_, a)| a)
        .sum()
}

/// The entries that reverse `op`: every part it touched, negated. Only money that came in
/// (family transfer, wages, allowance) is reversed this way; purchases and refunds follow their
/// order, corrections and reversals are not reversed again.
pub fn reversal_of(op: &OperationState) -> Result<Vec<(Part, i64)>, Accounts> {
    match op.kind {
        EntryKind::FamilyTransfer | EntryKind::Wages | EntryKind::Allowance => {}
        _ => return Err(Accounts::NotReversible),
    }
    if op.reversed {
        return Err(Accounts::AlreadyReversed);
    }
    Ok(Part::ALL
        .iter()
        .map(|p| (*p, -sum(&op.entries, *p)))
        .filter(|(_, a)| *a != 0)
        .collect())
}

/// Whether a correction of `amount` on `part` may point at `op`: the part must be one the
/// operation touched, the operation must not be reversed, and all corrections on that part
/// together stay within what the operation posted there.
pub fn check_correction(op: &OperationState, part: Part, amount: i64) -> Result<(), Accounts> {
    if op.kind == EntryKind::Reversal {
        return Err(Accounts::NotReversible);
    }
    if op.reversed {
        return Err(Accounts::AlreadyReversed);
    }
    let posted = sum(&op.entries, part);
    if posted == 0 {
        return Err(Accounts::CorrectionOutOfBounds);
    }
    let corrected = sum(&op.corrections, part).saturating_add(amount);
    if corrected.unsigned_abs() > posted.unsigned_abs() {
        return Err(Accounts::CorrectionOutOfBounds);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn credit() -> OperationState {
        OperationState {
            kind: EntryKind::FamilyTransfer,
            entries: vec![
                (Part::Available, 4_000),
                (Part::CivilParties, 500),
                (Part::Savings, 500),
            ],
            reversed: false,
            corrections: vec![],
        }
    }

    #[test]
    fn a_credit_reverses_into_its_exact_opposite_once() {
        assert_eq!(
            reversal_of(&credit()),
            Ok(vec![
                (Part::Available, -4_000),
                (Part::CivilParties, -500),
                (Part::Savings, -500)
            ])
        );
        let done = OperationState {
            reversed: true,
            ..credit()
        };
        assert_eq!(reversal_of(&done), Err(Accounts::AlreadyReversed));
    }

    #[test]
    fn purchases_corrections_and_reversals_are_not_reversed() {
        for kind in [
            EntryKind::CanteenPurchase,
            EntryKind::CanteenRefund,
            EntryKind::Correction,
            EntryKind::Reversal,
        ] {
            let op = OperationState { kind, ..credit() };
            assert_eq!(reversal_of(&op), Err(Accounts::NotReversible), "{kind:?}");
        }
    }

    #[test]
    fn corrections_stay_on_the_parts_and_within_the_amounts_posted() {
        let op = credit();
        assert_eq!(check_correction(&op, Part::Available, -4_000), Ok(()));
        assert_eq!(
            check_correction(&op, Part::Available, -4_001),
            Err(Accounts::CorrectionOutOfBounds)
        );
        let only_available = OperationState {
            entries: vec![(Part::Available, 5_000)],
            ..credit()
        };
        assert_eq!(
            check_correction(&only_available, Part::Savings, 100),
            Err(Accounts::CorrectionOutOfBounds),
            "a part the operation never touched"
        );
        let corrected = OperationState {
            corrections: vec![(Part::Available, -3_000)],
            ..credit()
        };
        assert_eq!(
            check_correction(&corrected, Part::Available, -1_000),
            Ok(())
        );
        assert_eq!(
            check_correction(&corrected, Part::Available, -1_001),
            Err(Accounts::CorrectionOutOfBounds)
        );
        let reversed = OperationState {
            reversed: true,
            ..credit()
        };
        assert_eq!(
            check_correction(&reversed, Part::Available, -10),
            Err(Accounts::AlreadyReversed)
        );
    }
}
