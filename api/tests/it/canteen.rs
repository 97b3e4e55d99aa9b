//! The canteen from the tablet to the cell: basket, order with a hold, change and cancel, the
//! close that pays, consolidation, delivery with refunds, disputes, and the refusals.

use axum::http::StatusCode;
use serde_json::json;

use crate::canteen_fixture::{open_window, order, product, spendable};
use crate::harness::TestApp;

#[tokio::test]
async fn an_order_holds_the_money_the_close_pays_it_and_a_missing_line_comes_back() {
    let app = TestApp::new().await;
    let valmont = app.establishment_id("valmont").await;
    let mut tablet = app.detainee("VALMONT-DEMO", "10001").await;
    let catalogue = tablet.get("/api/detainee/canteen/catalogue").await;
    assert_eq!(catalogue.status, StatusCode::OK, "{}", catalogue.text);
    let products = catalogue.json["products"].as_array().unwrap();
    assert!(products.len() > 200, "a realistic catalogue");
    assert!(products.iter().all(|p| p["available"] == true));
    let coffee = product(&app, &valmont, "Café test", 329, 4).await;
    let soap = product(&app, &valmont, "Savon test", 99, 6).await;

    // The basket lives on the server: it is still there after signing out and in again.
    let r = tablet
        .put(
            &format!("/api/detainee/canteen/basket/{coffee}"),
            json!({"quantity": 2}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    tablet
        .put(
            &format!("/api/detainee/canteen/basket/{soap}"),
            json!({"quantity": 3}),
        )
        .await;
    tablet.delete("/api/detainee/session").await;
    let r = tablet
        .post(
            "/api/detainee/session",
            json!({"registration_number": "10001", "pin": "2468"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    let basket = tablet.get("/api/detainee/canteen/basket").await.json;
    assert_eq!(basket["total_cents"], 2 * 329 + 3 * 99);
    assert!(basket["window"]["closes_at"].as_i64().unwrap() > 0);

    let before = spendable(&mut tablet).await;
    let r = tablet
        .post(
            "/api/detainee/canteen/orders",
            order(&[(&coffee, 2), (&soap, 3)], "bon-1"),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let order_id = r.json["order"]["id"].as_str().unwrap().to_string();
    assert_eq!(r.json["order"]["status"], "placed");
    assert_eq!(r.json["balances"]["held_cents"], 955);
    assert_eq!(spendable(&mut tablet).await, before - 955);
    let basket = tablet.get("/api/detainee/canteen/basket").await.json;
    assert_eq!(
        basket["lines"],
        json!([]),
        "the ordered lines left the basket"
    );
    app.assert_ledger_balanced().await;

    // The canteen manager closes the week: the order is locked and paid.
    let mut manager = app.agent("cantine.valmont").await;
    let base = format!("/api/agent/establishments/{valmont}/canteen");
    let window = open_window(&app, &valmont).await;
    let r = manager
        .post(&format!("{base}/windows/{window}/lock"), json!({}))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.json["status"], "locked");
    let again = manager
        .post(&format!("{base}/windows/{window}/lock"), json!({}))
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    assert_ne!(
        open_window(&app, &valmont).await,
        window,
        "the next week opened"
    );
    let account = tablet.get("/api/detainee/account").await.json;
    assert_eq!(account["balances"]["held_cents"], 0);
    assert_eq!(account["history"][0]["kind"], "canteen_purchase");
    assert_eq!(account["history"][0]["amount_cents"], -955);
    app.assert_ledger_balanced().await;

    let lines = manager
        .get(&format!("{base}/windows/{window}/consolidation"))
        .await
        .json;
    let coffee_line = lines
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["product_id"] == coffee.as_str())
        .cloned()
        .unwrap();
    assert_eq!(
        (
            coffee_line["quantity"].as_i64(),
            coffee_line["orders"].as_i64()
        ),
        (Some(2), Some(1))
    );
    let csv = manager
        .get(&format!("{base}/windows/{window}/consolidation.csv"))
        .await;
    assert!(
        csv.text.contains("Café test;l'unité;3,29;2;1"),
        "{}",
        csv.text
    );

    // Delivery: the coffee came, one soap of three did not.
    let orders = manager
        .get(&format!("{base}/windows/{window}/orders"))
        .await
        .json;
    let delivered = orders
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["order_id"] == order_id.as_str())
        .cloned()
        .unwrap();
    let line_of = |id: &str| {
        delivered["lines"]
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["product_id"] == id)
            .map(|l| l["id"].as_str().unwrap().to_string())
            .unwrap()
    };
    let batch = json!({"lines": [
        {"line_id": line_of(&coffee), "outcome": "delivered"},
        {"line_id": line_of(&soap), "outcome": "missing", "delivered_quantity": 2},
    ]});
    let r = manager
        .post(
            &format!("/api/agent/establishments/{valmont}/canteen/deliveries"),
            batch.clone(),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    // Recording the same lines twice refunds nothing twice.
    let r = manager
        .post(
            &format!("/api/agent/establishments/{valmont}/canteen/deliveries"),
            batch,
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text);
    assert_eq!(r.json["code"], "delivery.line_recorded");

    let seen = tablet
        .get(&format!("/api/detainee/canteen/orders/{order_id}"))
        .await
        .json;
    assert_eq!(seen["status"], "partly_delivered");
    assert_eq!(seen["refunded_cents"], 99);
    let account = tablet.get("/api/detainee/account").await.json;
    assert_eq!(account["history"][0]["kind"], "canteen_refund");
    assert_eq!(account["history"][0]["amount_cents"], 99);
    assert_eq!(spendable(&mut tablet).await, before - 955 + 99);
    app.assert_ledger_balanced().await;
}

#[tokio::test]
async fn an_order_changes_and_cancels_until_the_close_and_the_hold_follows() {
    let app = TestApp::new().await;
    let valmont = app.establishment_id("valmont").await;
    let mut tablet = app.detainee("VALMONT-DEMO", "10001").await;
    let tea = product(&app, &valmont, "Thé test", 200, 5).await;
    let start = spendable(&mut tablet).await;
    let r = tablet
        .post("/api/detainee/canteen/orders", order(&[(&tea, 1)], "k1"))
        .await;
    let id = r.json["order"]["id"].as_str().unwrap().to_string();
    let r = tablet
        .put(
            &format!("/api/detainee/canteen/orders/{id}"),
            json!({"lines": [{"product_id": tea, "quantity": 4}]}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.json["order"]["total_cents"], 800);
    assert_eq!(spendable(&mut tablet).await, start - 800);
    let r = tablet
        .post(
            &format!("/api/detainee/canteen/orders/{id}/cancel"),
            json!({}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.json["order"]["status"], "cancelled");
    assert_eq!(spendable(&mut tablet).await, start);

    // After the close, nothing changes any more.
    let r = tablet
        .post("/api/detainee/canteen/orders", order(&[(&tea, 1)], "k2"))
        .await;
    let second = r.json["order"]["id"].as_str().unwrap().to_string();
    let window = open_window(&app, &valmont).await;
    api::canteen::windows::lock(&app.state.db, &window, None)
        .await
        .unwrap();
    let r = tablet
        .post(
            &format!("/api/detainee/canteen/orders/{second}/cancel"),
            json!({}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text);
    let r = tablet
        .put(
            &format!("/api/detainee/canteen/orders/{second}"),
            json!({"lines": [{"product_id": tea, "quantity": 2}]}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(spendable(&mut tablet).await, start - 200);
    app.assert_ledger_balanced().await;
}

#[tokio::test]
async fn a_repeated_submission_creates_one_order() {
    let app = TestApp::new().await;
    let valmont = app.establishment_id("valmont").await;
    let mut tablet = app.detainee("VALMONT-DEMO", "10001").await;
    let stamp = product(&app, &valmont, "Timbre test", 152, 10).await;
    let body = order(&[(&stamp, 2)], "same-key");
    let first = tablet
        .post("/api/detainee/canteen/orders", body.clone())
        .await;
    assert_eq!(first.status, StatusCode::CREATED);
    let second = tablet.post("/api/detainee/canteen/orders", body).await;
    assert_eq!(second.status, StatusCode::OK, "{}", second.text);
    assert_eq!(second.json["order"]["id"], first.json["order"]["id"]);
    assert_eq!(app.count("canteen_orders").await, 1);
    assert_eq!(second.json["balances"]["held_cents"], 304);
    app.assert_ledger_balanced().await;
}

#[tokio::test]
async fn orders_that_cannot_be_are_refused_and_write_nothing() {
    let app = TestApp::new().await;
    let valmont = app.establishment_id("valmont").await;
    let karim = app.detainee_id("10001").await;
    let mut tablet = app.detainee("VALMONT-DEMO", "10001").await;
    let cheap = product(&app, &valmont, "Bonbon test", 50, 2).await;
    let dear = product(&app, &valmont, "Montre test", 50_000, 1).await;
    let plate: String = sqlx::query_scalar(
        "SELECT id FROM canteen_products WHERE establishment_id = $1 AND only_regime = 'trust' LIMIT 1",
    )
    .bind(&valmont)
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap();
    let elsewhere: String =
        sqlx::query_scalar("SELECT id FROM canteen_products WHERE establishment_id <> $1 LIMIT 1")
            .bind(&valmont)
            .fetch_one(&app.state.db.pool)
            .await
            .unwrap();
    let url = "/api/detainee/canteen/orders";

    let r = tablet.post(url, order(&[(&dear, 1)], "a")).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text);
    assert!(
        r.json["detail"]
            .as_str()
            .unwrap()
            .contains("solde disponible")
    );
    for (lines, field) in [
        (vec![(cheap.as_str(), 3)], "lines[0].quantity"),
        (vec![(plate.as_str(), 1)], "lines[0].product_id"),
        (vec![(elsewhere.as_str(), 1)], "lines[0].product_id"),
        (
            vec![(cheap.as_str(), 1), (cheap.as_str(), 1)],
            "lines[1].product_id",
        ),
        (vec![(cheap.as_str(), 0)], "lines[0].quantity"),
    ] {
        let r = tablet.post(url, order(&lines, "b")).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
        assert_eq!(r.fields(), [field]);
    }
    let r = tablet
        .post_raw(url, "{\"lines\": [", "application/json")
        .await;
    assert!(r.status.is_client_error() && r.is_problem());

    // A disciplinary suspension stops new orders, with the date it ends.
    let mut manager = app.agent("cantine.valmont").await;
    let today = api::paris_time::date_of(api::db::now());
    let body = json!({"starts_on": today.to_string(), "ends_on": today.add_days(7).to_string(),
                      "reason": "Commission de discipline du 20/11"});
    let r = manager
        .post(
            &format!("/api/agent/establishments/{valmont}/detainees/{karim}/canteen-suspensions"),
            body,
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let suspension = r.json["id"].as_str().unwrap().to_string();
    let r = tablet.post(url, order(&[(&cheap, 1)], "c")).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.text);
    assert!(
        r.json["detail"]
            .as_str()
            .unwrap()
            .contains("suspendue jusqu'au")
    );
    assert_eq!(app.count("canteen_orders").await, 0);
    assert_eq!(
        tablet.get("/api/detainee/canteen/basket").await.json["suspended_until"],
        today.add_days(7).to_string()
    );
    let r = manager
        .post(
            &format!("/api/agent/establishments/{valmont}/canteen-suspensions/{suspension}/lift"),
            json!({}),
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    let r = tablet.post(url, order(&[(&cheap, 1)], "d")).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    app.assert_ledger_balanced().await;
}

#[tokio::test]
async fn a_delivered_line_can_be_disputed_once_and_an_accepted_dispute_is_refunded() {
    let app = TestApp::new().await;
    let valmont = app.establishment_id("valmont").await;
    let mut tablet = app.detainee("VALMONT-DEMO", "10001").await;
    let eggs = product(&app, &valmont, "Œufs test", 219, 3).await;
    let r = tablet
        .post("/api/detainee/canteen/orders", order(&[(&eggs, 2)], "e"))
        .await;
    let order_id = r.json["order"]["id"].as_str().unwrap().to_string();
    let line = r.json["order"]["lines"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let dispute_url = format!("/api/detainee/canteen/orders/{order_id}/lines/{line}/dispute");
    let r = tablet
        .post(&dispute_url, json!({"message": "Pas reçu"}))
        .await;
    assert_eq!(
        r.status,
        StatusCode::CONFLICT,
        "not delivered yet: {}",
        r.text
    );

    let window = open_window(&app, &valmont).await;
    api::canteen::windows::lock(&app.state.db, &window, None)
        .await
        .unwrap();
    let mut manager = app.agent("cantine.valmont").await;
    let base = format!("/api/agent/establishments/{valmont}/canteen");
    let r = manager
        .post(
            &format!("{base}/deliveries"),
            json!({"lines": [{"line_id": line, "outcome": "delivered"}]}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let seen = tablet
        .get(&format!("/api/detainee/canteen/orders/{order_id}"))
        .await;
    assert_eq!(seen.json["status"], "delivered");
    assert_eq!(seen.json["lines"][0]["disputable"], true);

    let r = tablet
        .post(&dispute_url, json!({"message": "Un œuf cassé sur les six"}))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    assert_eq!(r.json["lines"][0]["dispute"]["status"], "open");
    let r = tablet
        .post(&dispute_url, json!({"message": "Encore"}))
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);

    let cases = manager.get(&format!("{base}/disputes")).await.json;
    let case = &cases[0];
    assert_eq!(case["refundable_cents"], 438);
    let id = case["dispute"]["id"].as_str().unwrap().to_string();
    let too_much = json!({"accept": true, "answer": "Remboursé", "refund_cents": 439});
    let r = manager
        .post(&format!("{base}/disputes/{id}/answer"), too_much)
        .await;
    assert_eq!(r.fields(), ["refund_cents"]);
    let before = spendable(&mut tablet).await;
    let ok =
        json!({"accept": true, "answer": "Vu avec le magasin : remboursé.", "refund_cents": 37});
    let r = manager
        .post(&format!("{base}/disputes/{id}/answer"), ok.clone())
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let r = manager
        .post(&format!("{base}/disputes/{id}/answer"), ok)
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(spendable(&mut tablet).await, before + 37);
    let seen = tablet
        .get(&format!("/api/detainee/canteen/orders/{order_id}"))
        .await;
    assert_eq!(
        seen.json["lines"][0]["dispute"]["answer"],
        "Vu avec le magasin : remboursé."
    );
    assert_eq!(seen.json["status"], "partly_delivered");
    app.assert_ledger_balanced().await;
}

#[tokio::test]
async fn the_manager_keeps_the_catalogue_and_detainees_see_price_changes() {
    let app = TestApp::new().await;
    let valmont = app.establishment_id("valmont").await;
    let mut manager = app.agent("cantine.valmont").await;
    let base = format!("/api/agent/establishments/{valmont}/canteen");
    let r = manager
        .post(
            &format!("{base}/categories"),
            json!({"name": "Produits du monde"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let shelf = r.json["id"].as_str().unwrap().to_string();
    let dup = manager
        .post(
            &format!("{base}/categories"),
            json!({"name": "Produits du monde"}),
        )
        .await;
    assert_eq!(dup.status, StatusCode::CONFLICT);
    let form = json!({"category_id": shelf, "name": "Semoule fine", "unit": "le paquet de 1 kg",
        "price_cents": 180, "max_per_order": 3, "available": true});
    let r = manager
        .post(&format!("{base}/products"), form.clone())
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let id = r.json["id"].as_str().unwrap().to_string();
    let mut dearer = form.clone();
    dearer["price_cents"] = json!(195);
    let r = manager.put(&format!("{base}/products/{id}"), dearer).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);

    let mut tablet = app.detainee("VALMONT-DEMO", "10001").await;
    let catalogue = tablet.get("/api/detainee/canteen/catalogue").await.json;
    let seen = catalogue["products"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == id.as_str())
        .cloned()
        .unwrap();
    assert_eq!(seen["price_cents"], 195);
    assert_eq!(seen["recent_change"]["old_price_cents"], 180);

    // Out of stock: gone from the tablet.
    let mut gone = form.clone();
    gone["available"] = json!(false);
    manager.put(&format!("{base}/products/{id}"), gone).await;
    let catalogue = tablet.get("/api/detainee/canteen/catalogue").await.json;
    assert!(
        !catalogue["products"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["id"] == id.as_str())
    );

    let mut bad = form;
    bad["price_cents"] = json!(0);
    bad["name"] = json!("");
    let r = manager.post(&format!("{base}/products"), bad).await;
    assert_eq!(r.fields(), ["name", "price_cents"]);
    let mut visits = app.agent("parloirs.valmont").await;
    let r = visits.get(&format!("{base}/catalogue")).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
}
