//! Visitors and agents: sign-up, sign-in, sign-out, throttling, session rotation.

use axum::http::StatusCode;
use serde_json::json;

use crate::harness::TestApp;

#[tokio::test]
async fn visitor_signs_up_in_and_out() {
    let app = TestApp::new().await;
    let mut c = app.client();
    let form = json!({"email": "Leila.Haddad@Example.fr", "password": "un-mot-de-passe-sûr",
                      "first_name": "Leïla", "last_name": "Haddad"});
    let r = c.post("/api/public/account", form).await;
    assert_eq!(r.status, StatusCode::ACCEPTED, "{}", r.text);

    assert_eq!(
        c.get("/api/public/session").await.status,
        StatusCode::UNAUTHORIZED
    );
    let r = c
        .post(
            "/api/public/session",
            json!({"email": "leila.haddad@example.fr", "password": "un-mot-de-passe-sûr"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.json["first_name"], "Leïla");

    let r = c.get("/api/public/session").await;
    assert_eq!(r.json["email"], "leila.haddad@example.fr");

    assert_eq!(
        c.delete("/api/public/session").await.status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        c.get("/api/public/session").await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn sign_up_does_not_reveal_existing_accounts() {
    let app = TestApp::new().await;
    let before = app.count("visitors").await;
    let mut c = app.client();
    let taken = json!({"email": "marie.martin@example.fr", "password": "un-autre-mot-de-passe",
                       "first_name": "X", "last_name": "Y"});
    let r = c.post("/api/public/account", taken).await;
    assert_eq!(r.status, StatusCode::ACCEPTED);
    let fresh = json!({"email": "nouveau@example.fr", "password": "un-autre-mot-de-passe",
                       "first_name": "X", "last_name": "Y"});
    let r2 = c.post("/api/public/account", fresh).await;
    assert_eq!(r.json, r2.json, "same answer either way");
    assert_eq!(app.count("visitors").await, before + 1);
    // The existing account's password did not change.
    let r = c
        .post(
            "/api/public/session",
            json!({"email": "marie.martin@example.fr", "password": "Parloir-Demo-2026"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
}

#[tokio::test]
async fn wrong_password_and_unknown_account_get_the_same_answer() {
    let app = TestApp::new().await;
    let mut c = app.client();
    let wrong = c
        .post(
            "/api/public/session",
            json!({"email": "marie.martin@example.fr", "password": "mauvais"}),
        )
        .await;
    let unknown = c
        .post(
            "/api/public/session",
            json!({"email": "personne@example.fr", "password": "mauvais"}),
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert_eq!(wrong.json, unknown.json);
    assert_eq!(
        wrong.json["detail"],
        "Adresse e-mail ou mot de passe incorrect."
    );
}

#[tokio::test]
async fn repeated_failures_lock_the_account_name_even_for_the_right_password() {
    let app = TestApp::new().await;
    let mut c = app.client();
    for _ in 0..5 {
        let r = c
            .post(
                "/api/agent/session",
                json!({"login": "admin.valmont", "password": "devine"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    }
    let r = c
        .post(
            "/api/agent/session",
            json!({"login": "admin.valmont", "password": "Agent-Demo-2026"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(r.is_problem());
    assert!(r.headers.contains_key("retry-after"));
    // Another account is not affected.
    let r = c
        .post(
            "/api/agent/session",
            json!({"login": "admin.national", "password": "Agent-Demo-2026"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
}

#[tokio::test]
async fn session_id_changes_at_sign_in_and_sign_out_ends_it_on_the_server() {
    let app = TestApp::new().await;
    let mut c = app.client();
    // A session exists before sign-in (e.g. planted by an attacker).
    c.post(
        "/api/agent/session",
        json!({"login": "admin.valmont", "password": "faux"}),
    )
    .await;
    let r = c
        .post(
            "/api/agent/session",
            json!({"login": "admin.valmont", "password": "Agent-Demo-2026"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    let signed_in = c.cookie("ned_agent").expect("session cookie");
    let mut copy = c.clone();
    assert_eq!(
        c.delete("/api/agent/session").await.status,
        StatusCode::NO_CONTENT
    );
    // A stolen copy of the cookie is worthless after sign-out.
    assert_eq!(
        copy.cookie("ned_agent").as_deref(),
        Some(signed_in.as_str())
    );
    assert_eq!(
        copy.get("/api/agent/session").await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn agent_sees_roles_permissions_and_scope() {
    let app = TestApp::new().await;
    let mut c = app.agent("parloirs.valmont").await;
    let r = c.get("/api/agent/session").await;
    assert_eq!(r.json["display_name"], "Sarah Benhamou");
    assert_eq!(r.json["roles"], json!([{"role": "visits_officer"}]));
    assert_eq!(r.json["national"], false);
    let names: Vec<_> = r.json["establishments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["name"].clone())
        .collect();
    assert_eq!(names, [json!("Maison d'arrêt de Valmont")]);
    assert!(
        r.json["permissions"]
            .as_array()
            .unwrap()
            .contains(&json!("manage_visits"))
    );

    let mut national = app.agent("admin.national").await;
    let r = national.get("/api/agent/establishments").await;
    assert_eq!(r.json.as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn sessions_expire_after_the_absolute_limit() {
    let app = TestApp::with_env(&[("NED_SESSION_MAX_HOURS", "0")]).await;
    let mut c = app.client();
    let r = c
        .post(
            "/api/agent/session",
            json!({"login": "admin.valmont", "password": "Agent-Demo-2026"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    // With a zero-hour limit the session is over as soon as a second has passed.
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    assert_eq!(
        c.get("/api/agent/session").await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn each_population_gets_exactly_five_tries() {
    let app = TestApp::new().await;
    let mut c = app.client();
    for _ in 0..4 {
        let r = c
            .post(
                "/api/public/session",
                json!({"email": "marie.martin@example.fr", "password": "raté"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    }
    // Four failures leave one try: the right password still works, and resets the count.
    let right = json!({"email": "marie.martin@example.fr", "password": "Parloir-Demo-2026"});
    assert_eq!(
        c.post("/api/public/session", right.clone()).await.status,
        StatusCode::OK
    );
    for _ in 0..5 {
        c.post(
            "/api/public/session",
            json!({"email": "marie.martin@example.fr", "password": "raté"}),
        )
        .await;
    }
    assert_eq!(
        c.post("/api/public/session", right).await.status,
        StatusCode::TOO_MANY_REQUESTS
    );

    let mut tablet = app.client();
    tablet
        .post("/api/detainee/terminal", json!({"code": "VALMONT-DEMO"}))
        .await;
    for _ in 0..4 {
        tablet
            .post(
                "/api/detainee/session",
                json!({"registration_number": "10003", "pin": "0000"}),
            )
            .await;
    }
    let r = tablet
        .post(
            "/api/detainee/session",
            json!({"registration_number": "10003", "pin": "2468"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
}
