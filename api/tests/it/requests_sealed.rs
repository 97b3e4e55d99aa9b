//! Health-unit requests are sealed: health staff read them; administrators (national or local),
//! auditors, other services, even a "health" request handler, are refused, and the audit log
//! records every access and refusal without a word of the content.

use axum::http::StatusCode;
use serde_json::json;

use crate::harness::TestApp;
use crate::requests_fixture::{actions_on, get_ok, text, whole_audit_log, write};

const SECRET: &str = "Je prends un traitement contre la dépression depuis mars.";

#[tokio::test]
async fn only_health_staff_read_a_health_request() {
    let app = TestApp::new().await;
    let valmont = app.establishment_id("valmont").await;
    let mut tablet = app.detainee("VALMONT-DEMO", "10020").await;
    let id = write(&mut tablet, "health", SECRET).await;
    let path = format!("/api/agent/requests/{id}");
    let inbox = format!("/api/agent/establishments/{valmont}/requests?service=health");

    // A request handler "for health" (a role that must not be enough), next to the others.
    sqlx::query(
        "INSERT INTO agent_roles (agent_id, role, service) \
         SELECT id, 'request_handler', 'health' FROM agents WHERE login = 'greffe.valmont'",
    )
    .execute(&app.state.db.pool)
    .await
    .unwrap();
    for login in [
        "admin.valmont",
        "admin.national",
        "greffe.valmont",
        "cantine.valmont",
        "parloirs.valmont",
    ] {
        let mut agent = app.agent(login).await;
        let r = agent.get(&path).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{login}: {}", r.text);
        assert!(r.is_problem());
        assert_eq!(r.json["code"], "request.sealed", "{login}");
        assert!(!r.text.contains("dépression"), "{login} sees no content");
        let r = agent.get(&inbox).await;
        assert_eq!(
            r.status,
            StatusCode::FORBIDDEN,
            "{login} has no health inbox"
        );
        for r in [
            agent
                .post(&format!("{path}/answers"), text("Réponse interdite"))
                .await,
            agent
                .post(&format!("{path}/notes"), text("Note interdite"))
                .await,
            agent
                .post(&format!("{path}/assign"), json!({"agent_id": null}))
                .await,
            agent.post(&format!("{path}/close"), json!({})).await,
        ] {
            assert_eq!(r.status, StatusCode::FORBIDDEN, "{login}: {}", r.text);
        }
        let r = agent
            .get(&format!(
                "/api/agent/establishments/{valmont}/requests/templates?service=health"
            ))
            .await;
        assert!(r.status == StatusCode::FORBIDDEN, "{login}: templates");
    }
    // The log shows each refusal (who, when, which request), never the words.
    let refusals = actions_on(&app, &id)
        .await
        .iter()
        .filter(|a| *a == "request.sealed_access_refused")
        .count();
    assert!(refusals >= 5, "each refused look is logged: {refusals}");

    let mut nurse = app.agent("sante.valmont").await;
    let inbox = get_ok(&mut nurse, &inbox).await;
    assert!(
        inbox.json["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["id"] == id.as_str())
    );
    let opened = get_ok(&mut nurse, &path).await;
    assert_eq!(opened.json["messages"][0]["text"], SECRET);
    let r = nurse
        .post(
            &format!("{path}/answers"),
            text("Le médecin vous recevra jeudi."),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let mine = get_ok(&mut tablet, &format!("/api/detainee/requests/{id}")).await;
    assert_eq!(
        mine.json["messages"][1]["text"],
        "Le médecin vous recevra jeudi."
    );

    let actions = actions_on(&app, &id).await;
    assert!(
        actions.contains(&"request.sealed_opened".to_owned()),
        "{actions:?}"
    );
    assert!(actions.contains(&"request.answered".to_owned()));
    let log = whole_audit_log(&app).await;
    assert!(
        !log.contains("dépression") && !log.contains("médecin"),
        "no content in the log"
    );
}

#[tokio::test]
async fn health_staff_do_not_read_other_services() {
    let app = TestApp::new().await;
    let mut tablet = app.detainee("VALMONT-DEMO", "10021").await;
    let id = write(&mut tablet, "registry", "Je voudrais ma fiche pénale.").await;
    let mut nurse = app.agent("sante.valmont").await;
    let r = nurse.get(&format!("/api/agent/requests/{id}")).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(r.json["code"], "request.other_service");
    let valmont = app.establishment_id("valmont").await;
    let desks = get_ok(
        &mut nurse,
        &format!("/api/agent/establishments/{valmont}/requests/desks"),
    )
    .await;
    let services: Vec<_> = desks.json["desks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["service"].clone())
        .collect();
    assert_eq!(services, ["health"]);
    // The dashboard has counts for health too (numbers, no content): the nurse may read it.
    let r = nurse
        .get(&format!(
            "/api/agent/establishments/{valmont}/requests/dashboard"
        ))
        .await;
    assert_eq!(r.status, StatusCode::OK);
}
