//! The OpenAPI document is generated from the handlers; this snapshot makes every API change
//! visible in review. Regenerate with `NED_UPDATE_SNAPSHOTS=1 cargo test -p api openapi`.

use crate::harness::TestApp;

#[tokio::test]
async fn openapi_document_matches_snapshot() {
    let app = TestApp::new().await;
    let mut c = app.client();
    let r = c.get("/api/openapi.json").await;
    assert_eq!(r.status, axum::http::StatusCode::OK);
    let current = serde_json::to_string_pretty(&r.json).unwrap() + "\n";
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("openapi.json");
    if std::env::var("NED_UPDATE_SNAPSHOTS").is_ok() {
        std::fs::write(&path, &current).unwrap();
        return;
    }
    let saved = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        saved == current,
        "the OpenAPI document changed; review and run NED_UPDATE_SNAPSHOTS=1 cargo test -p api openapi"
    );
    for p in [
        "/api/public/session",
        "/api/detainee/terminal",
        "/api/agent/establishments/{id}/terminals",
    ] {
        assert!(r.json["paths"].get(p).is_some(), "{p} documented");
    }
}
