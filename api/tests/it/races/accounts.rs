//! Races on the accounts office: credits, corrections and reversals posted several times at
//! once, and the split rules saved at once. An operation is reversed once; corrections stay
//! within what the operation posted.

use axum::http::StatusCode;
use serde_json::{Value, json};

use super::{N, race};
use crate::harness::{Client, TestApp};

/// The routes this file races.
pub const COVERED: &[&str] = &[
    "PUT /api/agent/establishments/{id}/account-rules",
    "POST /api/agent/establishments/{id}/accounts/{detainee_id}/corrections",
    "POST /api/agent/establishments/{id}/accounts/{detainee_id}/credits",
    "POST /api/agent/establishments/{id}/accounts/{detainee_id}/operations/{operation_id}/reversal",
];

async fn officer(app: &TestApp) -> (Client, String) {
    let valmont = app.establishment_id("valmont").await;
    let karim = app.detainee_id("10001").await;
    let base = format!("/api/agent/establishments/{valmont}/accounts/{karim}");
    (app.agent("comptes.valmont").await, base)
}

fn credit(amount: i64, key: &str) -> Value {
    json!({"kind": "family_transfer", "amount_cents": amount, "label": "", "idempotency_key": key})
}

#[tokio::test]
async fn one_credit_sent_eight_times_at_once_is_posted_once() {
    let app = TestApp::new().await;
    let (o, base) = officer(&app).await;
    let operations = app.count("account_operations").await;
    let url = format!("{base}/credits");
    let out = race(N, move |_| {
        let (mut o, url) = (o.clone(), url.clone());
        async move { o.post(&url, credit(5_000, "mandat-1")).await }
    })
    .await;
    out.all(&[StatusCode::CREATED, StatusCode::OK]);
    assert_eq!(out.count(StatusCode::CREATED), 1);
    assert_eq!(app.count("account_operations").await, operations + 1);
    let ids: std::collections::BTreeSet<_> = out
        .0
        .iter()
        .map(|r| r.json["operation_id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids.len(), 1, "every answer names the same operation");
}

#[tokio::test]
async fn a_50_euro_operation_reversed_three_times_at_once_is_reversed_once() {
    let app = TestApp::new().await;
    let (mut o, base) = officer(&app).await;
    let r = o.post(&format!("{base}/credits"), credit(5_000, "m")).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let op = r.json["operation_id"].as_str().unwrap().to_string();
    let before = o.get(&base).await.json["balances"].clone();
    let url = format!("{base}/operations/{op}/reversal");
    let out = race(3, move |i| {
        let (mut o, url) = (o.clone(), url.clone());
        let body =
            json!({"reason": "Mandat saisi deux fois", "idempotency_key": format!("rev-{i}")});
        async move { o.post(&url, body).await }
    })
    .await;
    out.exactly_one(StatusCode::CREATED, &["operation.already_reversed"]);
    let (mut o, _) = officer(&app).await;
    let after = o.get(&base).await.json["balances"].clone();
    for part in ["available_cents", "civil_parties_cents", "savings_cents"] {
        let posted: i64 = r.json["split"][part].as_i64().unwrap();
        assert_eq!(
            after[part].as_i64().unwrap(),
            before[part].as_i64().unwrap() - posted,
            "{part} loses what the operation posted, once"
        );
    }
}

#[tokio::test]
async fn corrections_of_one_operation_at_once_stay_within_what_it_posted() {
    let app = TestApp::new().await;
    let (mut o, base) = officer(&app).await;
    let r = o
        .post(
            &format!("{base}/credits"),
            json!({"kind": "wages", "amount_cents": 3_000, "label": "", "idempotency_key": "w"}),
        )
        .await;
    let op = r.json["operation_id"].as_str().unwrap().to_string();
    // What the wages put on the available part (the rest may have gone to the other parts).
    let posted = r.json["split"]["available_cents"].as_i64().unwrap();
    let fit = usize::try_from(posted / 1_000).unwrap();
    assert!((1..6).contains(&fit), "{posted}");
    let url = format!("{base}/corrections");
    let out = race(6, move |i| {
        let (mut o, url) = (o.clone(), url.clone());
        let body = json!({"part": "available", "amount_cents": -1_000, "reason": "Trop versé",
                          "corrects_operation_id": op, "idempotency_key": format!("c{i}")});
        async move { o.post(&url, body).await }
    })
    .await;
    assert_eq!(
        out.only(StatusCode::CREATED, &["operation.correction_out_of_bounds"]),
        fit,
        "only the corrections of 10 € that fit in what the operation posted"
    );
}

#[tokio::test]
async fn split_rules_saved_at_once_leave_one_set_of_rules() {
    let app = TestApp::new().await;
    let (o, base) = officer(&app).await;
    let url = base
        .rsplit_once("/accounts/")
        .map(|(b, _)| format!("{b}/account-rules"))
        .unwrap();
    let mut rules = {
        let mut o = o.clone();
        o.get(&url).await.json
    };
    rules["levy_wages"] = json!(false);
    let out = race(N, move |_| {
        let (mut o, url, rules) = (o.clone(), url.clone(), rules.clone());
        async move { o.put(&url, rules).await }
    })
    .await;
    out.all(&[StatusCode::OK]);
    assert_eq!(app.count("account_split_rules").await, 1);
}
