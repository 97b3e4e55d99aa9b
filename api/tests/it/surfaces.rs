//! `NED_SURFACES`: an internet-facing instance serves the family portal and nothing else.

use axum::http::StatusCode;

use crate::harness::TestApp;

#[tokio::test]
async fn public_only_instance_has_no_detainee_or_agent_routes() {
    let app = TestApp::with_env(&[("NED_SURFACES", "public")]).await;
    let mut c = app.client();
    for path in [
        "/api/agent/session",
        "/api/agent/establishments",
        "/api/detainee/session",
        "/api/detainee/terminal",
        "/detenu",
        "/detenu/",
        "/detenu/connexion",
        "/agent",
        "/agent/",
        "/agent/terminaux",
    ] {
        let r = c.get(path).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{path}: {}", r.text);
        assert!(r.is_problem(), "{path}");
    }
    let r = c.get("/connexion").await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.text.contains("<title>public</title>"));
    assert_eq!(c.get("/api/health").await.status, StatusCode::OK);
    assert_eq!(
        c.get("/api/public/session").await.status,
        StatusCode::UNAUTHORIZED
    );
    let doc = c.get("/api/openapi.json").await.json;
    let paths: Vec<&String> = doc["paths"].as_object().unwrap().keys().collect();
    assert!(
        paths
            .iter()
            .all(|p| !p.starts_with("/api/agent") && !p.starts_with("/api/detainee")),
        "{paths:?}"
    );
}

#[tokio::test]
async fn full_instance_serves_each_portal_with_spa_fallback() {
    let app = TestApp::new().await;
    let mut c = app.client();
    for (path, title) in [
        ("/", "public"),
        ("/inscription", "public"),
        ("/detenu/", "detainee"),
        ("/detenu/connexion", "detainee"),
        ("/agent/", "agent"),
        ("/agent/terminaux", "agent"),
    ] {
        let r = c.get(path).await;
        assert_eq!(r.status, StatusCode::OK, "{path}");
        assert!(
            r.text.contains(&format!("<title>{title}</title>")),
            "{path}: {}",
            r.text
        );
    }
}
