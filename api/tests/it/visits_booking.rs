//! Booking rules as a visitor meets them: companions, restrictions, deadlines, cancellation.

use axum::http::StatusCode;
use serde_json::json;

use crate::harness::TestApp;
use crate::visits_fixture::{
    booking, detainee, in_days, linked_visitor, permit, room, scalar, slot,
};

#[tokio::test]
async fn book_with_an_adult_and_a_minor_then_cancel() {
    let app = TestApp::new().await;
    let valmont = app.establishment_id("valmont").await;
    let room = room(&app, &valmont, "standard", 4).await;
    let s = slot(&app, &valmont, &room, in_days(6, 13), 4).await;
    let d = detainee(&app, &valmont, "remand").await;
    let (mut visitor, link) = linked_visitor(&app, &valmont, &d).await;
    let (_, sister) = permit(&app, &valmont, &d, None, "1992-04-04").await;

    let r = visitor
        .get(&format!("/api/public/links/{link}/slots?days=10"))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let listed = r
        .json
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["id"] == s.as_str())
        .cloned()
        .unwrap();
    assert_eq!(listed["places_left"], 4);

    let body = json!({"link_id": link, "slot_id": s, "idempotency_key": "b1", "companions": [
        {"first_name": "Nadia", "last_name": "Benali", "birth_date": "1992-04-04", "permit_number": sister},
        {"first_name": "Léo", "last_name": "Benali", "birth_date": "2017-09-01", "permit_number": null}
    ]});
    let r = visitor.post("/api/public/bookings", body).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    assert_eq!(r.json["status"], "booked");
    assert_eq!(r.json["companions"].as_array().unwrap().len(), 2);
    let id = r.json["id"].as_str().unwrap().to_string();
    assert_eq!(
        scalar(&app, "SELECT booked FROM visit_slots WHERE id = $1", &s).await,
        1
    );

    let r = visitor.get("/api/public/bookings").await;
    assert_eq!(r.json[0]["id"], id.as_str());
    let (subject, attachment): (String, Option<String>) =
        sqlx::query_as("SELECT subject, attachment FROM outbox WHERE kind = 'booking_confirmed' AND dedupe_key = $1")
            .bind(format!("booking_confirmed:{id}"))
            .fetch_one(&app.state.db.pool)
            .await
            .unwrap();
    assert!(subject.starts_with("Visite confirmée le "), "{subject}");
    let ics = attachment.expect("a calendar file");
    assert!(
        ics.contains("BEGIN:VEVENT") && ics.contains(&format!("UID:{id}")),
        "{ics}"
    );

    let r = visitor.delete(&format!("/api/public/bookings/{id}")).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.json["status"], "cancelled");
    assert_eq!(
        scalar(&app, "SELECT booked FROM visit_slots WHERE id = $1", &s).await,
        0
    );
    assert_eq!(
        scalar(
            &app,
            "SELECT booked FROM detainee_visit_weeks WHERE detainee_id = $1",
            &d
        )
        .await,
        0
    );
    // Cancelling twice changes nothing more.
    assert_eq!(
        visitor
            .delete(&format!("/api/public/bookings/{id}"))
            .await
            .status,
        StatusCode::CONFLICT
    );
    assert_eq!(
        scalar(&app, "SELECT booked FROM visit_slots WHERE id = $1", &s).await,
        0
    );
}

#[tokio::test]
async fn adults_need_their_own_permit_and_the_party_has_limits() {
    let app = TestApp::new().await;
    let valmont = app.establishment_id("valmont").await;
    let room = room(&app, &valmont, "standard", 4).await;
    let s = slot(&app, &valmont, &room, in_days(6, 14), 4).await;
    let d = detainee(&app, &valmont, "remand").await;
    let (mut visitor, link) = linked_visitor(&app, &valmont, &d).await;
    let other = detainee(&app, &valmont, "remand").await;
    let (_, others_permit) = permit(&app, &valmont, &other, None, "1970-01-01").await;
    let adult = |n: Option<&str>| json!({"first_name": "Paul", "last_name": "Durand", "birth_date": "1970-01-01", "permit_number": n});

    for companion in [
        adult(None),
        adult(Some("P-INCONNU")),
        adult(Some(&others_permit)),
    ] {
        let r = visitor
            .post("/api/public/bookings", json!({"link_id": link, "slot_id": s, "idempotency_key": "x", "companions": [companion]}))
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
        assert_eq!(r.fields(), ["companions[0].permit_number"]);
    }
    let child = json!({"first_name": "Léa", "last_name": "Durand", "birth_date": "2019-01-01"});
    let r = visitor
        .post(
            "/api/public/bookings",
            json!({"link_id": link, "slot_id": s, "idempotency_key": "y",
            "companions": [child.clone(), child.clone(), child.clone(), child]}),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.fields(), ["companions"]);
    assert_eq!(
        scalar(
            &app,
            "SELECT COUNT(*) FROM visit_bookings WHERE slot_id = $1",
            &s
        )
        .await,
        0
    );
    assert_eq!(
        scalar(&app, "SELECT booked FROM visit_slots WHERE id = $1", &s).await,
        0
    );
}

