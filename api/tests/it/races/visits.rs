//! Races on the visits routes: every command of bookings, the waiting list, links, permits,
//! restrictions and the set-up fired several times at once, and beside the command users really
//! send at the same moment (cancel ∥ change, check-in ∥ cancel, accept ∥ expiry, closure ∥
//! booking, approve ∥ reject). Exactly the successes the rules allow, 409s with their code.

use std::future::Future;

use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

use super::{N, Outcome, race};
use crate::harness::{Client, Response, TestApp};
use crate::visits_fixture::{
    booking, detainee, in_days, linked_visitor, permit, room, scalar, slot,
};

/// The routes this file races.
pub const COVERED: &[&str] = &[
    "POST /api/public/bookings",
    "DELETE /api/public/bookings/{id}",
    "POST /api/public/bookings/{id}/change",
    "POST /api/public/links",
    "POST /api/public/waitlist",
    "DELETE /api/public/waitlist/{id}",
    "POST /api/public/waitlist/{id}/accept",
    "POST /api/agent/establishments/{id}/bookings",
    "POST /api/agent/establishments/{id}/bookings/{booking_id}/cancel",
    "POST /api/agent/establishments/{id}/bookings/{booking_id}/check-in",
    "POST /api/agent/establishments/{id}/bookings/{booking_id}/no-show",
    "POST /api/agent/establishments/{id}/closures",
    "POST /api/agent/establishments/{id}/detainees/{detainee_id}/restrictions",
    "POST /api/agent/establishments/{id}/restrictions/{restriction_id}/lift",
    "POST /api/agent/establishments/{id}/link-requests/{link_id}/approve",
    "POST /api/agent/establishments/{id}/link-requests/{link_id}/reject",
    "POST /api/agent/establishments/{id}/permits",
    "POST /api/agent/establishments/{id}/permits/{permit_id}/suspend",
    "POST /api/agent/establishments/{id}/slot-templates",
    "DELETE /api/agent/establishments/{id}/slot-templates/{template_id}",
    "POST /api/agent/establishments/{id}/slots/generate",
    "PUT /api/agent/establishments/{id}/visit-info",
    "POST /api/agent/establishments/{id}/visit-rooms",
    "DELETE /api/agent/establishments/{id}/visit-rooms/{room_id}",
    "PUT /api/agent/establishments/{id}/visit-rooms/{room_id}",
    "PUT /api/agent/establishments/{id}/visit-rules",
];

/// `N` copies of one request from one client.
async fn same(client: &Client, method: Method, path: &str, body: Option<Value>) -> Outcome {
    race(N, |_| send(client, method.clone(), path, body.clone())).await
}

fn send(
    client: &Client,
    method: Method,
    path: &str,
    body: Option<Value>,
) -> impl Future<Output = Response> + Send + use<> {
    let (mut c, path) = (client.clone(), path.to_owned());
    async move {
        c.send(
            method,
            &path,
            body.map(|b| b.to_string().into_bytes()),
            "application/json",
        )
        .await
    }
}

fn id(r: &Response) -> String {
    r.json["id"].as_str().expect("an id").to_owned()
}

async fn text(app: &TestApp, sql: &str, bind: &str) -> String {
    sqlx::query_scalar(sql)
        .bind(bind)
        .fetch_one(&app.state.db.pool)
        .await
        .expect("one value")
}

/// A detainee's booked visits of the week (the quota counter) against their live bookings.
async fn quota_matches_bookings(app: &TestApp, detainee: &str) {
    let counted = scalar(
        app,
        "SELECT CAST(COALESCE(SUM(booked), 0) AS BIGINT) FROM detainee_visit_weeks WHERE detainee_id = $1",
        detainee,
    )
    .await;
    let live = scalar(
        app,
        "SELECT COUNT(*) FROM visit_bookings WHERE detainee_id = $1 AND status IN ('booked', 'checked_in')",
        detainee,
    )
    .await;
    assert_eq!(counted, live, "the week quota counts the live bookings");
}

/// A slot's `booked` against its live bookings (no offer held).
async fn places_match_bookings(app: &TestApp, slot: &str) {
    let booked = scalar(app, "SELECT booked FROM visit_slots WHERE id = $1", slot).await;
    let live = scalar(
        app,
        "SELECT COUNT(*) FROM visit_bookings WHERE slot_id = $1 AND status IN ('booked', 'checked_in', 'no_show')",
        slot,
    )
    .await;
    assert_eq!(booked, live, "the slot counts its bookings");
}

struct Booked {
    app: TestApp,
    valmont: String,
    detainee: String,
    visitor: Client,
    slot: String,
    booking: String,
    officer: Client,
}

/// One booking of a room of two places, `days` ahead.
async fn booked(days: i64) -> Booked {
    let app = TestApp::new().await;
    let valmont = app.establishment_id("valmont").await;
    let r = room(&app, &valmont, "standard", 2).await;
    let s = slot(&app, &valmont, &r, in_days(days, 10), 2).await;
    let d = detainee(&app, &valmont, "remand").await;
    let (mut visitor, link) = linked_visitor(&app, &valmont, &d).await;
    let res = visitor
        .post("/api/public/bookings", booking(&link, &s, "first"))
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text);
    let officer = app.agent("parloirs.valmont").await;
    Booked {
        booking: id(&res),
        app,
        valmont,
        detainee: d,
        visitor,
        slot: s,
        officer,
    }
}

