//! The compte nominatif: credits split by the rules, corrections as new entries, what the
//! detainee sees, and the refusals.

use axum::http::StatusCode;
use serde_json::{Value, json};

use crate::harness::TestApp;
use crate::visits_fixture::detainee;

fn credit(kind: &str, amount: i64, key: &str) -> Value {
    json!({"kind": kind, "amount_cents": amount, "label": "", "idempotency_key": key})
}

#[tokio::test]
async fn a_family_transfer_is_split_and_the_detainee_sees_it() {
    let app = TestApp::new().await;
    let valmont = app.establishment_id("valmont").await;
    let karim = app.detainee_id("10001").await;
    let mut tablet = app.detainee("VALMONT-DEMO", "10001").await;
    let before = tablet.get("/api/detainee/account").await;
    assert_eq!(before.status, StatusCode::OK, "{}", before.text);
    let before = before.json["balances"].clone();

    let mut officer = app.agent("comptes.valmont").await;
    let url = format!("/api/agent/establishments/{valmont}/accounts/{karim}/credits");
    // 500 € in a month with no earlier levied income: 65 € to the civil parties (20 % of
    // 200-400, 25 % of 400-500), 30 € to savings (10 % above 200), 405 € available.
    let newcomer = detainee(&app, &valmont, "remand").await;
    let fresh = format!("/api/agent/establishments/{valmont}/accounts/{newcomer}/credits");
    let r = officer
        .post(&fresh, credit("family_transfer", 50_000, "m"))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    assert_eq!(
        r.json["split"],
        json!({"available_cents": 40_500, "civil_parties_cents": 6_500, "savings_cents": 3_000})
    );
    // A second 100 € the same month falls in the 25 % band.
    let r = officer
        .post(&fresh, credit("family_transfer", 10_000, "m2"))
        .await;
    assert_eq!(r.json["split"]["civil_parties_cents"], 2_500, "{}", r.text);

    let mut body = credit("family_transfer", 50_000, "mandat-1");
    body["label"] = json!("Mandat de Mme Martin");
    let r = officer.post(&url, body.clone()).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let split = &r.json["split"];

    // The same submission again (a double click, a retry): one credit only.
    let again = officer.post(&url, body).await;
    assert_eq!(again.status, StatusCode::OK, "{}", again.text);
    assert_eq!(again.json["operation_id"], r.json["operation_id"]);

    let after = tablet.get("/api/detainee/account").await;
    let gained = after.json["balances"]["available_cents"].as_i64().unwrap()
        - before["available_cents"].as_i64().unwrap();
    assert_eq!(gained, split["available_cents"].as_i64().unwrap());
    let newest = &after.json["history"][0];
    assert_eq!(newest["label"], "Mandat de Mme Martin");
    assert_eq!(newest["kind"], "family_transfer");
    app.assert_ledger_balanced().await;
}

#[tokio::test]
async fn the_allowance_goes_whole_to_the_available_part_and_rules_can_change() {
    let app = TestApp::new().await;
    let valmont = app.establishment_id("valmont").await;
    let karim = app.detainee_id("10001").await;
    let mut officer = app.agent("comptes.valmont").await;
    let base = format!("/api/agent/establishments/{valmont}");
    let r = officer
        .post(
            &format!("{base}/accounts/{karim}/credits"),
            credit("allowance", 2_000, "aide"),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    assert_eq!(r.json["split"]["available_cents"], 2_000);

    // Rules that cannot add up are refused and change nothing.
    let mut rules = officer.get(&format!("{base}/account-rules")).await.json;
    assert_eq!(rules["savings_cap_cents"], 100_000);
    let mut bad = rules.clone();
    bad["band3_rate_bp"] = json!(9_500);
    let r = officer.put(&format!("{base}/account-rules"), bad).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
    assert_eq!(r.fields(), ["savings_rate_bp"]);
    assert_eq!(app.count("account_split_rules").await, 0);

    // Wages no longer levied: a big salary lands whole.
    rules["levy_wages"] = json!(false);
    let r = officer.put(&format!("{base}/account-rules"), rules).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let r = officer
        .post(
            &format!("{base}/accounts/{karim}/credits"),
            credit("wages", 90_000, "paie-11"),
        )
        .await;
    assert_eq!(r.json["split"]["available_cents"], 90_000, "{}", r.text);
    app.assert_ledger_balanced().await;
}

#[tokio::test]
async fn a_correction_is_a_new_entry_and_never_overdraws() {
    let app = TestApp::new().await;
    let valmont = app.establishment_id("valmont").await;
    let karim = app.detainee_id("10001").await;
    let mut officer = app.agent("comptes.valmont").await;
    let base = format!("/api/agent/establishments/{valmont}/accounts/{karim}");
    let posted = officer
        .post(&format!("{base}/credits"), credit("wages", 3_000, "w"))
        .await;
    let op = posted.json["operation_id"].as_str().unwrap().to_string();
    let available = posted.json["balances"]["spendable_cents"].as_i64().unwrap();
    let entries = app.count("ledger_entries").await;

    let too_much = json!({"part": "available", "amount_cents": -(available + 1),
        "reason": "Erreur de saisie", "idempotency_key": "c1"});
    let r = officer.post(&format!("{base}/corrections"), too_much).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text);
    assert_eq!(r.json["code"], "account.insufficient");
    assert!(
        r.json["detail"]
            .as_str()
            .unwrap()
            .contains("solde disponible")
    );
    assert_eq!(app.count("ledger_entries").await, entries);

    // A correction of an operation stays within what it posted, on the parts it touched.
    let savings = posted.json["split"]["savings_cents"].as_i64().unwrap();
    for (part, amount) in [("available", -3_001), ("savings", -(savings + 1))] {
        let out = json!({"part": part, "amount_cents": amount,
            "reason": "Erreur de saisie", "corrects_operation_id": op, "idempotency_key": format!("o{part}")});
        let r = officer.post(&format!("{base}/corrections"), out).await;
        assert_eq!(r.status, StatusCode::CONFLICT, "{part}: {}", r.text);
        assert_eq!(r.json["code"], "operation.correction_out_of_bounds");
    }
    assert_eq!(app.count("ledger_entries").await, entries);

    let unknown = json!({"part": "available", "amount_cents": -100,
        "reason": "Erreur", "corrects_operation_id": "nope", "idempotency_key": "c2"});
    let r = officer.post(&format!("{base}/corrections"), unknown).await;
    assert_eq!(r.fields(), ["corrects_operation_id"]);

    let fix = json!({"part": "available", "amount_cents": -1_000,
        "reason": "Salaire saisi en double", "corrects_operation_id": op, "idempotency_key": "c3"});
    let r = officer.post(&format!("{base}/corrections"), fix).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    assert_eq!(
        r.json["balances"]["spendable_cents"].as_i64().unwrap(),
        available - 1_000
    );
    let view = officer.get(&base).await;
    assert_eq!(view.json["history"][0]["kind"], "correction");
    assert_eq!(
        view.json["history"][0]["corrects_operation_id"],
        op.as_str()
    );
    // The corrected credit is still there, unchanged: its parts still add up to 30 €.
    let kept: i64 = view.json["history"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["operation_id"] == op.as_str())
        .map(|e| e["amount_cents"].as_i64().unwrap())
        .sum();
    assert_eq!(kept, 3_000);
    app.assert_ledger_balanced().await;
}

