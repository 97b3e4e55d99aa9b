//! Money under concurrency: orders fired at once from two terminals never overspend, and an
//! order racing the close is either in the closed week or refused, never lost.

use axum::http::StatusCode;

use crate::canteen_fixture::{open_window, order, orders_in, product, spendable};
use crate::harness::TestApp;
use crate::visits_fixture::scalar;

#[tokio::test]
async fn fifty_orders_from_two_terminals_spend_only_what_is_there() {
    let app = TestApp::new().await;
    let valmont = app.establishment_id("valmont").await;
    let mut first = app.detainee("VALMONT-DEMO", "10001").await;
    let second = app.detainee("VALMONT-DEMO", "10001").await;
    let money = spendable(&mut first).await;
    // Each order costs a tenth of the money: exactly ten fit.
    let price = money / 10;
    assert!(price > 0 && money < 11 * price);
    let item = product(&app, &valmont, "Article test", price, 1).await;
    let tasks: Vec<_> = (0..50)
        .map(|i| {
            let mut tablet = if i % 2 == 0 {
                first.clone()
            } else {
                second.clone()
            };
            let body = order(&[(&item, 1)], &format!("k{i}"));
            tokio::spawn(async move { tablet.post("/api/detainee/canteen/orders", body).await })
        })
        .collect();
    let (mut placed, mut refused) = (0, 0);
    for t in tasks {
        let r = t.await.unwrap();
        match r.status {
            StatusCode::CREATED => placed += 1,
            StatusCode::CONFLICT => {
                assert!(
                    r.json["detail"].as_str().unwrap().contains("solde"),
                    "{}",
                    r.text
                );
                refused += 1;
            }
            other => panic!("unexpected {other}: {}", r.text),
        }
    }
    assert_eq!((placed, refused), (10, 40));
    assert_eq!(spendable(&mut first).await, money - 10 * price);
    let karim = app.detainee_id("10001").await;
    assert_eq!(
        scalar(
            &app,
            "SELECT COUNT(*) FROM canteen_orders WHERE detainee_id = $1",
            &karim
        )
        .await,
        10
    );
    assert!(
        scalar(
            &app,
            "SELECT available_cents - held_cents FROM accounts WHERE detainee_id = $1",
            &karim
        )
        .await
            >= 0
    );
    app.assert_ledger_balanced().await;
}

#[tokio::test]
async fn an_order_racing_the_close_is_in_the_closed_week_or_refused_never_lost() {
    let app = TestApp::new().await;
    let valmont = app.establishment_id("valmont").await;
    let tablet = app.detainee("VALMONT-DEMO", "10001").await;
    let item = product(&app, &valmont, "Article test", 100, 1).await;
    let window = open_window(&app, &valmont).await;
    let mut tasks = Vec::new();
    for i in 0..30 {
        let mut tablet = tablet.clone();
        let body = order(&[(&item, 1)], &format!("race{i}"));
        tasks.push(tokio::spawn(async move {
            tablet.post("/api/detainee/canteen/orders", body).await
        }));
        if i == 10 {
            let db = app.state.db.clone();
            let w = window.clone();
            tasks.push(tokio::spawn(async move {
                let locked = api::canteen::windows::lock(&db, &w, None).await.unwrap();
                assert!(locked);
                crate::harness::Response::empty()
            }));
        }
    }
    let mut accepted = 0;
    for t in tasks {
        let r = t.await.unwrap();
        match r.status {
            StatusCode::CREATED => accepted += 1,
            StatusCode::CONFLICT => {
                assert!(
                    r.json["detail"].as_str().unwrap().contains("fermée"),
                    "{}",
                    r.text
                )
            }
            StatusCode::NO_CONTENT => {}
            other => panic!("unexpected {other}: {}", r.text),
        }
    }
    // Nothing placed is left behind in the closed week: every order there is locked and paid,
    // the others are in the next week, and every accepted order exists.
    assert_eq!(orders_in(&app, &window, "placed").await, 0);
    let locked = orders_in(&app, &window, "locked").await;
    let next = open_window(&app, &valmont).await;
    assert_ne!(next, window);
    let later = orders_in(&app, &next, "placed").await;
    assert_eq!(locked + later, accepted);
    let consolidated = scalar(
        &app,
        "SELECT COUNT(*) FROM canteen_order_lines l JOIN canteen_orders o ON o.id = l.order_id \
         WHERE o.window_id = $1",
        &window,
    )
    .await;
    assert_eq!(consolidated, locked);
    let purchases = scalar(
        &app,
        "SELECT COUNT(*) FROM ledger_entries WHERE kind = 'canteen_purchase' AND order_id IN \
         (SELECT id FROM canteen_orders WHERE window_id = $1)",
        &window,
    )
    .await;
    assert_eq!(purchases, locked, "each locked order paid once");
    app.assert_ledger_balanced().await;
}
