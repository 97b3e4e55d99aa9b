//! Races on the requests routes: the same command fired N times at once, and the commands
//! detainees and staff really send at the same moment (answer ∥ close ∥ contest, two agents
//! answering, two contests).

use axum::http::StatusCode;
use serde_json::{Value, json};

use super::{N, race};
use crate::harness::{Client, TestApp};
use crate::requests_fixture::{new_request, text, write};

/// The routes this file races.
pub const COVERED: &[&str] = &[
    "POST /api/detainee/requests",
    "POST /api/detainee/requests/{id}/contest",
    "POST /api/detainee/requests/{id}/follow-ups",
    "POST /api/agent/requests/{id}/answers",
    "POST /api/agent/requests/{id}/assign",
    "POST /api/agent/requests/{id}/close",
    "POST /api/agent/requests/{id}/notes",
    "DELETE /api/agent/requests/templates/{id}",
    "PUT /api/agent/establishments/{id}/requests/deadlines/{service}",
    "POST /api/agent/establishments/{id}/requests/templates",
];

const CHANGED: &str = "request.changed";

fn post(
    client: &Client,
    path: String,
    body: Value,
) -> impl Future<Output = crate::harness::Response> + Send + 'static {
    let mut c = client.clone();
    async move { c.post(&path, body).await }
}

/// How many messages of `kind` the request's thread holds.
async fn messages(app: &TestApp, id: &str, kind: &str) -> i64 {
    sqlx::query_scalar(
        "SELECT CAST(COUNT(*) AS BIGINT) FROM request_messages WHERE request_id = $1 AND kind = $2",
    )
    .bind(id)
    .bind(kind)
    .fetch_one(&app.state.db.pool)
    .await
    .expect("count")
}

/// The request's version (bumped by every change).
async fn version(app: &TestApp, id: &str) -> i64 {
    sqlx::query_scalar("SELECT version FROM requests WHERE id = $1")
        .bind(id)
        .fetch_one(&app.state.db.pool)
        .await
        .expect("version")
}

/// The thread is coherent: every contest names the answer just before it, and a request
/// marked contested has a contest after its last answer.
async fn assert_thread_coherent(app: &TestApp, id: &str) {
    let thread: Vec<(String, String, Option<String>)> = sqlx::query_as(
        "SELECT id, kind, contested_answer_id FROM request_messages \
         WHERE request_id = $1 ORDER BY created_at, id",
    )
    .bind(id)
    .fetch_all(&app.state.db.pool)
    .await
    .expect("thread");
    let mut last_answer: Option<&str> = None;
    let mut contested_after_last = false;
    for (mid, kind, contested) in &thread {
        match kind.as_str() {
            "answer" => {
                last_answer = Some(mid);
                contested_after_last = false;
            }
            "contest" => {
                assert_eq!(
                    contested.as_deref(),
                    last_answer,
                    "a contest names the answer before it: {thread:?}"
                );
                assert!(!contested_after_last, "one contest per answer: {thread:?}");
                contested_after_last = true;
            }
            _ => {}
        }
    }
    let flag: i64 = sqlx::query_scalar("SELECT contested FROM requests WHERE id = $1")
        .bind(id)
        .fetch_one(&app.state.db.pool)
        .await
        .expect("request");
    if flag != 0 {
        assert!(
            contested_after_last,
            "contested without a contest: {thread:?}"
        );
    }
}

