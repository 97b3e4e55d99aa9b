//! Test harness: the real router on a fresh database (a SQLite file, or a new PostgreSQL
//! database when `NED_TEST_BACKEND=postgres`), seeded with the demo world, driven in-process
//! by a client that keeps cookies like a browser.

use std::collections::BTreeMap;

use api::config::Config;
use api::{AppState, router};
use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, Request, StatusCode, header};
use http_body_util::BodyExt;
use serde_json::Value;
use tower::ServiceExt;

/// Password of the visitors the tests sign up.
pub const VISITOR_PASSWORD: &str = "Parloir-Essai-2026";

/// A running app on its own database.
pub struct TestApp {
    pub state: AppState,
    pub router: Router,
    cleanup: Cleanup,
    url: String,
    /// Set by tests that tamper with the books on purpose: the closing ledger check is theirs.
    tampered: bool,
}

enum Cleanup {
    SqliteFile(std::path::PathBuf),
    PostgresDatabase { admin_url: String, name: String },
}

/// Which backend this run uses.
pub fn backend_is_postgres() -> bool {
    std::env::var("NED_TEST_BACKEND").as_deref() == Ok("postgres")
}

impl TestApp {
    /// All surfaces, demo data.
    pub async fn new() -> Self {
        Self::with_env(&[]).await
    }

    /// With extra configuration, e.g. `[("NED_SURFACES", "public")]`.
    pub async fn with_env(pairs: &[(&str, &str)]) -> Self {
        let (url, cleanup) = fresh_database().await;
        let mut env: BTreeMap<String, String> = BTreeMap::new();
        env.insert("NED_DATABASE_URL".into(), url.clone());
        env.insert("NED_DEMO_DATA".into(), "true".into());
        env.insert("NED_STATIC_DIR".into(), static_dir().display().to_string());
        for (k, v) in pairs {
            env.insert((*k).into(), (*v).into());
        }
        let config = Config::from_lookup(|k| env.get(k).cloned()).expect("test config");
        let state = api::init(config).await.expect("app init");
        let router = router(state.clone());
        Self {
            state,
            router,
            cleanup,
            url,
            tampered: false,
        }
    }

    /// This test breaks the books on purpose (to show `verify-ledger` catching it): the ledger
    /// check after the test is skipped.
    pub fn tampered(&mut self) {
        self.tampered = true;
    }

    /// A new browser-like client with an empty cookie jar.
    pub fn client(&self) -> Client {
        Client {
            router: self.router.clone(),
            cookies: Vec::new(),
            extra: Vec::new(),
        }
    }

    /// Number of rows of `table` (for "nothing changed" assertions).
    pub async fn count(&self, table: &str) -> i64 {
        use sqlx::Row;
        sqlx::query(&format!("SELECT COUNT(*) AS n FROM {table}"))
            .fetch_one(&self.state.db.pool)
            .await
            .expect("count")
            .try_get("n")
            .expect("n")
    }

    /// The id of a demo establishment by code (`valmont`, `saint-aubin`).
    pub async fn establishment_id(&self, code: &str) -> String {
        use sqlx::Row;
        sqlx::query("SELECT id FROM establishments WHERE code = $1")
            .bind(code)
            .fetch_one(&self.state.db.pool)
            .await
            .expect("establishment")
            .try_get("id")
            .expect("id")
    }

