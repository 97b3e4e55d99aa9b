//! Races on the canteen: orders cancelled and changed from two terminals at once, beside the
//! close of the week; deliveries, partner batches and disputes sent several times at once; the
//! catalogue, settings and suspensions edited at once. Holds and refunds move once.

use axum::http::StatusCode;
use serde_json::{Value, json};

use super::{N, race};
use crate::canteen_fixture::{open_window, order, product, spendable};
use crate::harness::{Client, TestApp};
use crate::visits_fixture::scalar;

/// The routes this file races.
pub const COVERED: &[&str] = &[
    "DELETE /api/detainee/canteen/basket",
    "PUT /api/detainee/canteen/basket/{product_id}",
    "POST /api/detainee/canteen/orders",
    "PUT /api/detainee/canteen/orders/{id}",
    "POST /api/detainee/canteen/orders/{id}/cancel",
    "POST /api/detainee/canteen/orders/{id}/lines/{line_id}/dispute",
    "POST /api/agent/establishments/{id}/canteen-suspensions/{suspension_id}/lift",
    "POST /api/agent/establishments/{id}/canteen/categories",
    "POST /api/agent/establishments/{id}/canteen/deliveries",
    "POST /api/agent/establishments/{id}/canteen/disputes/{dispute_id}/answer",
    "POST /api/agent/establishments/{id}/canteen/products",
    "PUT /api/agent/establishments/{id}/canteen/products/{product_id}",
    "PUT /api/agent/establishments/{id}/canteen/settings",
    "POST /api/agent/establishments/{id}/canteen/windows/{window_id}/lock",
    "POST /api/agent/establishments/{id}/detainees/{detainee_id}/canteen-suspensions",
    "POST /api/partner/windows/{id}/deliveries",
];

/// Karim's tablet at Valmont with an order of 2 × 1,90 € and 1 × 2,32 € placed: (tablet,
/// order id, line ids, money before the order).
struct Placed {
    tablet: Client,
    valmont: String,
    order_id: String,
    lines: Vec<String>,
    money: i64,
    items: Vec<String>,
}

