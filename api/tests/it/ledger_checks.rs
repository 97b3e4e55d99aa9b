//! `verify-ledger` catches each broken money invariant: a database tampered with behind the
//! API's back (balances kept in step, so only the invariant under test breaks) is reported.

use axum::http::StatusCode;
use serde_json::json;

use crate::canteen_fixture::{open_window, order, product};
use crate::harness::TestApp;
use crate::visits_fixture::detainee;

/// A forged movement: an operation with one entry, and the account column moved with it so
/// the balances still agree with the ledger.
struct Forged<'a> {
    detainee: &'a str,
    establishment: &'a str,
    kind: &'a str,
    part: &'a str,
    amount: i64,
    order_id: Option<&'a str>,
    line_id: Option<&'a str>,
    corrects: Option<&'a str>,
}

async fn forge(app: &TestApp, f: Forged<'_>) {
    let pool = &app.state.db.pool;
    let op = uuid::Uuid::now_v7().to_string();
    sqlx::query("INSERT INTO account_operations (id, detainee_id, created_at) VALUES ($1, $2, 0)")
        .bind(&op)
        .bind(f.detainee)
        .execute(pool)
        .await
        .unwrap();
    sqlx::query(
        "INSERT INTO ledger_entries (id, operation_id, detainee_id, establishment_id, part, \
         amount_cents, kind, label, order_id, corrects_operation_id, created_at, line_id) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'forgé', $8, $9, 0, $10)",
    )
    .bind(uuid::Uuid::now_v7().to_string())
    .bind(&op)
    .bind(f.detainee)
    .bind(f.establishment)
    .bind(f.part)
    .bind(f.amount)
    .bind(f.kind)
    .bind(f.order_id)
    .bind(f.corrects)
    .bind(f.line_id)
    .execute(pool)
    .await
    .unwrap();
    let column = match f.part {
        "available" => "available_cents",
        "civil_parties" => "civil_parties_cents",
        _ => "savings_cents",
    };
    sqlx::query(&format!(
        "UPDATE accounts SET {column} = {column} + $1 WHERE detainee_id = $2"
    ))
    .bind(f.amount)
    .bind(f.detainee)
    .execute(pool)
    .await
    .unwrap();
}

async fn violations(app: &TestApp) -> Vec<String> {
    api::accounts::invariant::violations(&app.state.db)
        .await
        .unwrap()
}

fn reports(found: &[String], needle: &str) {
    assert!(
        found.iter().any(|v| v.contains(needle)),
        "expected a violation containing {needle:?}, got {found:#?}"
    );
}

/// Karim's order of 2 × 1,90 € at Valmont, its week closed: (order id, line id).
async fn paid_order(app: &TestApp) -> (String, String) {
    let valmont = app.establishment_id("valmont").await;
    let mut tablet = app.detainee("VALMONT-DEMO", "10001").await;
    let soap = product(app, &valmont, "Savon test", 190, 5).await;
    let r = tablet
        .post("/api/detainee/canteen/orders", order(&[(&soap, 2)], "o"))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let window = open_window(app, &valmont).await;
    api::canteen::windows::lock(&app.state.db, &window, None)
        .await
        .unwrap();
    (
        r.json["order"]["id"].as_str().unwrap().to_string(),
        r.json["order"]["lines"][0]["id"]
            .as_str()
            .unwrap()
            .to_string(),
    )
}

#[tokio::test]
async fn a_refund_larger_than_the_line_is_reported() {
    let mut app = TestApp::new().await;
    let (order_id, line) = paid_order(&app).await;
    assert_eq!(violations(&app).await, Vec::<String>::new());
    let (valmont, karim) = (
        app.establishment_id("valmont").await,
        app.detainee_id("10001").await,
    );
    forge(
        &app,
        Forged {
            detainee: &karim,
            establishment: &valmont,
            kind: "canteen_refund",
            part: "available",
            amount: 190 * 6,
            order_id: Some(&order_id),
            line_id: Some(&line),
            corrects: None,
        },
    )
    .await;
    app.tampered();
    let found = violations(&app).await;
    reports(
        &found,
        &format!("order line {line}: refunded 1140 but it cost 380"),
    );
    reports(
        &found,
        &format!("order {order_id}: refunded 1140 but its total is 380"),
    );
    reports(&found, "refunded_cents is 0 but the ledger refunded 1140");
}

#[tokio::test]
async fn a_hold_that_is_not_the_placed_orders_is_reported() {
    let mut app = TestApp::new().await;
    let valmont = app.establishment_id("valmont").await;
    let mut tablet = app.detainee("VALMONT-DEMO", "10001").await;
    let soap = product(&app, &valmont, "Savon test", 190, 5).await;
    tablet
        .post("/api/detainee/canteen/orders", order(&[(&soap, 2)], "o"))
        .await;
    assert_eq!(violations(&app).await, Vec::<String>::new());
    sqlx::query("UPDATE accounts SET held_cents = held_cents - 190 WHERE detainee_id = $1")
        .bind(app.detainee_id("10001").await)
        .execute(&app.state.db.pool)
        .await
        .unwrap();
    app.tampered();
    reports(&violations(&app).await, "held is");
}

#[tokio::test]
async fn a_second_purchase_for_one_order_is_reported() {
    let mut app = TestApp::new().await;
    let (order_id, _) = paid_order(&app).await;
    let (valmont, karim) = (
        app.establishment_id("valmont").await,
        app.detainee_id("10001").await,
    );
    forge(
        &app,
        Forged {
            detainee: &karim,
            establishment: &valmont,
            kind: "canteen_purchase",
            part: "available",
            amount: -380,
            order_id: Some(&order_id),
            line_id: None,
            corrects: None,
        },
    )
    .await;
    app.tampered();
    reports(
        &violations(&app).await,
        &format!("order {order_id} (locked): 2 purchase(s) of -760 in all, expected 1 of -380"),
    );
}

#[tokio::test]
async fn a_second_reversal_and_an_overgrown_correction_are_reported() {
    let mut app = TestApp::new().await;
    let valmont = app.establishment_id("valmont").await;
    let newcomer = detainee(&app, &valmont, "convicted").await;
    let mut officer = app.agent("comptes.valmont").await;
    let base = format!("/api/agent/establishments/{valmont}/accounts/{newcomer}");
    let mut ops = Vec::new();
    for key in ["a", "b", "c", "d"] {
        let r = officer
            .post(
                &format!("{base}/credits"),
                json!({"kind": "allowance", "amount_cents": 5_000, "label": "", "idempotency_key": key}),
            )
            .await;
        ops.push(r.json["operation_id"].as_str().unwrap().to_string());
    }
    let r = officer
        .post(
            &format!("{base}/operations/{}/reversal", ops[0]),
            json!({"reason": "Erreur", "idempotency_key": "r"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    assert_eq!(violations(&app).await, Vec::<String>::new());
    let forged = |kind, part, amount, corrects| Forged {
        detainee: &newcomer,
        establishment: &valmont,
        kind,
        part,
        amount,
        order_id: None,
        line_id: None,
        corrects: Some(corrects),
    };
    forge(&app, forged("reversal", "available", -5_000, &ops[0])).await;
    forge(&app, forged("correction", "available", -4_000, &ops[1])).await;
    forge(&app, forged("correction", "available", -1_500, &ops[1])).await;
    app.tampered();
    let found = violations(&app).await;
    reports(
        &found,
        &format!("operation {} (available): reversed 2 times", ops[0]),
    );
    reports(
        &found,
        &format!(
            "operation {} (available): corrections add up to -5500 but it posted 5000",
            ops[1]
        ),
    );
}