    /// A client signed in as a demo agent.
    pub async fn agent(&self, login: &str) -> Client {
        let mut c = self.client();
        let r = c
            .post(
                "/api/agent/session",
                serde_json::json!({"login": login, "password": "Agent-Demo-2026"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{login} signs in: {:?}", r.json);
        c
    }

    /// A client signed in as the demo visitor.
    pub async fn visitor(&self) -> Client {
        let mut c = self.client();
        let r = c
            .post(
                "/api/public/session",
                serde_json::json!({"email": "marie.martin@example.fr", "password": "Parloir-Demo-2026"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "visitor signs in: {:?}", r.json);
        c
    }

    /// The id of a demo detainee by registration number.
    pub async fn detainee_id(&self, number: &str) -> String {
        use sqlx::Row;
        sqlx::query("SELECT id FROM detainees WHERE registration_number = $1")
            .bind(number)
            .fetch_one(&self.state.db.pool)
            .await
            .expect("detainee")
            .try_get("id")
            .expect("id")
    }

    /// Fails the test unless every account agrees with its ledger and its placed orders.
    pub async fn assert_ledger_balanced(&self) {
        let found = api::accounts::invariant::violations(&self.state.db)
            .await
            .expect("ledger check");
        assert!(found.is_empty(), "ledger invariant broken: {found:#?}");
    }

    /// A new visitor (password [`VISITOR_PASSWORD`], born 1980-05-06) who signed up with
    /// `email` and signed in, their address not confirmed yet.
    pub async fn signed_up_visitor(&self, email: &str) -> Client {
        let mut c = self.client();
        let r = c
            .post(
                "/api/public/account",
                serde_json::json!({"email": email, "password": VISITOR_PASSWORD,
                                   "first_name": "Nadia", "last_name": "Essai",
                                   "birth_date": "1980-05-06"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::ACCEPTED, "sign-up: {:?}", r.json);
        let r = c
            .post(
                "/api/public/session",
                serde_json::json!({"email": email, "password": VISITOR_PASSWORD}),
            )
            .await;
        assert_eq!(
            r.status,
            StatusCode::OK,
            "new visitor signs in: {:?}",
            r.json
        );
        c
    }

    /// The token of the latest confirmation link e-mailed to `email`, read from the outbox
    /// the way a person reads the link in their mailbox.
    pub async fn confirmation_token(&self, email: &str) -> String {
        use sqlx::Row;
        let body: String = sqlx::query(
            "SELECT body FROM outbox WHERE recipient = $1 AND kind = 'email_confirmation' \
             ORDER BY created_at DESC, id DESC LIMIT 1",
        )
        .bind(email)
        .fetch_one(&self.state.db.pool)
        .await
        .expect("a confirmation e-mail in the outbox")
        .try_get("body")
        .expect("body");
        let (_, after) = body.split_once("jeton=").expect("a link in the e-mail");
        after.split_whitespace().next().expect("token").to_string()
    }

    /// A new visitor who signed up with `email`, opened the link e-mailed to them and is
    /// signed in: ready to ask for links.
    pub async fn confirmed_visitor(&self, email: &str) -> Client {
        let mut c = self.signed_up_visitor(email).await;
        let token = self.confirmation_token(email).await;
        let r = c
            .post(
                "/api/public/account/email-confirmation",
                serde_json::json!({"token": token}),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "confirmation: {:?}", r.json);
        c
    }

    /// A client on a terminal enrolled with `code`, signed in as detainee `number`.
    pub async fn detainee(&self, code: &str, number: &str) -> Client {
        let mut c = self.client();
        let r = c
            .post("/api/detainee/terminal", serde_json::json!({"code": code}))
            .await;
        assert_eq!(r.status, StatusCode::OK, "enrol: {:?}", r.json);
        let r = c
            .post(
                "/api/detainee/session",
                serde_json::json!({"registration_number": number, "pin": "2468"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "detainee signs in: {:?}", r.json);
        c
    }
}

/// The ledger invariant on the database at `url`, checked from a runtime of its own (a test's
/// runtime is shutting down when its app is dropped).
fn ledger_violations(url: &str) -> Vec<String> {
    let url = url.to_owned();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime");
        rt.block_on(async {
            let db = api::db::Db::connect(&url).await.expect("reconnect");
            let found = api::accounts::invariant::violations(&db)
                .await
                .expect("ledger check");
            db.pool.close().await;
            found
        })
    })
    .join()
    .unwrap_or_default()
}

impl Drop for TestApp {
    fn drop(&mut self) {
        // Whatever the test did, the money must still add up (not checked when it failed
        // already); the database is removed first either way.
        let found = if std::thread::panicking() || self.tampered {
            Vec::new()
        } else {
            ledger_violations(&self.url)
        };
        match &self.cleanup {
            Cleanup::SqliteFile(path) => {
                for suffix in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
                }
            }
            Cleanup::PostgresDatabase { admin_url, name } => {
                let (admin_url, name) = (admin_url.clone(), name.clone());
                // Drop cannot await; a short-lived runtime on another thread does the cleanup.
                let _ = std::thread::spawn(move || {
                    let rt = tokio::runtime::Builder::new_current_thread()
                        .enable_all()
                        .build();
                    if let Ok(rt) = rt {
                        rt.block_on(async {
                            use sqlx::Connection;
                            if let Ok(mut c) = sqlx::PgConnection::connect(&admin_url).await {
                                let _ = sqlx::query(&format!(
                                    "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
                                ))
                                .execute(&mut c)
                                .await;
                            }
                        });
                    }
                })
                .join();
            }
        }
        assert!(found.is_empty(), "ledger invariant broken: {found:#?}");
    }
}

fn static_dir() -> std::path::PathBuf {
    // A tiny stand-in for the built front-ends, enough to test routing and fallbacks.
    let dir = std::env::temp_dir().join("ned-test-static");
    for app in ["public", "detainee", "agent"] {
        let d = dir.join(app);
        let _ = std::fs::create_dir_all(&d);
        let _ = std::fs::write(
            d.join("index.html"),
            format!("<!doctype html><title>{app}</title>"),
        );
    }
    dir
}

async fn fresh_database() -> (String, Cleanup) {
    let id = uuid::Uuid::new_v4().simple().to_string();
    if backend_is_postgres() {
        let admin_url = std::env::var("NED_TEST_POSTGRES_URL")
            .expect("NED_TEST_BACKEND=postgres needs NED_TEST_POSTGRES_URL");
        let name = format!("ned_test_{id}");
        use sqlx::Connection;
        let mut c = sqlx::PgConnection::connect(&admin_url)
            .await
            .expect("postgres admin connection");
        sqlx::query(&format!("CREATE DATABASE {name}"))
            .execute(&mut c)
            .await
            .expect("create database");
        let base = admin_url
            .rsplit_once('/')
            .map(|(b, _)| b)
            .unwrap_or(&admin_url);
        (
            format!("{base}/{name}"),
            Cleanup::PostgresDatabase { admin_url, name },
        )
    } else {
        let path = std::env::temp_dir().join(format!("ned-test-{id}.db"));
        (
            format!("sqlite://{}", path.display()),
            Cleanup::SqliteFile(path),
        )
    }
}

/// A browser-like client: keeps cookies (by path), sends same-origin fetch metadata.
#[derive(Clone)]
pub struct Client {
    router: Router,
    cookies: Vec<(String, String, String)>,
    extra: Vec<(HeaderName, HeaderValue)>,
}

/// A response with its body parsed as JSON when it is JSON.
#[derive(Debug)]
pub struct Response {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub json: Value,
    pub text: String,
}

impl Response {
    /// A stand-in answer (204, no body) for a task that is not an HTTP call.
    pub fn empty() -> Self {
        Self {
            status: StatusCode::NO_CONTENT,
            headers: HeaderMap::new(),
            json: Value::Null,
            text: String::new(),
        }
    }

    /// The problem's field names, for validation assertions.
    pub fn fields(&self) -> Vec<String> {
        self.json["errors"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|e| e["field"].as_str().map(String::from))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Whether the body is a problem document.
    pub fn is_problem(&self) -> bool {
        self.headers.get(header::CONTENT_TYPE).map(|v| v.as_bytes())
            == Some(b"application/problem+json")
            && self.json["status"].as_u64() == Some(u64::from(self.status.as_u16()))
    }
}

impl Client {
    /// Adds a header to every following request.
    pub fn with_header(mut self, name: &'static str, value: &str) -> Self {
        self.extra.push((
            HeaderName::from_static(name),
            HeaderValue::from_str(value).expect("header"),
        ));
        self
    }

    /// The value of a cookie in the jar.
    pub fn cookie(&self, name: &str) -> Option<String> {
        self.cookies
            .iter()
            .find(|(n, _, _)| n == name)
            .map(|(_, v, _)| v.clone())
    }

    /// Forgets every cookie but `keep` (e.g. keep the terminal credential, drop sessions).
    pub fn keep_only_cookies(&mut self, keep: &[&str]) {
        self.cookies.retain(|(n, _, _)| keep.contains(&n.as_str()));
    }

    pub async fn get(&mut self, path: &str) -> Response {
        self.send(Method::GET, path, None, "application/json").await
    }

    pub async fn delete(&mut self, path: &str) -> Response {
        self.send(Method::DELETE, path, None, "application/json")
            .await
    }

    pub async fn post(&mut self, path: &str, body: Value) -> Response {
        self.send(
            Method::POST,
            path,
            Some(body.to_string().into_bytes()),
            "application/json",
        )
        .await
    }

    pub async fn put(&mut self, path: &str, body: Value) -> Response {
        self.send(
            Method::PUT,
            path,
            Some(body.to_string().into_bytes()),
            "application/json",
        )
        .await
    }

    /// A POST with a raw body and content type, for malformed-input tests.
    pub async fn post_raw(
        &mut self,
        path: &str,
        body: impl Into<Vec<u8>>,
        content_type: &str,
    ) -> Response {
        self.send(Method::POST, path, Some(body.into()), content_type)
            .await
    }

    pub async fn send(
        &mut self,
        method: Method,
        path: &str,
        body: Option<Vec<u8>>,
        content_type: &str,
    ) -> Response {
        let mut req = Request::builder()
            .method(method)
            .uri(path)
            .header(header::HOST, "ned.test");
        let cookie: Vec<String> = self
            .cookies
            .iter()
            .filter(|(_, _, p)| path.starts_with(p.as_str()))
            .map(|(n, v, _)| format!("{n}={v}"))
            .collect();
        if !cookie.is_empty() {
            req = req.header(header::COOKIE, cookie.join("; "));
        }
        if body.is_some() {
            req = req.header(header::CONTENT_TYPE, content_type);
        }
        let has_site = self
            .extra
            .iter()
            .any(|(n, _)| n.as_str() == "sec-fetch-site");
        if !has_site {
            req = req.header("sec-fetch-site", "same-origin");
        }
        for (n, v) in &self.extra {
            req = req.header(n, v);
        }
        let req = req
            .body(body.map(Body::from).unwrap_or_else(Body::empty))
            .expect("request");
        let res = self.router.clone().oneshot(req).await.expect("infallible");
        let status = res.status();
        let headers = res.headers().clone();
        for set in headers.get_all(header::SET_COOKIE) {
            self.store_cookie(set.to_str().unwrap_or_default());
        }
        let bytes = res.into_body().collect().await.expect("body").to_bytes();
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let json = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        Response {
            status,
            headers,
            json,
            text,
        }
    }

    fn store_cookie(&mut self, set_cookie: &str) {
        let mut parts = set_cookie.split(';');
        let Some((name, value)) = parts.next().and_then(|p| p.trim().split_once('=')) else {
            return;
        };
        let mut path = "/".to_string();
        let mut expired = false;
        for attr in parts {
            let attr = attr.trim();
            if let Some(p) = attr.strip_prefix("Path=") {
                path = p.to_string();
            }
            if attr == "Max-Age=0" || attr.starts_with("Expires=Thu, 01 Jan 1970") {
                expired = true;
            }
        }
        self.cookies.retain(|(n, _, _)| n != name);
        if !expired {
            self.cookies
                .push((name.to_string(), value.to_string(), path));
        }
    }
}
