//! The visitor's profile and the confirmation of their e-mail address by a link sent through
//! the outbox; link requests wait for both.

use axum::http::StatusCode;
use serde_json::{Value, json};
use sqlx::Row;

use crate::harness::{Client, TestApp};

const CONFIRM: &str = "/api/public/account/email-confirmation";
const RESEND: &str = "/api/public/account/email-confirmation/resend";
const PROFILE: &str = "/api/public/profile";

/// The visitor row's confirmation columns: (confirmed at, stored token).
async fn confirmation_columns(app: &TestApp, email: &str) -> (Option<i64>, Option<String>) {
    let r =
        sqlx::query("SELECT email_confirmed_at, email_token_hash FROM visitors WHERE email = $1")
            .bind(email)
            .fetch_one(&app.state.db.pool)
            .await
            .unwrap();
    (
        r.try_get("email_confirmed_at").unwrap(),
        r.try_get("email_token_hash").unwrap(),
    )
}

/// Moves the issue time of `email`'s current link `seconds` into the past.
async fn age_link(app: &TestApp, email: &str, seconds: i64) {
    let (_, stored) = confirmation_columns(app, email).await;
    let (at, hash) = stored.as_deref().unwrap().split_once(':').unwrap();
    let older = format!("{}:{hash}", at.parse::<i64>().unwrap() - seconds);
    sqlx::query("UPDATE visitors SET email_token_hash = $1 WHERE email = $2")
        .bind(older)
        .bind(email)
        .execute(&app.state.db.pool)
        .await
        .unwrap();
}

async fn confirmation_mails(app: &TestApp, email: &str) -> i64 {
    sqlx::query(
        "SELECT COUNT(*) AS n FROM outbox WHERE recipient = $1 AND kind = 'email_confirmation'",
    )
    .bind(email)
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap()
    .try_get("n")
    .unwrap()
}

async fn audited(app: &TestApp, action: &str) -> i64 {
    sqlx::query("SELECT COUNT(*) AS n FROM audit_events WHERE action = $1")
        .bind(action)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap()
        .try_get("n")
        .unwrap()
}

fn link_request(establishment: &str) -> Value {
    json!({"establishment_id": establishment, "detainee_first_name": "Karim",
           "detainee_last_name": "Benali", "detainee_birth_date": "1965-01-01",
           "permit_number": null})
}

fn marie_profile() -> Value {
    json!({"first_name": "Marie", "last_name": "Martin", "email": "marie.martin@example.fr",
           "birth_date": "1975-04-18", "phone": "06 12 34 56 78"})
}

fn with(mut base: Value, key: &str, value: Value) -> Value {
    base[key] = value;
    base
}

#[tokio::test]
async fn sign_up_mails_a_link_that_confirms_the_address_once() {
    let app = TestApp::new().await;
    let email = "nadia.essai@example.fr";
    let mut nadia = app.signed_up_visitor(email).await;
    let me = nadia.get("/api/public/session").await;
    assert_eq!(me.json["email_confirmed"], false);
    assert_eq!(me.json["profile_complete"], true, "born 1980-05-06");

    let message = sqlx::query(
        "SELECT establishment_id, subject, body FROM outbox WHERE recipient = $1 AND kind = 'email_confirmation'",
    )
    .bind(email)
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap();
    let body: String = message.try_get("body").unwrap();
    let token = app.confirmation_token(email).await;
    assert!(
        body.contains(&format!(
            "http://127.0.0.1:8080/confirmer-email?jeton={token}"
        )),
        "{body}"
    );
    assert_eq!(
        message
            .try_get::<Option<String>, _>("establishment_id")
            .unwrap(),
        None
    );
    let (_, stored) = confirmation_columns(&app, email).await;
    let secret = token.split_once('.').unwrap().1;
    assert!(!stored.unwrap().contains(secret), "only a digest is stored");

    // The link works without a session: it may be opened on another device.
    let mut elsewhere = app.client();
    let r = elsewhere.post(CONFIRM, json!({"token": token})).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.json["email"], email);
    let me = nadia.get("/api/public/session").await;
    assert_eq!(me.json["email_confirmed"], true);
    assert_eq!(audited(&app, "visitor.email_confirmed").await, 1);

    // A second click on the same link is refused and changes nothing.
    let before = confirmation_columns(&app, email).await;
    let r = elsewhere.post(CONFIRM, json!({"token": token})).await;
    assert_eq!(r.status, StatusCode::GONE);
    assert!(r.is_problem());
    assert!(r.json["detail"].as_str().unwrap().contains("déjà servi"));
    assert_eq!(confirmation_columns(&app, email).await, before);
    assert_eq!(audited(&app, "visitor.email_confirmed").await, 1);
}

