//! Searching the audit log in the console: who may, what they see, pages and the CSV export.

use axum::http::StatusCode;
use serde_json::{Value, json};

use crate::harness::{Client, TestApp};

async fn terminals(agent: &mut Client, establishment: &str, n: usize) {
    for i in 0..n {
        let r = agent
            .post(
                &format!("/api/agent/establishments/{establishment}/terminals"),
                json!({"location": format!("Cellule {i}")}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{:?}", r.json);
    }
}

fn events(page: &Value) -> &Vec<Value> {
    page["events"].as_array().expect("events")
}

#[tokio::test]
async fn agents_with_the_audit_permission_search_their_establishments_only() {
    let app = TestApp::new().await;
    let valmont = app.establishment_id("valmont").await;
    let saint_aubin = app.establishment_id("saint-aubin").await;
    let mut local = app.agent("admin.valmont").await;
    let mut national = app.agent("admin.national").await;
    terminals(&mut local, &valmont, 1).await;
    terminals(&mut national, &saint_aubin, 1).await;

    // A local administrator sees Valmont's events, not Saint-Aubin's nor the national chain.
    let r = local.get("/api/agent/audit").await;
    assert_eq!(r.status, StatusCode::OK, "{:?}", r.json);
    let seen = events(&r.json);
    assert!(
        seen.iter().any(|e| e["action"] == "terminal.code_issued"),
        "{seen:?}"
    );
    assert!(
        seen.iter()
            .all(|e| e["establishment_id"] == valmont.as_str()),
        "{seen:?}"
    );
    let r = local
        .get(&format!("/api/agent/audit?establishment={saint_aubin}"))
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = local
        .get(&format!("/api/agent/audit.csv?establishment={saint_aubin}"))
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);

    // A visits officer has no audit permission, even for their own establishment.
    let mut officer = app.agent("parloirs.valmont").await;
    for path in [
        "/api/agent/audit".to_string(),
        format!("/api/agent/audit?establishment={valmont}"),
        "/api/agent/audit.csv".to_string(),
    ] {
        assert_eq!(
            officer.get(&path).await.status,
            StatusCode::FORBIDDEN,
            "{path}"
        );
    }
    // Nor does anyone signed out.
    assert_eq!(
        app.client().get("/api/agent/audit").await.status,
        StatusCode::UNAUTHORIZED
    );

    // The national administrator sees everything, sign-ins of the national chain included.
    let all = national.get("/api/agent/audit").await;
    assert!(
        events(&all.json)
            .iter()
            .any(|e| e["action"] == "agent.signed_in" && e["chain"] == "national"),
        "{:?}",
        all.json
    );
}

#[tokio::test]
async fn criteria_combine_and_pages_follow_each_other() {
    let app = TestApp::new().await;
    let valmont = app.establishment_id("valmont").await;
    let saint_aubin = app.establishment_id("saint-aubin").await;
    let mut local = app.agent("admin.valmont").await;
    let mut national = app.agent("admin.national").await;
    terminals(&mut local, &valmont, 53).await;
    terminals(&mut national, &saint_aubin, 2).await;

    // By establishment and action: 53 terminals, pages of 50.
    let base = format!("/api/agent/audit?establishment={valmont}&action=terminal.code_issued");
    let first = national.get(&base).await;
    assert_eq!(first.status, StatusCode::OK, "{:?}", first.json);
    assert_eq!(events(&first.json).len(), 50);
    assert_eq!(first.json["has_more"], true);
    let second = national.get(&format!("{base}&page=2")).await;
    assert_eq!(events(&second.json).len(), 3);
    assert_eq!(second.json["has_more"], false);
    let targets = |page: &Value| -> Vec<String> {
        events(page)
            .iter()
            .map(|e| e["target"].as_str().unwrap_or_default().to_string())
            .collect()
    };
    let (a, b) = (targets(&first.json), targets(&second.json));
    assert!(b.iter().all(|t| !a.contains(t)), "pages overlap");

    // By actor: the national administrator's own terminals at Saint-Aubin.
    let actor = events(
        &national
            .get(&format!(
                "/api/agent/audit?establishment={saint_aubin}&action=terminal."
            ))
            .await
            .json,
    )[0]["actor_id"]
        .as_str()
        .expect("actor")
        .to_string();
    let mine = national
        .get(&format!(
            "/api/agent/audit?actor={actor}&action=terminal.code_issued"
        ))
        .await;
    assert_eq!(events(&mine.json).len(), 2, "{:?}", mine.json);
    assert!(
        events(&mine.json)
            .iter()
            .all(|e| e["actor_id"] == actor.as_str())
    );

    // By target: one terminal's story.
    let target = &a[0];
    let one = national
        .get(&format!("/api/agent/audit?target={target}"))
        .await;
    assert!(!events(&one.json).is_empty());
    assert!(
        events(&one.json)
            .iter()
            .all(|e| e["target"] == target.as_str())
    );

    // By dates: nothing in the future, everything since 2000; a bad date is a 400.
    let future = national.get(&format!("{base}&from=2999-01-01")).await;
    assert!(events(&future.json).is_empty());
    let past = national
        .get(&format!("{base}&from=2000-01-01&to=2999-12-31"))
        .await;
    assert_eq!(events(&past.json).len(), 50);
    let bad = national.get(&format!("{base}&from=hier")).await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    let bad = national.get(&format!("{base}&page=0")).await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);

    // The CSV holds every matching event, not only a page.
    let csv = national.get(&base.replace("/audit?", "/audit.csv?")).await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(
        csv.headers[axum::http::header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/csv"),
        "{:?}",
        csv.headers
    );
    let lines: Vec<&str> = csv.text.lines().collect();
    assert!(lines[0].contains("date (Paris);chaîne"), "{}", lines[0]);
    assert_eq!(lines.len(), 1 + 53, "{}", csv.text);
    assert!(
        lines[1..]
            .iter()
            .all(|l| l.contains(";terminal.code_issued;"))
    );
}
