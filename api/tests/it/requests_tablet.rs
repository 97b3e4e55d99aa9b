//! Requests from the tablet: one request per idempotency key (even sent at once), validation
//! that writes nothing, one's own requests only, follow-ups, contests and the daily limit.

use axum::http::StatusCode;
use serde_json::json;

use crate::harness::TestApp;
use crate::requests_fixture::{actions_on, new_request, text, write};

#[tokio::test]
async fn a_request_is_sent_once_per_key_and_shows_in_the_list() {
    let app = TestApp::new().await;
    let mut tablet = app.detainee("VALMONT-DEMO", "10002").await;
    let body = new_request(
        "canteen",
        "Il manquait mon café cette semaine.",
        "tablet-key-1",
    );
    let first = tablet.post("/api/detainee/requests", body.clone()).await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.text);
    assert_eq!(first.json["request"]["status"], "sent");
    assert_eq!(first.json["messages"][0]["kind"], "request");
    assert_eq!(
        first.json["messages"][0]["text"],
        "Il manquait mon café cette semaine."
    );
    let before = app.count("requests").await;
    let again = tablet.post("/api/detainee/requests", body).await;
    assert_eq!(again.status, StatusCode::OK, "the replay answers the first");
    assert_eq!(again.json["request"]["id"], first.json["request"]["id"]);
    assert_eq!(app.count("requests").await, before, "nothing new written");
    let list = tablet.get("/api/detainee/requests").await;
    let mine: Vec<_> = list.json.as_array().unwrap().iter().collect();
    assert_eq!(mine[0]["id"], first.json["request"]["id"], "newest first");
    let id = first.json["request"]["id"].as_str().unwrap();
    assert_eq!(actions_on(&app, id).await, ["request.sent"]);
}

#[tokio::test]
async fn the_same_key_sent_ten_times_at_once_makes_one_request() {
    let app = TestApp::new().await;
    let tablet = app.detainee("VALMONT-DEMO", "10003").await;
    let body = new_request(
        "health",
        "J'ai mal au dos depuis une semaine.",
        "offline-queue-7",
    );
    let sends = (0..10).map(|_| {
        let mut t = tablet.clone();
        let b = body.clone();
        async move { t.post("/api/detainee/requests", b).await }
    });
    let answers = futures_join(sends).await;
    let created = answers
        .iter()
        .filter(|r| r.status == StatusCode::CREATED)
        .count();
    assert_eq!(created, 1, "exactly one creation");
    assert!(answers.iter().all(|r| r.status.is_success()));
    let ids: std::collections::HashSet<_> = answers
        .iter()
        .map(|r| r.json["request"]["id"].to_string())
        .collect();
    assert_eq!(ids.len(), 1, "every answer names the same request");
    let n: i64 = sqlx::query_scalar(
        "SELECT CAST(COUNT(*) AS BIGINT) FROM requests WHERE idempotency_key = 'offline-queue-7'",
    )
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap();
    assert_eq!(n, 1);
}

async fn futures_join<F>(futures: impl Iterator<Item = F>) -> Vec<F::Output>
where
    F: std::future::Future + Send + 'static,
    F::Output: Send + 'static,
{
    let handles: Vec<_> = futures.map(tokio::spawn).collect();
    let mut out = Vec::new();
    for h in handles {
        out.push(h.await.expect("task"));
    }
    out
}

#[tokio::test]
async fn bad_requests_are_refused_and_write_nothing() {
    let app = TestApp::new().await;
    let mut tablet = app.detainee("VALMONT-DEMO", "10004").await;
    let before = app.count("requests").await;
    let cases = [
        (
            json!({"service": "canteen", "subject": "canteen.order", "text": "", "idempotency_key": "a"}),
            "text",
        ),
        (
            json!({"service": "canteen", "subject": "health.doctor", "text": "Bonjour à vous", "idempotency_key": "b"}),
            "subject",
        ),
        (
            json!({"service": "canteen", "subject": "free", "text": "Bonjour à vous", "idempotency_key": "c"}),
            "free_subject",
        ),
        (
            json!({"service": "canteen", "subject": "canteen.order", "text": "x".repeat(1001), "idempotency_key": "d"}),
            "text",
        ),
    ];
    for (body, field) in cases {
        let r = tablet.post("/api/detainee/requests", body).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
        assert!(r.is_problem());
        assert_eq!(r.fields(), [field]);
    }
    // No channel to anyone but a service: an unknown service or an extra recipient is refused.
    for body in [
        json!({"service": "detainee", "subject": "free", "free_subject": "Salut", "text": "Salut à toi", "idempotency_key": "e"}),
        json!({"service": "other", "subject": "free", "free_subject": "Salut", "text": "Salut à toi", "idempotency_key": "f", "to": "10005"}),
    ] {
        let r = tablet.post("/api/detainee/requests", body).await;
        assert!(r.status.is_client_error(), "{}", r.text);
        assert!(r.is_problem());
    }
    assert_eq!(app.count("requests").await, before);
}