#[tokio::test]
async fn the_last_place_is_booked_once_and_a_repeated_key_books_once() {
    let app = TestApp::new().await;
    let valmont = app.establishment_id("valmont").await;
    let r = room(&app, &valmont, "standard", 1).await;
    let s = slot(&app, &valmont, &r, in_days(5, 10), 1).await;
    let mut people = Vec::new();
    for _ in 0..N {
        let d = detainee(&app, &valmont, "remand").await;
        people.push(linked_visitor(&app, &valmont, &d).await);
    }
    let o = race(N, |i| {
        let (c, link) = &people[i];
        send(
            c,
            Method::POST,
            "/api/public/bookings",
            Some(booking(link, &s, "k")),
        )
    })
    .await;
    o.exactly_one(StatusCode::CREATED, &["slot.full"]);
    places_match_bookings(&app, &s).await;

    // One visitor's double tap, eight times: one booking, the others answer it.
    let s2 = slot(&app, &valmont, &r, in_days(6, 10), 1).await;
    let (c, link) = &people[0];
    let o = same(
        c,
        Method::POST,
        "/api/public/bookings",
        Some(booking(link, &s2, "tap")),
    )
    .await;
    o.all(&[StatusCode::CREATED, StatusCode::OK]);
    assert_eq!(o.count(StatusCode::CREATED), 1);
    let ids: std::collections::BTreeSet<_> = o.0.iter().map(id).collect();
    assert_eq!(ids.len(), 1, "every answer is the same booking");
    places_match_bookings(&app, &s2).await;
}

#[tokio::test]
async fn staff_book_the_last_place_once() {
    let app = TestApp::new().await;
    let valmont = app.establishment_id("valmont").await;
    let r = room(&app, &valmont, "standard", 1).await;
    let s = slot(&app, &valmont, &r, in_days(5, 10), 1).await;
    let mut links = Vec::new();
    for _ in 0..N {
        let d = detainee(&app, &valmont, "remand").await;
        links.push(linked_visitor(&app, &valmont, &d).await.1);
    }
    let officer = app.agent("parloirs.valmont").await;
    let path = format!("/api/agent/establishments/{valmont}/bookings");
    let o = race(N, |i| {
        send(
            &officer,
            Method::POST,
            &path,
            Some(booking(&links[i], &s, &format!("phone{i}"))),
        )
    })
    .await;
    o.exactly_one(StatusCode::CREATED, &["slot.full"]);
    places_match_bookings(&app, &s).await;
}

#[tokio::test]
async fn a_booking_is_cancelled_once_by_its_visitor_or_by_staff() {
    let b = booked(5).await;
    let path = format!("/api/public/bookings/{}", b.booking);
    same(&b.visitor, Method::DELETE, &path, None)
        .await
        .exactly_one(StatusCode::OK, &["visit.not_booked"]);
    places_match_bookings(&b.app, &b.slot).await;
    quota_matches_bookings(&b.app, &b.detainee).await;
    let told = scalar(
        &b.app,
        "SELECT COUNT(*) FROM outbox WHERE dedupe_key = $1",
        &format!("booking_cancelled:{}", b.booking),
    )
    .await;
    assert_eq!(told, 1);

    let b = booked(5).await;
    let path = format!(
        "/api/agent/establishments/{}/bookings/{}/cancel",
        b.valmont, b.booking
    );
    same(
        &b.officer,
        Method::POST,
        &path,
        Some(json!({"reason": "Travaux"})),
    )
    .await
    .exactly_one(StatusCode::OK, &["visit.not_booked"]);
    places_match_bookings(&b.app, &b.slot).await;
    quota_matches_bookings(&b.app, &b.detainee).await;
}

