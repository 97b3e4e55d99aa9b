//! What the database holds of the burst's operations and orders, read straight from it.

use api::db::Db;
use sqlx::Row;

use crate::orders::OrderState;

pub async fn count(db: &Db, sql: &str) -> i64 {
    sqlx::query_scalar(sql)
        .fetch_one(&db.pool)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
}

/// The operation posted under `key` for this detainee: its id and the sum of its entries.
pub async fn operation_by_key(db: &Db, detainee_id: &str, key: &str) -> Option<(String, i64)> {
    let id: Option<String> = sqlx::query_scalar(
        "SELECT id FROM account_operations WHERE detainee_id = $1 AND idempotency_key = $2",
    )
    .bind(detainee_id)
    .bind(key)
    .fetch_optional(&db.pool)
    .await
    .expect("read an operation");
    let id = id?;
    let sum: i64 = sqlx::query_scalar(
        "SELECT CAST(COALESCE(SUM(amount_cents), 0) AS BIGINT) FROM ledger_entries \
         WHERE operation_id = $1",
    )
    .bind(&id)
    .fetch_one(&db.pool)
    .await
    .expect("sum an operation's entries");
    Some((id, sum))
}

/// The order placed under `key` for this detainee: its id and state.
pub async fn order_by_key(db: &Db, detainee_id: &str, key: &str) -> Option<(String, OrderState)> {
    let row = sqlx::query(
        "SELECT id, status, total_cents FROM canteen_orders \
         WHERE detainee_id = $1 AND idempotency_key = $2",
    )
    .bind(detainee_id)
    .bind(key)
    .fetch_optional(&db.pool)
    .await
    .expect("read an order")?;
    let id: String = row.try_get("id").expect("id");
    let mut lines = Vec::new();
    for l in sqlx::query(
        "SELECT product_id, quantity, unit_price_cents FROM canteen_order_lines \
         WHERE order_id = $1",
    )
    .bind(&id)
    .fetch_all(&db.pool)
    .await
    .expect("read an order's lines")
    {
        lines.push((
            l.try_get("product_id").expect("product_id"),
            l.try_get("quantity").expect("quantity"),
            l.try_get("unit_price_cents").expect("unit_price_cents"),
        ));
    }
    lines.sort();
    let state = OrderState {
        status: row.try_get("status").expect("status"),
        total: row.try_get("total_cents").expect("total_cents"),
        lines,
    };
    Some((id, state))
}
