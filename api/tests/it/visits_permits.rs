//! The console's permit list and a detainee's linked visitors (for staff booking).

use axum::http::StatusCode;
use serde_json::json;

use crate::harness::TestApp;
use crate::visits_fixture::{detainee, linked_visitor};

#[tokio::test]
async fn staff_record_a_permit_find_it_by_detainee_or_holder_then_suspend_it() {
    let app = TestApp::new().await;
    let valmont = app.establishment_id("valmont").await;
    let d = detainee(&app, &valmont, "remand").await;
    let mut officer = app.agent("parloirs.valmont").await;
    let base = format!("/api/agent/establishments/{valmont}/permits");
    let permit = |issuer: &str| {
        json!({"detainee_id": d, "number": "PV-TEST-1", "issuer": issuer, "holder_first_name": "Inès",
               "holder_last_name": "Aubrac", "holder_birth_date": "1975-05-05", "valid_from": "2026-01-01",
               "valid_until": null})
    };
    // On remand: the judge issues the permit; the refusal explains it under the field.
    let r = officer.post(&base, permit("prison_head")).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
    assert_eq!(r.fields(), ["issuer"]);
    assert!(
        r.json["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("juge")
    );
    let r = officer.post(&base, permit("judge")).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let id = r.json["id"].as_str().unwrap().to_string();

    let detainee_name = format!("Détenu {}", &d[28..]);
    for q in [detainee_name.as_str(), "aubrac", "pv-test"] {
        let r = officer
            .get(&format!("{base}?q={}", q.replace(' ', "%20")))
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text);
        let list = r.json.as_array().unwrap();
        assert_eq!(list.len(), 1, "{q}: {}", r.text);
        assert_eq!(list[0]["id"], id.as_str());
        assert_eq!(list[0]["holder_name"], "Inès Aubrac");
        assert_eq!(list[0]["detainee_name"], format!("Test {detainee_name}"));
        assert_eq!(list[0]["issuer"], "judge");
    }
    // The demo permits of Valmont are listed too, and Saint-Aubin's are not.
    let r = officer.get(&base).await;
    let numbers: Vec<&str> = r
        .json
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p["number"].as_str())
        .collect();
    assert!(numbers.contains(&"PV-2026-0001") && numbers.contains(&"PV-TEST-1"));
    let saint_aubin = app.establishment_id("saint-aubin").await;
    let r = officer
        .get(&format!("/api/agent/establishments/{saint_aubin}/permits"))
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let mut canteen = app.agent("cantine.valmont").await;
    assert_eq!(canteen.get(&base).await.status, StatusCode::FORBIDDEN);
    let r = officer.get(&format!("{base}?q={}", "x".repeat(101))).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);

    let r = officer
        .post(
            &format!("{base}/{id}/suspend"),
            json!({"reason": "Incident au parloir"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.text);
    let r = officer.get(&format!("{base}?q=aubrac")).await;
    assert_eq!(r.json[0]["suspended"], true);
    assert_eq!(r.json[0]["suspension_reason"], "Incident au parloir");
}

#[tokio::test]
async fn staff_see_the_visitors_linked_to_a_detainee_and_whether_they_may_book() {
    let app = TestApp::new().await;
    let valmont = app.establishment_id("valmont").await;
    let d = detainee(&app, &valmont, "convicted").await;
    let other = detainee(&app, &valmont, "convicted").await;
    let (_visitor, link) = linked_visitor(&app, &valmont, &d).await;
    let mut officer = app.agent("parloirs.valmont").await;
    let path = format!("/api/agent/establishments/{valmont}/detainees/{d}/links");
    let r = officer.get(&path).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let list = r.json.as_array().unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["id"], link.as_str());
    assert_eq!(list[0]["visitor_name"], "Vi Siteur");
    assert_eq!(list[0]["can_book"], true);

    sqlx::query("UPDATE visit_permits SET suspended_at = 1 WHERE detainee_id = $1")
        .bind(&d)
        .execute(&app.state.db.pool)
        .await
        .unwrap();
    let r = officer.get(&path).await;
    assert_eq!(
        r.json[0]["can_book"], false,
        "a suspended permit books nothing"
    );

    let r = officer
        .get(&format!(
            "/api/agent/establishments/{valmont}/detainees/{other}/links"
        ))
        .await;
    assert_eq!(r.json, json!([]));
    let mut canteen = app.agent("cantine.valmont").await;
    assert_eq!(canteen.get(&path).await.status, StatusCode::FORBIDDEN);
}
