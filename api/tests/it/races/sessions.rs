//! Races on accounts, sign-in and keys: the same command fired N times at once, asserting what
//! people would notice (one account per address, a link used once, one revocation, sign-ins
//! that all succeed, a lock that holds against parallel guesses).

use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

use super::{N, race};
use crate::harness::{Client, Response, TestApp};

/// The routes this file races.
pub const COVERED: &[&str] = &[
    "POST /api/agent/session",
    "DELETE /api/agent/session",
    "POST /api/detainee/session",
    "DELETE /api/detainee/session",
    "POST /api/detainee/terminal",
    "POST /api/public/session",
    "DELETE /api/public/session",
    "POST /api/public/account",
    "POST /api/public/account/email-confirmation",
    "POST /api/public/account/email-confirmation/resend",
    "PUT /api/public/profile",
    "POST /api/agent/partner-keys",
    "POST /api/agent/partner-keys/{id}/revoke",
    "POST /api/agent/establishments/{id}/terminals",
];

fn call(
    client: &Client,
    method: Method,
    path: &str,
    body: Option<Value>,
) -> impl Future<Output = Response> + Send + 'static + use<> {
    let mut c = client.clone();
    let path = path.to_owned();
    async move {
        match (method, body) {
            (Method::DELETE, _) => c.delete(&path).await,
            (Method::PUT, Some(b)) => c.put(&path, b).await,
            (_, b) => c.post(&path, b.unwrap_or_else(|| json!({}))).await,
        }
    }
}

async fn count(app: &TestApp, sql: &str, bind: &str) -> i64 {
    sqlx::query_scalar(sql)
        .bind(bind)
        .fetch_one(&app.state.db.pool)
        .await
        .expect("count")
}

async fn audited(app: &TestApp, action: &str) -> i64 {
    count(
        app,
        "SELECT CAST(COUNT(*) AS BIGINT) FROM audit_events WHERE action = $1",
        action,
    )
    .await
}

#[tokio::test]
async fn one_account_per_address_and_its_link_works_once() {
    let app = TestApp::new().await;
    let email = "course@example.fr";
    let body = json!({"email": email, "password": crate::harness::VISITOR_PASSWORD,
                      "first_name": "Nadia", "last_name": "Essai", "birth_date": "1980-05-06"});
    let anonymous = app.client();
    let o = race(N, |_| {
        call(
            &anonymous,
            Method::POST,
            "/api/public/account",
            Some(body.clone()),
        )
    })
    .await;
    o.all(&[StatusCode::ACCEPTED]);
    let visitors = "SELECT CAST(COUNT(*) AS BIGINT) FROM visitors WHERE email = $1";
    assert_eq!(count(&app, visitors, email).await, 1, "one account");
    let mails = "SELECT CAST(COUNT(*) AS BIGINT) FROM outbox WHERE recipient = $1";
    assert_eq!(count(&app, mails, email).await, 1, "one e-mail");

    // The link opened N times at once (a double click, two devices): confirmed once.
    let token = app.confirmation_token(email).await;
    let o = race(N, |_| {
        call(
            &anonymous,
            Method::POST,
            "/api/public/account/email-confirmation",
            Some(json!({"token": token})),
        )
    })
    .await;
    assert_eq!(o.count(StatusCode::OK), 1, "the link works once");
    assert_eq!(o.count(StatusCode::GONE), N - 1, "then it has served");
    assert_eq!(audited(&app, "visitor.email_confirmed").await, 1);
}

