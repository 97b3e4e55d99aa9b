//! Fixtures for booking tests: rooms, slots, and linked visitors built directly in SQL, so that
//! hundreds of them cost milliseconds.

use serde_json::json;
use sqlx::Row;

use crate::harness::{Client, TestApp};

/// Unix seconds `days` from now, rounded to the hour.
pub fn in_days(days: i64, hour: i64) -> i64 {
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    (now / 86_400 + days) * 86_400 + hour * 3_600
}

/// A room of `kind` and `capacity` in the establishment.
pub async fn room(app: &TestApp, establishment: &str, kind: &str, capacity: i64) -> String {
    let id = uuid::Uuid::now_v7().to_string();
    sqlx::query("INSERT INTO visit_rooms (id, establishment_id, name, kind, capacity, created_at) VALUES ($1, $2, $3, $4, $5, 0)")
        .bind(&id)
        .bind(establishment)
        .bind(format!("Parloir {kind} {}", &id[30..]))
        .bind(kind)
        .bind(capacity)
        .execute(&app.state.db.pool)
        .await
        .unwrap();
    id
}

/// A slot of one hour in `room` starting at `starts_at`.
pub async fn slot(
    app: &TestApp,
    establishment: &str,
    room: &str,
    starts_at: i64,
    capacity: i64,
) -> String {
    let id = uuid::Uuid::now_v7().to_string();
    sqlx::query(
        "INSERT INTO visit_slots (id, establishment_id, room_id, starts_at, ends_at, capacity, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, 0)",
    )
    .bind(&id)
    .bind(establishment)
    .bind(room)
    .bind(starts_at)
    .bind(starts_at + 3_600)
    .bind(capacity)
    .execute(&app.state.db.pool)
    .await
    .unwrap();
    id
}

/// A detainee of `establishment` with `legal_status`.
pub async fn detainee(app: &TestApp, establishment: &str, legal_status: &str) -> String {
    let id = uuid::Uuid::now_v7().to_string();
    sqlx::query(
        "INSERT INTO detainees (id, establishment_id, registration_number, first_name, last_name, birth_date, \
         legal_status, building, wing, cell, pin_hash, created_at) \
         VALUES ($1, $2, $3, 'Test', $4, '1990-01-01', $5, 'A', '1', '100', 'x', 0)",
    )
    .bind(&id)
    .bind(establishment)
    .bind(format!("T{}", &id[24..]))
    .bind(format!("Détenu {}", &id[28..]))
    .bind(legal_status)
    .execute(&app.state.db.pool)
    .await
    .unwrap();
    id
}

/// A permit for `detainee`, optionally held by `visitor`; returns its number.
pub async fn permit(
    app: &TestApp,
    establishment: &str,
    detainee: &str,
    visitor: Option<&str>,
    birth: &str,
) -> (String, String) {
    let id = uuid::Uuid::now_v7().to_string();
    let number = format!("P-{}", &id[24..]);
    sqlx::query(
        "INSERT INTO visit_permits (id, establishment_id, detainee_id, visitor_id, number, issuer, holder_first_name, \
         holder_last_name, holder_birth_date, valid_from, created_at) \
         VALUES ($1, $2, $3, $4, $5, 'judge', 'Prénom', 'Nom', $6, '2020-01-01', 0)",
    )
    .bind(&id)
    .bind(establishment)
    .bind(detainee)
    .bind(visitor)
    .bind(&number)
    .bind(birth)
    .execute(&app.state.db.pool)
    .await
    .unwrap();
    (id, number)
}

/// A visitor (password `Parloir-Demo-2026`) with an approved link to `detainee`; returns the
/// signed-in client and the link id.
pub async fn linked_visitor(
    app: &TestApp,
    establishment: &str,
    detainee: &str,
) -> (Client, String) {
    let hash: String =
        sqlx::query("SELECT password_hash FROM visitors WHERE email = 'marie.martin@example.fr'")
            .fetch_one(&app.state.db.pool)
            .await
            .unwrap()
            .try_get("password_hash")
            .unwrap();
    let visitor = uuid::Uuid::now_v7().to_string();
    let email = format!("v{}@example.fr", &visitor[24..]);
    sqlx::query("INSERT INTO visitors (id, email, password_hash, first_name, last_name, created_at) VALUES ($1, $2, $3, 'Vi', 'Siteur', 0)")
        .bind(&visitor)
        .bind(&email)
        .bind(&hash)
        .execute(&app.state.db.pool)
        .await
        .unwrap();
    let (permit, _) = permit(app, establishment, detainee, Some(&visitor), "1980-01-01").await;
    let link = uuid::Uuid::now_v7().to_string();
    sqlx::query(
        "INSERT INTO link_requests (id, establishment_id, visitor_id, detainee_first_name, detainee_last_name, \
         detainee_birth_date, status, detainee_id, permit_id, created_at) \
         VALUES ($1, $2, $3, 'Test', 'Détenu', '1990-01-01', 'approved', $4, $5, 0)",
    )
    .bind(&link)
    .bind(establishment)
    .bind(&visitor)
    .bind(detainee)
    .bind(&permit)
    .execute(&app.state.db.pool)
    .await
    .unwrap();
    let mut c = app.client();
    let r = c
        .post(
            "/api/public/session",
            json!({"email": email, "password": "Parloir-Demo-2026"}),
        )
        .await;
    assert_eq!(r.status, axum::http::StatusCode::OK);
    (c, link)
}

/// The body of a booking request.
pub fn booking(link: &str, slot: &str, key: &str) -> serde_json::Value {
    json!({"link_id": link, "slot_id": slot, "companions": [], "idempotency_key": key})
}

/// A column of one row.
pub async fn scalar(app: &TestApp, sql: &str, bind: &str) -> i64 {
    sqlx::query(sql)
        .bind(bind)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap()
        .try_get(0)
        .unwrap()
}
