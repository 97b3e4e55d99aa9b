//! The visit rules found missing by outside testers (issue 10): a minor never books, birth dates
//! are in the past, no waiting list inside the booking deadline, no offer that cannot be
//! accepted, a closure ends the waiting lists it hits, nobody waits for a slot they booked.

use axum::http::StatusCode;
use serde_json::json;

use crate::harness::{Client, Response, TestApp};
use crate::visits_fixture::{booking, detainee, in_days, linked_visitor, room, scalar, slot};

fn now() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}

/// `YYYY-MM-DD`, `years` before today (UTC).
fn years_ago(years: i32) -> String {
    let today = time::OffsetDateTime::now_utc().date();
    format!(
        "{:04}-{:02}-{:02}",
        today.year() - years,
        u8::from(today.month()),
        today.day().min(28)
    )
}

fn code(r: &Response) -> &str {
    r.json["code"].as_str().unwrap_or_default()
}

async fn join(client: &mut Client, link: &str, slot: &str) -> Response {
    client
        .post(
            "/api/public/waitlist",
            json!({"link_id": link, "slot_id": slot}),
        )
        .await
}

#[tokio::test]
async fn a_fifteen_year_old_cannot_book_a_visit_alone() {
    let app = TestApp::new().await;
    let valmont = app.establishment_id("valmont").await;
    let r = room(&app, &valmont, "standard", 4).await;
    let s = slot(&app, &valmont, &r, in_days(5, 10), 4).await;
    let d = detainee(&app, &valmont, "remand").await;
    let (mut teen, link) = linked_visitor(&app, &valmont, &d).await;
    // The account says fifteen (the permit, typed by staff, says adult).
    sqlx::query(
        "UPDATE visitors SET birth_date = $1 WHERE id = (SELECT visitor_id FROM link_requests WHERE id = $2)",
    )
    .bind(years_ago(15))
    .bind(&link)
    .execute(&app.state.db.pool)
    .await
    .unwrap();
    let r = teen
        .post("/api/public/bookings", booking(&link, &s, "teen"))
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text);
    assert_eq!(code(&r), "visit.minor_alone");
    assert!(
        r.json["detail"].as_str().unwrap().contains("mineure"),
        "{}",
        r.text
    );
    assert_eq!(
        scalar(&app, "SELECT booked FROM visit_slots WHERE id = $1", &s).await,
        0
    );

    // The permit's date counts too: an adult account on a fifteen-year-old's permit is refused,
    // by staff on the phone as well.
    let d2 = detainee(&app, &valmont, "remand").await;
    let (mut other, link2) = linked_visitor(&app, &valmont, &d2).await;
    sqlx::query(
        "UPDATE visit_permits SET holder_birth_date = $1 WHERE id = (SELECT permit_id FROM link_requests WHERE id = $2)",
    )
    .bind(years_ago(15))
    .bind(&link2)
    .execute(&app.state.db.pool)
    .await
    .unwrap();
    let r = other
        .post("/api/public/bookings", booking(&link2, &s, "teen2"))
        .await;
    assert_eq!(code(&r), "visit.minor_alone", "{}", r.text);
    let mut officer = app.agent("parloirs.valmont").await;
    let r = officer
        .post(
            &format!("/api/agent/establishments/{valmont}/bookings"),
            booking(&link2, &s, "phone"),
        )
        .await;
    assert_eq!(code(&r), "visit.minor_alone", "{}", r.text);

    // An adult booker with the same fifteen-year-old as a companion is fine.
    let d3 = detainee(&app, &valmont, "remand").await;
    let (mut parent, link3) = linked_visitor(&app, &valmont, &d3).await;
    let mut body = booking(&link3, &s, "family");
    body["companions"] = json!([{"first_name": "Léo", "last_name": "Martin",
        "birth_date": years_ago(15), "permit_number": null}]);
    let r = parent.post("/api/public/bookings", body).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
}

#[tokio::test]
async fn a_companion_born_in_the_future_is_refused() {
    let app = TestApp::new().await;
    let valmont = app.establishment_id("valmont").await;
    let r = room(&app, &valmont, "standard", 4).await;
    let s = slot(&app, &valmont, &r, in_days(5, 10), 4).await;
    let d = detainee(&app, &valmont, "remand").await;
    let (mut visitor, link) = linked_visitor(&app, &valmont, &d).await;
    let mut body = booking(&link, &s, "future");
    body["companions"] = json!([{"first_name": "Léa", "last_name": "Martin",
        "birth_date": "2031-03-01", "permit_number": null}]);
    let r = visitor.post("/api/public/bookings", body).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
    assert_eq!(r.fields(), ["companions[0].birth_date"]);
    assert!(r.text.contains("futur"), "{}", r.text);
    assert_eq!(app.count("visit_bookings").await, 0);
}