#[tokio::test]
async fn wrong_or_expired_links_are_refused_and_change_nothing() {
    let app = TestApp::new().await;
    let email = "nadia.essai@example.fr";
    app.signed_up_visitor(email).await;
    let token = app.confirmation_token(email).await;
    let (id, _) = token.split_once('.').unwrap();
    let before = confirmation_columns(&app, email).await;
    let mut c = app.client();
    for wrong in [
        format!("{id}.{}", "0".repeat(64)),
        format!("0190a0b1-2c3d-7e4f-8a9b-0c1d2e3f4a5b.{}", "0".repeat(64)),
        "pas-un-jeton".to_string(),
    ] {
        let r = c.post(CONFIRM, json!({"token": wrong})).await;
        assert_eq!(r.status, StatusCode::GONE, "{wrong}: {}", r.text);
        assert!(r.is_problem());
    }
    let r = c.post(CONFIRM, json!({"token": ""})).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.fields(), ["token"]);
    let r = c.post(CONFIRM, json!({"token": "x".repeat(500)})).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(confirmation_columns(&app, email).await, before);

    age_link(&app, email, 49 * 3600).await;
    let aged = confirmation_columns(&app, email).await;
    let r = c.post(CONFIRM, json!({"token": token})).await;
    assert_eq!(r.status, StatusCode::GONE);
    assert!(
        r.json["detail"].as_str().unwrap().contains("expiré"),
        "{}",
        r.text
    );
    assert_eq!(confirmation_columns(&app, email).await, aged);
    assert_eq!(aged.0, None, "still unconfirmed");
    assert_eq!(audited(&app, "visitor.email_confirmed").await, 0);
}