async fn answered(app: &TestApp, tablet: &mut Client, by: &str) -> String {
    let id = write(tablet, "canteen", "Mes yaourts manquaient.").await;
    let mut agent = app.agent(by).await;
    let r = agent
        .post(
            &format!("/api/agent/requests/{id}/answers"),
            text("Remboursés ce matin."),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    id
}

#[tokio::test]
async fn one_key_sent_at_once_from_the_tablet_makes_one_request_and_the_daily_limit_holds() {
    let app = TestApp::new().await;
    let tablet = app.detainee("VALMONT-DEMO", "10014").await;
    let before = app.count("requests").await;
    let body = new_request("library", "Un roman policier, s'il vous plaît.", "same-key");
    let o = race(N, |_| {
        post(&tablet, "/api/detainee/requests".into(), body.clone())
    })
    .await;
    assert_eq!(o.count(StatusCode::CREATED), 1);
    assert_eq!(
        o.count(StatusCode::OK),
        N - 1,
        "the others answer the first"
    );
    let ids: std::collections::BTreeSet<_> =
        o.0.iter()
            .map(|r| r.json["request"]["id"].to_string())
            .collect();
    assert_eq!(ids.len(), 1, "every answer is the same request");
    assert_eq!(app.count("requests").await, before + 1);

    // One below the daily limit, N different requests at once: one more, no more.
    let limit = shared_types::requests::MAX_NEW_PER_DAY;
    let mut t = tablet.clone();
    for i in 1..limit - 1 {
        write(&mut t, "library", &format!("Le tome {i}, merci.")).await;
    }
    let o = race(N, |i| {
        post(
            &tablet,
            "/api/detainee/requests".into(),
            new_request("library", "Encore un livre, merci.", &format!("k-{i}")),
        )
    })
    .await;
    assert_eq!(o.count(StatusCode::CREATED), 1, "the last one of the day");
    assert_eq!(o.count(StatusCode::TOO_MANY_REQUESTS), N - 1);
    assert_eq!(app.count("requests").await, before + limit);
}

#[tokio::test]
async fn two_contests_at_once_make_one() {
    let app = TestApp::new().await;
    let mut tablet = app.detainee("VALMONT-DEMO", "10015").await;
    let id = answered(&app, &mut tablet, "cantine.valmont").await;
    let o = race(N, |i| {
        post(
            &tablet,
            format!("/api/detainee/requests/{id}/contest"),
            text(&format!("Rien n'a été remboursé ({i}).")),
        )
    })
    .await;
    o.exactly_one(StatusCode::CREATED, &["request.already_contested", CHANGED]);
    assert_eq!(messages(&app, &id, "contest").await, 1);
    assert_thread_coherent(&app, &id).await;
}

#[tokio::test]
async fn follow_ups_at_once_are_written_once_per_key_and_never_lost() {
    let app = TestApp::new().await;
    let mut tablet = app.detainee("VALMONT-DEMO", "10016").await;
    let id = answered(&app, &mut tablet, "cantine.valmont").await;
    let path = format!("/api/detainee/requests/{id}/follow-ups");
    let same = text("Et les compotes ?");
    let o = race(N, |_| post(&tablet, path.clone(), same.clone())).await;
    assert_eq!(o.count(StatusCode::CREATED), 1);
    assert_eq!(
        o.count(StatusCode::OK),
        N - 1,
        "a queue sent twice is written once"
    );
    assert_eq!(messages(&app, &id, "follow_up").await, 1);

    // Different follow-ups on a request in progress: every one is written.
    let o = race(N, |i| {
        post(&tablet, path.clone(), text(&format!("Précision {i}.")))
    })
    .await;
    let written = o.only(StatusCode::CREATED, &[CHANGED]);
    assert_eq!(written, N, "nothing moves: no follow-up is refused");
    assert_eq!(messages(&app, &id, "follow_up").await, 1 + N as i64);
}

#[tokio::test]
async fn two_agents_answering_at_once_never_answer_over_each_other() {
    let app = TestApp::new().await;
    let mut tablet = app.detainee("VALMONT-DEMO", "10017").await;
    let id = write(&mut tablet, "canteen", "Ma commande est incomplète.").await;
    let canteen = app.agent("cantine.valmont").await;
    let admin = app.agent("admin.valmont").await;
    let before = version(&app, &id).await;
    let o = race(N, |i| {
        let who = if i % 2 == 0 { &canteen } else { &admin };
        post(
            who,
            format!("/api/agent/requests/{id}/answers"),
            text(&format!("Réponse {i}.")),
        )
    })
    .await;
    // Those that read the same request: one answers, the others are told it changed. An
    // agent whose page loaded after another's answer may add to it (a later answer).
    let written = o.only(StatusCode::CREATED, &[CHANGED]);
    assert!((1..N).contains(&written), "{written} answers");
    assert_eq!(
        messages(&app, &id, "answer").await,
        written as i64,
        "a refused answer is not written"
    );
    assert_eq!(version(&app, &id).await, before + written as i64);

    // The same answer sent N times (a double click): written once, every answer 201 or 200.
    let same = text("Complément : livraison mardi.");
    let o = race(N, |_| {
        post(
            &canteen,
            format!("/api/agent/requests/{id}/answers"),
            same.clone(),
        )
    })
    .await;
    o.all(&[StatusCode::CREATED, StatusCode::OK]);
    assert_eq!(o.count(StatusCode::CREATED), 1);
    assert_eq!(messages(&app, &id, "answer").await, written as i64 + 1);
}

#[tokio::test]
async fn answer_close_and_contest_at_once_leave_a_coherent_thread() {
    let app = TestApp::new().await;
    let mut tablet = app.detainee("VALMONT-DEMO", "10018").await;
    let canteen = app.agent("cantine.valmont").await;
    let admin = app.agent("admin.valmont").await;
    for round in 0..4 {
        let id = answered(&app, &mut tablet, "cantine.valmont").await;
        let o = race(3 * N, |i| match i % 3 {
            0 => post(
                &canteen,
                format!("/api/agent/requests/{id}/answers"),
                text(&format!("Nouvelle réponse {round}-{i}.")),
            ),
            1 => post(&admin, format!("/api/agent/requests/{id}/close"), json!({})),
            _ => post(
                &tablet,
                format!("/api/detainee/requests/{id}/contest"),
                text(&format!("Je conteste {round}-{i}.")),
            ),
        })
        .await;
        let ok = o.0.iter().filter(|r| r.status.is_success()).count();
        assert!(ok >= 1, "someone got through");
        for r in o.0.iter().filter(|r| !r.status.is_success()) {
            assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text);
            let code = r.json["code"].as_str().unwrap_or_default();
            assert!(
                [
                    CHANGED,
                    "request.closed",
                    "request.already_contested",
                    "request.supervisor_needed",
                    "request.own_answer_contested",
                    "request.no_answer",
                ]
                .contains(&code),
                "{}",
                r.text
            );
        }
        assert_thread_coherent(&app, &id).await;
        let contests =
            o.0.iter()
                .skip(2)
                .step_by(3)
                .filter(|r| r.status == StatusCode::CREATED);
        assert!(contests.count() <= 1, "one contest per answer");
    }
}

