//! Practical information for visitors: published by staff, readable by anyone.

use axum::http::StatusCode;
use serde_json::json;

use crate::harness::TestApp;

#[tokio::test]
async fn staff_publish_practical_information_that_anyone_can_read() {
    let app = TestApp::new().await;
    let valmont = app.establishment_id("valmont").await;
    let public = format!("/api/public/establishments/{valmont}/visit-info");
    let console = format!("/api/agent/establishments/{valmont}/visit-info");
    let mut anyone = app.client();
    let seeded = anyone.get(&public).await;
    assert_eq!(
        seeded.status,
        StatusCode::OK,
        "the demo publishes practical information"
    );
    let unknown = anyone
        .get("/api/public/establishments/nowhere/visit-info")
        .await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);

    let mut officer = app.agent("parloirs.valmont").await;
    let r = officer
        .send(
            axum::http::Method::PUT,
            &console,
            Some(
                json!({"address": "", "phone": null, "opening_hours": "x", "access": "x",
                        "what_to_bring": "", "accessibility": "x"})
                .to_string()
                .into_bytes(),
            ),
            "application/json",
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.fields(), ["address", "what_to_bring"]);
    assert_eq!(
        anyone.get(&public).await.json,
        seeded.json,
        "a refused edit changes nothing"
    );

    let info = json!({
        "address": "1 chemin des Parloirs, 00000 Valmont",
        "phone": "01 23 45 67 89",
        "opening_hours": "Parloirs du mardi au samedi, 9 h - 17 h. Arrivez 30 minutes avant.",
        "access": "Bus 12, arrêt « Centre pénitentiaire ». Parking visiteurs gratuit.",
        "what_to_bring": "Une pièce d'identité par adulte, le livret de famille pour les enfants.",
        "accessibility": "Accès de plain-pied ; prévenez l'accueil pour un fauteuil roulant."
    });
    let body = Some(info.to_string().into_bytes());
    let mut teacher = app.agent("enseignant.valmont").await;
    let r = teacher
        .send(
            axum::http::Method::PUT,
            &console,
            body.clone(),
            "application/json",
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = officer
        .send(axum::http::Method::PUT, &console, body, "application/json")
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let r = anyone.get(&public).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json, info);
}
