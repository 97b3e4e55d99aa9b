//! Operations on a detainee's account and what may be done to them afterwards.

use super::{code, table};
use crate::accounts::{EntryKind, OperationState, Part, check_correction, reversal_of};
use crate::refusals::Refusal;

fn op(kind: EntryKind, reversed: bool) -> OperationState {
    OperationState {
        kind,
        entries: vec![(Part::Available, 1_000)],
        reversed,
        corrections: vec![],
    }
}

fn verdict<T, R: Refusal>(r: Result<T, R>) -> String {
    match r {
        Ok(_) => "allowed".into(),
        Err(e) => code(e.code()),
    }
}

pub(super) fn section() -> String {
    let rows: Vec<Vec<String>> = EntryKind::ALL
        .iter()
        .map(|k| {
            vec![
                code(k.code()),
                verdict(reversal_of(&op(*k, false))),
                verdict(reversal_of(&op(*k, true))),
                verdict(check_correction(&op(*k, false), Part::Available, -500)),
                verdict(check_correction(&op(*k, false), Part::Savings, -500)),
                verdict(check_correction(&op(*k, false), Part::Available, -1_500)),
            ]
        })
        .collect();
    let mut out = String::from(
        "## Account operations (ledger entries: never updated, never deleted)\n\n\
         The accounts officer posts credits (split by the rules) and corrections; an operation \
         posted by mistake is reversed by its exact opposite, once (`reversal_of`, unique \
         ledger `cause` = `reversal:<operation>` per part); reversed income leaves the month's \
         levy. A correction pointing at an operation stays on the parts it touched and within \
         what it posted (`check_correction`). Any movement that would take a part below zero, \
         or the available part below what orders hold, is refused with \
         `account.insufficient`.\n\n",
    );
    out.push_str(&table(
        &[
            "operation",
            "reverse",
            "reverse again",
            "correct a part it touched, within",
            "correct a part it did not touch",
            "correct beyond what it posted",
        ],
        &rows,
    ));
    out.push('\n');
    out
}
