//! The credit workers: an officer's credits to the detainees' accounts, and what became of each.

use std::sync::Arc;

use serde_json::{Value, json};

use crate::Detainee;
use crate::burst::{KillAfter, Progress};
use crate::client::Client;

/// Credits each worker posts, one after the other, if the server lives that long.
const CREDITS_PER_WORKER: usize = 25;

/// The kind of a credit.
#[derive(Clone, Copy)]
pub enum Kind {
    Allowance,
    Wages,
    FamilyTransfer,
}

pub fn credit_body(amount: i64, key: &str, kind: Kind) -> Value {
    let kind = match kind {
        Kind::Allowance => "allowance",
        Kind::Wages => "wages",
        Kind::FamilyTransfer => "family_transfer",
    };
    json!({"kind": kind, "amount_cents": amount, "label": "", "idempotency_key": key})
}

pub enum CreditOutcome {
    /// Answered 201 with this operation id.
    Posted(String),
    /// Sent, never answered: the server died.
    Lost,
    /// Anything else, a failure of the test.
    Unexpected(String),
}

pub struct CreditRecord {
    /// Index of the detainee credited.
    pub detainee: usize,
    pub key: String,
    pub amount: i64,
    pub kind: Kind,
    pub outcome: CreditOutcome,
}

/// Credits to the detainees in turn, one after the other, until the server stops answering.
pub async fn credit_worker(
    round: usize,
    officer: Client,
    w: usize,
    establishment: String,
    detainees: Arc<Vec<Detainee>>,
    progress: Arc<Progress>,
) -> Vec<CreditRecord> {
    let mut records = Vec::new();
    for i in 0..CREDITS_PER_WORKER {
        let detainee = (w + i) % detainees.len();
        let amount = 500 + ((w * 37 + i * 113) % 40) as i64 * 100;
        let kind = [Kind::Allowance, Kind::Wages, Kind::FamilyTransfer][(w + i) % 3];
        let key = format!("dur-{round}-credit-{w}-{i}");
        let url = format!(
            "/api/agent/establishments/{establishment}/accounts/{}/credits",
            detainees[detainee].id
        );
        let answer = officer.post(&url, credit_body(amount, &key, kind)).await;
        let outcome = match answer {
            Err(_) => CreditOutcome::Lost,
            Ok(r) if r.status == 201 => match r.json["operation_id"].as_str() {
                Some(id) => CreditOutcome::Posted(id.to_string()),
                None => CreditOutcome::Unexpected(format!("{key}: 201 without an id: {}", r.text)),
            },
            Ok(r) => CreditOutcome::Unexpected(format!("{key}: {} {}", r.status, r.text)),
        };
        let stop = !matches!(outcome, CreditOutcome::Posted(_));
        match outcome {
            CreditOutcome::Posted(_) => progress.answered(false, Some(KillAfter::Credit)),
            CreditOutcome::Unexpected(_) => progress.answered(false, None),
            CreditOutcome::Lost => {}
        }
        records.push(CreditRecord {
            detainee,
            key,
            amount,
            kind,
            outcome,
        });
        if stop {
            break;
        }
    }
    records
}
