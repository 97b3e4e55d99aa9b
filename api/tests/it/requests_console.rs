//! The console's side of requests: the inbox per service and establishment, opening, assigning,
//! answering from a template, internal notes the tablet never sees, closing, deadlines, the
//! dashboard, templates; and the refusals across establishments and services.

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
async fn inbox_filters_by_status_age_and_subject_and_overdue_stands_out() {
    let app = TestApp::new().await;
    let valmont = app.establishment_id("valmont").await;
    let mut tablet = app.detainee("VALMONT-DEMO", "10012").await;
    let fresh = write(
        &mut tablet,
        "canteen",
        "Une commande pour la semaine prochaine.",
    )
    .await;
    let old = write(&mut tablet, "canteen", "Une vieille demande oubliée.").await;
    // Written twelve days ago with the 7-day deadline: overdue.
    let long_ago = api::db::now() - 12 * 86_400;
    sqlx::query("UPDATE requests SET created_at = $1, due_at = $2 WHERE id = $3")
        .bind(long_ago)
        .bind(long_ago + 7 * 86_400)
        .bind(&old)
        .execute(&app.state.db.pool)
        .await
        .unwrap();
    let mut canteen = app.agent("cantine.valmont").await;
    let base = format!("/api/agent/establishments/{valmont}/requests?service=canteen");
    let ids = |r: &crate::harness::Response| -> Vec<String> {
        r.json["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["id"].as_str().unwrap().to_owned())
            .collect()
    };
    let overdue = get_ok(&mut canteen, &format!("{base}&status=overdue")).await;
    assert!(ids(&overdue).contains(&old));
    assert!(!ids(&overdue).contains(&fresh));
    let row = overdue.json["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == old.as_str())
        .unwrap()
        .clone();
    assert_eq!(row["overdue"], true);
    let day = get_ok(&mut canteen, &format!("{base}&age=day")).await;
    assert!(ids(&day).contains(&fresh));
    assert!(!ids(&day).contains(&old));
    let older = get_ok(&mut canteen, &format!("{base}&age=older")).await;
    assert!(ids(&older).contains(&old));
    let other_subject = get_ok(&mut canteen, &format!("{base}&subject=canteen.missing")).await;
    assert!(
        !ids(&other_subject).contains(&fresh),
        "written with canteen.order"
    );
    let same_subject = get_ok(
        &mut canteen,
        &format!("{base}&subject=canteen.order&status=sent"),
    )
    .await;
    assert!(ids(&same_subject).contains(&fresh));
    let answered = get_ok(&mut canteen, &format!("{base}&status=answered")).await;
    assert!(
        answered.json["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|i| i["status"] == "answered")
    );
    assert!(
        answered.json["total"].as_u64().unwrap() > 0,
        "the demo has history"
    );
    let r = canteen.get(&format!("{base}&subject=health.doctor")).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let r = canteen.get(&format!("{base}&status=lost")).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    let desks = get_ok(
        &mut canteen,
        &format!("/api/agent/establishments/{valmont}/requests/desks"),
    )
    .await;
    assert!(desks.json["desks"][0]["overdue"].as_u64().unwrap() >= 1);
}

#[tokio::test]
async fn a_long_inbox_is_read_page_by_page() {
    let app = TestApp::new().await;
    let valmont = app.establishment_id("valmont").await;
    let detainee = app.detainee_id("10017").await;
    let at = api::db::now();
    for i in 0..205 {
        sqlx::query(
            "INSERT INTO requests (id, establishment_id, detainee_id, service, subject, status, \
             contested, idempotency_key, created_at, updated_at, due_at) \
             VALUES ($1, $2, $3, 'library', 'library.book', 'sent', 0, $4, $5, $5, $6)",
        )
        .bind(format!("bulk-{i:03}"))
        .bind(&valmont)
        .bind(&detainee)
        .bind(format!("bulk-key-{i}"))
        .bind(at - i)
        .bind(at + 86_400 + i)
        .execute(&app.state.db.pool)
        .await
        .unwrap();
    }
    let mut admin = app.agent("admin.valmont").await;
    let base = format!("/api/agent/establishments/{valmont}/requests?service=library&status=sent");
    let first = get_ok(&mut admin, &base).await.json;
    let second = get_ok(&mut admin, &format!("{base}&page=1")).await.json;
    let ids = |page: &serde_json::Value| -> Vec<String> {
        page["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["id"].as_str().unwrap().to_owned())
            .collect()
    };
    let total = first["total"].as_u64().unwrap() as usize;
    assert!(total >= 205);
    assert_eq!(ids(&first).len(), 200);
    assert_eq!(ids(&second).len(), total - 200);
    assert!(
        ids(&second).iter().all(|id| !ids(&first).contains(id)),
        "no row twice"
    );
    let far = get_ok(&mut admin, &format!("{base}&page=9")).await.json;
    assert_eq!(ids(&far).len(), 0);
    assert_eq!(far["total"].as_u64().unwrap() as usize, total);
}

#[tokio::test]
async fn deadlines_are_set_by_the_management_and_apply_to_new_requests() {
    let app = TestApp::new().await;
    let valmont = app.establishment_id("valmont").await;
    let mut admin = app.agent("admin.valmont").await;
    let path = format!("/api/agent/establishments/{valmont}/requests/deadlines/library");
    for days in [0, 61] {
        let r = admin.put(&path, json!({"days": days})).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{days}");
    }
    let mut canteen = app.agent("cantine.valmont").await;
    let r = canteen.put(&path, json!({"days": 2})).await;
    assert_eq!(
        r.status,
        StatusCode::FORBIDDEN,
        "a handler does not set deadlines"
    );
    let r = admin.put(&path, json!({"days": 2})).await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.text);
    let mut tablet = app.detainee("VALMONT-DEMO", "10013").await;
    let id = write(&mut tablet, "library", "Je voudrais un livre de cuisine.").await;
    let (created, due): (i64, i64) =
        sqlx::query_as("SELECT created_at, due_at FROM requests WHERE id = $1")
            .bind(&id)
            .fetch_one(&app.state.db.pool)
            .await
            .unwrap();
    assert_eq!(due - created, 2 * 86_400);
    let desks = get_ok(
        &mut admin,
        &format!("/api/agent/establishments/{valmont}/requests/desks"),
    )
    .await;
    let library = desks.json["desks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["service"] == "library")
        .unwrap()
        .clone();
    assert_eq!(library["deadline_days"], 2);
    assert_eq!(desks.json["can_set_deadlines"], true);
    assert!(
        desks.json["desks"]
            .as_array()
            .unwrap()
            .iter()
            .all(|d| d["service"] != "health"),
        "no health desk for the administrator"
    );
}

#[tokio::test]
async fn the_dashboard_counts_by_service_and_status_with_the_median_delay() {
    let app = TestApp::new().await;
    let valmont = app.establishment_id("valmont").await;
    let mut admin = app.agent("admin.valmont").await;
    let path = format!("/api/agent/establishments/{valmont}/requests/dashboard");
    let before = get_ok(&mut admin, &path).await.json;
    let total = |d: &serde_json::Value| -> u64 {
        ["sent", "received", "in_progress", "answered", "closed"]
            .iter()
            .map(|s| d["totals"][s].as_u64().unwrap())
            .sum()
    };
    assert!(total(&before) > 100, "a few hundred demo requests");
    assert!(before["median_answer_seconds"].as_i64().unwrap() > 0);
    let library = |d: &serde_json::Value| {
        d["rows"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["service"] == "library")
            .unwrap()
            .clone()
    };

    let mut tablet = app.detainee("VALMONT-DEMO", "10014").await;
    let id = write(&mut tablet, "library", "Avez-vous des bandes dessinées ?").await;
    let after = get_ok(&mut admin, &path).await.json;
    assert_eq!(total(&after), total(&before) + 1);
    assert_eq!(
        library(&after)["counts"]["sent"].as_u64().unwrap(),
        library(&before)["counts"]["sent"].as_u64().unwrap() + 1
    );
    admin
        .post(
            &format!("/api/agent/requests/{id}/answers"),
            text("Oui, au rayon jeunesse."),
        )
        .await;
    let answered = get_ok(&mut admin, &path).await.json;
    assert_eq!(
        library(&answered)["counts"]["answered"].as_u64().unwrap(),
        library(&before)["counts"]["answered"].as_u64().unwrap() + 1
    );
    assert!(
        !answered.to_string().contains("bandes dessinées"),
        "counts only"
    );
    assert_eq!(answered["can_set_deadlines"], true);
    let health = answered["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["service"] == "health")
        .unwrap()
        .clone();
    assert_eq!(
        health["deadline_days"], 3,
        "the demo's health deadline, shown to the management"
    );
    let mut teacher = app.agent("enseignant.valmont").await;
    let r = teacher.get(&path).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn templates_are_kept_per_service() {
    let app = TestApp::new().await;
    let valmont = app.establishment_id("valmont").await;
    let mut canteen = app.agent("cantine.valmont").await;
    let base = format!("/api/agent/establishments/{valmont}/requests/templates");
    let r = canteen
        .post(
            &base,
            json!({"service": "canteen", "title": "", "text": "Bonjour"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let r = canteen
        .post(
            &base,
            json!({"service": "registry", "title": "Pas à moi", "text": "Bonjour à vous"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "not my service");
    let r = canteen.post(&base, json!({"service": "canteen", "title": "Rupture", "text": "Ce produit est en rupture chez le prestataire."})).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let id = r.json["id"].as_str().unwrap().to_owned();
    let list = get_ok(&mut canteen, &format!("{base}?service=canteen")).await;
    assert!(
        list.json
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t["title"] == "Rupture")
    );
    let mut registry = app.agent("greffe.valmont").await;
    let r = registry
        .delete(&format!("/api/agent/requests/templates/{id}"))
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = canteen
        .delete(&format!("/api/agent/requests/templates/{id}"))
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    let list = get_ok(&mut canteen, &format!("{base}?service=canteen")).await;
    assert!(
        list.json
            .as_array()
            .unwrap()
            .iter()
            .all(|t| t["title"] != "Rupture")
    );
    assert_eq!(
        actions_on(&app, &id).await,
        ["request.template_added", "request.template_removed"]
    );
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
