//! The race suite: every mutating route of the OpenAPI document, fired several times at once
//! (and beside the commands users really send at the same moment), on SQLite and PostgreSQL.
//! Outcome: exactly the successes the rules allow, clear 409 problems with a code for the rest,
//! never a 5xx, and the money invariants hold (the harness checks the ledger after every test).
//!
//! Each domain file lists the routes it races in `COVERED`; `every_mutating_route_has_a_race_case`
//! fails when a route of the document is in none of them.

use std::future::Future;

use axum::http::StatusCode;

use crate::harness::Response;

mod accounts;
mod canteen;
mod racy_variant;
mod requests;
mod sessions;
mod visits;

/// How many copies of one command a race fires.
pub const N: usize = 8;

/// Runs `attempt(0..n)` all at once (spawned tasks, so they interleave at every database call)
/// and returns the answers in order.
pub async fn at_once<F, Fut>(n: usize, attempt: F) -> Vec<Response>
where
    F: Fn(usize) -> Fut,
    Fut: Future<Output = Response> + Send + 'static,
{
    let tasks: Vec<_> = (0..n).map(|i| tokio::spawn(attempt(i))).collect();
    let mut out = Vec::with_capacity(n);
    for t in tasks {
        out.push(t.await.expect("race task"));
    }
    out
}

/// What a race produced, for assertions.
pub struct Outcome(pub Vec<Response>);

impl Outcome {
    /// How many answered `status`.
    pub fn count(&self, status: StatusCode) -> usize {
        self.0.iter().filter(|r| r.status == status).count()
    }

    /// Fails on any answer that is neither `ok` nor a 409 problem with a code in `codes`;
    /// returns how many succeeded.
    pub fn only(&self, ok: StatusCode, codes: &[&str]) -> usize {
        for r in &self.0 {
            if r.status == ok {
                continue;
            }
            assert_eq!(
                r.status,
                StatusCode::CONFLICT,
                "neither {ok} nor a conflict: {}",
                r.text
            );
            assert!(r.is_problem(), "a problem document: {}", r.text);
            let code = r.json["code"].as_str().unwrap_or_default();
            assert!(
                codes.contains(&code),
                "refused with code {code:?}, expected one of {codes:?}: {}",
                r.text
            );
        }
        self.count(ok)
    }

    /// Exactly one `ok`, the others 409 with one of `codes`.
    pub fn exactly_one(&self, ok: StatusCode, codes: &[&str]) {
        assert_eq!(self.only(ok, codes), 1, "exactly one success");
    }

    /// Every answer is `ok` (idempotent commands: the same key answers the same result).
    pub fn all(&self, ok: &[StatusCode]) {
        for r in &self.0 {
            assert!(
                ok.contains(&r.status),
                "expected {ok:?}: {} {}",
                r.status,
                r.text
            );
        }
    }

    /// No answer is a server error.
    pub fn no_server_error(&self) {
        for r in &self.0 {
            assert!(!r.status.is_server_error(), "server error: {}", r.text);
        }
    }
}

/// Fires `n` copies and wraps the answers.
pub async fn race<F, Fut>(n: usize, attempt: F) -> Outcome
where
    F: Fn(usize) -> Fut,
    Fut: Future<Output = Response> + Send + 'static,
{
    let o = Outcome(at_once(n, attempt).await);
    o.no_server_error();
    o
}

/// The mutating routes (`METHOD /path` as the OpenAPI document writes them).
fn documented_mutating_routes() -> Vec<String> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("openapi.json");
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("openapi.json")).expect("json");
    let mut routes = Vec::new();
    for (p, ops) in doc["paths"].as_object().expect("paths") {
        for m in ops.as_object().expect("operations").keys() {
            if matches!(m.as_str(), "post" | "put" | "patch" | "delete") {
                routes.push(format!("{} {p}", m.to_uppercase()));
            }
        }
    }
    routes
}

fn covered() -> Vec<&'static str> {
    [
        accounts::COVERED,
        canteen::COVERED,
        requests::COVERED,
        sessions::COVERED,
        visits::COVERED,
    ]
    .concat()
}

#[test]
fn every_mutating_route_has_a_race_case() {
    let covered = covered();
    let missing: Vec<String> = documented_mutating_routes()
        .into_iter()
        .filter(|r| !covered.contains(&r.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "{} mutating route(s) have no race case: {missing:#?}",
        missing.len()
    );
    let documented = documented_mutating_routes();
    for c in &covered {
        assert!(
            documented.iter().any(|d| d == c),
            "{c} is not a documented route"
        );
    }
}
