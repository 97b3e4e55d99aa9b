//! Linking a visitor to a detainee: the request, the staff decision, the permit.

use axum::http::StatusCode;
use serde_json::json;
use sqlx::Row;

use crate::harness::TestApp;

#[tokio::test]
async fn a_visitor_asks_staff_approve_with_the_permit_and_booking_opens() {
    let app = TestApp::new().await;
    let valmont = app.establishment_id("valmont").await;
    let mut marie = app.visitor().await;
    let r = marie.get("/api/public/establishments").await;
    assert_eq!(r.json.as_array().unwrap().len(), 2);
    let r = marie
        .post(
            "/api/public/links",
            json!({"establishment_id": valmont, "detainee_first_name": "Karim", "detainee_last_name": "Benali",
                   "detainee_birth_date": "1965-01-01", "permit_number": "PV-2026-118"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    assert_eq!(r.json["status"], "pending");
    assert_eq!(r.json["can_book"], false);
    let link = r.json["id"].as_str().unwrap().to_string();

    let mut officer = app.agent("parloirs.valmont").await;
    let r = officer
        .get(&format!(
            "/api/agent/establishments/{valmont}/link-requests"
        ))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let request = r
        .json
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["id"] == link.as_str())
        .cloned()
        .unwrap();
    let karim = request["candidates"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["registration_number"] == "10001")
        .cloned();
    let karim = karim.expect("Karim Benali is proposed");

    // Karim is on remand: the judge issues his permits, not the prison head.
    let approve = |issuer: &str| {
        json!({"detainee_id": karim["id"], "permit_number": "PV-2026-118", "issuer": issuer,
               "holder_birth_date": "1988-07-14", "valid_from": "2026-01-01", "valid_until": null})
    };
    let path = format!("/api/agent/establishments/{valmont}/link-requests/{link}/approve");
    let r = officer.post(&path, approve("prison_head")).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.fields(), ["issuer"]);
    let r = officer.post(&path, approve("judge")).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    // Deciding twice is refused.
    assert_eq!(
        officer.post(&path, approve("judge")).await.status,
        StatusCode::CONFLICT
    );

    let r = marie.get("/api/public/links").await;
    let mine = r
        .json
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["id"] == link.as_str())
        .cloned()
        .unwrap();
    assert_eq!(mine["status"], "approved");
    assert_eq!(mine["can_book"], true);
    assert_eq!(
        marie
            .get(&format!("/api/public/links/{link}/slots"))
            .await
            .status,
        StatusCode::OK
    );
    let audited: i64 = sqlx::query("SELECT COUNT(*) AS n FROM audit_events WHERE action = 'visit_link.approved' AND establishment_id = $1")
        .bind(&valmont)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap()
        .try_get("n")
        .unwrap();
    assert_eq!(audited, 1);
}

#[tokio::test]
async fn a_rejection_carries_its_reason_and_other_establishments_cannot_decide() {
    let app = TestApp::new().await;
    let valmont = app.establishment_id("valmont").await;
    let mut marie = app.visitor().await;
    let r = marie
        .post(
            "/api/public/links",
            json!({"establishment_id": valmont, "detainee_first_name": "X", "detainee_last_name": "Y",
                   "detainee_birth_date": "1990-02-02", "permit_number": null}),
        )
        .await;
    let link = r.json["id"].as_str().unwrap().to_string();
    let path = format!("/api/agent/establishments/{valmont}/link-requests/{link}/reject");
    let mut foreign = app.agent("admin.saint-aubin").await;
    assert_eq!(
        foreign.post(&path, json!({"reason": "x"})).await.status,
        StatusCode::FORBIDDEN
    );
    let mut officer = app.agent("parloirs.valmont").await;
    let r = officer
        .post(
            &path,
            json!({"reason": "Aucune personne de ce nom n'est détenue ici."}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let r = marie.get("/api/public/links").await;
    let mine = r
        .json
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["id"] == link.as_str())
        .cloned()
        .unwrap();
    assert_eq!(mine["status"], "rejected");
    assert_eq!(
        mine["rejection_reason"],
        "Aucune personne de ce nom n'est détenue ici."
    );
}

#[tokio::test]
async fn link_requests_are_validated() {
    let app = TestApp::new().await;
    let before = app.count("link_requests").await;
    let mut marie = app.visitor().await;
    let r = marie
        .post(
            "/api/public/links",
            json!({"establishment_id": "nowhere", "detainee_first_name": "", "detainee_last_name": "Y",
                   "detainee_birth_date": "1990-02-30", "permit_number": null}),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.fields(), ["detainee_first_name", "detainee_birth_date"]);
    assert_eq!(app.count("link_requests").await, before);
    let mut anonymous = app.client();
    assert_eq!(
        anonymous.get("/api/public/links").await.status,
        StatusCode::UNAUTHORIZED
    );
}