#[tokio::test]
async fn a_booking_is_changed_once_and_cancel_beside_change_leaves_one_outcome() {
    let b = booked(5).await;
    let r = room(&b.app, &b.valmont, "standard", 2).await;
    let mut targets = Vec::new();
    for i in 0..N {
        targets.push(slot(&b.app, &b.valmont, &r, in_days(6, 8) + i as i64 * 3_600, 2).await);
    }
    let path = format!("/api/public/bookings/{}/change", b.booking);
    let o = race(N, |i| {
        send(
            &b.visitor,
            Method::POST,
            &path,
            Some(json!({"slot_id": targets[i], "idempotency_key": format!("move{i}")})),
        )
    })
    .await;
    o.exactly_one(StatusCode::OK, &["visit.not_booked"]);
    quota_matches_bookings(&b.app, &b.detainee).await;
    places_match_bookings(&b.app, &b.slot).await;
    for t in &targets {
        places_match_bookings(&b.app, t).await;
    }
    let live = scalar(
        &b.app,
        "SELECT COUNT(*) FROM visit_bookings WHERE detainee_id = $1 AND status = 'booked'",
        &b.detainee,
    )
    .await;
    assert_eq!(live, 1, "one visit, moved once");

    // The same change sent eight times (a retry): one move, every answer the moved visit.
    let b = booked(5).await;
    let r2 = room(&b.app, &b.valmont, "standard", 2).await;
    let target = slot(&b.app, &b.valmont, &r2, in_days(7, 9), 2).await;
    let o = same(
        &b.visitor,
        Method::POST,
        &format!("/api/public/bookings/{}/change", b.booking),
        Some(json!({"slot_id": target, "idempotency_key": "retry"})),
    )
    .await;
    o.all(&[StatusCode::OK]);
    let ids: std::collections::BTreeSet<_> = o.0.iter().map(id).collect();
    assert_eq!(ids.len(), 1, "every answer is the moved visit");
    quota_matches_bookings(&b.app, &b.detainee).await;
    places_match_bookings(&b.app, &target).await;

    // Cancel from one tab, change from another.
    let b = booked(5).await;
    let r = room(&b.app, &b.valmont, "standard", 2).await;
    let target = slot(&b.app, &b.valmont, &r, in_days(7, 10), 2).await;
    let cancel = send(
        &b.visitor,
        Method::DELETE,
        &format!("/api/public/bookings/{}", b.booking),
        None,
    );
    let change = send(
        &b.visitor,
        Method::POST,
        &format!("/api/public/bookings/{}/change", b.booking),
        Some(json!({"slot_id": target, "idempotency_key": "moved"})),
    );
    let (c, m) = tokio::join!(tokio::spawn(cancel), tokio::spawn(change));
    let o = Outcome(vec![c.expect("cancel"), m.expect("change")]);
    o.no_server_error();
    o.exactly_one(StatusCode::OK, &["visit.not_booked"]);
    let live = scalar(
        &b.app,
        "SELECT COUNT(*) FROM visit_bookings WHERE detainee_id = $1 AND status = 'booked'",
        &b.detainee,
    )
    .await;
    let changed = o.0[1].status == StatusCode::OK;
    assert_eq!(
        live,
        i64::from(changed),
        "a change leaves one visit, a cancel none"
    );
    quota_matches_bookings(&b.app, &b.detainee).await;
    places_match_bookings(&b.app, &b.slot).await;
    places_match_bookings(&b.app, &target).await;
}

#[tokio::test]
async fn the_desk_checks_in_or_marks_absent_once_and_beside_a_cancel() {
    for (action, status) in [("check-in", "checked_in"), ("no-show", "no_show")] {
        let b = booked(5).await;
        // The visit is in an hour.
        let soon = time::OffsetDateTime::now_utc().unix_timestamp() + 3_600;
        for table in ["visit_slots", "visit_bookings"] {
            sqlx::query(&format!(
                "UPDATE {table} SET starts_at = $1, ends_at = $2 WHERE id = $3"
            ))
            .bind(soon)
            .bind(soon + 3_600)
            .bind(if table == "visit_slots" {
                &b.slot
            } else {
                &b.booking
            })
            .execute(&b.app.state.db.pool)
            .await
            .unwrap();
        }
        let path = format!(
            "/api/agent/establishments/{}/bookings/{}/{action}",
            b.valmont, b.booking
        );
        same(&b.officer, Method::POST, &path, None)
            .await
            .exactly_one(StatusCode::NO_CONTENT, &["visit.not_booked"]);
        assert_eq!(
            text(
                &b.app,
                "SELECT status FROM visit_bookings WHERE id = $1",
                &b.booking
            )
            .await,
            status
        );
    }

    // One officer checks the visitor in as another cancels the visit.
    let b = booked(5).await;
    let soon = time::OffsetDateTime::now_utc().unix_timestamp() + 3_600;
    sqlx::query("UPDATE visit_slots SET starts_at = $1, ends_at = $2 WHERE id = $3")
        .bind(soon)
        .bind(soon + 3_600)
        .bind(&b.slot)
        .execute(&b.app.state.db.pool)
        .await
        .unwrap();
    sqlx::query("UPDATE visit_bookings SET starts_at = $1, ends_at = $2 WHERE id = $3")
        .bind(soon)
        .bind(soon + 3_600)
        .bind(&b.booking)
        .execute(&b.app.state.db.pool)
        .await
        .unwrap();
    let base = format!(
        "/api/agent/establishments/{}/bookings/{}",
        b.valmont, b.booking
    );
    let check_in = send(&b.officer, Method::POST, &format!("{base}/check-in"), None);
    let cancel = send(
        &b.officer,
        Method::POST,
        &format!("{base}/cancel"),
        Some(json!({"reason": "Parloir fermé"})),
    );
    let (i, c) = tokio::join!(tokio::spawn(check_in), tokio::spawn(cancel));
    let (i, c) = (i.expect("check-in"), c.expect("cancel"));
    let o = Outcome(vec![i, c]);
    o.no_server_error();
    assert_eq!(
        o.count(StatusCode::NO_CONTENT) + o.count(StatusCode::OK),
        1,
        "one wins"
    );
    for r in &o.0 {
        if r.status == StatusCode::CONFLICT {
            assert_eq!(r.json["code"], "visit.not_booked", "{}", r.text);
        }
    }
    let status = text(
        &b.app,
        "SELECT status FROM visit_bookings WHERE id = $1",
        &b.booking,
    )
    .await;
    let expected = if o.0[0].status == StatusCode::NO_CONTENT {
        "checked_in"
    } else {
        "cancelled"
    };
    assert_eq!(status, expected);
    quota_matches_bookings(&b.app, &b.detainee).await;
}

