//! The visiting-room desk: staff booking for a visitor who phoned, the day list, check-in,
//! and restrictions.

use axum::http::StatusCode;
use serde_json::json;

use crate::harness::TestApp;
use crate::visits_fixture::{booking, detainee, linked_visitor, permit, room, slot};

#[tokio::test]
async fn staff_book_for_a_caller_then_check_the_visitor_in_once() {
    let app = TestApp::new().await;
    let valmont = app.establishment_id("valmont").await;
    let saint_aubin = app.establishment_id("saint-aubin").await;
    let r0 = room(&app, &valmont, "standard", 3).await;
    // In an hour: too late for the visitor to book online, not for staff.
    let starts = time::OffsetDateTime::now_utc().unix_timestamp() + 3_600;
    let s = slot(&app, &valmont, &r0, starts, 3).await;
    let d = detainee(&app, &valmont, "convicted").await;
    let (mut visitor, link) = linked_visitor(&app, &valmont, &d).await;
    let r = visitor
        .post("/api/public/bookings", booking(&link, &s, "online"))
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text);

    let mut officer = app.agent("parloirs.valmont").await;
    let base = format!("/api/agent/establishments/{valmont}");
    let body = json!({"link_id": link, "slot_id": s, "idempotency_key": "phone-1",
                      "companions": [{"first_name": "Léo", "last_name": "Siteur", "birth_date": "2019-03-03"}]});
    let r = officer.post(&format!("{base}/bookings"), body).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let id = r.json["id"].as_str().unwrap().to_string();

    let date = api::visits::week::paris_date(starts).to_string();
    let r = officer.get(&format!("{base}/day-list?date={date}")).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let listed = r
        .json
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["slot_id"] == s.as_str())
        .cloned()
        .unwrap();
    assert_eq!(listed["bookings"][0]["id"], id.as_str());
    assert_eq!(listed["bookings"][0]["booked_by_staff"], true);
    assert_eq!(
        listed["bookings"][0]["companions"],
        json!(["Léo Siteur (enfant)"])
    );

    let mut foreign = app.agent("admin.national").await;
    let r = foreign
        .post(
            &format!("/api/agent/establishments/{saint_aubin}/bookings/{id}/check-in"),
            json!({}),
        )
        .await;
    assert_eq!(
        r.status,
        StatusCode::NOT_FOUND,
        "a booking of Valmont is not Saint-Aubin's"
    );
    let check_in = format!("{base}/bookings/{id}/check-in");
    assert_eq!(
        officer.post(&check_in, json!({})).await.status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        officer.post(&check_in, json!({})).await.status,
        StatusCode::CONFLICT
    );
    let r = officer
        .post(&format!("{base}/bookings/{id}/no-show"), json!({}))
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    let r = officer.get(&format!("{base}/day-list?date={date}")).await;
    let listed = r
        .json
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["slot_id"] == s.as_str())
        .cloned()
        .unwrap();
    assert_eq!(listed["bookings"][0]["status"], "checked_in");
    assert_eq!(
        officer
            .get(&format!("{base}/day-list?date=hier"))
            .await
            .status,
        StatusCode::BAD_REQUEST
    );
}

#[tokio::test]
async fn a_banned_companion_blocks_the_booking_until_the_ban_is_lifted() {
    let app = TestApp::new().await;
    let valmont = app.establishment_id("valmont").await;
    let r0 = room(&app, &valmont, "standard", 3).await;
    let s = slot(
        &app,
        &valmont,
        &r0,
        crate::visits_fixture::in_days(5, 10),
        3,
    )
    .await;
    let d = detainee(&app, &valmont, "remand").await;
    let (mut visitor, link) = linked_visitor(&app, &valmont, &d).await;
    let (sister_permit, sister_number) = permit(&app, &valmont, &d, None, "1990-06-06").await;
    let mut officer = app.agent("parloirs.valmont").await;
    let base = format!("/api/agent/establishments/{valmont}/detainees/{d}/restrictions");
    let r = officer.post(&base, json!({"kind": "visitor_banned", "permit_id": null, "reason": "x", "valid_until": null})).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.fields(), ["permit_id"]);
    let r = officer
        .post(&base, json!({"kind": "visitor_banned", "permit_id": sister_permit, "reason": "Incident", "valid_until": null}))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let restriction = r.json["id"].as_str().unwrap().to_string();

    let with_sister = |key: &str| {
        json!({"link_id": link, "slot_id": s, "idempotency_key": key, "companions": [
            {"first_name": "Sœur", "last_name": "Siteur", "birth_date": "1990-06-06", "permit_number": sister_number}]})
    };
    let r = visitor.post("/api/public/bookings", with_sister("1")).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text);
    assert!(r.json["detail"].as_str().unwrap().contains("accompagnent"));

    let lift = format!("/api/agent/establishments/{valmont}/restrictions/{restriction}/lift");
    assert_eq!(
        officer.post(&lift, json!({})).await.status,
        StatusCode::NO_CONTENT
    );
    let again = officer.post(&lift, json!({})).await;
    assert_eq!(again.status, StatusCode::CONFLICT, "{}", again.text);
    assert_eq!(again.json["code"], "restriction.lifted");
    let r = visitor.post("/api/public/bookings", with_sister("2")).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let r = officer.get(&base).await;
    assert_eq!(r.json[0]["lifted"], true);
}
