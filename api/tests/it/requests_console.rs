//! The console's side of a request: opening, assigning, answering from a template, internal
//! notes the tablet never sees, closing; and the refusals across establishments and services.

use axum::http::StatusCode;
use serde_json::json;

use crate::harness::TestApp;
use crate::requests_fixture::{actions_on, get_ok, text, write};

#[tokio::test]
async fn a_canteen_request_goes_through_the_inbox_to_an_answer_and_a_close() {
    let app = TestApp::new().await;
    let valmont = app.establishment_id("valmont").await;
    let mut tablet = app.detainee("VALMONT-DEMO", "10010").await;
    let id = write(&mut tablet, "canteen", "Il manque deux paquets de pâtes.").await;

    let mut canteen = app.agent("cantine.valmont").await;
    let desks = get_ok(
        &mut canteen,
        &format!("/api/agent/establishments/{valmont}/requests/desks"),
    )
    .await;
    let services: Vec<_> = desks.json["desks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["service"].clone())
        .collect();
    assert_eq!(services, ["canteen"], "the canteen handler has one desk");
    let inbox_path = format!("/api/agent/establishments/{valmont}/requests?service=canteen");
    let inbox = get_ok(&mut canteen, &inbox_path).await;
    let row = inbox.json["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == id.as_str())
        .cloned()
        .expect("in the inbox");
    assert_eq!(row["status"], "sent");
    assert_eq!(row["detainee"]["registration_number"], "10010");
    assert!(inbox.json["total"].as_u64().unwrap() >= 1);

    let path = format!("/api/agent/requests/{id}");
    let opened = get_ok(&mut canteen, &path).await;
    assert_eq!(
        opened.json["request"]["status"], "received",
        "opening marks it received"
    );
    let templates = opened.json["templates"].as_array().unwrap();
    assert!(!templates.is_empty(), "the demo canteen keeps templates");
    let handlers = opened.json["handlers"].as_array().unwrap();
    let me = handlers
        .iter()
        .find(|h| h["display_name"] == "Marc Durand")
        .expect("I am a handler");

    let r = canteen
        .post(&format!("{path}/assign"), json!({"agent_id": me["id"]}))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.json["request"]["status"], "in_progress");
    assert_eq!(r.json["request"]["assigned"]["display_name"], "Marc Durand");
    let r = canteen
        .post(
            &format!("{path}/notes"),
            text("Vérifier le bon de livraison du prestataire."),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let template_text = templates[0]["text"].as_str().unwrap();
    let answer = json!({"text": template_text, "idempotency_key": "answer-1"});
    let r = canteen
        .post(&format!("{path}/answers"), answer.clone())
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    assert_eq!(r.json["request"]["status"], "answered");
    let again = canteen.post(&format!("{path}/answers"), answer).await;
    assert_eq!(
        again.status,
        StatusCode::OK,
        "the same answer twice is written once"
    );
    let answers = again.json["messages"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["kind"] == "answer")
        .count();
    assert_eq!(answers, 1);

    // The tablet sees the answer, never the internal note.
    let mine = get_ok(&mut tablet, &format!("/api/detainee/requests/{id}")).await;
    assert_eq!(mine.json["request"]["status"], "answered");
    let texts: Vec<_> = mine.json["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["text"].as_str().unwrap().to_owned())
        .collect();
    assert!(texts.iter().any(|t| t == template_text));
    assert!(
        !mine.text.contains("bon de livraison"),
        "no internal note on the tablet"
    );
    assert!(
        !mine.text.contains("Marc Durand"),
        "no agent's name on the tablet"
    );

    let r = canteen.post(&format!("{path}/close"), json!({})).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.json["request"]["status"], "closed");
    let r = canteen.post(&format!("{path}/close"), json!({})).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(
        actions_on(&app, &id).await,
        [
            "request.sent",
            "request.received",
            "request.assigned",
            "request.noted",
            "request.answered",
            "request.closed"
        ]
    );
}

#[tokio::test]
async fn another_service_or_establishment_cannot_reach_a_request() {
    let app = TestApp::new().await;
    let valmont = app.establishment_id("valmont").await;
    let mut tablet = app.detainee("VALMONT-DEMO", "10011").await;
    let id = write(&mut tablet, "canteen", "Ma commande n'est pas complète.").await;
    let path = format!("/api/agent/requests/{id}");

    let mut registry = app.agent("greffe.valmont").await;
    let r = registry.get(&path).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "another service");
    let r = registry
        .get(&format!(
            "/api/agent/establishments/{valmont}/requests?service=canteen"
        ))
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = registry
        .post(&format!("{path}/answers"), text("Je réponds quand même"))
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);

    let mut elsewhere = app.agent("admin.saint-aubin").await;
    for r in [
        elsewhere.get(&path).await,
        elsewhere
            .post(&format!("{path}/answers"), text("Réponse d'ailleurs"))
            .await,
        elsewhere.post(&format!("{path}/close"), json!({})).await,
    ] {
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.text);
    }
    let r = elsewhere
        .get(&format!(
            "/api/agent/establishments/{valmont}/requests?service=canteen"
        ))
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = elsewhere
        .get(&format!(
            "/api/agent/establishments/{valmont}/requests/dashboard"
        ))
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let mine = get_ok(&mut tablet, &format!("/api/detainee/requests/{id}")).await;
    assert_eq!(mine.json["request"]["status"], "sent", "nothing changed");
    assert_eq!(actions_on(&app, &id).await, ["request.sent"]);
}

#[tokio::test]
async fn two_agents_opening_a_new_request_at_once_both_read_it() {
    let app = TestApp::new().await;
    let mut tablet = app.detainee("VALMONT-DEMO", "10016").await;
    let id = write(&mut tablet, "canteen", "Ma commande est incomplète.").await;
    let path = format!("/api/agent/requests/{id}");
    let canteen = app.agent("cantine.valmont").await;
    let admin = app.agent("admin.valmont").await;
    let opens = [canteen, admin].map(|mut agent| {
        let path = path.clone();
        tokio::spawn(async move { agent.get(&path).await })
    });
    for open in opens {
        let r = open.await.unwrap();
        assert_eq!(r.status, StatusCode::OK, "{}", r.text);
        assert_eq!(r.json["request"]["status"], "received");
    }
    let received = actions_on(&app, &id)
        .await
        .iter()
        .filter(|a| *a == "request.received")
        .count();
    assert_eq!(received, 1, "received once");
}

#[tokio::test]
async fn assigning_to_someone_outside_the_service_is_refused() {
    let app = TestApp::new().await;
    let mut tablet = app.detainee("VALMONT-DEMO", "10015").await;
    let id = write(&mut tablet, "canteen", "Question sur ma commande.").await;
    let registry_id: String =
        sqlx::query_scalar("SELECT id FROM agents WHERE login = 'greffe.valmont'")
            .fetch_one(&app.state.db.pool)
            .await
            .unwrap();
    let mut canteen = app.agent("cantine.valmont").await;
    let r = canteen
        .post(
            &format!("/api/agent/requests/{id}/assign"),
            json!({"agent_id": registry_id}),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
    assert_eq!(r.fields(), ["agent_id"]);
    let r = canteen
        .post(
            &format!("/api/agent/requests/{id}/assign"),
            json!({"agent_id": null}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
}