#[tokio::test]
async fn a_known_address_gets_the_same_answer_and_no_link() {
    let app = TestApp::new().await;
    let mut c = app.client();
    let r = c
        .post(
            "/api/public/account",
            json!({"email": "Marie.Martin@example.fr", "password": "un-autre-mot-de-passe",
                   "first_name": "X", "last_name": "Y"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::ACCEPTED);
    assert_eq!(confirmation_mails(&app, "marie.martin@example.fr").await, 0);
    let (confirmed, token) = confirmation_columns(&app, "marie.martin@example.fr").await;
    assert!(
        confirmed.is_some() && token.is_none(),
        "Marie's account untouched"
    );
}

#[tokio::test]
async fn sign_up_checks_birth_date_and_phone_when_given() {
    let app = TestApp::new().await;
    let before = app.count("visitors").await;
    let mut c = app.client();
    let r = c
        .post(
            "/api/public/account",
            json!({"email": "nadia.essai@example.fr", "password": "un-mot-de-passe-sûr",
                   "first_name": "Nadia", "last_name": "Essai",
                   "birth_date": "2999-01-01", "phone": "12"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.fields(), ["birth_date", "phone"]);
    assert_eq!(app.count("visitors").await, before);
    assert_eq!(app.count("outbox").await, 0);
}

#[tokio::test]
async fn the_link_can_be_sent_again_once_a_minute_and_only_the_last_one_works() {
    let app = TestApp::new().await;
    let email = "nadia.essai@example.fr";
    let mut nadia = app.signed_up_visitor(email).await;
    let first = app.confirmation_token(email).await;

    // Just sent at sign-up.
    let r = nadia.post(RESEND, json!({})).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS, "{}", r.text);
    assert!(r.headers.get("retry-after").is_some());
    assert_eq!(confirmation_mails(&app, email).await, 1);

    age_link(&app, email, 61).await;
    let r = nadia.post(RESEND, json!({})).await;
    assert_eq!(r.status, StatusCode::ACCEPTED, "{}", r.text);
    assert_eq!(r.json["email"], email);
    assert_eq!(confirmation_mails(&app, email).await, 2);
    assert_eq!(audited(&app, "visitor.email_link_sent").await, 1);
    let second = app.confirmation_token(email).await;
    assert_ne!(first, second);

    let r = nadia.post(CONFIRM, json!({"token": first})).await;
    assert_eq!(r.status, StatusCode::GONE, "the older link was replaced");
    let r = nadia.post(CONFIRM, json!({"token": second})).await;
    assert_eq!(r.status, StatusCode::OK);

    let r = nadia.post(RESEND, json!({})).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "already confirmed");
    let r = app.client().post(RESEND, json!({})).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_link_request_waits_for_the_confirmed_address_and_the_birth_date() {
    let app = TestApp::new().await;
    let valmont = app.establishment_id("valmont").await;
    let email = "sans.date@example.fr";
    let mut c = app.client();
    let r = c
        .post(
            "/api/public/account",
            json!({"email": email, "password": "un-mot-de-passe-sûr",
                   "first_name": "Paul", "last_name": "Essai"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::ACCEPTED);
    let r = c
        .post(
            "/api/public/session",
            json!({"email": email, "password": "un-mot-de-passe-sûr"}),
        )
        .await;
    assert_eq!(r.json["profile_complete"], false);
    let before = app.count("link_requests").await;

    let r = c.post("/api/public/links", link_request(&valmont)).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.text);
    assert!(r.is_problem());
    assert!(
        r.json["detail"]
            .as_str()
            .unwrap()
            .starts_with("Confirmez d'abord votre adresse e-mail")
    );

    let token = app.confirmation_token(email).await;
    assert_eq!(
        c.post(CONFIRM, json!({"token": token})).await.status,
        StatusCode::OK
    );
    let r = c.post("/api/public/links", link_request(&valmont)).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert!(
        r.json["detail"]
            .as_str()
            .unwrap()
            .contains("date de naissance")
    );
    assert_eq!(app.count("link_requests").await, before, "nothing written");

    let r = c
        .put(
            PROFILE,
            json!({"first_name": "Paul", "last_name": "Essai", "email": email,
                   "birth_date": "1990-09-09"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let r = c.post("/api/public/links", link_request(&valmont)).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    assert_eq!(app.count("link_requests").await, before + 1);
}

#[tokio::test]
async fn the_profile_is_read_and_changed_by_its_owner() {
    let app = TestApp::new().await;
    let mut marie = app.visitor().await;
    let r = marie.get(PROFILE).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(
        r.json,
        json!({"email": "marie.martin@example.fr", "email_confirmed": true, "first_name": "Marie",
               "last_name": "Martin", "birth_date": "1975-04-18", "phone": "+33612345678"})
    );
    let changed = json!({"first_name": " Marie-Claire ", "last_name": "Martin",
                         "email": "marie.martin@example.fr", "birth_date": "1975-04-18",
                         "phone": "+32 470 12 34 56"});
    let r = marie.put(PROFILE, changed).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.json["first_name"], "Marie-Claire");
    assert_eq!(r.json["phone"], "+32470123456");
    assert_eq!(
        r.json["email_confirmed"], true,
        "same address, still confirmed"
    );
    assert_eq!(confirmation_mails(&app, "marie.martin@example.fr").await, 0);
    assert_eq!(audited(&app, "visitor.profile_updated").await, 1);

    let r = marie
        .put(PROFILE, with(marie_profile(), "phone", json!("")))
        .await;
    assert_eq!(r.json["phone"], Value::Null, "an empty phone removes it");
    assert_eq!(
        app.client().get(PROFILE).await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn bad_profile_fields_are_named_and_nothing_changes() {
    let app = TestApp::new().await;
    let mut marie = app.visitor().await;
    let before = marie.get(PROFILE).await.json;
    let audit_before = app.count("audit_events").await;
    let long = "x".repeat(101);
    for (form, fields) in [
        (
            with(marie_profile(), "birth_date", json!("1975-02-30")),
            vec!["birth_date"],
        ),
        (
            with(marie_profile(), "birth_date", json!("2999-01-01")),
            vec!["birth_date"],
        ),
        (
            with(marie_profile(), "phone", json!("06 12 34")),
            vec!["phone"],
        ),
        (
            with(
                with(marie_profile(), "first_name", json!(long)),
                "last_name",
                json!(""),
            ),
            vec!["first_name", "last_name"],
        ),
        (
            with(marie_profile(), "email", json!("marie@")),
            vec!["email"],
        ),
    ] {
        let r = marie.put(PROFILE, form.clone()).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{form}");
        assert!(r.is_problem());
        assert_eq!(r.fields(), fields, "{form}");
    }
    let r = marie
        .put(
            PROFILE,
            with(marie_profile(), "email_confirmed", json!(true)),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "unknown field");
    assert_eq!(marie.get(PROFILE).await.json, before);
    assert_eq!(app.count("audit_events").await, audit_before);
}

#[tokio::test]
async fn a_new_address_must_be_confirmed_again() {
    let app = TestApp::new().await;
    let mut marie = app.visitor().await;
    let new = "marie.martin@exemple.org";
    let r = marie
        .put(
            PROFILE,
            with(
                marie_profile(),
                "email",
                json!(" Marie.Martin@Exemple.org "),
            ),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.json["email"], new);
    assert_eq!(r.json["email_confirmed"], false);
    let me = marie.get("/api/public/session").await;
    assert_eq!(me.json["email_confirmed"], false);
    assert_eq!(confirmation_mails(&app, new).await, 1);
    assert_eq!(audited(&app, "visitor.email_changed").await, 1);

    // Changing it again at once would let anyone mail-bomb a third party: one a minute.
    let r = marie
        .put(
            PROFILE,
            with(marie_profile(), "email", json!("autre@exemple.org")),
        )
        .await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(marie.get(PROFILE).await.json["email"], new);

    let token = app.confirmation_token(new).await;
    let r = marie.post(CONFIRM, json!({"token": token})).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(marie.get(PROFILE).await.json["email_confirmed"], true);
    // She signs in with the new address from now on.
    let mut again = app.client();
    let r = again
        .post(
            "/api/public/session",
            json!({"email": new, "password": "Parloir-Demo-2026"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
}

#[tokio::test]
async fn an_address_of_another_account_is_refused() {
    let app = TestApp::new().await;
    let taken = "nadia.essai@example.fr";
    let _nadia: Client = app.confirmed_visitor(taken).await;
    let mut marie = app.visitor().await;
    let before = marie.get(PROFILE).await.json;
    let mails = app.count("outbox").await;
    for email in [taken, "NADIA.essai@example.fr"] {
        let r = marie
            .put(PROFILE, with(marie_profile(), "email", json!(email)))
            .await;
        assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text);
        assert!(r.is_problem());
        assert!(r.json["detail"].as_str().unwrap().contains("déjà utilisée"));
    }
    assert_eq!(marie.get(PROFILE).await.json, before);
    assert_eq!(app.count("outbox").await, mails);
}

#[tokio::test]
async fn two_clicks_at_once_confirm_once() {
    let app = TestApp::new().await;
    let email = "nadia.essai@example.fr";
    app.signed_up_visitor(email).await;
    let token = app.confirmation_token(email).await;
    let tasks: Vec<_> = (0..6)
        .map(|_| {
            let mut c = app.client();
            let token = token.clone();
            tokio::spawn(async move { c.post(CONFIRM, json!({"token": token})).await.status })
        })
        .collect();
    let mut statuses = Vec::new();
    for t in tasks {
        statuses.push(t.await.unwrap());
    }
    statuses.sort();
    assert_eq!(statuses[0], StatusCode::OK);
    assert!(
        statuses[1..].iter().all(|s| *s == StatusCode::GONE),
        "{statuses:?}"
    );
    assert_eq!(audited(&app, "visitor.email_confirmed").await, 1);
}

#[tokio::test]
async fn garbage_bodies_are_problems_never_500() {
    let app = TestApp::new().await;
    let marie = app.visitor().await;
    let before = marie.clone().get(PROFILE).await.json;
    for body in ["", "null", "[]", "{}", "\"x\"", "{\"token\": 12}", "\u{0}"] {
        for (method, path) in [
            (axum::http::Method::POST, CONFIRM),
            (axum::http::Method::PUT, PROFILE),
        ] {
            let mut c = marie.clone();
            let r = c
                .send(
                    method.clone(),
                    path,
                    Some(body.as_bytes().to_vec()),
                    "application/json",
                )
                .await;
            assert!(
                r.status.is_client_error() && r.is_problem(),
                "{method} {path} {body:?} → {} {}",
                r.status,
                r.text
            );
        }
    }
    assert_eq!(marie.clone().get(PROFILE).await.json, before);
}
