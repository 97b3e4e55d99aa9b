//! The console's inbox: filters by status, age and subject, overdue requests, page by page.

use axum::http::StatusCode;

use crate::harness::TestApp;
use crate::requests_fixture::{get_ok, write};

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
