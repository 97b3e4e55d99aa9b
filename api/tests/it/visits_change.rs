//! Changing a visit, and the reminder the day before.

use axum::http::StatusCode;
use serde_json::json;

use crate::harness::TestApp;
use crate::visits_fixture::{booking, detainee, in_days, linked_visitor, room, scalar, slot};

#[tokio::test]
async fn a_visit_moves_to_another_slot_and_a_refused_move_keeps_it() {
    let app = TestApp::new().await;
    let valmont = app.establishment_id("valmont").await;
    let r0 = room(&app, &valmont, "standard", 2).await;
    let first = slot(&app, &valmont, &r0, in_days(5, 9), 2).await;
    let second = slot(&app, &valmont, &r0, in_days(6, 9), 2).await;
    let full = slot(&app, &valmont, &r0, in_days(7, 9), 0).await;
    let d = detainee(&app, &valmont, "remand").await;
    let (mut visitor, link) = linked_visitor(&app, &valmont, &d).await;
    let r = visitor
        .post("/api/public/bookings", booking(&link, &first, "b"))
        .await;
    let original = r.json["id"].as_str().unwrap().to_string();

    // Refused (the new slot is full): nothing changes.
    let r = visitor
        .post(
            &format!("/api/public/bookings/{original}/change"),
            json!({"slot_id": full, "idempotency_key": "c0"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text);
    assert_eq!(
        scalar(
            &app,
            "SELECT COUNT(*) FROM visit_bookings WHERE id = $1 AND status = 'booked'",
            &original
        )
        .await,
        1
    );
    assert_eq!(
        scalar(&app, "SELECT booked FROM visit_slots WHERE id = $1", &first).await,
        1
    );

    let change = json!({"slot_id": second, "idempotency_key": "c1"});
    let r = visitor
        .post(
            &format!("/api/public/bookings/{original}/change"),
            change.clone(),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.json["slot_id"], second.as_str());
    let moved = r.json["id"].as_str().unwrap().to_string();
    // The same request again (a retry on a bad network) changes nothing more.
    let r = visitor
        .post(&format!("/api/public/bookings/{original}/change"), change)
        .await;
    assert_eq!(r.json["id"], moved.as_str());
    assert_eq!(
        scalar(&app, "SELECT booked FROM visit_slots WHERE id = $1", &first).await,
        0
    );
    assert_eq!(
        scalar(
            &app,
            "SELECT booked FROM visit_slots WHERE id = $1",
            &second
        )
        .await,
        1
    );
    assert_eq!(
        scalar(
            &app,
            "SELECT booked FROM detainee_visit_weeks WHERE detainee_id = $1 AND booked > 0",
            &d
        )
        .await,
        1
    );
}

#[tokio::test]
async fn each_visit_gets_one_reminder_the_day_before() {
    let app = TestApp::new().await;
    let valmont = app.establishment_id("valmont").await;
    let r0 = room(&app, &valmont, "standard", 2).await;
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    let tomorrow = slot(&app, &valmont, &r0, now + 24 * 3_600, 2).await;
    let later = slot(&app, &valmont, &r0, now + 5 * 86_400, 2).await;
    let d = detainee(&app, &valmont, "remand").await;
    let (_, link) = linked_visitor(&app, &valmont, &d).await;
    // Written as staff would book it (tomorrow is past the online deadline).
    let mut officer = app.agent("parloirs.valmont").await;
    for (s, key) in [(&tomorrow, "t"), (&later, "l")] {
        let r = officer
            .post(
                &format!("/api/agent/establishments/{valmont}/bookings"),
                booking(&link, s, key),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    }
    let before = app.count("outbox WHERE kind = 'visit_reminder'").await;
    api::visits::reminders::queue_due(&app.state.db)
        .await
        .unwrap();
    api::visits::reminders::queue_due(&app.state.db)
        .await
        .unwrap();
    assert_eq!(
        app.count("outbox WHERE kind = 'visit_reminder'").await - before,
        1
    );
}
