//! After each restart: what was answered is there, what was cut short is whole or absent,
//! retrying posts nothing twice, and the books balance.

use std::process::Command;

use api::db::Db;
use serde_json::json;

use crate::Detainee;
use crate::burst::Burst;
use crate::client::Client;
use crate::credits::{CreditOutcome, credit_body};
use crate::stored::{count, operation_by_key, order_by_key};

/// After the restart: every answered success is in the database as answered, every request
/// cut short is there whole or not at all. Returns how many cut-short requests had committed.
pub async fn check_burst(db: &Db, burst: &Burst, detainees: &[Detainee]) -> usize {
    let mut committed = 0;
    for c in &burst.credits {
        let detainee_id = &detainees[c.detainee].id;
        let found = operation_by_key(db, detainee_id, &c.key).await;
        match (&c.outcome, &found) {
            (CreditOutcome::Posted(id), Some((found_id, sum))) => {
                assert_eq!(found_id, id, "credit {} answered 201 has its id", c.key);
                assert_eq!(*sum, c.amount, "credit {} answered 201 is whole", c.key);
            }
            (CreditOutcome::Posted(id), None) => panic!(
                "credit {} (operation {id}, {} cents) was answered 201 and is not in the database",
                c.key, c.amount
            ),
            (CreditOutcome::Lost, Some((_, sum))) => {
                assert_eq!(
                    *sum, c.amount,
                    "unanswered credit {} is half-written",
                    c.key
                );
                committed += 1;
            }
            _ => {}
        }
    }
    // Every order is in the state of its last answered step, or of the step the kill cut short.
    for chain in &burst.chains {
        let detainee_id = &detainees[chain.detainee].id;
        let found = order_by_key(db, detainee_id, &chain.key).await;
        if let (Some(id), Some((found_id, _))) = (&chain.order_id, &found) {
            assert_eq!(found_id, id, "order {} answered 201 has its id", chain.key);
        }
        let state = found.map(|(_, s)| s);
        let as_answered = state == chain.answered;
        let as_cut = chain
            .lost
            .as_ref()
            .is_some_and(|cut| state.as_ref() == Some(cut));
        assert!(
            as_answered || as_cut,
            "order {} of detainee {} is {state:?} in the database; last answer: {:?}; step cut \
             short by the kill: {:?}",
            chain.key,
            detainees[chain.detainee].number,
            chain.answered,
            chain.lost
        );
        if as_cut && !as_answered {
            committed += 1;
        }
    }
    committed
}

/// Sends again, with the same idempotency keys, every credit and order placement that got no
/// answer, as a client would: what had committed is answered again (200, same id), the rest is
/// done now (or refused), and nothing is posted twice.
pub async fn retry_unanswered(
    db: &Db,
    burst: &Burst,
    officer: &Client,
    detainees: &[Detainee],
    establishment: &str,
) {
    for c in burst
        .credits
        .iter()
        .filter(|c| matches!(c.outcome, CreditOutcome::Lost))
    {
        let detainee_id = detainees[c.detainee].id.clone();
        let before = operation_by_key(db, &detainee_id, &c.key).await;
        let r = officer
            .post(
                &format!(
                    "/api/agent/establishments/{establishment}/accounts/{detainee_id}/credits"
                ),
                credit_body(c.amount, &c.key, c.kind),
            )
            .await
            .expect("a retried credit is answered");
        match before {
            Some((id, _)) => {
                assert_eq!(
                    r.status, 200,
                    "retry of committed credit {}: {}",
                    c.key, r.text
                );
                assert_eq!(r.json["operation_id"], id.as_str(), "retry of {}", c.key);
            }
            None => assert_eq!(r.status, 201, "retry of lost credit {}: {}", c.key, r.text),
        }
        let after = operation_by_key(db, &detainee_id, &c.key).await;
        assert_eq!(
            after.map(|(_, sum)| sum),
            Some(c.amount),
            "credit {} posted once, whole",
            c.key
        );
    }
    for chain in burst.chains.iter().filter(|c| c.order_id.is_none()) {
        let Some(cut) = &chain.lost else { continue };
        let detainee = &detainees[chain.detainee];
        let before = order_by_key(db, &detainee.id, &chain.key).await;
        let mut body = cut.body();
        body["idempotency_key"] = json!(chain.key);
        let r = detainee
            .client
            .post("/api/detainee/canteen/orders", body)
            .await
            .expect("a retried order is answered");
        match before {
            Some((id, _)) => {
                assert_eq!(
                    r.status, 200,
                    "retry of committed order {}: {}",
                    chain.key, r.text
                );
                assert_eq!(r.json["order"]["id"], id.as_str(), "retry of {}", chain.key);
            }
            None => assert!(
                r.status == 201 || r.status == 409,
                "retry of lost order {}: {} {}",
                chain.key,
                r.status,
                r.text
            ),
        }
        let orders: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM canteen_orders WHERE detainee_id = $1 AND idempotency_key = $2",
        )
        .bind(&detainee.id)
        .bind(&chain.key)
        .fetch_one(&db.pool)
        .await
        .expect("count an order");
        assert!(orders <= 1, "order {} placed twice", chain.key);
    }
}

/// Nothing half-written anywhere, and the operator's tools agree.
pub async fn check_books(db: &Db, url: &str) {
    let orders_without_lines = count(
        db,
        "SELECT COUNT(*) FROM canteen_orders o WHERE NOT EXISTS \
         (SELECT 1 FROM canteen_order_lines l WHERE l.order_id = o.id)",
    )
    .await;
    assert_eq!(orders_without_lines, 0, "orders without lines");
    let operations_without_entries = count(
        db,
        "SELECT COUNT(*) FROM account_operations op WHERE NOT EXISTS \
         (SELECT 1 FROM ledger_entries e WHERE e.operation_id = op.id)",
    )
    .await;
    assert_eq!(operations_without_entries, 0, "operations without entries");
    let orders_off_their_lines = count(
        db,
        "SELECT COUNT(*) FROM canteen_orders o WHERE o.idempotency_key LIKE 'dur-%' AND \
         o.total_cents <> (SELECT CAST(COALESCE(SUM(l.quantity * l.unit_price_cents), 0) AS BIGINT) \
         FROM canteen_order_lines l WHERE l.order_id = o.id)",
    )
    .await;
    assert_eq!(
        orders_off_their_lines, 0,
        "orders whose total is not their lines'"
    );
    for check in ["verify-ledger", "verify-audit"] {
        let out = Command::new(env!("CARGO_BIN_EXE_ned-api"))
            .arg(check)
            .env_clear()
            .env("NED_DATABASE_URL", url)
            .env("NED_LOG", "warn")
            .output()
            .expect("run the check");
        assert!(
            out.status.success(),
            "ned-api {check} after the crash: {}\n{}{}",
            out.status,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let violations = api::accounts::invariant::violations(db)
        .await
        .expect("ledger check");
    assert!(violations.is_empty(), "ledger invariant: {violations:#?}");
}
