//! Console set-up of visits: rooms, templates, slot generation in Paris time, closures, rules,
//! and that nothing is written on bad input or outside the agent's establishments.

use axum::http::{Method, StatusCode};
use serde_json::{Value, json};
use shared_types::date::Date;
use sqlx::Row;

use crate::harness::{Client, Response, TestApp};

const OFFICER: &str = "parloirs.valmont";
/// The audit events of visit set-up (sign-ins are audited too).
const SETUP_EVENTS: &str = "audit_events WHERE (action LIKE 'visit_room.%' \
    OR action LIKE 'slot_template.%' OR action LIKE 'visit_slots.%') AND action NOT LIKE '%.archived'";

fn base(establishment: &str) -> String {
    format!("/api/agent/establishments/{establishment}")
}

/// Unix seconds of a UTC date and time, worked out independently of the code under test.
fn utc(date: &str, h: i64, m: i64) -> i64 {
    Date::parse(date).expect("date").days_since_epoch() * 86_400 + h * 3600 + m * 60
}

async fn put(c: &mut Client, path: &str, body: Value) -> Response {
    c.send(
        Method::PUT,
        path,
        Some(body.to_string().into_bytes()),
        "application/json",
    )
    .await
}

/// Archives whatever templates the demo data may hold, so counts below are this test's own.
async fn clear_templates(c: &mut Client, e: &str) {
    let list = c.get(&format!("{}/slot-templates", base(e))).await;
    for t in list.json.as_array().cloned().unwrap_or_default() {
        let id = t["id"].as_str().unwrap_or_default();
        let r = c.delete(&format!("{}/slot-templates/{id}", base(e))).await;
        assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.text);
    }
}

