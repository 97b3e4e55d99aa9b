//! The money rules issue 10 added: a price that changed between the basket and the order is
//! shown and must be agreed to; a placed order keeps its prices; a suspension only lets an order
//! shrink; a reversal posts the exact opposite once and takes the money out of the month's levy.

use axum::http::StatusCode;
use serde_json::json;

use crate::canteen_fixture::{order, product, spendable};
use crate::harness::TestApp;
use crate::visits_fixture::{detainee, scalar};

#[tokio::test]
async fn a_price_rise_between_basket_and_order_is_shown_and_must_be_agreed_to() {
    let app = TestApp::new().await;
    let valmont = app.establishment_id("valmont").await;
    let mut tablet = app.detainee("VALMONT-DEMO", "10001").await;
    let money = spendable(&mut tablet).await;
    let coffee = product(&app, &valmont, "Café test", 189, 5).await;
    let r = tablet
        .put(
            &format!("/api/detainee/canteen/basket/{coffee}"),
            json!({"quantity": 2}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.json["total_cents"], 378);
    assert!(r.json["lines"][0].get("previous_price_cents").is_none());

    // The shop raises the price while the basket waits.
    let mut manager = app.agent("cantine.valmont").await;
    let base = format!("/api/agent/establishments/{valmont}/canteen");
    let mut form = manager.get(&format!("{base}/catalogue")).await.json["products"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == coffee.as_str())
        .cloned()
        .unwrap();
    form = json!({"category_id": form["category_id"], "name": form["name"], "unit": form["unit"],
                  "price_cents": 389, "max_per_order": 5, "available": true});
    let r = manager
        .put(&format!("{base}/products/{coffee}"), form)
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);

    let basket = tablet.get("/api/detainee/canteen/basket").await.json;
    assert_eq!(basket["lines"][0]["previous_price_cents"], 189);
    assert_eq!(basket["lines"][0]["unit_price_cents"], 389);
    assert_eq!(basket["total_cents"], 778);

    // The tablet sends the total it showed before: refused, with the new one, nothing held.
    let mut body = order(&[(&coffee, 2)], "seen-old");
    body["expected_total_cents"] = json!(378);
    let r = tablet.post("/api/detainee/canteen/orders", body).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text);
    assert_eq!(r.json["code"], "order.price_changed");
    assert_eq!(r.json["total_cents"], 778);
    assert_eq!(app.count("canteen_orders").await, 0);
    assert_eq!(spendable(&mut tablet).await, money);

    let mut body = order(&[(&coffee, 2)], "seen-new");
    body["expected_total_cents"] = json!(778);
    let r = tablet.post("/api/detainee/canteen/orders", body).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    assert_eq!(r.json["order"]["total_cents"], 778);
}

#[tokio::test]
async fn a_placed_order_keeps_its_prices_when_it_is_changed() {
    let app = TestApp::new().await;
    let valmont = app.establishment_id("valmont").await;
    let mut tablet = app.detainee("VALMONT-DEMO", "10001").await;
    let money = spendable(&mut tablet).await;
    let coffee = product(&app, &valmont, "Café test", 189, 5).await;
    let rice = product(&app, &valmont, "Riz test", 120, 5).await;
    let r = tablet
        .post("/api/detainee/canteen/orders", order(&[(&coffee, 2)], "o"))
        .await;
    let id = r.json["order"]["id"].as_str().unwrap().to_string();
    sqlx::query("UPDATE canteen_products SET price_cents = 250 WHERE id = $1")
        .bind(&coffee)
        .execute(&app.state.db.pool)
        .await
        .unwrap();
    let change = json!({"lines": [{"product_id": coffee, "quantity": 3},
                                  {"product_id": rice, "quantity": 1}],
                        "expected_total_cents": 3 * 189 + 120});
    let r = tablet
        .put(&format!("/api/detainee/canteen/orders/{id}"), change)
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.json["order"]["total_cents"], 3 * 189 + 120);
    let coffee_line = r.json["order"]["lines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["product_id"] == coffee.as_str())
        .cloned()
        .unwrap();
    assert_eq!(
        coffee_line["unit_price_cents"], 189,
        "the placed price stays"
    );
    assert_eq!(spendable(&mut tablet).await, money - (3 * 189 + 120));

    // A tablet that showed today's price for the kept line is told the right total.
    let change = json!({"lines": [{"product_id": coffee, "quantity": 1}],
                        "expected_total_cents": 250});
    let r = tablet
        .put(&format!("/api/detainee/canteen/orders/{id}"), change)
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text);
    assert_eq!(r.json["code"], "order.price_changed");
    assert_eq!(r.json["total_cents"], 189);
}