/// A full slot of one place with `waiting` relatives on its list; returns the booking holder
/// and the waiting ones with their entries.
struct Waiting {
    app: TestApp,
    valmont: String,
    slot: String,
    holder: (Client, String),
    waiting: Vec<(Client, String, String)>,
}

async fn waiting(waiting: usize) -> Waiting {
    let app = TestApp::new().await;
    let valmont = app.establishment_id("valmont").await;
    let r = room(&app, &valmont, "standard", 1).await;
    let s = slot(&app, &valmont, &r, in_days(6, 10), 1).await;
    let d = detainee(&app, &valmont, "remand").await;
    let (mut a, a_link) = linked_visitor(&app, &valmont, &d).await;
    let res = a
        .post("/api/public/bookings", booking(&a_link, &s, "a"))
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text);
    let holder = (a, id(&res));
    let mut list = Vec::new();
    for _ in 0..waiting {
        let d = detainee(&app, &valmont, "remand").await;
        let (mut c, link) = linked_visitor(&app, &valmont, &d).await;
        let res = c
            .post(
                "/api/public/waitlist",
                json!({"link_id": link, "slot_id": s}),
            )
            .await;
        assert_eq!(res.status, StatusCode::CREATED, "{}", res.text);
        let entry = id(&res);
        list.push((c, link, entry));
    }
    Waiting {
        app,
        valmont,
        slot: s,
        holder,
        waiting: list,
    }
}

async fn entry_status(app: &TestApp, entry: &str) -> String {
    text(app, "SELECT status FROM waiting_list WHERE id = $1", entry).await
}

#[tokio::test]
async fn joining_and_leaving_a_waiting_list_happen_once() {
    let w = waiting(0).await;
    let d = detainee(&w.app, &w.valmont, "remand").await;
    let (c, link) = linked_visitor(&w.app, &w.valmont, &d).await;
    same(
        &c,
        Method::POST,
        "/api/public/waitlist",
        Some(json!({"link_id": link, "slot_id": w.slot})),
    )
    .await
    .exactly_one(StatusCode::CREATED, &["waitlist.already"]);
    let entry: String = text(
        &w.app,
        "SELECT id FROM waiting_list WHERE link_id = $1",
        &link,
    )
    .await;
    same(
        &c,
        Method::DELETE,
        &format!("/api/public/waitlist/{entry}"),
        None,
    )
    .await
    .exactly_one(StatusCode::NO_CONTENT, &["waitlist.not_active"]);
    assert_eq!(entry_status(&w.app, &entry).await, "left");

    // Leaving an offer many times passes the place on once.
    let w = waiting(2).await;
    let (mut a, a_booking) = w.holder;
    let r = a.delete(&format!("/api/public/bookings/{a_booking}")).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let (first, _, first_entry) = &w.waiting[0];
    assert_eq!(entry_status(&w.app, first_entry).await, "offered");
    same(
        first,
        Method::DELETE,
        &format!("/api/public/waitlist/{first_entry}"),
        None,
    )
    .await
    .exactly_one(StatusCode::NO_CONTENT, &["waitlist.not_active"]);
    assert_eq!(entry_status(&w.app, &w.waiting[1].2).await, "offered");
    assert_eq!(
        scalar(
            &w.app,
            "SELECT booked FROM visit_slots WHERE id = $1",
            &w.slot
        )
        .await,
        1,
        "the place is held once, for the next in line"
    );
}