async fn new_room(c: &mut Client, e: &str, name: &str, capacity: u32) -> String {
    let r = c
        .post(
            &format!("{}/visit-rooms", base(e)),
            json!({"name": name, "kind": "standard", "capacity": capacity}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    r.json["id"].as_str().expect("room id").to_owned()
}

fn template(room: &str, weekday: u32, start: &str, minutes: u32) -> Value {
    json!({"room_id": room, "weekday": weekday, "start": start, "duration_minutes": minutes,
           "valid_from": "2030-01-01", "valid_until": "2030-12-31"})
}

async fn new_template(c: &mut Client, e: &str, body: Value) {
    let r = c.post(&format!("{}/slot-templates", base(e)), body).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
}

async fn generate(c: &mut Client, e: &str, from: &str, days: u32) -> Response {
    c.post(
        &format!("{}/slots/generate", base(e)),
        json!({"from": from, "days": days}),
    )
    .await
}

async fn slots(c: &mut Client, e: &str, from: &str, days: u32) -> Vec<Value> {
    let r = c
        .get(&format!("{}/slots?from={from}&days={days}", base(e)))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    r.json.as_array().cloned().unwrap_or_default()
}

/// Valmont with one 4-table room, visits on Mondays 14:00 and Saturdays 09:30, slots generated
/// for the two weeks around the 2030 switch to summer time (Sunday 31 March).
async fn valmont_with_slots(app: &TestApp) -> (Client, String, String) {
    let e = app.establishment_id("valmont").await;
    let mut c = app.agent(OFFICER).await;
    clear_templates(&mut c, &e).await;
    let room = new_room(&mut c, &e, "Parloir A", 4).await;
    new_template(&mut c, &e, template(&room, 1, "14:00", 60)).await;
    new_template(&mut c, &e, template(&room, 6, "09:30", 45)).await;
    let r = generate(&mut c, &e, "2030-03-25", 14).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.json["created"], 4);
    (c, e, room)
}

/// A booking written straight into the tables, standing in for the family portal.
async fn book(app: &TestApp, slot_id: &str) -> String {
    let pool = &app.state.db.pool;
    let row = sqlx::query(
        "SELECT s.establishment_id, s.starts_at, s.ends_at, d.id AS detainee_id \
         FROM visit_slots s JOIN detainees d ON d.establishment_id = s.establishment_id \
         WHERE s.id = $1 ORDER BY d.registration_number LIMIT 1",
    )
    .bind(slot_id)
    .fetch_one(pool)
    .await
    .expect("slot");
    let establishment: String = row.try_get("establishment_id").expect("e");
    let detainee: String = row.try_get("detainee_id").expect("d");
    let (starts_at, ends_at): (i64, i64) = (
        row.try_get("starts_at").expect("s"),
        row.try_get("ends_at").expect("e"),
    );
    let visitor: String = sqlx::query("SELECT id FROM visitors LIMIT 1")
        .fetch_one(pool)
        .await
        .expect("visitor")
        .try_get("id")
        .expect("id");
    let permit = uuid::Uuid::new_v4().to_string();
    sqlx::query(
        "INSERT INTO visit_permits (id, establishment_id, detainee_id, visitor_id, number, issuer, \
         holder_first_name, holder_last_name, holder_birth_date, valid_from, created_at) \
         VALUES ($1, $2, $3, $4, $1, 'judge', 'Marie', 'Martin', '1980-01-01', '2020-01-01', 0)",
    )
    .bind(&permit)
    .bind(&establishment)
    .bind(&detainee)
    .bind(&visitor)
    .execute(pool)
    .await
    .expect("permit");
    let booking = uuid::Uuid::new_v4().to_string();
    sqlx::query(
        "INSERT INTO visit_bookings (id, establishment_id, slot_id, detainee_id, visitor_id, \
         permit_id, week_start, starts_at, ends_at, status, idempotency_key, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, '2030-03-25', $7, $8, 'booked', $1, 0)",
    )
    .bind(&booking)
    .bind(&establishment)
    .bind(slot_id)
    .bind(&detainee)
    .bind(&visitor)
    .bind(&permit)
    .bind(starts_at)
    .bind(ends_at)
    .execute(pool)
    .await
    .expect("booking");
    sqlx::query("UPDATE visit_slots SET booked = booked + 1 WHERE id = $1")
        .bind(slot_id)
        .execute(pool)
        .await
        .expect("booked");
    booking
}

#[tokio::test]
async fn templates_give_slots_at_paris_times_and_generation_is_idempotent() {
    let app = TestApp::new().await;
    let audit_before = app.count(SETUP_EVENTS).await;
    let (mut c, e, room) = valmont_with_slots(&app).await;

    let rooms = c.get(&format!("{}/visit-rooms", base(&e))).await;
    assert!(rooms.json.as_array().is_some_and(|a| {
        a.iter()
            .any(|r| r["id"] == room.as_str() && r["capacity"] == 4)
    }));
    let templates = c.get(&format!("{}/slot-templates", base(&e))).await;
    let starts: Vec<_> = templates
        .json
        .as_array()
        .expect("list")
        .iter()
        .map(|t| t["start"].clone())
        .collect();
    assert_eq!(starts, [json!("14:00"), json!("09:30")]);

    let listed = slots(&mut c, &e, "2030-03-25", 14).await;
    let times: Vec<i64> = listed
        .iter()
        .filter_map(|s| s["starts_at"].as_i64())
        .collect();
    assert_eq!(
        times,
        [
            utc("2030-03-25", 13, 0), // Monday 14:00, winter time (UTC+1)
            utc("2030-03-30", 8, 30), // Saturday 09:30, winter time
            utc("2030-04-01", 12, 0), // Monday 14:00, summer time (UTC+2)
            utc("2030-04-06", 7, 30), // Saturday 09:30, summer time
        ]
    );
    assert_eq!(
        listed[0]["ends_at"].as_i64(),
        Some(utc("2030-03-25", 14, 0))
    );
    assert!(
        listed
            .iter()
            .all(|s| s["places_left"] == 4 && s["bookable"] == true)
    );

    let slots_before = app.count("visit_slots").await;
    let again = generate(&mut c, &e, "2030-03-25", 14).await;
    assert_eq!(again.json["created"], 0);
    assert_eq!(app.count("visit_slots").await, slots_before);
    // room, two templates, one generation (the empty one changes nothing and records nothing).
    assert_eq!(app.count(SETUP_EVENTS).await - audit_before, 4);

    // An archived template stops giving slots; those it gave stay.
    let template_id = templates.json[0]["id"].as_str().expect("id").to_owned();
    let r = c
        .delete(&format!("{}/slot-templates/{template_id}", base(&e)))
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    assert_eq!(
        generate(&mut c, &e, "2030-04-08", 7).await.json["created"],
        1
    );
    assert_eq!(slots(&mut c, &e, "2030-03-25", 14).await.len(), 4);
}

#[tokio::test]
async fn rules_below_the_legal_minimum_are_refused_and_nothing_is_saved() {
    let app = TestApp::new().await;
    let e = app.establishment_id("valmont").await;
    let mut c = app.agent(OFFICER).await;
    let path = format!("{}/visit-rules", base(&e));
    let defaults = c.get(&path).await;
    assert_eq!(defaults.status, StatusCode::OK);
    assert_eq!(defaults.json["weekly_remand"], 3);
    let mut rules = defaults.json.clone();

    rules["weekly_remand"] = json!(2);
    let r = put(&mut c, &path, rules.clone()).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.is_problem());
    assert_eq!(r.fields(), ["weekly_remand"]);
    assert_eq!(app.count("visit_rules").await, 0);

    rules["weekly_remand"] = json!(4);
    rules["max_people"] = json!(5);
    let r = put(&mut c, &path, rules.clone()).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(c.get(&path).await.json, rules);
    let loaded = api::visits::setup::load_rules(&app.state.db.pool, &e)
        .await
        .expect("rules");
    assert_eq!(loaded.weekly_remand, 4);
    // Saving again updates the one row.
    rules["weekly_convicted"] = json!(2);
    assert_eq!(put(&mut c, &path, rules).await.status, StatusCode::OK);
    assert_eq!(app.count("visit_rules").await, 1);
}