#[tokio::test]
async fn a_link_asked_again_n_times_at_once_is_sent_once() {
    let app = TestApp::new().await;
    let email = "renvoi@example.fr";
    let visitor = app.signed_up_visitor(email).await;
    // The first link was sent a minute ago: another may go now.
    sqlx::query("UPDATE visitors SET email_token_hash = '1:00' WHERE email = $1")
        .bind(email)
        .execute(&app.state.db.pool)
        .await
        .expect("an old link");
    let o = race(N, |_| {
        call(
            &visitor,
            Method::POST,
            "/api/public/account/email-confirmation/resend",
            None,
        )
    })
    .await;
    assert_eq!(o.count(StatusCode::ACCEPTED), 1);
    assert_eq!(o.count(StatusCode::TOO_MANY_REQUESTS), N - 1);
    let mails = "SELECT CAST(COUNT(*) AS BIGINT) FROM outbox WHERE recipient = $1";
    assert_eq!(count(&app, mails, email).await, 2, "the first and one more");
    // The last link sent is the one that works.
    let token = app.confirmation_token(email).await;
    let r = app
        .client()
        .post(
            "/api/public/account/email-confirmation",
            json!({"token": token}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
}

#[tokio::test]
async fn a_profile_saved_n_times_at_once_changes_the_address_once() {
    let app = TestApp::new().await;
    let visitor = app.confirmed_visitor("profil@example.fr").await;
    let body = json!({"email": "nouvelle@example.fr", "first_name": "Nadia",
                      "last_name": "Essai", "birth_date": "1980-05-06", "phone": null});
    let o = race(N, |_| {
        call(
            &visitor,
            Method::PUT,
            "/api/public/profile",
            Some(body.clone()),
        )
    })
    .await;
    assert!(o.count(StatusCode::OK) >= 1, "saved");
    for r in o.0.iter().filter(|r| r.status != StatusCode::OK) {
        assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS, "{}", r.text);
    }
    let mails = "SELECT CAST(COUNT(*) AS BIGINT) FROM outbox WHERE recipient = $1";
    assert_eq!(
        count(&app, mails, "nouvelle@example.fr").await,
        1,
        "one link to the new address"
    );
    assert_eq!(audited(&app, "visitor.email_changed").await, 1);
    let token = app.confirmation_token("nouvelle@example.fr").await;
    let r = app
        .client()
        .post(
            "/api/public/account/email-confirmation",
            json!({"token": token}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "the link sent works: {}", r.text);

    // Two accounts taking one address at once: one gets it, the other is told it is taken.
    let a = app.confirmed_visitor("a@example.fr").await;
    let b = app.confirmed_visitor("b@example.fr").await;
    let wanted = json!({"email": "commune@example.fr", "first_name": "Nadia",
                        "last_name": "Essai", "birth_date": "1980-05-06", "phone": null});
    let o = race(2, |i| {
        let who = if i == 0 { &a } else { &b };
        call(
            who,
            Method::PUT,
            "/api/public/profile",
            Some(wanted.clone()),
        )
    })
    .await;
    o.exactly_one(StatusCode::OK, &["record.taken"]);
    let visitors = "SELECT CAST(COUNT(*) AS BIGINT) FROM visitors WHERE email = $1";
    assert_eq!(count(&app, visitors, "commune@example.fr").await, 1);
}

#[tokio::test]
async fn sign_ins_and_outs_at_once_all_succeed() {
    let app = TestApp::new().await;
    // The console.
    let agent = app.client();
    let o = race(N, |_| {
        call(
            &agent,
            Method::POST,
            "/api/agent/session",
            Some(json!({"login": "admin.valmont", "password": "Agent-Demo-2026"})),
        )
    })
    .await;
    o.all(&[StatusCode::OK]);
    let mut signed_in = app.agent("admin.valmont").await;
    assert_eq!(
        signed_in.get("/api/agent/session").await.status,
        StatusCode::OK
    );
    let o = race(N, |_| {
        call(&signed_in, Method::DELETE, "/api/agent/session", None)
    })
    .await;
    o.all(&[StatusCode::NO_CONTENT]);
    assert_eq!(
        signed_in.get("/api/agent/session").await.status,
        StatusCode::UNAUTHORIZED,
        "signed out"
    );
    assert_eq!(audited(&app, "agent.signed_out").await, 1, "logged once");

    // The family portal.
    let visitor = app.client();
    let o = race(N, |_| {
        call(
            &visitor,
            Method::POST,
            "/api/public/session",
            Some(json!({"email": "marie.martin@example.fr", "password": "Parloir-Demo-2026"})),
        )
    })
    .await;
    o.all(&[StatusCode::OK]);
    let mut marie = app.visitor().await;
    let o = race(N, |_| {
        call(&marie, Method::DELETE, "/api/public/session", None)
    })
    .await;
    o.all(&[StatusCode::NO_CONTENT]);
    assert_eq!(
        marie.get("/api/public/session").await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(audited(&app, "visitor.signed_out").await, 1);

    // The tablets: one terminal, N sign-ins at once, then N sign-outs.
    let mut tablet = app.client();
    let r = tablet
        .post("/api/detainee/terminal", json!({"code": "VALMONT-DEMO"}))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let o = race(N, |_| {
        call(
            &tablet,
            Method::POST,
            "/api/detainee/session",
            Some(json!({"registration_number": "10020", "pin": "2468"})),
        )
    })
    .await;
    o.all(&[StatusCode::OK]);
    let mut signed = app.detainee("VALMONT-DEMO", "10020").await;
    let o = race(N, |_| {
        call(&signed, Method::DELETE, "/api/detainee/session", None)
    })
    .await;
    o.all(&[StatusCode::NO_CONTENT]);
    assert_eq!(
        signed.get("/api/detainee/session").await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(audited(&app, "detainee.signed_out").await, 1);
}

#[tokio::test]
async fn parallel_guesses_get_no_more_answers_than_the_lock_allows() {
    let app = TestApp::new().await;
    let guesser = app.client();
    let o = race(N, |i| {
        call(
            &guesser,
            Method::POST,
            "/api/agent/session",
            Some(json!({"login": "greffe.valmont", "password": format!("essai-{i}")})),
        )
    })
    .await;
    let told_wrong = o.count(StatusCode::UNAUTHORIZED) as i64;
    assert!(
        told_wrong <= api::auth::throttle::MAX_FAILURES,
        "{told_wrong} guesses answered, the lock allows {}",
        api::auth::throttle::MAX_FAILURES
    );
    assert_eq!(
        o.count(StatusCode::TOO_MANY_REQUESTS) as i64,
        N as i64 - told_wrong
    );
    // Locked now, even with the right password.
    let r = app
        .client()
        .post(
            "/api/agent/session",
            json!({"login": "greffe.valmont", "password": "Agent-Demo-2026"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS, "{}", r.text);
}

#[tokio::test]
async fn terminals_codes_and_enrolments_at_once() {
    let app = TestApp::new().await;
    let valmont = app.establishment_id("valmont").await;
    let admin = app.agent("admin.valmont").await;
    let path = format!("/api/agent/establishments/{valmont}/terminals");
    let o = race(N, |i| {
        call(
            &admin,
            Method::POST,
            &path,
            Some(json!({"location": format!("Cellule D-{i}")})),
        )
    })
    .await;
    o.all(&[StatusCode::CREATED]);
    let codes: std::collections::BTreeSet<String> =
        o.0.iter()
            .map(|r| r.json["code"].as_str().unwrap_or_default().to_owned())
            .collect();
    assert_eq!(codes.len(), N, "every terminal has its own code");

    // One code typed on N devices at once: one device is enrolled with it.
    let code = codes.iter().next().cloned().unwrap_or_default();
    let devices: Vec<Client> = (0..N).map(|_| app.client()).collect();
    let o = race(N, |i| {
        call(
            &devices[i],
            Method::POST,
            "/api/detainee/terminal",
            Some(json!({"code": code})),
        )
    })
    .await;
    assert_eq!(o.count(StatusCode::OK), 1, "one device per code");
    assert_eq!(o.count(StatusCode::UNPROCESSABLE_ENTITY), N - 1);
    assert_eq!(audited(&app, "terminal.enrolled").await, 1);
}

#[tokio::test]
async fn partner_keys_created_and_revoked_at_once() {
    let app = TestApp::new().await;
    let saint_aubin = app.establishment_id("saint-aubin").await;
    let admin = app.agent("admin.saint-aubin").await;
    let body = json!({"name": "Prestataire cantine Sud", "establishment_ids": [saint_aubin]});
    let o = race(N, |_| {
        call(
            &admin,
            Method::POST,
            "/api/agent/partner-keys",
            Some(body.clone()),
        )
    })
    .await;
    o.exactly_one(StatusCode::CREATED, &["record.taken"]);
    let live =
        "SELECT CAST(COUNT(*) AS BIGINT) FROM partner_keys WHERE name = $1 AND revoked_at IS NULL";
    assert_eq!(
        count(&app, live, "Prestataire cantine Sud").await,
        1,
        "one key"
    );
    let id =
        o.0.iter()
            .find(|r| r.status == StatusCode::CREATED)
            .map(|r| r.json["key"]["id"].as_str().unwrap_or_default().to_owned())
            .unwrap_or_default();

    let o = race(N, |_| {
        call(
            &admin,
            Method::POST,
            &format!("/api/agent/partner-keys/{id}/revoke"),
            None,
        )
    })
    .await;
    o.all(&[StatusCode::NO_CONTENT]);
    assert_eq!(
        audited(&app, "partner.key_revoked").await,
        1,
        "revoked once"
    );
    assert_eq!(count(&app, live, "Prestataire cantine Sud").await, 0);
}