#[tokio::test]
async fn during_a_suspension_a_placed_order_shrinks_but_never_grows() {
    let app = TestApp::new().await;
    let valmont = app.establishment_id("valmont").await;
    let karim = app.detainee_id("10001").await;
    let mut tablet = app.detainee("VALMONT-DEMO", "10001").await;
    let money = spendable(&mut tablet).await;
    let soap = product(&app, &valmont, "Savon test", 150, 5).await;
    let tea = product(&app, &valmont, "Thé test", 200, 5).await;
    let r = tablet
        .post("/api/detainee/canteen/orders", order(&[(&soap, 2)], "o"))
        .await;
    let id = r.json["order"]["id"].as_str().unwrap().to_string();
    let mut manager = app.agent("cantine.valmont").await;
    let today = api::paris_time::date_of(api::db::now());
    let r = manager
        .post(
            &format!("/api/agent/establishments/{valmont}/detainees/{karim}/canteen-suspensions"),
            json!({"starts_on": today.to_string(), "ends_on": today.add_days(7).to_string(),
                   "reason": "Commission de discipline"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let url = format!("/api/detainee/canteen/orders/{id}");
    for lines in [
        json!([{"product_id": soap, "quantity": 3}]),
        json!([{"product_id": soap, "quantity": 1}, {"product_id": tea, "quantity": 1}]),
    ] {
        let r = tablet.put(&url, json!({ "lines": lines })).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.text);
        assert_eq!(r.json["code"], "order.suspended_no_increase");
    }
    assert_eq!(spendable(&mut tablet).await, money - 300);
    let r = tablet
        .put(
            &url,
            json!({"lines": [{"product_id": soap, "quantity": 1}]}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(spendable(&mut tablet).await, money - 150);
    let r = tablet.post(&format!("{url}/cancel"), json!({})).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(spendable(&mut tablet).await, money);
}

#[tokio::test]
async fn a_reversed_family_transfer_no_longer_counts_toward_the_month_levy() {
    let app = TestApp::new().await;
    let valmont = app.establishment_id("valmont").await;
    let newcomer = detainee(&app, &valmont, "convicted").await;
    let mut officer = app.agent("comptes.valmont").await;
    let base = format!("/api/agent/establishments/{valmont}/accounts/{newcomer}");
    let transfer = |key: &str| json!({"kind": "family_transfer", "amount_cents": 30_000, "label": "", "idempotency_key": key});
    let first = officer
        .post(&format!("{base}/credits"), transfer("a"))
        .await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.text);
    let op = first.json["operation_id"].as_str().unwrap().to_string();
    let r = officer
        .post(
            &format!("{base}/operations/{op}/reversal"),
            json!({"reason": "Mandat enregistré sur la mauvaise personne", "idempotency_key": "r"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    for part in ["available_cents", "civil_parties_cents", "savings_cents"] {
        assert_eq!(r.json["balances"][part], 0, "{part}");
    }
    let view = officer.get(&base).await.json;
    assert_eq!(view["history"][0]["kind"], "reversal");
    assert_eq!(view["history"][0]["corrects_operation_id"], op.as_str());

    // The same transfer again is split as the first one was: the reversed one is not income.
    let second = officer
        .post(&format!("{base}/credits"), transfer("b"))
        .await;
    assert_eq!(second.json["split"], first.json["split"]);

    // Same key again: the first reversal, nothing more.
    let r = officer
        .post(
            &format!("{base}/operations/{op}/reversal"),
            json!({"reason": "Mandat enregistré sur la mauvaise personne", "idempotency_key": "r"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    // A reversal is not reversed; an unknown operation is not found.
    let reversal = view["history"][0]["operation_id"].as_str().unwrap();
    let r = officer
        .post(
            &format!("{base}/operations/{reversal}/reversal"),
            json!({"reason": "Non", "idempotency_key": "rr"}),
        )
        .await;
    assert_eq!(r.json["code"], "operation.not_reversible", "{}", r.text);
    let r = officer
        .post(
            &format!("{base}/operations/nope/reversal"),
            json!({"reason": "Non", "idempotency_key": "rn"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(
        scalar(
            &app,
            "SELECT COUNT(*) FROM ledger_entries WHERE corrects_operation_id = $1",
            &op
        )
        .await,
        3,
        "one reversal entry per part"
    );
}

#[tokio::test]
async fn money_already_spent_cannot_be_reversed() {
    let app = TestApp::new().await;
    let valmont = app.establishment_id("valmont").await;
    let newcomer = detainee(&app, &valmont, "convicted").await;
    let mut officer = app.agent("comptes.valmont").await;
    let base = format!("/api/agent/establishments/{valmont}/accounts/{newcomer}");
    let r = officer
        .post(
            &format!("{base}/credits"),
            json!({"kind": "allowance", "amount_cents": 2_000, "label": "", "idempotency_key": "a"}),
        )
        .await;
    let op = r.json["operation_id"].as_str().unwrap().to_string();
    let spend = json!({"part": "available", "amount_cents": -1_500, "reason": "Téléphone",
                       "idempotency_key": "t"});
    let r = officer.post(&format!("{base}/corrections"), spend).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let r = officer
        .post(
            &format!("{base}/operations/{op}/reversal"),
            json!({"reason": "Erreur", "idempotency_key": "r"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text);
    assert_eq!(r.json["code"], "account.insufficient");
}
