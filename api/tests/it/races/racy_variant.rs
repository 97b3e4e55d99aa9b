//! The suite can fail: a read-then-write variant of "cancel an order" — the way the canteen
//! was written before issue 10 — run through the same race and the same money checks, is
//! caught. Both cancels read "placed" before either writes, so the hold is released twice and
//! the account no longer holds what its placed orders say. The real route, raced the same way,
//! releases once (`canteen::ten_cancels_of_one_order_from_two_terminals_release_its_hold_once`).

use std::sync::Arc;

use axum::http::StatusCode;
use tokio::sync::Barrier;

use super::race;
use crate::canteen_fixture::{order, product};
use crate::harness::{Response, TestApp};

/// Cancel as a read, then a write that trusts the read: no status in the UPDATE, no version.
async fn racy_cancel(db: api::db::Db, detainee_id: String, order_id: String, gate: Arc<Barrier>) {
    let (status, total): (String, i64) =
        sqlx::query_as("SELECT status, total_cents FROM canteen_orders WHERE id = $1")
            .bind(&order_id)
            .fetch_one(&db.pool)
            .await
            .expect("read");
    gate.wait().await;
    if status != "placed" {
        return;
    }
    let mut tx = db.begin().await.expect("begin");
    api::accounts::ledger::release(&mut tx, &detainee_id, total)
        .await
        .expect("release");
    sqlx::query("UPDATE canteen_orders SET status = 'cancelled' WHERE id = $1")
        .bind(&order_id)
        .execute(&mut *tx)
        .await
        .expect("write");
    tx.commit().await.expect("commit");
}

#[tokio::test]
async fn a_read_then_write_cancel_is_caught_by_the_race_suite() {
    let mut app = TestApp::new().await;
    let valmont = app.establishment_id("valmont").await;
    let karim = app.detainee_id("10001").await;
    let mut tablet = app.detainee("VALMONT-DEMO", "10001").await;
    let soap = product(&app, &valmont, "Savon test", 250, 5).await;
    let mut ids = Vec::new();
    for key in ["a", "b"] {
        let r = tablet
            .post("/api/detainee/canteen/orders", order(&[(&soap, 1)], key))
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        ids.push(r.json["order"]["id"].as_str().unwrap().to_string());
    }
    assert!(
        api::accounts::invariant::violations(&app.state.db)
            .await
            .unwrap()
            .is_empty()
    );

    let gate = Arc::new(Barrier::new(2));
    let (db, first) = (app.state.db.clone(), ids[0].clone());
    race(2, move |_| {
        let (db, karim, first, gate) = (db.clone(), karim.clone(), first.clone(), gate.clone());
        async move {
            racy_cancel(db, karim, first, gate).await;
            Response::empty()
        }
    })
    .await;

    let found = api::accounts::invariant::violations(&app.state.db)
        .await
        .unwrap();
    app.tampered();
    assert!(
        found
            .iter()
            .any(|v| v.contains("held is 0 but the placed orders say 250")),
        "the double release is caught: {found:#?}"
    );
}