#[tokio::test]
async fn assignments_closes_and_notes_at_once() {
    let app = TestApp::new().await;
    let mut tablet = app.detainee("VALMONT-DEMO", "10019").await;
    let id = write(&mut tablet, "canteen", "Je voudrais changer de produit.").await;
    let canteen = app.agent("cantine.valmont").await;
    let admin = app.agent("admin.valmont").await;
    let mut c = canteen.clone();
    let opened = c.get(&format!("/api/agent/requests/{id}")).await;
    let me = opened.json["handlers"][0]["id"].clone();

    let o = race(N, |i| {
        let who = if i % 2 == 0 { &canteen } else { &admin };
        post(
            who,
            format!("/api/agent/requests/{id}/assign"),
            json!({"agent_id": me}),
        )
    })
    .await;
    assert!(o.only(StatusCode::OK, &[CHANGED]) >= 1);
    let audited: i64 = sqlx::query_scalar(
        "SELECT CAST(COUNT(*) AS BIGINT) FROM audit_events WHERE target = $1 AND action = 'request.assigned'",
    )
    .bind(&id)
    .fetch_one(&app.state.db.pool)
    .await
    .expect("audit");
    assert_eq!(
        audited, 1,
        "assigned once: the others found it done or changed"
    );

    // Notes never conflict: each one is kept; the same one twice is kept once.
    let o = race(N, |i| {
        post(
            &canteen,
            format!("/api/agent/requests/{id}/notes"),
            text(&format!("Note {i}.")),
        )
    })
    .await;
    assert_eq!(o.only(StatusCode::CREATED, &[]), N);
    let same = text("Appeler le prestataire.");
    let o = race(N, |_| {
        post(
            &canteen,
            format!("/api/agent/requests/{id}/notes"),
            same.clone(),
        )
    })
    .await;
    o.all(&[StatusCode::CREATED, StatusCode::OK]);
    assert_eq!(messages(&app, &id, "note").await, 1 + N as i64);

    let o = race(N, |i| {
        let who = if i % 2 == 0 { &canteen } else { &admin };
        post(who, format!("/api/agent/requests/{id}/close"), json!({}))
    })
    .await;
    o.exactly_one(StatusCode::OK, &[CHANGED, "request.closed"]);
    let closed: i64 = sqlx::query_scalar(
        "SELECT CAST(COUNT(*) AS BIGINT) FROM audit_events WHERE target = $1 AND action = 'request.closed'",
    )
    .bind(&id)
    .fetch_one(&app.state.db.pool)
    .await
    .expect("audit");
    assert_eq!(closed, 1, "closed once");
}

