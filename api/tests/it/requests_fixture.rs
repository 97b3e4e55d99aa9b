//! Helpers for the request tests: writing from the tablet and reading the audit trail.

use serde_json::{Value, json};

use crate::harness::{Client, Response, TestApp};

/// A new request to `service` with the first subject of its list.
pub fn new_request(service: &str, text: &str, key: &str) -> Value {
    let service_enum: shared_types::roles::Service =
        serde_json::from_value(json!(service)).expect("a service code");
    let subject = shared_types::requests::subjects(service_enum)[0];
    json!({"service": service, "subject": subject, "text": text, "idempotency_key": key})
}

/// Writes a request from the tablet and returns its id.
pub async fn write(tablet: &mut Client, service: &str, text: &str) -> String {
    let key = format!("key-{}", uuid::Uuid::new_v4());
    let r = tablet
        .post("/api/detainee/requests", new_request(service, text, &key))
        .await;
    assert_eq!(r.status, axum::http::StatusCode::CREATED, "{}", r.text);
    r.json["request"]["id"].as_str().expect("an id").to_owned()
}

/// An answer or note body with a fresh key.
pub fn text(words: &str) -> Value {
    json!({"text": words, "idempotency_key": uuid::Uuid::new_v4().to_string()})
}

/// The audit actions recorded on `target`, oldest first.
pub async fn actions_on(app: &TestApp, target: &str) -> Vec<String> {
    sqlx::query_scalar("SELECT action FROM audit_events WHERE target = $1 ORDER BY at, chain, seq")
        .bind(target)
        .fetch_all(&app.state.db.pool)
        .await
        .expect("audit events")
}

/// Every audit event's columns as one text, to prove no content leaked into the log.
pub async fn whole_audit_log(app: &TestApp) -> String {
    let rows: Vec<(String, Option<String>, Option<String>)> =
        sqlx::query_as("SELECT action, target, source_ip FROM audit_events")
            .fetch_all(&app.state.db.pool)
            .await
            .expect("audit events");
    format!("{rows:?}")
}

/// GET `path` as `client`, asserting the status.
pub async fn get_ok(client: &mut Client, path: &str) -> Response {
    let r = client.get(path).await;
    assert_eq!(r.status, axum::http::StatusCode::OK, "{path}: {}", r.text);
    r
}