#[tokio::test]
async fn a_closure_blocks_slots_and_cancels_the_bookings_on_them() {
    let app = TestApp::new().await;
    let (mut c, e, room) = valmont_with_slots(&app).await;
    let listed = slots(&mut c, &e, "2030-03-25", 14).await;
    let monday = listed[0]["id"].as_str().expect("id").to_owned();
    let booking = book(&app, &monday).await;

    let r = c
        .post(
            &format!("{}/closures", base(&e)),
            json!({"from": "2030-03-25", "until": "2030-03-30", "room_id": room,
                   "reason": "Exercice de sécurité"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.json["blocked_slots"], 2);
    assert_eq!(r.json["affected_bookings"], json!([booking]));

    let listed = slots(&mut c, &e, "2030-03-25", 14).await;
    let state: Vec<_> = listed
        .iter()
        .map(|s| (s["blocked"].clone(), s["bookable"].clone()))
        .collect();
    assert_eq!(
        state,
        [
            (json!(true), json!(false)),
            (json!(true), json!(false)),
            (json!(false), json!(true)),
            (json!(false), json!(true)),
        ]
    );
    assert_eq!(listed[0]["block_reason"], "Exercice de sécurité");
    // The booking was cancelled in the same transaction, its place freed, its visitor told why.
    assert_eq!(listed[0]["booked"], 0);
    let (status, reason): (String, Option<String>) =
        sqlx::query_as("SELECT status, cancel_reason FROM visit_bookings WHERE id = $1")
            .bind(&booking)
            .fetch_one(&app.state.db.pool)
            .await
            .expect("booking");
    assert_eq!(
        (status.as_str(), reason.as_deref()),
        ("cancelled", Some("Exercice de sécurité"))
    );
    let (body,): (String,) =
        sqlx::query_as("SELECT body FROM outbox WHERE kind = 'booking_cancelled'")
            .fetch_one(&app.state.db.pool)
            .await
            .expect("message to the visitor");
    assert!(body.contains("Motif : Exercice de sécurité"), "{body}");

    // Closing again blocks nothing new and has nothing left to cancel.
    let r = c
        .post(
            &format!("{}/closures", base(&e)),
            json!({"from": "2030-03-25", "until": "2030-03-25", "reason": "Grève"}),
        )
        .await;
    assert_eq!(r.json["blocked_slots"], 0);
    assert_eq!(r.json["affected_bookings"], json!([]));
}

#[tokio::test]
async fn a_room_keeps_room_for_its_bookings() {
    let app = TestApp::new().await;
    let (mut c, e, room) = valmont_with_slots(&app).await;
    let listed = slots(&mut c, &e, "2030-03-25", 14).await;
    let monday = listed[0]["id"].as_str().expect("id").to_owned();
    book(&app, &monday).await;
    book(&app, &monday).await;
    let path = format!("{}/visit-rooms/{room}", base(&e));

    let r = put(&mut c, &path, json!({"name": "Parloir A", "capacity": 1})).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text);
    assert!(r.is_problem());
    assert!(
        slots(&mut c, &e, "2030-03-25", 14)
            .await
            .iter()
            .all(|s| s["capacity"] == 4)
    );

    let r = put(&mut c, &path, json!({"name": "Parloir B", "capacity": 2})).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.json["name"], "Parloir B");
    let listed = slots(&mut c, &e, "2030-03-25", 14).await;
    assert!(listed.iter().all(|s| s["capacity"] == 2));
    assert_eq!(listed[0]["places_left"], 0);
    assert_eq!(listed[0]["bookable"], false);

    let r = c.delete(&path).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text);
    assert_eq!(
        app.count("visit_rooms WHERE archived_at IS NOT NULL").await,
        0
    );
    assert_eq!(
        app.count("visit_slots WHERE blocked_at IS NOT NULL").await,
        0,
        "a refused archive closes nothing"
    );

    sqlx::query("UPDATE visit_bookings SET status = 'cancelled'")
        .execute(&app.state.db.pool)
        .await
        .expect("cancel");
    assert_eq!(c.delete(&path).await.status, StatusCode::NO_CONTENT);
    let rooms = c.get(&format!("{}/visit-rooms", base(&e))).await;
    assert!(
        rooms
            .json
            .as_array()
            .is_some_and(|a| a.iter().all(|r| r["id"] != room.as_str()))
    );
    assert!(
        slots(&mut c, &e, "2030-03-25", 14)
            .await
            .iter()
            .all(|s| s["bookable"] == false)
    );
    assert_eq!(
        generate(&mut c, &e, "2030-04-08", 7).await.json["created"],
        0
    );
}

