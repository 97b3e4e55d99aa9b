//! The partner API: keys scoped to delegated-management establishments, the closed week's
//! orders, delivery results with refunds; and every refusal.

use axum::http::StatusCode;
use serde_json::json;

use crate::canteen_fixture::{open_window, order, product};
use crate::harness::{Client, TestApp};

async fn key_for(app: &TestApp, establishment: &str) -> String {
    let mut admin = app.agent("admin.saint-aubin").await;
    let r = admin
        .post(
            "/api/agent/partner-keys",
            json!({"name": "Prestataire cantine Sud", "establishment_ids": [establishment]}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let secret = r.json["secret"].as_str().unwrap().to_string();
    assert!(secret.starts_with("ned_pk_"));
    assert!(!r.text.contains("key_hash"));
    secret
}

fn partner(app: &TestApp, secret: &str) -> Client {
    app.client()
        .with_header("authorization", &format!("Bearer {secret}"))
}

#[tokio::test]
async fn the_partner_reads_the_closed_week_and_reports_a_missing_line_which_is_refunded() {
    let app = TestApp::new().await;
    let saint_aubin = app.establishment_id("saint-aubin").await;
    let secret = key_for(&app, &saint_aubin).await;
    let mut tablet = app.detainee("STAUBIN-DEMO", "20001").await;
    let rice = product(&app, &saint_aubin, "Riz test", 189, 4).await;
    let r = tablet
        .post("/api/detainee/canteen/orders", order(&[(&rice, 2)], "p1"))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let order_id = r.json["order"]["id"].as_str().unwrap().to_string();
    let window = open_window(&app, &saint_aubin).await;
    api::canteen::windows::lock(&app.state.db, &window, None)
        .await
        .unwrap();

    let mut p = partner(&app, &secret);
    let windows = p.get("/api/partner/windows").await;
    assert_eq!(windows.status, StatusCode::OK, "{}", windows.text);
    assert_eq!(windows.json[0]["window"]["id"], window.as_str());
    let lines = p
        .get(&format!("/api/partner/windows/{window}/consolidation"))
        .await;
    assert!(
        lines
            .json
            .as_array()
            .unwrap()
            .iter()
            .any(|l| l["name"] == "Riz test" && l["quantity"] == 2)
    );
    let orders = p
        .get(&format!("/api/partner/windows/{window}/orders"))
        .await
        .json;
    let mine = orders
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["order_id"] == order_id.as_str())
        .cloned()
        .unwrap();
    assert_eq!(mine["registration_number"], "20001");
    let line = mine["lines"][0]["id"].as_str().unwrap().to_string();

    // The console does not record deliveries for a delegated establishment.
    let mut manager = app.agent("admin.national").await;
    let batch =
        json!({"lines": [{"line_id": line, "outcome": "missing", "delivered_quantity": 1}]});
    let r = manager
        .post(
            &format!("/api/agent/establishments/{saint_aubin}/canteen/deliveries"),
            batch.clone(),
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text);

    let r = p
        .post(&format!("/api/partner/windows/{window}/deliveries"), batch)
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.json["recorded"], 1);
    let seen = tablet
        .get(&format!("/api/detainee/canteen/orders/{order_id}"))
        .await
        .json;
    assert_eq!(seen["status"], "partly_delivered");
    assert_eq!(seen["refunded_cents"], 189);
    app.assert_ledger_balanced().await;
    let audited = crate::visits_fixture::scalar(
        &app,
        "SELECT COUNT(*) FROM audit_events WHERE actor_kind = 'partner' AND target = $1",
        &window,
    )
    .await;
    assert_eq!(audited, 1);
}

#[tokio::test]
async fn keys_are_refused_when_absent_wrong_revoked_or_out_of_scope() {
    let app = TestApp::new().await;
    let saint_aubin = app.establishment_id("saint-aubin").await;
    let valmont = app.establishment_id("valmont").await;
    let secret = key_for(&app, &saint_aubin).await;

    let mut anonymous = app.client();
    assert_eq!(
        anonymous.get("/api/partner/windows").await.status,
        StatusCode::UNAUTHORIZED
    );
    let mut wrong = partner(&app, "ned_pk_0000");
    assert_eq!(
        wrong.get("/api/partner/windows").await.status,
        StatusCode::UNAUTHORIZED
    );
    // A Valmont window is not this partner's: as if it did not exist.
    let valmont_window = open_window(&app, &valmont).await;
    let mut p = partner(&app, &secret);
    let r = p
        .get(&format!("/api/partner/windows/{valmont_window}/orders"))
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = p
        .post(
            &format!("/api/partner/windows/{valmont_window}/deliveries"),
            json!({"lines": [{"line_id": "x", "outcome": "delivered"}]}),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);

    // Keys are for delegated establishments, by their administrators.
    let mut national = app.agent("admin.national").await;
    let r = national
        .post(
            "/api/agent/partner-keys",
            json!({"name": "X", "establishment_ids": [valmont]}),
        )
        .await;
    assert_eq!(r.fields(), ["establishment_ids[0]"]);
    let mut other = app.agent("admin.valmont").await;
    let r = other
        .post(
            "/api/agent/partner-keys",
            json!({"name": "X", "establishment_ids": [saint_aubin]}),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);

    let mut admin = app.agent("admin.saint-aubin").await;
    let keys = admin.get("/api/agent/partner-keys").await.json;
    let id = keys[0]["id"].as_str().unwrap().to_string();
    assert!(keys[0]["last_used_at"].is_i64(), "use is tracked");
    let r = admin
        .post(&format!("/api/agent/partner-keys/{id}/revoke"), json!({}))
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    assert_eq!(
        p.get("/api/partner/windows").await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn the_partner_api_is_documented_with_an_example_and_can_be_left_out() {
    let app = TestApp::new().await;
    let doc = app.client().get("/api/openapi.json").await.json;
    let post = &doc["paths"]["/api/partner/windows/{id}/deliveries"]["post"];
    let example = &post["requestBody"]["content"]["application/json"]["example"];
    assert_eq!(example["lines"][1]["outcome"], "missing");
    assert_eq!(post["security"][0]["partner_key"], json!([]));
    assert_eq!(
        doc["components"]["securitySchemes"]["partner_key"]["scheme"],
        "bearer"
    );

    let public_only = TestApp::with_env(&[("NED_SURFACES", "public")]).await;
    let r = public_only.client().get("/api/partner/windows").await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}