#[tokio::test]
async fn restrictions_suspensions_and_windows_refuse_clearly() {
    let app = TestApp::new().await;
    let valmont = app.establishment_id("valmont").await;
    let standard = room(&app, &valmont, "standard", 4).await;
    let separated = room(&app, &valmont, "separated", 2).await;
    let d = detainee(&app, &valmont, "remand").await;
    let (mut visitor, link) = linked_visitor(&app, &valmont, &d).await;
    let in_standard = slot(&app, &valmont, &standard, in_days(5, 9), 4).await;
    let in_separated = slot(&app, &valmont, &separated, in_days(5, 12), 2).await;
    let too_soon = slot(&app, &valmont, &standard, in_days(0, 23), 4).await;
    let too_far = slot(&app, &valmont, &standard, in_days(60, 9), 4).await;

    let r = visitor
        .post("/api/public/bookings", booking(&link, &too_soon, "a"))
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert!(
        r.json["detail"].as_str().unwrap().contains("heures avant"),
        "{}",
        r.text
    );
    let r = visitor
        .post("/api/public/bookings", booking(&link, &too_far, "b"))
        .await;
    assert!(
        r.json["detail"].as_str().unwrap().contains("ouvrent"),
        "{}",
        r.text
    );

    sqlx::query("INSERT INTO visit_restrictions (id, establishment_id, detainee_id, kind, reason, created_at) VALUES ('r1', $1, $2, 'separated_only', 'Décision', 0)")
        .bind(&valmont)
        .bind(&d)
        .execute(&app.state.db.pool)
        .await
        .unwrap();
    let r = visitor
        .post("/api/public/bookings", booking(&link, &in_standard, "c"))
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert!(r.json["detail"].as_str().unwrap().contains("séparé"));
    let r = visitor
        .post("/api/public/bookings", booking(&link, &in_separated, "d"))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);

    sqlx::query("UPDATE visit_permits SET suspended_at = 1 WHERE visitor_id IS NOT NULL AND detainee_id = $1")
        .bind(&d)
        .execute(&app.state.db.pool)
        .await
        .unwrap();
    let other = slot(&app, &valmont, &separated, in_days(6, 12), 2).await;
    let r = visitor
        .post("/api/public/bookings", booking(&link, &other, "e"))
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert!(r.json["detail"].as_str().unwrap().contains("suspendu"));
}

#[tokio::test]
async fn only_the_visitor_or_staff_of_the_establishment_can_cancel() {
    let app = TestApp::new().await;
    let valmont = app.establishment_id("valmont").await;
    let saint_aubin = app.establishment_id("saint-aubin").await;
    let r0 = room(&app, &valmont, "standard", 4).await;
    let s = slot(&app, &valmont, &r0, in_days(7, 9), 4).await;
    let d = detainee(&app, &valmont, "convicted").await;
    let (mut visitor, link) = linked_visitor(&app, &valmont, &d).await;
    let r = visitor
        .post("/api/public/bookings", booking(&link, &s, "k"))
        .await;
    let id = r.json["id"].as_str().unwrap().to_string();

    let (mut stranger, _) = linked_visitor(&app, &valmont, &d).await;
    assert_eq!(
        stranger
            .delete(&format!("/api/public/bookings/{id}"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let mut other_admin = app.agent("admin.saint-aubin").await;
    let r = other_admin
        .post(
            &format!("/api/agent/establishments/{saint_aubin}/bookings/{id}/cancel"),
            json!({"reason": "x"}),
        )
        .await;
    assert_eq!(
        r.status,
        StatusCode::FORBIDDEN,
        "admin.saint-aubin lacks manage_visits: {}",
        r.text
    );
    let mut officer = app.agent("parloirs.valmont").await;
    let r = officer
        .post(
            &format!("/api/agent/establishments/{valmont}/bookings/{id}/cancel"),
            json!({"reason": ""}),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let r = officer
        .post(
            &format!("/api/agent/establishments/{valmont}/bookings/{id}/cancel"),
            json!({"reason": "Parloirs fermés (exercice de sécurité)"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let r = visitor.get("/api/public/bookings").await;
    assert_eq!(r.json[0]["status"], "cancelled");
    assert_eq!(
        r.json[0]["cancel_reason"],
        "Parloirs fermés (exercice de sécurité)"
    );
    let (body,): (String,) =
        sqlx::query_as("SELECT body FROM outbox WHERE kind = 'booking_cancelled'")
            .fetch_one(&app.state.db.pool)
            .await
            .unwrap();
    assert!(
        body.contains("Motif : Parloirs fermés"),
        "the visitor is told why: {body}"
    );
}

#[tokio::test]
async fn bookings_of_unlinked_or_unknown_things_are_refused_without_writing() {
    let app = TestApp::new().await;
    let valmont = app.establishment_id("valmont").await;
    let saint_aubin = app.establishment_id("saint-aubin").await;
    let d = detainee(&app, &valmont, "remand").await;
    let (mut visitor, link) = linked_visitor(&app, &valmont, &d).await;
    let foreign_room = room(&app, &saint_aubin, "standard", 4).await;
    let foreign = slot(&app, &saint_aubin, &foreign_room, in_days(5, 9), 4).await;
    for (body, field) in [
        (booking(&link, &foreign, "1"), "slot_id"),
        (booking(&link, "nope", "2"), "slot_id"),
        (booking("nope", &foreign, "3"), "link_id"),
        (booking(&link, &foreign, ""), "idempotency_key"),
    ] {
        let r = visitor.post("/api/public/bookings", body).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
        assert_eq!(r.fields(), [field]);
    }
    assert_eq!(app.count("visit_bookings").await, 0);
    let mut marie = app.visitor().await;
    let r = marie.get(&format!("/api/public/links/{link}/slots")).await;
    assert_eq!(
        r.status,
        StatusCode::NOT_FOUND,
        "another visitor's link does not exist for Marie"
    );
}