#[tokio::test]
async fn bad_input_is_refused_and_nothing_is_written() {
    let app = TestApp::new().await;
    let e = app.establishment_id("valmont").await;
    let s = app.establishment_id("saint-aubin").await;
    let mut c = app.agent(OFFICER).await;
    let room = new_room(&mut c, &e, "Parloir A", 4).await;
    let mut national = app.agent("admin.national").await;
    let foreign_room = new_room(&mut national, &s, "Parloir Saint-Aubin", 4).await;
    let before = (
        app.count("slot_templates").await,
        app.count("visit_slots").await,
        app.count("visit_rooms").await,
        app.count("audit_events").await,
    );
    let wrong = |f: &dyn Fn(&mut Value)| {
        let mut t = template(&room, 1, "14:00", 60);
        f(&mut t);
        t
    };
    let cases = [
        (wrong(&|t| t["weekday"] = json!(8)), "weekday"),
        (wrong(&|t| t["weekday"] = json!(0)), "weekday"),
        (wrong(&|t| t["start"] = json!("25:00")), "start"),
        (
            wrong(&|t| t["duration_minutes"] = json!(10)),
            "duration_minutes",
        ),
        (
            wrong(&|t| t["valid_until"] = json!("2029-12-31")),
            "valid_until",
        ),
        (
            wrong(&|t| t["valid_from"] = json!("2030-02-30")),
            "valid_from",
        ),
        (wrong(&|t| t["room_id"] = json!(foreign_room)), "room_id"),
        (wrong(&|t| t["weekday"] = json!(-1)), "weekday"),
    ];
    for (body, field) in cases {
        let r = c
            .post(&format!("{}/slot-templates", base(&e)), body.clone())
            .await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{body}: {}",
            r.text
        );
        assert!(r.is_problem());
        assert_eq!(r.fields(), [field], "{body}");
    }
    for body in [
        json!({"from": "2030-03-25", "days": 0}),
        json!({"from": "2030-03-25", "days": 91}),
        json!({"from": "25/03/2030", "days": 7}),
    ] {
        let r = c
            .post(&format!("{}/slots/generate", base(&e)), body.clone())
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    }
    let r = c
        .get(&format!("{}/slots?from=2030-03-25&days=x", base(&e)))
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.is_problem());
    let r = c
        .post(
            &format!("{}/closures", base(&e)),
            json!({"from": "2030-03-25", "until": "2030-03-26", "room_id": foreign_room, "reason": "x"}),
        )
        .await;
    assert_eq!(r.fields(), ["room_id"]);
    let r = c
        .post(
            &format!("{}/visit-rooms", base(&e)),
            json!({"name": "", "kind": "standard", "capacity": 0}),
        )
        .await;
    assert_eq!(r.fields(), ["name", "capacity"]);
    let r = put(
        &mut c,
        &format!("{}/visit-rooms/{foreign_room}", base(&e)),
        json!({"name": "X", "capacity": 2}),
    )
    .await;
    assert_eq!(
        r.status,
        StatusCode::NOT_FOUND,
        "another establishment's room is not found"
    );
    assert_eq!(
        (
            app.count("slot_templates").await,
            app.count("visit_slots").await,
            app.count("visit_rooms").await,
            app.count("audit_events").await,
        ),
        before
    );
}