#[tokio::test]
async fn the_ledger_refuses_edits_and_deletions_in_the_database_itself() {
    let app = TestApp::new().await;
    let valmont = app.establishment_id("valmont").await;
    let karim = app.detainee_id("10001").await;
    let mut officer = app.agent("comptes.valmont").await;
    let r = officer
        .post(
            &format!("/api/agent/establishments/{valmont}/accounts/{karim}/credits"),
            credit("wages", 1_234, "k"),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED);
    let pool = &app.state.db.pool;
    let update = sqlx::query("UPDATE ledger_entries SET amount_cents = 99999")
        .execute(pool)
        .await;
    assert!(update.is_err(), "an entry was edited");
    let delete = sqlx::query("DELETE FROM ledger_entries")
        .execute(pool)
        .await;
    assert!(delete.is_err(), "an entry was deleted");
}

#[tokio::test]
async fn money_routes_refuse_bad_input_and_other_people() {
    let app = TestApp::new().await;
    let valmont = app.establishment_id("valmont").await;
    let saint_aubin = app.establishment_id("saint-aubin").await;
    let karim = app.detainee_id("10001").await;
    let elsewhere = app.detainee_id("20001").await;
    let mut officer = app.agent("comptes.valmont").await;
    let url = format!("/api/agent/establishments/{valmont}/accounts/{karim}/credits");
    let operations = app.count("account_operations").await;

    for (body, field) in [
        (credit("wages", 0, "a"), "amount_cents"),
        (credit("wages", -500, "b"), "amount_cents"),
        (credit("wages", 100_000_000, "c"), "amount_cents"),
        (credit("wages", 500, " "), "idempotency_key"),
    ] {
        let r = officer.post(&url, body).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
        assert_eq!(r.fields(), [field]);
    }
    let r = officer
        .post(
            &url,
            json!({"kind": "lottery", "amount_cents": 5, "idempotency_key": "d"}),
        )
        .await;
    assert!(r.status.is_client_error() && r.is_problem(), "{}", r.text);
    let r = officer
        .post(
            &format!("/api/agent/establishments/{valmont}/accounts/{elsewhere}/credits"),
            credit("wages", 500, "e"),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = officer
        .post(
            &format!("/api/agent/establishments/{saint_aubin}/accounts/{elsewhere}/credits"),
            credit("wages", 500, "f"),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let mut canteen = app.agent("cantine.valmont").await;
    let r = canteen.post(&url, credit("wages", 500, "g")).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = canteen
        .get(&format!(
            "/api/agent/establishments/{valmont}/accounts/{karim}"
        ))
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(app.count("account_operations").await, operations);
    let mut anonymous = app.client();
    assert_eq!(
        anonymous.get("/api/detainee/account").await.status,
        StatusCode::UNAUTHORIZED
    );
}

/// The harness checks the ledger after every test: a balance changed behind the ledger's back
/// fails the test that did it.
#[tokio::test]
#[should_panic(expected = "ledger invariant broken")]
async fn a_balance_changed_behind_the_ledgers_back_fails_the_test() {
    let app = TestApp::new().await;
    sqlx::query("UPDATE accounts SET available_cents = available_cents + 1")
        .execute(&app.state.db.pool)
        .await
        .unwrap();
}
