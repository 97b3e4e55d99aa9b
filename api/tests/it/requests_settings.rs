//! What an establishment keeps for its request services: deadlines, the dashboard, answer
//! templates.

use axum::http::StatusCode;
use serde_json::json;

use crate::harness::TestApp;
use crate::requests_fixture::{actions_on, get_ok, text, write};

#[tokio::test]
async fn deadlines_are_set_by_the_management_and_apply_to_new_requests() {
    let app = TestApp::new().await;
    let valmont = app.establishment_id("valmont").await;
    let mut admin = app.agent("admin.valmont").await;
    let path = format!("/api/agent/establishments/{valmont}/requests/deadlines/library");
    for days in [0, 61] {
        let r = admin.put(&path, json!({"days": days})).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{days}");
    }
    let mut canteen = app.agent("cantine.valmont").await;
    let r = canteen.put(&path, json!({"days": 2})).await;
    assert_eq!(
        r.status,
        StatusCode::FORBIDDEN,
        "a handler does not set deadlines"
    );
    let r = admin.put(&path, json!({"days": 2})).await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.text);
    let mut tablet = app.detainee("VALMONT-DEMO", "10013").await;
    let id = write(&mut tablet, "library", "Je voudrais un livre de cuisine.").await;
    let (created, due): (i64, i64) =
        sqlx::query_as("SELECT created_at, due_at FROM requests WHERE id = $1")
            .bind(&id)
            .fetch_one(&app.state.db.pool)
            .await
            .unwrap();
    assert_eq!(due - created, 2 * 86_400);
    let desks = get_ok(
        &mut admin,
        &format!("/api/agent/establishments/{valmont}/requests/desks"),
    )
    .await;
    let library = desks.json["desks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["service"] == "library")
        .unwrap()
        .clone();
    assert_eq!(library["deadline_days"], 2);
    assert_eq!(desks.json["can_set_deadlines"], true);
    assert!(
        desks.json["desks"]
            .as_array()
            .unwrap()
            .iter()
            .all(|d| d["service"] != "health"),
        "no health desk for the administrator"
    );
}

#[tokio::test]
async fn the_dashboard_counts_by_service_and_status_with_the_median_delay() {
    let app = TestApp::new().await;
    let valmont = app.establishment_id("valmont").await;
    let mut admin = app.agent("admin.valmont").await;
    let path = format!("/api/agent/establishments/{valmont}/requests/dashboard");
    let before = get_ok(&mut admin, &path).await.json;
    let total = |d: &serde_json::Value| -> u64 {
        ["sent", "received", "in_progress", "answered", "closed"]
            .iter()
            .map(|s| d["totals"][s].as_u64().unwrap())
            .sum()
    };
    assert!(total(&before) > 100, "a few hundred demo requests");
    assert!(before["median_answer_seconds"].as_i64().unwrap() > 0);
    let library = |d: &serde_json::Value| {
        d["rows"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["service"] == "library")
            .unwrap()
            .clone()
    };

    let mut tablet = app.detainee("VALMONT-DEMO", "10014").await;
    let id = write(&mut tablet, "library", "Avez-vous des bandes dessinées ?").await;
    let after = get_ok(&mut admin, &path).await.json;
    assert_eq!(total(&after), total(&before) + 1);
    assert_eq!(
        library(&after)["counts"]["sent"].as_u64().unwrap(),
        library(&before)["counts"]["sent"].as_u64().unwrap() + 1
    );
    admin
        .post(
            &format!("/api/agent/requests/{id}/answers"),
            text("Oui, au rayon jeunesse."),
        )
        .await;
    let answered = get_ok(&mut admin, &path).await.json;
    assert_eq!(
        library(&answered)["counts"]["answered"].as_u64().unwrap(),
        library(&before)["counts"]["answered"].as_u64().unwrap() + 1
    );
    assert!(
        !answered.to_string().contains("bandes dessinées"),
        "counts only"
    );
    assert_eq!(answered["can_set_deadlines"], true);
    let health = answered["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["service"] == "health")
        .unwrap()
        .clone();
    assert_eq!(
        health["deadline_days"], 3,
        "the demo's health deadline, shown to the management"
    );
    let mut teacher = app.agent("enseignant.valmont").await;
    let r = teacher.get(&path).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn templates_are_kept_per_service() {
    let app = TestApp::new().await;
    let valmont = app.establishment_id("valmont").await;
    let mut canteen = app.agent("cantine.valmont").await;
    let base = format!("/api/agent/establishments/{valmont}/requests/templates");
    let r = canteen
        .post(
            &base,
            json!({"service": "canteen", "title": "", "text": "Bonjour"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let r = canteen
        .post(
            &base,
            json!({"service": "registry", "title": "Pas à moi", "text": "Bonjour à vous"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "not my service");
    let r = canteen.post(&base, json!({"service": "canteen", "title": "Rupture", "text": "Ce produit est en rupture chez le prestataire."})).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let id = r.json["id"].as_str().unwrap().to_owned();
    let list = get_ok(&mut canteen, &format!("{base}?service=canteen")).await;
    assert!(
        list.json
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t["title"] == "Rupture")
    );
    let mut registry = app.agent("greffe.valmont").await;
    let r = registry
        .delete(&format!("/api/agent/requests/templates/{id}"))
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = canteen
        .delete(&format!("/api/agent/requests/templates/{id}"))
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    let list = get_ok(&mut canteen, &format!("{base}?service=canteen")).await;
    assert!(
        list.json
            .as_array()
            .unwrap()
            .iter()
            .all(|t| t["title"] != "Rupture")
    );
    assert_eq!(
        actions_on(&app, &id).await,
        ["request.template_added", "request.template_removed"]
    );
}