#[tokio::test]
async fn agents_manage_visits_only_where_they_may() {
    let app = TestApp::new().await;
    let e = app.establishment_id("valmont").await;
    let s = app.establishment_id("saint-aubin").await;
    let mut national = app.agent("admin.national").await;
    let foreign_room = new_room(&mut national, &s, "Parloir Saint-Aubin", 4).await;
    let before = app.count("visit_rooms").await;

    let mut officer = app.agent(OFFICER).await;
    let mut teacher = app.agent("enseignant.valmont").await;
    let room_body = json!({"name": "Parloir", "kind": "standard", "capacity": 3});
    let rule_body = json!(shared_types::visits::VisitRules::default());
    let cases: Vec<(Method, String, Option<Value>)> = vec![
        (Method::GET, format!("{}/visit-rooms", base(&s)), None),
        (
            Method::POST,
            format!("{}/visit-rooms", base(&s)),
            Some(room_body.clone()),
        ),
        (
            Method::DELETE,
            format!("{}/visit-rooms/{foreign_room}", base(&s)),
            None,
        ),
        (
            Method::PUT,
            format!("{}/visit-rules", base(&s)),
            Some(rule_body.clone()),
        ),
        (
            Method::POST,
            format!("{}/slots/generate", base(&s)),
            Some(json!({"from": "2030-03-25", "days": 7})),
        ),
    ];
    for (method, path, body) in cases {
        let r = officer
            .send(
                method.clone(),
                &path,
                body.map(|b| b.to_string().into_bytes()),
                "application/json",
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{method} {path}");
        assert!(r.is_problem());
    }
    for (method, path, body) in [
        (Method::GET, format!("{}/visit-rooms", base(&e)), None),
        (
            Method::POST,
            format!("{}/visit-rooms", base(&e)),
            Some(room_body),
        ),
        (Method::GET, format!("{}/visit-rules", base(&e)), None),
        (
            Method::PUT,
            format!("{}/visit-rules", base(&e)),
            Some(rule_body),
        ),
    ] {
        let r = teacher
            .send(
                method.clone(),
                &path,
                body.map(|b| b.to_string().into_bytes()),
                "application/json",
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "teacher {method} {path}");
    }
    assert_eq!(app.count("visit_rooms").await, before);
    assert_eq!(app.count("visit_rules").await, 0);
}

#[tokio::test]
async fn slots_generated_later_inside_a_closure_are_born_closed() {
    let app = TestApp::new().await;
    let e = app.establishment_id("valmont").await;
    let mut c = app.agent(OFFICER).await;
    clear_templates(&mut c, &e).await;
    let room = new_room(&mut c, &e, "Parloir A", 4).await;
    new_template(&mut c, &e, template(&room, 1, "14:00", 60)).await;
    // Close Monday 1 April 2030 before any slot of that week exists.
    let r = c
        .post(
            &format!("{}/closures", base(&e)),
            json!({"from": "2030-04-01", "until": "2030-04-01", "reason": "Travaux"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.json["blocked_slots"], 0);
    let r = generate(&mut c, &e, "2030-03-25", 14).await;
    assert_eq!(r.json["created"], 2);
    let listed = slots(&mut c, &e, "2030-03-25", 14).await;
    let state: Vec<_> = listed
        .iter()
        .map(|s| (s["blocked"].clone(), s["block_reason"].clone()))
        .collect();
    assert_eq!(
        state,
        [(json!(false), json!(null)), (json!(true), json!("Travaux"))]
    );
}

#[tokio::test]
async fn the_hourly_job_keeps_slots_ahead_of_the_booking_window() {
    let app = TestApp::new().await;
    let e = app.establishment_id("valmont").await;
    sqlx::query("DELETE FROM visit_slots WHERE establishment_id = $1")
        .bind(&e)
        .execute(&app.state.db.pool)
        .await
        .expect("clear");
    let created = api::visits::setup::generate_ahead(&app.state.db)
        .await
        .expect("generate");
    // Demo templates: 3 rooms × 5 days × 4 times a week, over the 28-day window plus a week.
    let count: i64 = sqlx::query("SELECT COUNT(*) FROM visit_slots WHERE establishment_id = $1")
        .bind(&e)
        .fetch_one(&app.state.db.pool)
        .await
        .expect("count")
        .try_get(0)
        .expect("n");
    assert!((250..=300).contains(&count), "{count} slots");
    assert!(created as i64 >= count, "Saint-Aubin's are topped up too");
    assert_eq!(
        api::visits::setup::generate_ahead(&app.state.db)
            .await
            .expect("again"),
        0,
        "idempotent"
    );
}
