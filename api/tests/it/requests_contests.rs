//! Contests (issue 10): one contest per answer, and whoever wrote the contested answer can
//! neither answer nor close the contest; the database keeps the first rule whatever the code.

use axum::http::StatusCode;
use serde_json::json;

use crate::harness::{Client, Response, TestApp};
use crate::requests_fixture::{get_ok, text, write};

async fn post(client: &mut Client, path: &str, body: serde_json::Value) -> Response {
    client.post(path, body).await
}

fn assert_refused(r: &Response, code: &str) {
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text);
    assert_eq!(r.json["code"], code, "{}", r.text);
}

/// A canteen request answered by `answerer`, then contested from the tablet.
async fn contested_by(app: &TestApp, tablet: &mut Client, answerer: &str) -> String {
    let id = write(tablet, "canteen", "Il manque un paquet de café.").await;
    let mut agent = app.agent(answerer).await;
    let r = post(
        &mut agent,
        &format!("/api/agent/requests/{id}/answers"),
        text("Le café a été livré."),
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let r = post(
        tablet,
        &format!("/api/detainee/requests/{id}/contest"),
        text("Non, il n'est jamais arrivé."),
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    id
}

#[tokio::test]
async fn the_administrator_who_gave_the_answer_cannot_settle_its_contest_alone() {
    let app = TestApp::new().await;
    let mut tablet = app.detainee("VALMONT-DEMO", "10011").await;
    let id = contested_by(&app, &mut tablet, "admin.valmont").await;
    let path = format!("/api/agent/requests/{id}");

    let mut admin = app.agent("admin.valmont").await;
    let opened = get_ok(&mut admin, &path).await;
    assert_eq!(
        opened.json["may_answer"], false,
        "the console offers no answer"
    );
    assert_eq!(
        opened.json["answer_refused"], "request.own_answer_contested",
        "and says why"
    );
    let r = post(&mut admin, &format!("{path}/close"), json!({})).await;
    assert_refused(&r, "request.own_answer_contested");
    let r = post(
        &mut admin,
        &format!("{path}/answers"),
        text("Je maintiens."),
    )
    .await;
    assert_refused(&r, "request.own_answer_contested");
    let mine = get_ok(&mut tablet, &format!("/api/detainee/requests/{id}")).await;
    assert_eq!(mine.json["request"]["contested"], true, "still contested");
    assert_eq!(mine.json["request"]["status"], "in_progress");

    // Another supervisor settles it.
    let mut national = app.agent("admin.national").await;
    assert_eq!(get_ok(&mut national, &path).await.json["may_answer"], true);
    let r = post(&mut national, &format!("{path}/close"), json!({})).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.json["request"]["status"], "closed");
}

#[tokio::test]
async fn an_answer_is_contested_once_even_after_its_contest_was_closed() {
    let app = TestApp::new().await;
    let mut tablet = app.detainee("VALMONT-DEMO", "10012").await;
    let id = contested_by(&app, &mut tablet, "cantine.valmont").await;
    let mut admin = app.agent("admin.valmont").await;
    let agent_path = format!("/api/agent/requests/{id}");
    let r = post(&mut admin, &format!("{agent_path}/close"), json!({})).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);

    let path = format!("/api/detainee/requests/{id}");
    let mine = get_ok(&mut tablet, &path).await;
    assert_eq!(
        mine.json["can_contest"], false,
        "the tablet offers no contest"
    );
    let r = post(
        &mut tablet,
        &format!("{path}/contest"),
        text("Je conteste encore."),
    )
    .await;
    assert_refused(&r, "request.already_contested");
    let mine = get_ok(&mut tablet, &path).await;
    assert_eq!(mine.json["request"]["status"], "closed", "still closed");
    let contests = mine.json["messages"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["kind"] == "contest")
        .count();
    assert_eq!(contests, 1);

    // A new answer (the supervisor's) may be contested once, by its own right.
    let id = contested_by(&app, &mut tablet, "cantine.valmont").await;
    let r = post(
        &mut admin,
        &format!("/api/agent/requests/{id}/answers"),
        text("Vérifié : remboursé."),
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let contest = |n: u32| text(&format!("Toujours pas remboursé ({n})."));
    let path = format!("/api/detainee/requests/{id}/contest");
    let r = post(&mut tablet, &path, contest(1)).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let r = post(&mut tablet, &path, contest(2)).await;
    assert_refused(&r, "request.already_contested");
}

#[tokio::test]
async fn the_database_refuses_a_second_contest_of_one_answer() {
    let app = TestApp::new().await;
    let mut tablet = app.detainee("VALMONT-DEMO", "10013").await;
    let id = contested_by(&app, &mut tablet, "cantine.valmont").await;
    let answer: String = sqlx::query_scalar(
        "SELECT contested_answer_id FROM request_messages WHERE request_id = $1 AND kind = 'contest'",
    )
    .bind(&id)
    .fetch_one(&app.state.db.pool)
    .await
    .expect("the contest names the answer");
    let second = sqlx::query(
        "INSERT INTO request_messages (id, request_id, kind, body, idempotency_key, created_at, \
         contested_answer_id) VALUES ('second', $1, 'contest', 'encore', 'again', 0, $2)",
    )
    .bind(&id)
    .bind(&answer)
    .execute(&app.state.db.pool)
    .await;
    assert!(
        second.is_err(),
        "a unique index keeps one contest per answer"
    );
}