#[tokio::test]
async fn no_waiting_list_inside_the_booking_deadline() {
    let app = TestApp::new().await;
    let valmont = app.establishment_id("valmont").await;
    let r = room(&app, &valmont, "standard", 1).await;
    // Twenty hours ahead: inside the 24-hour deadline.
    let soon = slot(&app, &valmont, &r, (now() / 3_600 + 20) * 3_600, 1).await;
    sqlx::query("UPDATE visit_slots SET booked = 1 WHERE id = $1")
        .bind(&soon)
        .execute(&app.state.db.pool)
        .await
        .unwrap();
    let d = detainee(&app, &valmont, "remand").await;
    let (mut relative, link) = linked_visitor(&app, &valmont, &d).await;
    let r = join(&mut relative, &link, &soon).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text);
    assert_eq!(code(&r), "waitlist.too_late");
    assert!(r.text.contains("24 heures"), "{}", r.text);
    assert_eq!(app.count("waiting_list").await, 0);
}

#[tokio::test]
async fn a_place_freed_inside_the_deadline_is_not_held_and_staff_can_sell_it() {
    let app = TestApp::new().await;
    let valmont = app.establishment_id("valmont").await;
    let r = room(&app, &valmont, "standard", 1).await;
    let s = slot(&app, &valmont, &r, in_days(4, 10), 1).await;
    let mut people = Vec::new();
    for _ in 0..3 {
        let d = detainee(&app, &valmont, "remand").await;
        people.push(linked_visitor(&app, &valmont, &d).await);
    }
    let (mut a, a_link) = people[0].clone();
    let (mut b, b_link) = people[1].clone();
    let (_, caller_link) = people[2].clone();
    let r = a
        .post("/api/public/bookings", booking(&a_link, &s, "a"))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let a_booking = r.json["id"].as_str().unwrap().to_string();
    let r = join(&mut b, &b_link, &s).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    // Time passes: the visit is now twenty hours away, inside the deadline.
    let soon = (now() / 3_600 + 20) * 3_600;
    sqlx::query("UPDATE visit_slots SET starts_at = $1, ends_at = $2 WHERE id = $3")
        .bind(soon)
        .bind(soon + 3_600)
        .bind(&s)
        .execute(&app.state.db.pool)
        .await
        .unwrap();
    sqlx::query("UPDATE visit_bookings SET starts_at = $1, ends_at = $2 WHERE id = $3")
        .bind(soon)
        .bind(soon + 3_600)
        .bind(&a_booking)
        .execute(&app.state.db.pool)
        .await
        .unwrap();
    let mut officer = app.agent("parloirs.valmont").await;
    let r = officer
        .post(
            &format!("/api/agent/establishments/{valmont}/bookings/{a_booking}/cancel"),
            json!({"reason": "Visiteur empêché"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    // B could not accept any more: she is not told a place is held, and nothing is held.
    let entry = b.get("/api/public/waitlist").await.json[0].clone();
    assert_eq!(entry["status"], "waiting", "{entry}");
    assert_eq!(app.count("outbox WHERE kind = 'waitlist_offer'").await, 0);
    assert_eq!(
        scalar(&app, "SELECT booked FROM visit_slots WHERE id = $1", &s).await,
        0
    );
    // Staff book a caller into the freed place.
    let r = officer
        .post(
            &format!("/api/agent/establishments/{valmont}/bookings"),
            booking(&caller_link, &s, "caller"),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
}

#[tokio::test]
async fn a_closure_ends_the_waiting_list_of_its_slots_telling_each_once() {
    let app = TestApp::new().await;
    let valmont = app.establishment_id("valmont").await;
    let r = room(&app, &valmont, "standard", 1).await;
    let starts = in_days(6, 10);
    let s = slot(&app, &valmont, &r, starts, 1).await;
    let mut people = Vec::new();
    for _ in 0..4 {
        let d = detainee(&app, &valmont, "remand").await;
        people.push(linked_visitor(&app, &valmont, &d).await);
    }
    let (mut a, a_link) = people[0].clone();
    let r = a
        .post("/api/public/bookings", booking(&a_link, &s, "a"))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let mut entries = Vec::new();
    for (client, link) in people[1..].iter_mut() {
        let r = join(client, link, &s).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        entries.push(r.json["id"].as_str().unwrap().to_string());
    }
    // The third leaves: she is not told about the closure.
    let r = people[3]
        .0
        .delete(&format!("/api/public/waitlist/{}", entries[2]))
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.text);

    let day = api::paris_time::date_of(starts).to_string();
    let mut officer = app.agent("parloirs.valmont").await;
    let r = officer
        .post(
            &format!("/api/agent/establishments/{valmont}/closures"),
            json!({"from": day, "until": day, "reason": "Exercice de sécurité"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    for (i, entry) in entries.iter().enumerate() {
        let status: String = sqlx::query_scalar("SELECT status FROM waiting_list WHERE id = $1")
            .bind(entry)
            .fetch_one(&app.state.db.pool)
            .await
            .unwrap();
        let told = scalar(
            &app,
            "SELECT COUNT(*) FROM outbox WHERE dedupe_key = $1",
            &format!("waitlist_closed:{entry}"),
        )
        .await;
        if i < 2 {
            assert_eq!(status, "closed");
            assert_eq!(told, 1, "each waiting relative is told once");
        } else {
            assert_eq!(status, "left");
            assert_eq!(told, 0);
        }
    }
    let body: String = sqlx::query_scalar("SELECT body FROM outbox WHERE dedupe_key = $1")
        .bind(format!("waitlist_closed:{}", entries[0]))
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    assert!(body.contains("Exercice de sécurité"), "{body}");
    // Their list shows it ended; nothing is held on the closed slot.
    let listed = people[1].0.get("/api/public/waitlist").await;
    assert_eq!(listed.json[0]["status"], "closed", "{}", listed.text);
    assert_eq!(
        scalar(&app, "SELECT booked FROM visit_slots WHERE id = $1", &s).await,
        0
    );
}

#[tokio::test]
async fn nobody_waits_for_a_slot_they_already_booked() {
    let app = TestApp::new().await;
    let valmont = app.establishment_id("valmont").await;
    let r = room(&app, &valmont, "standard", 1).await;
    let s = slot(&app, &valmont, &r, in_days(5, 10), 1).await;
    let d = detainee(&app, &valmont, "remand").await;
    let (mut relative, link) = linked_visitor(&app, &valmont, &d).await;
    let r = relative
        .post("/api/public/bookings", booking(&link, &s, "mine"))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let r = join(&mut relative, &link, &s).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text);
    assert_eq!(code(&r), "waitlist.already");
    assert_eq!(app.count("waiting_list").await, 0);
}

#[tokio::test]
async fn the_database_refuses_a_second_live_booking_of_one_permit_on_one_slot() {
    let app = TestApp::new().await;
    let valmont = app.establishment_id("valmont").await;
    let r = room(&app, &valmont, "standard", 4).await;
    let s = slot(&app, &valmont, &r, in_days(5, 10), 4).await;
    let d = detainee(&app, &valmont, "remand").await;
    let (mut relative, link) = linked_visitor(&app, &valmont, &d).await;
    let res = relative
        .post("/api/public/bookings", booking(&link, &s, "one"))
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text);
    let original = res.json["id"].as_str().unwrap().to_string();
    // Whatever the code does, a copy of the live booking cannot be written.
    let copy = |status: &'static str, id: &'static str, key: &'static str| {
        sqlx::query(
            "INSERT INTO visit_bookings (id, establishment_id, slot_id, detainee_id, visitor_id, permit_id, \
             week_start, starts_at, ends_at, status, idempotency_key, created_at) \
             SELECT $2, establishment_id, slot_id, detainee_id, visitor_id, permit_id, week_start, \
             starts_at, ends_at, $3, $4, created_at FROM visit_bookings WHERE id = $1",
        )
        .bind(original.clone())
        .bind(id)
        .bind(status)
        .bind(key)
    };
    assert!(
        copy("booked", "copy-1", "copy-1")
            .execute(&app.state.db.pool)
            .await
            .is_err(),
        "a second live booking of the same permit on the slot"
    );
    // A cancelled one beside it is history, and allowed.
    copy("cancelled", "copy-2", "copy-2")
        .execute(&app.state.db.pool)
        .await
        .expect("a cancelled booking beside the live one");
}
