//! `docs/transitions.md`, written from the pure rules themselves: each table below is made by
//! calling the `decide` functions on every state and command, and the codes are the refusal
//! enums, so the document cannot drift from the code. A test compares the file with
//! [`document`]; `NED_UPDATE_SNAPSHOTS=1 cargo test -p shared-types transitions` rewrites it.

mod accounts;
mod canteen;
mod requests;
mod visits;

use crate::refusals;

/// A markdown table.
pub(crate) fn table(head: &[&str], rows: &[Vec<String>]) -> String {
    let mut out = format!("| {} |\n", head.join(" | "));
    out.push_str(&format!("|{}\n", "---|".repeat(head.len())));
    for row in rows {
        out.push_str(&format!("| {} |\n", row.join(" | ")));
    }
    out
}

/// `code` in backticks.
pub(crate) fn code(c: &str) -> String {
    format!("`{c}`")
}

/// The whole document.
pub fn document() -> String {
    let mut out = String::from(
        "# Transitions\n\n\
         Generated from the code by `shared_types::transitions` (the tables call the pure \
         `decide` functions on every state and command); a test fails when this file differs. \
         Rewrite it with `NED_UPDATE_SNAPSHOTS=1 cargo test -p shared-types transitions`.\n\n\
         Every transition is load → decide (a pure function, unit-tested beside it) → \
         conditional write (`UPDATE … WHERE id = $1 AND status = $expected` or a version \
         column). Zero rows written is a 409 problem whose `code` is listed below; money moves \
         in the same transaction as its cause, and unique indexes make a second refund, release \
         or reversal impossible.\n\n",
    );
    out.push_str(&canteen::section());
    out.push_str(&accounts::section());
    out.push_str(&requests::section());
    out.push_str(&visits::section());
    out.push_str("## Every refusal code\n\n");
    let rows: Vec<Vec<String>> = refusals::all()
        .into_iter()
        .map(|(domain, c, meaning)| vec![domain.to_owned(), code(c), meaning.to_owned()])
        .collect();
    out.push_str(&table(&["domain", "code", "meaning"], &rows));
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn docs_transitions_md_is_the_code() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/transitions.md");
        let current = super::document();
        if std::env::var("NED_UPDATE_SNAPSHOTS").is_ok() {
            std::fs::write(&path, &current).expect("write docs/transitions.md");
            return;
        }
        let saved = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            saved == current,
            "docs/transitions.md differs from the rules; review and run \
             NED_UPDATE_SNAPSHOTS=1 cargo test -p shared-types transitions"
        );
    }

    #[test]
    fn every_refusal_code_is_in_the_document() {
        let doc = super::document();
        for (_, c, _) in crate::refusals::all() {
            assert!(doc.contains(&format!("`{c}`")), "{c}");
        }
    }
}
