//! Helpers for the canteen tests: products at known prices, the open window, money.

use serde_json::{Value, json};

use crate::harness::{Client, TestApp};
use crate::visits_fixture::scalar;

/// A product of `establishment` at `price` cents, in its first shelf; returns its id.
pub async fn product(
    app: &TestApp,
    establishment: &str,
    name: &str,
    price: i64,
    max: i64,
) -> String {
    let id = uuid::Uuid::now_v7().to_string();
    sqlx::query(
        "INSERT INTO canteen_products (id, establishment_id, category_id, name, unit, price_cents, \
         max_per_order, available, created_at, updated_at) \
         SELECT $1, $2, id, $3, 'l''unité', $4, $5, 1, 0, 0 FROM canteen_categories \
         WHERE establishment_id = $2 ORDER BY position LIMIT 1",
    )
    .bind(&id)
    .bind(establishment)
    .bind(name)
    .bind(price)
    .bind(max)
    .execute(&app.state.db.pool)
    .await
    .unwrap();
    id
}

/// The establishment's open window.
pub async fn open_window(app: &TestApp, establishment: &str) -> String {
    sqlx::query_scalar(
        "SELECT id FROM canteen_windows WHERE establishment_id = $1 AND status = 'open'",
    )
    .bind(establishment)
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap()
}

/// An order body.
pub fn order(lines: &[(&str, u32)], key: &str) -> Value {
    let lines: Vec<Value> = lines
        .iter()
        .map(|(p, q)| json!({"product_id": p, "quantity": q}))
        .collect();
    json!({"lines": lines, "idempotency_key": key})
}

/// What the signed-in detainee can spend now.
pub async fn spendable(tablet: &mut Client) -> i64 {
    let r = tablet.get("/api/detainee/account").await;
    r.json["balances"]["spendable_cents"].as_i64().unwrap()
}

/// Orders in a status for a window.
pub async fn orders_in(app: &TestApp, window: &str, status: &str) -> i64 {
    let sql =
        format!("SELECT COUNT(*) FROM canteen_orders WHERE window_id = $1 AND status = '{status}'");
    scalar(app, &sql, window).await
}
