//! Terminals and detainee sign-in.

use axum::http::StatusCode;
use serde_json::json;

use crate::harness::TestApp;

#[tokio::test]
async fn sign_in_is_refused_before_enrolment_and_accepted_after() {
    let app = TestApp::new().await;
    let mut tablet = app.client();
    let r = tablet.get("/api/detainee/terminal").await;
    assert_eq!(r.json["enrolled"], false);
    let r = tablet
        .post(
            "/api/detainee/session",
            json!({"registration_number": "10001", "pin": "2468"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(r.json["detail"], "Ce terminal n'est pas enrôlé.");

    let r = tablet
        .post("/api/detainee/terminal", json!({"code": "valmont-demo"}))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.json["establishment"]["name"], "Maison d'arrêt de Valmont");
    let r = tablet
        .post(
            "/api/detainee/session",
            json!({"registration_number": "10001", "pin": "2468"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.json["first_name"], "Karim");
    assert_eq!(r.json["idle_timeout_seconds"], 300);
}

#[tokio::test]
async fn agent_issued_code_enrols_one_device_once() {
    let app = TestApp::new().await;
    let valmont = app.establishment_id("valmont").await;
    let mut admin = app.agent("admin.valmont").await;
    let r = admin
        .post(
            &format!("/api/agent/establishments/{valmont}/terminals"),
            json!({"location": "Cellule B-204"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED);
    let code = r.json["code"].as_str().unwrap().to_string();

    let mut first = app.client();
    let r = first
        .post(
            "/api/detainee/terminal",
            json!({"code": code.to_lowercase()}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.json["location"], "Cellule B-204");
    let mut second = app.client();
    let r = second
        .post("/api/detainee/terminal", json!({"code": code}))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.fields(), ["code"]);

    let r = admin
        .get(&format!("/api/agent/establishments/{valmont}/terminals"))
        .await;
    let t = r
        .json
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["location"] == "Cellule B-204")
        .cloned();
    assert_eq!(t.unwrap()["status"], "enrolled");
}

#[tokio::test]
async fn a_terminal_only_serves_its_own_establishment() {
    let app = TestApp::new().await;
    let mut tablet = app.client();
    tablet
        .post("/api/detainee/terminal", json!({"code": "STAUBIN-DEMO"}))
        .await;
    // 10001 is held at Valmont, not at Saint-Aubin.
    let r = tablet
        .post(
            "/api/detainee/session",
            json!({"registration_number": "10001", "pin": "2468"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    let r = tablet
        .post(
            "/api/detainee/session",
            json!({"registration_number": "20001", "pin": "2468"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
}

#[tokio::test]
async fn the_session_is_bound_to_its_terminal() {
    let app = TestApp::new().await;
    let mut tablet = app.detainee("VALMONT-DEMO", "10001").await;
    assert_eq!(
        tablet.get("/api/detainee/session").await.status,
        StatusCode::OK
    );
    // The session cookie carried to a browser without the terminal credential is useless.
    let mut stolen = tablet.clone();
    stolen.keep_only_cookies(&["ned_detainee"]);
    assert_eq!(
        stolen.get("/api/detainee/session").await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        tablet.get("/api/detainee/session").await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn wrong_pin_is_refused_and_throttled() {
    let app = TestApp::new().await;
    let mut tablet = app.client();
    tablet
        .post("/api/detainee/terminal", json!({"code": "VALMONT-DEMO"}))
        .await;
    for _ in 0..5 {
        let r = tablet
            .post(
                "/api/detainee/session",
                json!({"registration_number": "10002", "pin": "0000"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
        assert_eq!(
            r.json["detail"],
            "Numéro d'écrou ou code personnel incorrect."
        );
    }
    let r = tablet
        .post(
            "/api/detainee/session",
            json!({"registration_number": "10002", "pin": "2468"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn idle_timeout_is_configurable_and_cookie_expires_with_it() {
    let app = TestApp::with_env(&[("NED_DETAINEE_IDLE_MINUTES", "2")]).await;
    let mut tablet = app.client();
    tablet
        .post("/api/detainee/terminal", json!({"code": "VALMONT-DEMO"}))
        .await;
    let r = tablet
        .post(
            "/api/detainee/session",
            json!({"registration_number": "10001", "pin": "2468"}),
        )
        .await;
    assert_eq!(r.json["idle_timeout_seconds"], 120);
    let cookie = r.headers["set-cookie"].to_str().unwrap();
    assert!(cookie.contains("Max-Age=120"), "{cookie}");
}