#[tokio::test]
async fn a_detainee_sees_only_their_own_requests() {
    let app = TestApp::new().await;
    let mut karim = app.detainee("VALMONT-DEMO", "10005").await;
    let mut other = app.detainee("VALMONT-DEMO", "10006").await;
    let id = write(&mut karim, "registry", "Quelle est ma date de sortie ?").await;
    let r = other.get(&format!("/api/detainee/requests/{id}")).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = other
        .post(
            &format!("/api/detainee/requests/{id}/follow-ups"),
            text("Je m'en mêle"),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let theirs = other.get("/api/detainee/requests").await;
    assert!(
        theirs
            .json
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["id"] != id.as_str()),
        "not in someone else's list"
    );
    let r = karim.get(&format!("/api/detainee/requests/{id}")).await;
    assert_eq!(r.status, StatusCode::OK);
}

#[tokio::test]
async fn follow_up_reopens_an_answer_and_a_contest_goes_to_a_supervisor() {
    let app = TestApp::new().await;
    let mut tablet = app.detainee("VALMONT-DEMO", "10007").await;
    let id = write(&mut tablet, "canteen", "Mon savon n'est pas arrivé.").await;
    let path = format!("/api/detainee/requests/{id}");
    let r = tablet.get(&path).await;
    assert_eq!(r.json["can_contest"], false, "nothing to contest yet");
    let r = tablet
        .post(&format!("{path}/contest"), text("Je conteste tout"))
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);

    let mut canteen = app.agent("cantine.valmont").await;
    let agent_path = format!("/api/agent/requests/{id}");
    let r = canteen
        .post(
            &format!("{agent_path}/answers"),
            text("Le savon a été remboursé."),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);

    let r = tablet
        .post(
            &format!("{path}/follow-ups"),
            text("Merci, et le dentifrice ?"),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    assert_eq!(r.json["request"]["status"], "in_progress");
    canteen
        .post(
            &format!("{agent_path}/answers"),
            text("Le dentifrice arrive mardi."),
        )
        .await;
    let r = tablet
        .post(
            &format!("{path}/contest"),
            text("Ce n'est pas vrai, rien n'est arrivé."),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    assert_eq!(r.json["request"]["contested"], true);
    assert_eq!(r.json["can_contest"], false);
    let kinds: Vec<_> = r.json["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["kind"].clone())
        .collect();
    assert_eq!(
        kinds,
        ["request", "answer", "follow_up", "answer", "contest"]
    );

    // The canteen handler may no longer answer: a supervisor must.
    let r = canteen
        .post(&format!("{agent_path}/answers"), text("Si, c'est arrivé."))
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text);
    let r = canteen.get(&agent_path).await;
    assert_eq!(r.json["may_answer"], false);
    let mut admin = app.agent("admin.valmont").await;
    let r = admin
        .post(
            &format!("{agent_path}/answers"),
            text("Vérifié : deux produits remboursés."),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    assert_eq!(r.json["request"]["contested"], false);
    let r = admin.post(&format!("{agent_path}/close"), json!({})).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);

    let r = tablet
        .post(&format!("{path}/follow-ups"), text("Encore une chose"))
        .await;
    assert_eq!(
        r.status,
        StatusCode::CONFLICT,
        "closed: write a new request"
    );
    assert_eq!(
        actions_on(&app, &id).await,
        [
            "request.sent",
            "request.answered",
            "request.followed_up",
            "request.answered",
            "request.contested",
            "request.answered",
            "request.closed"
        ]
    );
}

#[tokio::test]
async fn a_request_closed_without_an_answer_cannot_be_contested() {
    let app = TestApp::new().await;
    let mut tablet = app.detainee("VALMONT-DEMO", "10009").await;
    let id = write(&mut tablet, "library", "Je voudrais un dictionnaire.").await;
    let mut admin = app.agent("admin.valmont").await;
    let r = admin
        .post(&format!("/api/agent/requests/{id}/close"), json!({}))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let path = format!("/api/detainee/requests/{id}");
    let r = tablet.get(&path).await;
    assert_eq!(r.json["can_contest"], false);
    let r = tablet
        .post(
            &format!("{path}/contest"),
            text("Pourquoi fermer sans répondre ?"),
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text);
    assert_eq!(tablet.get(&path).await.json["request"]["status"], "closed");
}

#[tokio::test]
async fn a_tablet_cannot_flood_the_services() {
    let app = TestApp::new().await;
    let mut tablet = app.detainee("VALMONT-DEMO", "10008").await;
    for i in 0..shared_types::requests::MAX_NEW_PER_DAY {
        write(
            &mut tablet,
            "library",
            &format!("Je voudrais le livre numéro {i}."),
        )
        .await;
    }
    let before = app.count("requests").await;
    let r = tablet
        .post(
            "/api/detainee/requests",
            new_request("library", "Encore un livre", "one-more"),
        )
        .await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS, "{}", r.text);
    assert!(r.is_problem());
    assert_eq!(app.count("requests").await, before);
}