#[tokio::test]
async fn an_offer_is_accepted_once_and_either_accepted_or_expired() {
    let w = waiting(2).await;
    let (mut a, a_booking) = w.holder;
    let r = a.delete(&format!("/api/public/bookings/{a_booking}")).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let (b, _, entry) = &w.waiting[0];
    let path = format!("/api/public/waitlist/{entry}/accept");
    let o = race(N, |i| {
        send(
            b,
            Method::POST,
            &path,
            Some(json!({"companions": [], "idempotency_key": format!("tab{i}")})),
        )
    })
    .await;
    o.exactly_one(
        StatusCode::CREATED,
        &["waitlist.not_active", "waitlist.offer_expired"],
    );
    assert_eq!(entry_status(&w.app, entry).await, "accepted");
    places_match_bookings(&w.app, &w.slot).await;

    // The offer runs out as the relative accepts it: one of the two wins, never both.
    let w = waiting(2).await;
    let (mut a, a_booking) = w.holder;
    let r = a.delete(&format!("/api/public/bookings/{a_booking}")).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let (b, _, entry) = &w.waiting[0];
    let ends = time::OffsetDateTime::now_utc().unix_timestamp() + 1;
    sqlx::query("UPDATE waiting_list SET offer_expires_at = $1 WHERE id = $2")
        .bind(ends)
        .bind(entry)
        .execute(&w.app.state.db.pool)
        .await
        .unwrap();
    while time::OffsetDateTime::now_utc().unix_timestamp() < ends {
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    let accept = send(
        b,
        Method::POST,
        &format!("/api/public/waitlist/{entry}/accept"),
        Some(json!({"companions": [], "idempotency_key": "late"})),
    );
    let db = w.app.state.db.clone();
    let job = async move {
        let expired = api::visits::waitlist::expire_offers(&db)
            .await
            .expect("the job runs");
        let mut r = Response::empty();
        r.json = json!(expired);
        r
    };
    let (accepted, expired) = tokio::join!(tokio::spawn(accept), tokio::spawn(job));
    let (accepted, expired) = (accepted.expect("accept"), expired.expect("job"));
    assert!(!accepted.status.is_server_error(), "{}", accepted.text);
    let won_by_accept = accepted.status == StatusCode::CREATED;
    if !won_by_accept {
        assert_eq!(
            accepted.json["code"], "waitlist.offer_expired",
            "{}",
            accepted.text
        );
    }
    assert_eq!(
        expired.json,
        json!(usize::from(!won_by_accept)),
        "the job expires the offer only when the accept lost"
    );
    let bookings = scalar(
        &w.app,
        "SELECT COUNT(*) FROM visit_bookings WHERE slot_id = $1 AND status = 'booked'",
        &w.slot,
    )
    .await;
    assert_eq!(bookings, i64::from(won_by_accept));
    let next = entry_status(&w.app, &w.waiting[1].2).await;
    assert_eq!(next, if won_by_accept { "waiting" } else { "offered" });
    assert_eq!(
        scalar(
            &w.app,
            "SELECT booked FROM visit_slots WHERE id = $1",
            &w.slot
        )
        .await,
        1,
        "one place: booked, or held for the next in line"
    );
}

#[tokio::test]
async fn a_closure_beside_bookings_leaves_no_visit_on_a_closed_slot() {
    let app = TestApp::new().await;
    let valmont = app.establishment_id("valmont").await;
    let r = room(&app, &valmont, "standard", N as i64).await;
    let starts = in_days(8, 10);
    let s = slot(&app, &valmont, &r, starts, N as i64).await;
    let mut people = Vec::new();
    for _ in 0..N {
        let d = detainee(&app, &valmont, "remand").await;
        people.push(linked_visitor(&app, &valmont, &d).await);
    }
    let officer = app.agent("parloirs.valmont").await;
    let day = api::paris_time::date_of(starts).to_string();
    let closure = send(
        &officer,
        Method::POST,
        &format!("/api/agent/establishments/{valmont}/closures"),
        Some(json!({"from": day, "until": day, "reason": "Mouvement social"})),
    );
    let closure = tokio::spawn(closure);
    let o = race(N, |i| {
        let (c, link) = &people[i];
        send(
            c,
            Method::POST,
            "/api/public/bookings",
            Some(booking(link, &s, "k")),
        )
    })
    .await;
    let closed = closure.await.expect("closure");
    assert_eq!(closed.status, StatusCode::OK, "{}", closed.text);
    let made = o.only(StatusCode::CREATED, &["slot.closed"]);
    let live = scalar(
        &app,
        "SELECT COUNT(*) FROM visit_bookings WHERE slot_id = $1 AND status = 'booked'",
        &s,
    )
    .await;
    assert_eq!(
        live, 0,
        "every booking made before the closure is cancelled"
    );
    assert_eq!(
        scalar(&app, "SELECT booked FROM visit_slots WHERE id = $1", &s).await,
        0
    );
    let told = app.count("outbox WHERE kind = 'booking_cancelled'").await;
    assert_eq!(told as usize, made, "each cancelled visitor is told once");

    // The same closure sent eight times: the slot closed once, nobody told twice.
    let w = waiting(2).await;
    let day = api::paris_time::date_of(in_days(6, 10)).to_string();
    let officer = w.app.agent("parloirs.valmont").await;
    same(
        &officer,
        Method::POST,
        &format!("/api/agent/establishments/{}/closures", w.valmont),
        Some(json!({"from": day, "until": day, "reason": "Exercice"})),
    )
    .await
    .all(&[StatusCode::OK]);
    let (_, a_booking) = &w.holder;
    assert_eq!(
        text(
            &w.app,
            "SELECT status FROM visit_bookings WHERE id = $1",
            a_booking
        )
        .await,
        "cancelled"
    );
    assert_eq!(
        w.app
            .count(
                "outbox WHERE kind = 'booking_cancelled' AND dedupe_key LIKE 'booking_cancelled:%'"
            )
            .await,
        1
    );
    for (_, _, entry) in &w.waiting {
        assert_eq!(entry_status(&w.app, entry).await, "closed");
        assert_eq!(
            scalar(
                &w.app,
                "SELECT COUNT(*) FROM outbox WHERE dedupe_key = $1",
                &format!("waitlist_closed:{entry}")
            )
            .await,
            1
        );
    }
}

#[tokio::test]
async fn a_closure_beside_cancels_and_new_bookings_of_the_same_detainees_never_deadlocks() {
    let app = TestApp::new().await;
    let valmont = app.establishment_id("valmont").await;
    let r = room(&app, &valmont, "standard", N as i64).await;
    let starts = in_days(8, 8);
    let first = slot(&app, &valmont, &r, starts, N as i64).await;
    let second = slot(&app, &valmont, &r, starts + 3 * 3_600, N as i64).await;
    let mut people = Vec::new();
    for i in 0..N {
        let d = detainee(&app, &valmont, "remand").await;
        let (mut c, link) = linked_visitor(&app, &valmont, &d).await;
        let res = c
            .post(
                "/api/public/bookings",
                booking(&link, &first, &format!("b{i}")),
            )
            .await;
        assert_eq!(res.status, StatusCode::CREATED, "{}", res.text);
        people.push((c, link, id(&res), d));
    }
    let officer = app.agent("parloirs.valmont").await;
    let day = api::paris_time::date_of(starts).to_string();
    let closure = tokio::spawn(send(
        &officer,
        Method::POST,
        &format!("/api/agent/establishments/{valmont}/closures"),
        Some(json!({"from": day, "until": day, "reason": "Mouvement social"})),
    ));
    // Half the relatives cancel their visit, the other half book a second one the same day.
    let o = race(N, |i| {
        let (c, link, booked, _) = &people[i];
        if i % 2 == 0 {
            send(
                c,
                Method::DELETE,
                &format!("/api/public/bookings/{booked}"),
                None,
            )
        } else {
            send(
                c,
                Method::POST,
                "/api/public/bookings",
                Some(booking(link, &second, "again")),
            )
        }
    })
    .await;
    let closed = closure.await.expect("closure");
    assert_eq!(closed.status, StatusCode::OK, "{}", closed.text);
    for (i, r) in o.0.iter().enumerate() {
        let expected: &[&str] = if i % 2 == 0 {
            &["visit.not_booked"]
        } else {
            &["slot.closed"]
        };
        if r.status.is_success() {
            continue;
        }
        assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text);
        assert!(
            expected.contains(&r.json["code"].as_str().unwrap_or_default()),
            "{}",
            r.text
        );
    }
    for s in [&first, &second] {
        let live = scalar(
            &app,
            "SELECT COUNT(*) FROM visit_bookings WHERE slot_id = $1 AND status = 'booked'",
            s,
        )
        .await;
        assert_eq!(live, 0, "nothing stays booked on a closed slot");
        places_match_bookings(&app, s).await;
    }
    for (_, _, booked, d) in &people {
        quota_matches_bookings(&app, d).await;
        let told = scalar(
            &app,
            "SELECT COUNT(*) FROM outbox WHERE dedupe_key = $1",
            &format!("booking_cancelled:{booked}"),
        )
        .await;
        assert_eq!(told, 1, "each cancelled visit is announced once");
    }
}

