//! Bad input gets a clear 4xx problem and changes nothing; never a 500.

use axum::http::{Method, StatusCode};
use serde_json::json;

use crate::harness::TestApp;

#[tokio::test]
async fn malformed_json_is_400_and_creates_nothing() {
    let app = TestApp::new().await;
    let before = app.count("visitors").await;
    let mut c = app.client();
    let r = c
        .post_raw(
            "/api/public/account",
            "{\"email\": \"a@b.fr\",",
            "application/json",
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.is_problem(), "{}", r.text);
    assert_eq!(app.count("visitors").await, before);
}

#[tokio::test]
async fn wrong_type_missing_and_unknown_fields_are_named() {
    let app = TestApp::new().await;
    let mut c = app.client();
    let r = c
        .post(
            "/api/public/session",
            json!({"email": "a@b.fr", "password": 1234}),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.fields(), ["password"]);
    assert_eq!(r.json["errors"][0]["code"], "invalid_type");

    let r = c
        .post("/api/public/session", json!({"email": "a@b.fr"}))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.fields(), ["password"]);
    assert_eq!(r.json["errors"][0]["code"], "required");

    let r = c
        .post(
            "/api/agent/session",
            json!({"login": "x", "password": "y", "is_admin": true}),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.fields(), ["is_admin"]);
    assert!(r.is_problem());
}

#[tokio::test]
async fn rule_violations_list_every_field_and_write_nothing() {
    let app = TestApp::new().await;
    let before = app.count("visitors").await;
    let mut c = app.client();
    let r = c
        .post(
            "/api/public/account",
            json!({"email": "pas-une-adresse", "password": "court", "first_name": "", "last_name": "D"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.fields(), ["email", "password", "first_name"]);
    assert_eq!(app.count("visitors").await, before);
}

#[tokio::test]
async fn oversized_body_is_413() {
    let app = TestApp::new().await;
    let mut c = app.client();
    let huge = format!(
        "{{\"email\":\"{}\",\"password\":\"x\"}}",
        "a".repeat(200_000)
    );
    let r = c
        .post_raw("/api/public/session", huge, "application/json")
        .await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(r.is_problem());
}

#[tokio::test]
async fn non_json_content_type_is_415() {
    let app = TestApp::new().await;
    let mut c = app.client();
    let r = c
        .post_raw(
            "/api/public/session",
            "email=a&password=b",
            "application/x-www-form-urlencoded",
        )
        .await;
    assert_eq!(r.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert!(r.is_problem());
}

#[tokio::test]
async fn unknown_route_and_method_are_problems() {
    let app = TestApp::new().await;
    let mut c = app.client();
    let r = c.get("/api/public/nothing-here").await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(r.is_problem());
    let r = c
        .send(Method::PUT, "/api/public/session", None, "application/json")
        .await;
    assert_eq!(r.status, StatusCode::METHOD_NOT_ALLOWED);
    assert!(r.is_problem());
}

#[tokio::test]
async fn garbage_everywhere_never_gives_500() {
    let app = TestApp::new().await;
    let admin = app.agent("admin.valmont").await;
    let valmont = app.establishment_id("valmont").await;
    let bodies = [
        "",
        "null",
        "[]",
        "{}",
        "\"x\"",
        "{\"code\": null}",
        "{\"location\": [1]}",
        "\u{0}",
    ];
    let paths = [
        "/api/public/account".to_string(),
        "/api/public/session".into(),
        "/api/agent/session".into(),
        "/api/detainee/session".into(),
        "/api/detainee/terminal".into(),
        format!("/api/agent/establishments/{valmont}/terminals"),
        "/api/agent/establishments/does-not-exist/terminals".into(),
    ];
    for path in &paths {
        for body in bodies {
            let mut c = admin.clone();
            let r = c.post_raw(path, body, "application/json").await;
            assert!(
                r.status.is_client_error(),
                "{path} {body:?} → {} {}",
                r.status,
                r.text
            );
            assert!(r.is_problem(), "{path} {body:?} → {}", r.text);
        }
    }
}

#[tokio::test]
async fn malformed_path_and_query_are_problems() {
    let app = TestApp::new().await;
    let valmont = app.establishment_id("valmont").await;
    let mut admin = app.agent("admin.valmont").await;
    let r = admin.get("/api/agent/establishments/%FF/detainees").await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.text);
    assert!(r.is_problem());
    let long = "x".repeat(101);
    let r = admin
        .get(&format!(
            "/api/agent/establishments/{valmont}/detainees?q={long}"
        ))
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
}
