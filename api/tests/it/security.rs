//! Security headers, CSRF defence and cookie attributes.

use axum::http::{StatusCode, header};
use serde_json::json;

use crate::harness::TestApp;

#[tokio::test]
async fn every_response_carries_security_headers() {
    let app = TestApp::new().await;
    let mut c = app.client();
    for path in ["/api/health", "/", "/agent/", "/api/nope"] {
        let r = c.get(path).await;
        let csp = r
            .headers
            .get(header::CONTENT_SECURITY_POLICY)
            .and_then(|v| v.to_str().ok());
        let csp = csp.unwrap_or_else(|| panic!("{path} has no CSP"));
        assert!(
            csp.contains("script-src 'self' 'wasm-unsafe-eval'"),
            "{csp}"
        );
        assert!(csp.contains("frame-ancestors 'none'"));
        assert!(!csp.contains("unsafe-inline"));
        assert_eq!(r.headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
        assert!(r.headers.contains_key(header::REFERRER_POLICY));
        assert!(
            !r.headers.contains_key(header::STRICT_TRANSPORT_SECURITY),
            "no HSTS without TLS"
        );
    }
}

#[tokio::test]
async fn hsts_and_secure_cookies_when_configured() {
    let app = TestApp::with_env(&[("NED_SECURE_COOKIES", "true")]).await;
    let mut c = app.client();
    let r = c
        .post(
            "/api/agent/session",
            json!({"login": "admin.valmont", "password": "Agent-Demo-2026"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.headers.contains_key(header::STRICT_TRANSPORT_SECURITY));
    let cookie = r.headers[header::SET_COOKIE].to_str().unwrap();
    assert!(cookie.contains("Secure"), "{cookie}");
}

#[tokio::test]
async fn session_cookies_are_httponly_strict_and_scoped_to_their_portal() {
    let app = TestApp::new().await;
    let mut c = app.client();
    let r = c
        .post(
            "/api/agent/session",
            json!({"login": "admin.valmont", "password": "Agent-Demo-2026"}),
        )
        .await;
    let cookie = r.headers[header::SET_COOKIE].to_str().unwrap();
    assert!(cookie.starts_with("ned_agent="), "{cookie}");
    assert!(cookie.contains("HttpOnly"));
    assert!(cookie.contains("SameSite=Strict"));
    assert!(cookie.contains("Path=/api/agent"));
}

#[tokio::test]
async fn cross_site_writes_are_refused_and_change_nothing() {
    let app = TestApp::new().await;
    let valmont = app.establishment_id("valmont").await;
    let admin = app.agent("admin.valmont").await;
    let before = app.count("terminals").await;
    let path = format!("/api/agent/establishments/{valmont}/terminals");

    let mut forged = admin.clone().with_header("sec-fetch-site", "cross-site");
    let r = forged
        .post(&path, json!({"location": "Cellule A-101"}))
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert!(r.is_problem());

    let mut forged = admin
        .clone()
        .with_header("sec-fetch-site", "")
        .with_header("origin", "https://evil.example");
    // An empty Sec-Fetch-Site is not "same-origin": still refused.
    let r = forged
        .post(&path, json!({"location": "Cellule A-101"}))
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(app.count("terminals").await, before);

    let mut same = admin.clone();
    let r = same.post(&path, json!({"location": "Cellule A-101"})).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    assert_eq!(app.count("terminals").await, before + 1);
}

#[tokio::test]
async fn cross_site_sign_in_is_refused() {
    let app = TestApp::new().await;
    let mut c = app.client().with_header("sec-fetch-site", "cross-site");
    let r = c
        .post(
            "/api/public/session",
            json!({"email": "marie.martin@example.fr", "password": "Parloir-Demo-2026"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert!(r.headers.get(header::SET_COOKIE).is_none());
}