#[tokio::test]
async fn slots_generated_beside_a_closure_of_their_day_are_closed() {
    let app = TestApp::new().await;
    let valmont = app.establishment_id("valmont").await;
    let officer = app.agent("parloirs.valmont").await;
    let base = format!("/api/agent/establishments/{valmont}");
    let mut c = officer.clone();
    let r = c
        .post(
            &format!("{base}/visit-rooms"),
            json!({"name": "Parloir du calendrier", "kind": "standard", "capacity": 2}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let room = id(&r);
    let today = api::paris_time::date_of(time::OffsetDateTime::now_utc().unix_timestamp());
    for round in 0..3 {
        let day = today.add_days(10 + round);
        for start in ["09:00", "11:00", "14:00", "16:00"] {
            let r = c
                .post(
                    &format!("{base}/slot-templates"),
                    json!({"room_id": room, "weekday": day.weekday(), "start": start,
                           "duration_minutes": 60, "valid_from": today.to_string(), "valid_until": null}),
                )
                .await;
            assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        }
        let generate = send(
            &officer,
            Method::POST,
            &format!("{base}/slots/generate"),
            Some(json!({"from": day.to_string(), "days": 1})),
        );
        let close = send(
            &officer,
            Method::POST,
            &format!("{base}/closures"),
            Some(
                json!({"from": day.to_string(), "until": day.to_string(), "reason": "Inventaire"}),
            ),
        );
        let (g, cl) = tokio::join!(tokio::spawn(generate), tokio::spawn(close));
        let o = Outcome(vec![g.expect("generate"), cl.expect("close")]);
        o.no_server_error();
        o.all(&[StatusCode::OK]);
        let (from, until) = api::paris_time::day_range(day, 1);
        let open: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM visit_slots WHERE room_id = $1 AND starts_at >= $2 \
             AND starts_at < $3 AND blocked_at IS NULL",
        )
        .bind(&room)
        .bind(from)
        .bind(until)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
        assert_eq!(
            open, 0,
            "round {round}: every slot of the closed day is closed"
        );
    }
}

#[tokio::test]
async fn a_link_is_requested_once_and_decided_once() {
    let app = TestApp::new().await;
    let valmont = app.establishment_id("valmont").await;
    let marie = app.visitor().await;
    let body = json!({"establishment_id": valmont, "detainee_first_name": "Karim",
        "detainee_last_name": "Benali", "detainee_birth_date": "1965-01-01", "permit_number": null});
    same(&marie, Method::POST, "/api/public/links", Some(body))
        .await
        .exactly_one(StatusCode::CREATED, &["link.exists"]);
    let link: String = text(
        &app,
        "SELECT id FROM link_requests WHERE detainee_last_name = $1 AND status = 'pending'",
        "Benali",
    )
    .await;
    let karim = app.detainee_id("10001").await;
    let officer = app.agent("parloirs.valmont").await;
    let base = format!("/api/agent/establishments/{valmont}/link-requests/{link}");
    let approve = json!({"detainee_id": karim, "permit_number": "PV-RACE-1", "issuer": null,
        "holder_birth_date": "1980-02-02", "valid_from": "2026-01-01", "valid_until": null});
    same(
        &officer,
        Method::POST,
        &format!("{base}/approve"),
        Some(approve),
    )
    .await
    .exactly_one(StatusCode::OK, &["link.decided"]);
    assert_eq!(
        scalar(
            &app,
            "SELECT COUNT(*) FROM visit_permits WHERE number = $1",
            "PV-RACE-1"
        )
        .await,
        1
    );

    // Rejected eight times; then approve beside reject: one decision.
    for round in 0..2 {
        let body = json!({"establishment_id": valmont, "detainee_first_name": "Paul",
            "detainee_last_name": format!("Durand{round}"), "detainee_birth_date": "1970-01-01",
            "permit_number": null});
        let mut m = marie.clone();
        let r = m.post("/api/public/links", body).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        let link = id(&r);
        let base = format!("/api/agent/establishments/{valmont}/link-requests/{link}");
        if round == 0 {
            same(
                &officer,
                Method::POST,
                &format!("{base}/reject"),
                Some(json!({"reason": "Inconnu"})),
            )
            .await
            .exactly_one(StatusCode::OK, &["link.decided"]);
            continue;
        }
        let approve = send(
            &officer,
            Method::POST,
            &format!("{base}/approve"),
            Some(
                json!({"detainee_id": karim, "permit_number": "PV-RACE-2", "issuer": null,
                "holder_birth_date": "1980-02-02", "valid_from": "2026-01-01", "valid_until": null}),
            ),
        );
        let reject = send(
            &officer,
            Method::POST,
            &format!("{base}/reject"),
            Some(json!({"reason": "Inconnu"})),
        );
        let (a, r) = tokio::join!(tokio::spawn(approve), tokio::spawn(reject));
        let o = Outcome(vec![a.expect("approve"), r.expect("reject")]);
        o.no_server_error();
        o.exactly_one(StatusCode::OK, &["link.decided"]);
        let status = text(
            &app,
            "SELECT status FROM link_requests WHERE id = $1",
            &link,
        )
        .await;
        let approved = o.0[0].status == StatusCode::OK;
        assert_eq!(status, if approved { "approved" } else { "rejected" });
        let permits = scalar(
            &app,
            "SELECT COUNT(*) FROM visit_permits WHERE number = $1",
            "PV-RACE-2",
        )
        .await;
        assert_eq!(
            permits,
            i64::from(approved),
            "a rejected link records no permit"
        );
    }
}

#[tokio::test]
async fn permits_and_restrictions_are_recorded_suspended_and_lifted_once() {
    let app = TestApp::new().await;
    let valmont = app.establishment_id("valmont").await;
    let d = detainee(&app, &valmont, "remand").await;
    let officer = app.agent("parloirs.valmont").await;
    let base = format!("/api/agent/establishments/{valmont}/permits");
    let body = json!({"detainee_id": d, "number": "PV-RACE-9", "issuer": null,
        "holder_first_name": "Inès", "holder_last_name": "Aubrac", "holder_birth_date": "1975-05-05",
        "valid_from": "2026-01-01", "valid_until": null});
    same(&officer, Method::POST, &base, Some(body))
        .await
        .exactly_one(StatusCode::CREATED, &["permit.taken"]);
    let permit_id = text(
        &app,
        "SELECT id FROM visit_permits WHERE number = $1",
        "PV-RACE-9",
    )
    .await;
    same(
        &officer,
        Method::POST,
        &format!("{base}/{permit_id}/suspend"),
        Some(json!({"reason": "Incident"})),
    )
    .await
    .exactly_one(StatusCode::NO_CONTENT, &["permit.state"]);

    let (banned, _) = permit(&app, &valmont, &d, None, "1990-06-06").await;
    let restrictions = format!("/api/agent/establishments/{valmont}/detainees/{d}/restrictions");
    same(
        &officer,
        Method::POST,
        &restrictions,
        Some(json!({"kind": "visitor_banned", "permit_id": banned, "reason": "Incident", "valid_until": null})),
    )
    .await
    .exactly_one(StatusCode::CREATED, &["restriction.exists"]);
    let restriction = text(
        &app,
        "SELECT id FROM visit_restrictions WHERE permit_id = $1",
        &banned,
    )
    .await;
    same(
        &officer,
        Method::POST,
        &format!("/api/agent/establishments/{valmont}/restrictions/{restriction}/lift"),
        Some(json!({})),
    )
    .await
    .exactly_one(StatusCode::NO_CONTENT, &["restriction.lifted"]);
    // Lifted, it may be set again.
    let mut o = officer.clone();
    let r = o
        .post(
            &restrictions,
            json!({"kind": "visitor_banned", "permit_id": banned, "reason": "Récidive", "valid_until": null}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
}

#[tokio::test]
async fn rooms_templates_generation_rules_and_info_race_safely() {
    let app = TestApp::new().await;
    let valmont = app.establishment_id("valmont").await;
    let officer = app.agent("parloirs.valmont").await;
    let base = format!("/api/agent/establishments/{valmont}");
    let o = same(
        &officer,
        Method::POST,
        &format!("{base}/visit-rooms"),
        Some(json!({"name": "Parloir des courses", "kind": "standard", "capacity": 3})),
    )
    .await;
    o.exactly_one(StatusCode::CREATED, &["room.exists"]);
    let room =
        o.0.iter()
            .find(|r| r.status == StatusCode::CREATED)
            .map(id)
            .expect("the room");
    same(
        &officer,
        Method::PUT,
        &format!("{base}/visit-rooms/{room}"),
        Some(json!({"name": "Parloir des courses", "capacity": 4})),
    )
    .await
    .all(&[StatusCode::OK]);
    assert_eq!(
        scalar(
            &app,
            "SELECT capacity FROM visit_rooms WHERE id = $1",
            &room
        )
        .await,
        4
    );

    let today = api::paris_time::date_of(time::OffsetDateTime::now_utc().unix_timestamp());
    let template = json!({"room_id": room, "weekday": 3, "start": "14:00", "duration_minutes": 60,
        "valid_from": today.to_string(), "valid_until": null});
    let o = same(
        &officer,
        Method::POST,
        &format!("{base}/slot-templates"),
        Some(template),
    )
    .await;
    o.exactly_one(StatusCode::CREATED, &["slot_template.exists"]);
    let template_id =
        o.0.iter()
            .find(|r| r.status == StatusCode::CREATED)
            .map(id)
            .expect("the template");

    let from = today.add_days(1).to_string();
    let o = same(
        &officer,
        Method::POST,
        &format!("{base}/slots/generate"),
        Some(json!({"from": from, "days": 28})),
    )
    .await;
    o.all(&[StatusCode::OK]);
    let created: i64 = o.0.iter().filter_map(|r| r.json["created"].as_i64()).sum();
    let slots = scalar(
        &app,
        "SELECT COUNT(*) FROM visit_slots WHERE room_id = $1",
        &room,
    )
    .await;
    assert_eq!(created, 4, "four Wednesdays in four weeks");
    assert_eq!(slots, 4, "each generated once");

    same(
        &officer,
        Method::DELETE,
        &format!("{base}/slot-templates/{template_id}"),
        None,
    )
    .await
    .exactly_one(StatusCode::NO_CONTENT, &["slot_template.archived"]);
    same(
        &officer,
        Method::DELETE,
        &format!("{base}/visit-rooms/{room}"),
        None,
    )
    .await
    .exactly_one(StatusCode::NO_CONTENT, &["room.archived"]);

    let rules = json!(shared_types::visits::VisitRules {
        weekly_remand: 4,
        ..shared_types::visits::VisitRules::default()
    });
    same(
        &officer,
        Method::PUT,
        &format!("{base}/visit-rules"),
        Some(rules),
    )
    .await
    .all(&[StatusCode::OK]);
    assert_eq!(
        scalar(
            &app,
            "SELECT weekly_remand FROM visit_rules WHERE establishment_id = $1",
            &valmont
        )
        .await,
        4
    );
    let info = json!({"address": "1 chemin des Parloirs", "phone": null, "opening_hours": "9 h - 17 h",
        "access": "Bus 12", "what_to_bring": "Une pièce d'identité", "accessibility": "Plain-pied"});
    same(
        &officer,
        Method::PUT,
        &format!("{base}/visit-info"),
        Some(info.clone()),
    )
    .await
    .all(&[StatusCode::OK]);
    let mut anyone = app.client();
    let r = anyone
        .get(&format!("/api/public/establishments/{valmont}/visit-info"))
        .await;
    assert_eq!(r.json, info);
}