async fn placed(app: &TestApp) -> Placed {
    let valmont = app.establishment_id("valmont").await;
    let mut tablet = app.detainee("VALMONT-DEMO", "10001").await;
    let money = spendable(&mut tablet).await;
    let soap = product(app, &valmont, "Savon test", 190, 5).await;
    let tea = product(app, &valmont, "Thé test", 232, 5).await;
    let r = tablet
        .post(
            "/api/detainee/canteen/orders",
            order(&[(&soap, 2), (&tea, 1)], "first"),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let lines = r.json["order"]["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["id"].as_str().unwrap().to_string())
        .collect();
    Placed {
        tablet,
        order_id: r.json["order"]["id"].as_str().unwrap().to_string(),
        lines,
        money,
        valmont,
        items: vec![soap, tea],
    }
}

fn lines_body(lines: &[(&str, u32)]) -> Value {
    let lines: Vec<Value> = lines
        .iter()
        .map(|(p, q)| json!({"product_id": p, "quantity": q}))
        .collect();
    json!({ "lines": lines })
}

#[tokio::test]
async fn ten_cancels_of_one_order_from_two_terminals_release_its_hold_once() {
    let app = TestApp::new().await;
    let mut p = placed(&app).await;
    let second = app.detainee("VALMONT-DEMO", "10001").await;
    let url = format!("/api/detainee/canteen/orders/{}/cancel", p.order_id);
    let (first, url2) = (p.tablet.clone(), url.clone());
    let o = race(10, move |i| {
        let mut t = if i % 2 == 0 {
            first.clone()
        } else {
            second.clone()
        };
        let url = url2.clone();
        async move { t.post(&url, json!({})).await }
    })
    .await;
    o.exactly_one(StatusCode::OK, &["order.not_placed", "order.changed"]);
    assert_eq!(
        spendable(&mut p.tablet).await,
        p.money,
        "the hold is free, once"
    );
    // The week still closes for everyone.
    let window = open_window(&app, &p.valmont).await;
    let mut manager = app.agent("cantine.valmont").await;
    let r = manager
        .post(
            &format!(
                "/api/agent/establishments/{}/canteen/windows/{window}/lock",
                p.valmont
            ),
            json!({}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
}

#[tokio::test]
async fn changes_of_one_order_at_once_leave_the_hold_equal_to_the_order() {
    let app = TestApp::new().await;
    let mut p = placed(&app).await;
    let url = format!("/api/detainee/canteen/orders/{}", p.order_id);
    let (soap, tea) = (p.items[0].clone(), p.items[1].clone());
    let tablet = p.tablet.clone();
    let o = race(N, move |i| {
        let mut t = tablet.clone();
        let url = url.clone();
        let quantity = u32::try_from(i % 4 + 1).unwrap();
        let body = lines_body(&[(&soap, quantity), (&tea, 1)]);
        async move { t.put(&url, body).await }
    })
    .await;
    assert!(o.only(StatusCode::OK, &["order.changed"]) >= 1);
    let seen = p
        .tablet
        .get(&format!("/api/detainee/canteen/orders/{}", p.order_id))
        .await;
    let total = seen.json["total_cents"].as_i64().unwrap();
    assert_eq!(spendable(&mut p.tablet).await, p.money - total);
}

#[tokio::test]
async fn cancel_change_and_the_close_of_the_week_at_once_never_lose_money() {
    let app = TestApp::new().await;
    let mut p = placed(&app).await;
    let window = open_window(&app, &p.valmont).await;
    let manager = app.agent("cantine.valmont").await;
    let lock = format!(
        "/api/agent/establishments/{}/canteen/windows/{window}/lock",
        p.valmont
    );
    let order = format!("/api/detainee/canteen/orders/{}", p.order_id);
    let soap = p.items[0].clone();
    let tablet = p.tablet.clone();
    let o = race(6, move |i| {
        let (mut t, mut m) = (tablet.clone(), manager.clone());
        let (lock, order, soap) = (lock.clone(), order.clone(), soap.clone());
        async move {
            match i % 3 {
                0 => m.post(&lock, json!({})).await,
                1 => t.post(&format!("{order}/cancel"), json!({})).await,
                _ => t.put(&order, lines_body(&[(&soap, 1)])).await,
            }
        }
    })
    .await;
    let locks = o.0.iter().step_by(3).filter(|r| r.status == StatusCode::OK);
    assert_eq!(locks.count(), 1, "the week closes once");
    o.only(
        StatusCode::OK,
        &["window.not_open", "order.not_placed", "order.changed"],
    );
    let status: String = sqlx::query_scalar("SELECT status FROM canteen_orders WHERE id = $1")
        .bind(&p.order_id)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    assert!(
        ["locked", "cancelled"].contains(&status.as_str()),
        "{status}"
    );
    let total: i64 = sqlx::query_scalar("SELECT total_cents FROM canteen_orders WHERE id = $1")
        .bind(&p.order_id)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    let paid = if status == "locked" { total } else { 0 };
    assert_eq!(spendable(&mut p.tablet).await, p.money - paid);
}

/// Locks the week and returns the console client of the canteen manager.
async fn closed_week(app: &TestApp, establishment: &str) -> Client {
    let window = open_window(app, establishment).await;
    api::canteen::windows::lock(&app.state.db, &window, None)
        .await
        .unwrap();
    app.agent("cantine.valmont").await
}

#[tokio::test]
async fn a_missing_line_entered_six_times_at_once_is_refunded_once() {
    let app = TestApp::new().await;
    let mut p = placed(&app).await;
    let manager = closed_week(&app, &p.valmont).await;
    let url = format!("/api/agent/establishments/{}/canteen/deliveries", p.valmont);
    let body =
        json!({"lines": [{"line_id": p.lines[0], "outcome": "missing", "delivered_quantity": 0}]});
    let o = race(6, move |_| {
        let (mut m, url, body) = (manager.clone(), url.clone(), body.clone());
        async move { m.post(&url, body).await }
    })
    .await;
    o.exactly_one(StatusCode::OK, &["delivery.line_recorded"]);
    let refunded = scalar(
        &app,
        "SELECT refunded_cents FROM canteen_orders WHERE id = $1",
        &p.order_id,
    )
    .await;
    let order_total = 2 * 190 + 232;
    let line_cost = scalar(
        &app,
        "SELECT quantity * unit_price_cents FROM canteen_order_lines WHERE id = $1",
        &p.lines[0],
    )
    .await;
    assert_eq!(refunded, line_cost);
    assert_eq!(
        spendable(&mut p.tablet).await,
        p.money - order_total + line_cost
    );
}

#[tokio::test]
async fn a_partner_batch_sent_five_times_at_once_refunds_once() {
    let app = TestApp::new().await;
    let saint_aubin = app.establishment_id("saint-aubin").await;
    let mut admin = app.agent("admin.saint-aubin").await;
    let r = admin
        .post(
            "/api/agent/partner-keys",
            json!({"name": "Prestataire", "establishment_ids": [saint_aubin]}),
        )
        .await;
    let secret = r.json["secret"].as_str().unwrap().to_string();
    let mut tablet = app.detainee("STAUBIN-DEMO", "20001").await;
    let money = spendable(&mut tablet).await;
    let rice = product(&app, &saint_aubin, "Riz test", 189, 4).await;
    let r = tablet
        .post("/api/detainee/canteen/orders", order(&[(&rice, 2)], "p"))
        .await;
    let line = r.json["order"]["lines"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let window = open_window(&app, &saint_aubin).await;
    api::canteen::windows::lock(&app.state.db, &window, None)
        .await
        .unwrap();
    let partner = app
        .client()
        .with_header("authorization", &format!("Bearer {secret}"));
    let url = format!("/api/partner/windows/{window}/deliveries");
    let body = json!({"lines": [{"line_id": line, "outcome": "missing", "delivered_quantity": 1}]});
    let o = race(5, move |_| {
        let (mut p, url, body) = (partner.clone(), url.clone(), body.clone());
        async move { p.post(&url, body).await }
    })
    .await;
    o.exactly_one(StatusCode::OK, &["delivery.line_recorded"]);
    assert_eq!(spendable(&mut tablet).await, money - 2 * 189 + 189);
}

#[tokio::test]
async fn a_line_is_disputed_once_and_its_dispute_answered_once() {
    let app = TestApp::new().await;
    let mut p = placed(&app).await;
    let mut manager = closed_week(&app, &p.valmont).await;
    let base = format!("/api/agent/establishments/{}/canteen", p.valmont);
    let r = manager
        .post(
            &format!("{base}/deliveries"),
            json!({"lines": [{"line_id": p.lines[0], "outcome": "delivered"}]}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let url = format!(
        "/api/detainee/canteen/orders/{}/lines/{}/dispute",
        p.order_id, p.lines[0]
    );
    let tablet = p.tablet.clone();
    let o = race(N, move |_| {
        let (mut t, url) = (tablet.clone(), url.clone());
        async move { t.post(&url, json!({"message": "Il manque un savon"})).await }
    })
    .await;
    o.exactly_one(StatusCode::CREATED, &["dispute.exists"]);

    let cases = manager.get(&format!("{base}/disputes")).await.json;
    let id = cases[0]["dispute"]["id"].as_str().unwrap().to_string();
    let before = spendable(&mut p.tablet).await;
    let url = format!("{base}/disputes/{id}/answer");
    let o = race(N, move |i| {
        let (mut m, url) = (manager.clone(), url.clone());
        let body =
            json!({"accept": true, "answer": format!("Remboursé ({i})"), "refund_cents": 190});
        async move { m.post(&url, body).await }
    })
    .await;
    o.exactly_one(StatusCode::OK, &["dispute.answered"]);
    assert_eq!(
        spendable(&mut p.tablet).await,
        before + 190,
        "refunded once"
    );
}

#[tokio::test]
async fn the_basket_edited_from_two_terminals_at_once_keeps_one_line_per_product() {
    let app = TestApp::new().await;
    let valmont = app.establishment_id("valmont").await;
    let tablet = app.detainee("VALMONT-DEMO", "10001").await;
    let other = app.detainee("VALMONT-DEMO", "10001").await;
    let item = product(&app, &valmont, "Biscuits test", 150, 9).await;
    let url = format!("/api/detainee/canteen/basket/{item}");
    let (t1, t2) = (tablet.clone(), other.clone());
    let o = race(N, move |i| {
        let mut t = if i % 2 == 0 { t1.clone() } else { t2.clone() };
        let url = url.clone();
        async move { t.put(&url, json!({"quantity": i % 9 + 1})).await }
    })
    .await;
    o.all(&[StatusCode::OK]);
    let karim = app.detainee_id("10001").await;
    let rows = scalar(
        &app,
        "SELECT COUNT(*) FROM canteen_baskets WHERE detainee_id = $1",
        &karim,
    )
    .await;
    assert_eq!(rows, 1);
    let o = race(N, move |i| {
        let mut t = if i % 2 == 0 {
            tablet.clone()
        } else {
            other.clone()
        };
        async move { t.delete("/api/detainee/canteen/basket").await }
    })
    .await;
    o.all(&[StatusCode::OK]);
    assert_eq!(
        scalar(
            &app,
            "SELECT COUNT(*) FROM canteen_baskets WHERE detainee_id = $1",
            &karim
        )
        .await,
        0
    );
}

#[tokio::test]
async fn one_order_sent_eight_times_at_once_is_placed_once() {
    let app = TestApp::new().await;
    let valmont = app.establishment_id("valmont").await;
    let mut tablet = app.detainee("VALMONT-DEMO", "10001").await;
    let money = spendable(&mut tablet).await;
    let item = product(&app, &valmont, "Café test", 310, 5).await;
    let body = order(&[(&item, 2)], "one-key");
    let t = tablet.clone();
    let o = race(N, move |_| {
        let (mut t, body) = (t.clone(), body.clone());
        async move { t.post("/api/detainee/canteen/orders", body).await }
    })
    .await;
    o.all(&[StatusCode::CREATED, StatusCode::OK]);
    assert_eq!(o.count(StatusCode::CREATED), 1);
    assert_eq!(app.count("canteen_orders").await, 1);
    assert_eq!(spendable(&mut tablet).await, money - 620);
}

#[tokio::test]
async fn the_catalogue_edited_at_once_keeps_one_shelf_and_one_price_history() {
    let app = TestApp::new().await;
    let valmont = app.establishment_id("valmont").await;
    let manager = app.agent("cantine.valmont").await;
    let base = format!("/api/agent/establishments/{valmont}/canteen");
    let shelves = app.count("canteen_categories").await;
    let (m, url) = (manager.clone(), format!("{base}/categories"));
    let o = race(N, move |_| {
        let (mut m, url) = (m.clone(), url.clone());
        async move { m.post(&url, json!({"name": "Rayon du monde"})).await }
    })
    .await;
    o.exactly_one(StatusCode::CREATED, &["category.exists"]);
    assert_eq!(app.count("canteen_categories").await, shelves + 1);
    let shelf =
        o.0.iter()
            .find(|r| r.status == StatusCode::CREATED)
            .unwrap()
            .json["id"]
            .as_str()
            .unwrap()
            .to_string();

    // Products carry no key: each creation is a product of its own, none half-written.
    let products = app.count("canteen_products").await;
    let form = json!({"category_id": shelf, "name": "Semoule", "unit": "le paquet",
        "price_cents": 180, "max_per_order": 3, "available": true});
    let (m, url, f) = (manager.clone(), format!("{base}/products"), form.clone());
    let o = race(4, move |_| {
        let (mut m, url, f) = (m.clone(), url.clone(), f.clone());
        async move { m.post(&url, f).await }
    })
    .await;
    o.all(&[StatusCode::CREATED]);
    assert_eq!(app.count("canteen_products").await, products + 4);

    // Two managers changing one price at once: the history is one chain from 1,80 €.
    let id = o.0[0].json["id"].as_str().unwrap().to_string();
    let (m, url) = (manager.clone(), format!("{base}/products/{id}"));
    let o = race(N, move |i| {
        let (mut m, url) = (m.clone(), url.clone());
        let mut f = form.clone();
        f["price_cents"] = json!(200 + i64::try_from(i).unwrap());
        async move { m.put(&url, f).await }
    })
    .await;
    let changed = o.only(StatusCode::OK, &["record.changed"]);
    assert!(changed >= 1);
    let history = scalar(
        &app,
        "SELECT COUNT(*) FROM canteen_price_changes WHERE product_id = $1",
        &id,
    )
    .await;
    assert_eq!(history, i64::try_from(changed).unwrap());
    let from_start = scalar(
        &app,
        "SELECT COUNT(*) FROM canteen_price_changes WHERE product_id = $1 AND old_price_cents = 180",
        &id,
    )
    .await;
    assert_eq!(from_start, 1, "one change starts from the first price");
}

#[tokio::test]
async fn settings_suspensions_and_lifts_at_once() {
    let app = TestApp::new().await;
    let valmont = app.establishment_id("valmont").await;
    let karim = app.detainee_id("10001").await;
    let manager = app.agent("cantine.valmont").await;
    let (m, url) = (
        manager.clone(),
        format!("/api/agent/establishments/{valmont}/canteen/settings"),
    );
    let o = race(N, move |i| {
        let (mut m, url) = (m.clone(), url.clone());
        let body = json!({"close_weekday": 1, "close_minute": 600, "delivery_weekday": 4,
                          "dispute_days": 3 + i});
        async move { m.put(&url, body).await }
    })
    .await;
    o.all(&[StatusCode::OK]);
    assert_eq!(
        scalar(
            &app,
            "SELECT COUNT(*) FROM canteen_settings WHERE establishment_id = $1",
            &valmont
        )
        .await,
        1
    );

    let today = api::paris_time::date_of(api::db::now());
    let body = json!({"starts_on": today.to_string(), "ends_on": today.add_days(7).to_string(),
                      "reason": "Commission de discipline"});
    let (m, url) = (
        manager.clone(),
        format!("/api/agent/establishments/{valmont}/detainees/{karim}/canteen-suspensions"),
    );
    let o = race(4, move |_| {
        let (mut m, url, body) = (m.clone(), url.clone(), body.clone());
        async move { m.post(&url, body).await }
    })
    .await;
    o.all(&[StatusCode::CREATED]);
    let id = o.0[0].json["id"].as_str().unwrap().to_string();
    let url = format!("/api/agent/establishments/{valmont}/canteen-suspensions/{id}/lift");
    let o = race(N, move |_| {
        let (mut m, url) = (manager.clone(), url.clone());
        async move { m.post(&url, json!({})).await }
    })
    .await;
    o.exactly_one(StatusCode::NO_CONTENT, &["suspension.lifted"]);
}
