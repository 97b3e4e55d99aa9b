//! Who may call what: one table, one row per (caller, endpoint). New endpoints add rows here.

use axum::http::{Method, StatusCode};
use serde_json::json;

use crate::harness::{Client, TestApp};

#[derive(Debug, Clone, Copy)]
enum Who {
    Anonymous,
    Visitor,
    /// Detainee 10001 on a Valmont terminal.
    Detainee,
    Agent(&'static str),
}

const V: &str = "{valmont}";
const S: &str = "{saint_aubin}";

/// (caller, method, path, expected status). `{valmont}` / `{saint_aubin}` are establishment ids.
fn table() -> Vec<(Who, Method, String, StatusCode)> {
    use Who::*;
    let get = Method::GET;
    let post = Method::POST;
    let ok = StatusCode::OK;
    let created = StatusCode::CREATED;
    let unauth = StatusCode::UNAUTHORIZED;
    let forbidden = StatusCode::FORBIDDEN;
    let detainees = |e: &str| format!("/api/agent/establishments/{e}/detainees");
    let terminals = |e: &str| format!("/api/agent/establishments/{e}/terminals");
    let outbox = |e: &str| format!("/api/agent/outbox?establishment_id={e}");
    let mut rows = vec![
        // Each population reaches its own portal only.
        (Anonymous, get.clone(), "/api/public/session".into(), unauth),
        (
            Anonymous,
            get.clone(),
            "/api/detainee/session".into(),
            unauth,
        ),
        (Anonymous, get.clone(), "/api/agent/session".into(), unauth),
        (
            Anonymous,
            get.clone(),
            "/api/agent/establishments".into(),
            unauth,
        ),
        (Anonymous, get.clone(), detainees(V), unauth),
        (Anonymous, post.clone(), terminals(V), unauth),
        (Visitor, get.clone(), "/api/public/session".into(), ok),
        (Visitor, get.clone(), "/api/detainee/session".into(), unauth),
        (Visitor, get.clone(), "/api/agent/session".into(), unauth),
        (
            Visitor,
            get.clone(),
            "/api/agent/establishments".into(),
            unauth,
        ),
        (Visitor, get.clone(), detainees(V), unauth),
        (Visitor, post.clone(), terminals(V), unauth),
        (Detainee, get.clone(), "/api/detainee/session".into(), ok),
        (Detainee, get.clone(), "/api/public/session".into(), unauth),
        (Detainee, get.clone(), "/api/agent/session".into(), unauth),
        (Detainee, get.clone(), detainees(V), unauth),
        (Detainee, post.clone(), terminals(V), unauth),
        // Scope: an agent of Valmont reads and changes nothing of Saint-Aubin, and vice versa.
        (Agent("admin.valmont"), get.clone(), detainees(V), ok),
        (Agent("admin.valmont"), get.clone(), detainees(S), forbidden),
        (Agent("admin.valmont"), get.clone(), terminals(S), forbidden),
        (
            Agent("admin.valmont"),
            post.clone(),
            terminals(S),
            forbidden,
        ),
        (Agent("admin.valmont"), post.clone(), terminals(V), created),
        (
            Agent("admin.saint-aubin"),
            get.clone(),
            detainees(V),
            forbidden,
        ),
        (
            Agent("admin.saint-aubin"),
            post.clone(),
            terminals(V),
            forbidden,
        ),
        (Agent("admin.saint-aubin"), get.clone(), detainees(S), ok),
        (Agent("admin.national"), get.clone(), detainees(S), ok),
        (Agent("admin.national"), post.clone(), terminals(S), created),
        // Roles: in scope but without the permission.
        (Agent("parloirs.valmont"), get.clone(), detainees(V), ok),
        (
            Agent("parloirs.valmont"),
            get.clone(),
            terminals(V),
            forbidden,
        ),
        (
            Agent("parloirs.valmont"),
            post.clone(),
            terminals(V),
            forbidden,
        ),
        (
            Agent("enseignant.valmont"),
            get.clone(),
            detainees(V),
            forbidden,
        ),
        (
            Agent("sante.valmont"),
            post.clone(),
            terminals(V),
            forbidden,
        ),
        (
            Agent("cantine.valmont"),
            post.clone(),
            terminals(V),
            forbidden,
        ),
        // Unknown establishment ids are out of everyone's scope but the national one's.
        (
            Agent("admin.valmont"),
            get.clone(),
            detainees("nope"),
            forbidden,
        ),
        // The profile is the signed-in visitor's own.
        (Anonymous, get.clone(), "/api/public/profile".into(), unauth),
        (Visitor, get.clone(), "/api/public/profile".into(), ok),
        (
            Anonymous,
            post.clone(),
            "/api/public/account/email-confirmation/resend".into(),
            unauth,
        ),
        (
            Agent("admin.national"),
            get.clone(),
            "/api/public/profile".into(),
            unauth,
        ),
        // Link requests and bookings: visitors see their own; staff review in scope with manage_visits.
        (Anonymous, get.clone(), "/api/public/links".into(), unauth),
        (Visitor, get.clone(), "/api/public/links".into(), ok),
        (Visitor, get.clone(), "/api/public/bookings".into(), ok),
        (Detainee, get.clone(), "/api/public/bookings".into(), unauth),
        (
            Agent("admin.valmont"),
            get.clone(),
            "/api/public/bookings".into(),
            unauth,
        ),
        (
            Agent("parloirs.valmont"),
            get.clone(),
            format!("/api/agent/establishments/{V}/link-requests"),
            ok,
        ),
        (
            Agent("parloirs.valmont"),
            get.clone(),
            format!("/api/agent/establishments/{S}/link-requests"),
            forbidden,
        ),
        (
            Agent("admin.saint-aubin"),
            get.clone(),
            format!("/api/agent/establishments/{V}/link-requests"),
            forbidden,
        ),
        (
            Agent("enseignant.valmont"),
            get.clone(),
            format!("/api/agent/establishments/{V}/link-requests"),
            forbidden,
        ),
        (
            Visitor,
            get.clone(),
            format!("/api/agent/establishments/{V}/link-requests"),
            unauth,
        ),
        // The outbox holds visitors' personal data: visits managers of the establishment only.
        (Anonymous, get.clone(), "/api/agent/outbox".into(), unauth),
        (Visitor, get.clone(), "/api/agent/outbox".into(), unauth),
        (Agent("parloirs.valmont"), get.clone(), outbox(V), ok),
        (Agent("parloirs.valmont"), get.clone(), outbox(S), forbidden),
        (
            Agent("enseignant.valmont"),
            get.clone(),
            outbox(V),
            forbidden,
        ),
        (Agent("admin.valmont"), get.clone(), outbox(V), forbidden),
        (Agent("admin.national"), get.clone(), outbox(S), ok),
    ];
    // Visit set-up (rooms, templates, slots, rules): visits managers of the establishment only.
    let visits = |e: &str, what: &str| format!("/api/agent/establishments/{e}/{what}");
    rows.extend([
        (Anonymous, get.clone(), visits(V, "visit-rooms"), unauth),
        (Visitor, get.clone(), visits(V, "visit-rules"), unauth),
        (Detainee, get.clone(), visits(V, "slot-templates"), unauth),
        (
            Agent("parloirs.valmont"),
            get.clone(),
            visits(V, "visit-rooms"),
            ok,
        ),
        (
            Agent("parloirs.valmont"),
            get.clone(),
            visits(V, "visit-rules"),
            ok,
        ),
        (
            Agent("parloirs.valmont"),
            get.clone(),
            visits(V, "slot-templates"),
            ok,
        ),
        (
            Agent("parloirs.valmont"),
            get.clone(),
            visits(V, "slots?from=2030-01-07&days=7"),
            ok,
        ),
        (
            Agent("parloirs.valmont"),
            get.clone(),
            visits(S, "visit-rooms"),
            forbidden,
        ),
        (
            Agent("parloirs.valmont"),
            get.clone(),
            visits(S, "visit-rules"),
            forbidden,
        ),
        (
            Agent("parloirs.valmont"),
            get.clone(),
            visits(S, "slot-templates"),
            forbidden,
        ),
        (
            Agent("parloirs.valmont"),
            get.clone(),
            visits(S, "slots?from=2030-01-07&days=7"),
            forbidden,
        ),
        (
            Agent("parloirs.valmont"),
            Method::DELETE,
            visits(S, "visit-rooms/x"),
            forbidden,
        ),
        (
            Agent("parloirs.valmont"),
            Method::DELETE,
            visits(V, "visit-rooms/x"),
            StatusCode::NOT_FOUND,
        ),
        (
            Agent("enseignant.valmont"),
            get.clone(),
            visits(V, "visit-rooms"),
            forbidden,
        ),
        (
            Agent("enseignant.valmont"),
            Method::DELETE,
            visits(V, "slot-templates/x"),
            forbidden,
        ),
        (
            Agent("admin.valmont"),
            get.clone(),
            visits(V, "visit-rules"),
            forbidden,
        ),
        (
            Agent("admin.saint-aubin"),
            get.clone(),
            visits(S, "visit-rooms"),
            forbidden,
        ),
        (
            Agent("admin.national"),
            get.clone(),
            visits(S, "visit-rooms"),
            ok,
        ),
    ]);
    rows.extend(
        ["comptes.valmont", "greffe.valmont"]
            .into_iter()
            .map(|a| (Agent(a), post.clone(), terminals(V), forbidden)),
    );
    rows
}

async fn client_for(app: &TestApp, who: Who) -> Client {
    match who {
        Who::Anonymous => app.client(),
        Who::Visitor => app.visitor().await,
        Who::Detainee => app.detainee("VALMONT-DEMO", "10001").await,
        Who::Agent(login) => app.agent(login).await,
    }
}

#[tokio::test]
async fn authorization_table() {
    let app = TestApp::new().await;
    let valmont = app.establishment_id("valmont").await;
    let saint_aubin = app.establishment_id("saint-aubin").await;
    let mut failures = Vec::new();
    for (who, method, path, expected) in table() {
        let path = path.replace(V, &valmont).replace(S, &saint_aubin);
        let mut c = client_for(&app, who).await;
        let terminals_before = app.count("terminals").await;
        let body = (method == Method::POST).then(|| {
            json!({"location": "Salle d'activités"})
                .to_string()
                .into_bytes()
        });
        let r = c
            .send(method.clone(), &path, body, "application/json")
            .await;
        if r.status != expected {
            failures.push(format!(
                "{who:?} {method} {path}: expected {expected}, got {} {}",
                r.status, r.text
            ));
        }
        if !r.status.is_success() {
            assert!(r.is_problem(), "{who:?} {method} {path}: {}", r.text);
            assert_eq!(
                app.count("terminals").await,
                terminals_before,
                "{who:?} {method} {path} wrote"
            );
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[tokio::test]
async fn a_detainee_only_ever_sees_themself() {
    let app = TestApp::new().await;
    let mut karim = app.detainee("VALMONT-DEMO", "10001").await;
    let mut other = app.detainee("VALMONT-DEMO", "10002").await;
    assert_eq!(
        karim.get("/api/detainee/session").await.json["registration_number"],
        "10001"
    );
    assert_eq!(
        other.get("/api/detainee/session").await.json["registration_number"],
        "10002"
    );
}