#[tokio::test]
async fn templates_and_deadlines_at_once() {
    let app = TestApp::new().await;
    let valmont = app.establishment_id("valmont").await;
    let canteen = app.agent("cantine.valmont").await;
    let base = format!("/api/agent/establishments/{valmont}/requests/templates");
    let body = json!({"service": "canteen", "title": "Retard fournisseur", "text": "Le fournisseur livre avec du retard cette semaine."});
    let o = race(N, |_| post(&canteen, base.clone(), body.clone())).await;
    o.exactly_one(StatusCode::CREATED, &["answer_template.exists"]);
    let template =
        o.0.iter()
            .find(|r| r.status == StatusCode::CREATED)
            .map(|r| r.json["id"].as_str().unwrap_or_default().to_owned())
            .unwrap_or_default();

    let o = race(N, |_| {
        let mut c = canteen.clone();
        let path = format!("/api/agent/requests/templates/{template}");
        async move { c.delete(&path).await }
    })
    .await;
    o.exactly_one(StatusCode::NO_CONTENT, &["answer_template.removed"]);
    let removed: i64 = sqlx::query_scalar(
        "SELECT CAST(COUNT(*) AS BIGINT) FROM audit_events WHERE target = $1 AND action = 'request.template_removed'",
    )
    .bind(&template)
    .fetch_one(&app.state.db.pool)
    .await
    .expect("audit");
    assert_eq!(removed, 1, "removed once");

    // Deadlines: the last one written stands, one row per service.
    let admin = app.agent("admin.valmont").await;
    let path = format!("/api/agent/establishments/{valmont}/requests/deadlines/registry");
    let o = race(N, |i| {
        let mut c = admin.clone();
        let path = path.clone();
        async move { c.put(&path, json!({"days": 3 + i})).await }
    })
    .await;
    o.all(&[StatusCode::NO_CONTENT]);
    let rows: Vec<i64> = sqlx::query_scalar(
        "SELECT days FROM request_deadlines WHERE establishment_id = $1 AND service = 'registry'",
    )
    .bind(&valmont)
    .fetch_all(&app.state.db.pool)
    .await
    .expect("deadlines");
    assert_eq!(rows.len(), 1);
    assert!((3..3 + N as i64).contains(&rows[0]), "{rows:?}");
}
