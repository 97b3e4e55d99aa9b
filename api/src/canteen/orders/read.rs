//! Reading orders with their lines, delivery results and disputes.

use axum::extract::State;
use shared_types::Problem;
use shared_types::canteen::delivery::{Dispute, DisputeStatus, LineOutcome};
use shared_types::canteen::orders::{Order, OrderLine, OrderStatus};
use sqlx::Row;

use crate::auth::detainee::CurrentDetainee;
use crate::canteen::windows;
use crate::db::now;
use crate::error::{ApiError, ApiResult};
use crate::http::params::ApiPath;
use crate::state::AppState;

/// Most orders listed at once.
const LIST_LIMIT: i64 = 30;

fn to_u32(v: i64) -> u32 {
    u32::try_from(v).unwrap_or(0)
}

/// The lines of an order; `dispute_days` decides until when a recorded line can be disputed.
pub async fn lines<'e, E>(
    executor: E,
    order_id: &str,
    dispute_days: u32,
) -> ApiResult<Vec<OrderLine>>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    let rows = sqlx::query(
        "SELECT l.id, l.product_id, l.product_name, l.unit, l.unit_price_cents, l.quantity, \
         l.outcome, l.delivered_quantity, l.substitute_name, l.refund_cents, l.recorded_at, \
         d.id AS d_id, d.status AS d_status, d.message AS d_message, d.answer AS d_answer, \
         d.refund_cents AS d_refund, d.created_at AS d_created, d.answered_at AS d_answered \
         FROM canteen_order_lines l LEFT JOIN canteen_disputes d ON d.line_id = l.id \
         WHERE l.order_id = $1 ORDER BY l.product_name",
    )
    .bind(order_id)
    .fetch_all(executor)
    .await?;
    let deadline = i64::from(dispute_days) * 86_400;
    rows.iter()
        .map(|r| {
            let outcome: Option<String> = r.try_get("outcome")?;
            let recorded_at: Option<i64> = r.try_get("recorded_at")?;
            let dispute = match r.try_get::<Option<String>, _>("d_id")? {
                Some(id) => {
                    let status: String = r.try_get("d_status")?;
                    Some(Dispute {
                        id,
                        status: DisputeStatus::from_code(&status)
                            .ok_or_else(|| ApiError::Internal(format!("dispute {status}")))?,
                        message: r.try_get("d_message")?,
                        answer: r.try_get("d_answer")?,
                        refund_cents: r.try_get("d_refund")?,
                        created_at: r.try_get("d_created")?,
                        answered_at: r.try_get("d_answered")?,
                    })
                }
                None => None,
            };
            let disputable =
                dispute.is_none() && recorded_at.is_some_and(|at| now() < at + deadline);
            Ok(OrderLine {
                id: r.try_get("id")?,
                product_id: r.try_get("product_id")?,
                name: r.try_get("product_name")?,
                unit: r.try_get("unit")?,
                unit_price_cents: r.try_get("unit_price_cents")?,
                quantity: to_u32(r.try_get("quantity")?),
                outcome: outcome.as_deref().and_then(LineOutcome::from_code),
                delivered_quantity: r
                    .try_get::<Option<i64>, _>("delivered_quantity")?
                    .map(to_u32),
                substitute_name: r.try_get("substitute_name")?,
                refund_cents: r.try_get("refund_cents")?,
                dispute,
                disputable,
            })
        })
        .collect()
}

const ORDER_COLUMNS: &str = "o.id, o.window_id, o.status, o.total_cents, o.refunded_cents, \
    o.placed_at, w.closes_at, w.delivery_date, o.establishment_id";

async fn order_from(db: &crate::db::Db, r: &sqlx::any::AnyRow) -> ApiResult<Order> {
    let id: String = r.try_get("id")?;
    let status: String = r.try_get("status")?;
    let establishment_id: String = r.try_get("establishment_id")?;
    let settings = windows::settings(&db.pool, &establishment_id).await?;
    Ok(Order {
        lines: lines(&db.pool, &id, settings.dispute_days).await?,
        id,
        window_id: r.try_get("window_id")?,
        status: OrderStatus::from_code(&status)
            .ok_or_else(|| ApiError::Internal(format!("order status {status}")))?,
        total_cents: r.try_get("total_cents")?,
        refunded_cents: r.try_get("refunded_cents")?,
        placed_at: r.try_get("placed_at")?,
        closes_at: r.try_get("closes_at")?,
        delivery_date: r.try_get("delivery_date")?,
    })
}

/// One order of a detainee (404 when it is someone else's).
pub async fn load(db: &crate::db::Db, detainee_id: &str, order_id: &str) -> ApiResult<Order> {
    let row = sqlx::query(&format!(
        "SELECT {ORDER_COLUMNS} FROM canteen_orders o JOIN canteen_windows w ON w.id = o.window_id \
         WHERE o.id = $1 AND o.detainee_id = $2"
    ))
    .bind(order_id)
    .bind(detainee_id)
    .fetch_optional(&db.pool)
    .await?
    .ok_or(ApiError::NotFound)?;
    order_from(db, &row).await
}

/// The signed-in detainee's orders, newest first.
#[utoipa::path(get, path = "/canteen/orders", tag = "detainee",
    responses((status = 200, body = Vec<Order>), (status = 401, body = Problem)))]
pub async fn list(
    State(state): State<AppState>,
    detainee: CurrentDetainee,
) -> ApiResult<axum::Json<Vec<Order>>> {
    let rows = sqlx::query(&format!(
        "SELECT {ORDER_COLUMNS} FROM canteen_orders o JOIN canteen_windows w ON w.id = o.window_id \
         WHERE o.detainee_id = $1 ORDER BY o.placed_at DESC, o.id DESC LIMIT $2"
    ))
    .bind(&detainee.id)
    .bind(LIST_LIMIT)
    .fetch_all(&state.db.pool)
    .await?;
    let mut orders = Vec::with_capacity(rows.len());
    for r in &rows {
        orders.push(order_from(&state.db, r).await?);
    }
    Ok(axum::Json(orders))
}

/// One of the signed-in detainee's orders.
#[utoipa::path(get, path = "/canteen/orders/{id}", tag = "detainee",
    params(("id" = String, Path, description = "Order id")),
    responses((status = 200, body = Order), (status = 401, body = Problem), (status = 404, body = Problem)))]
pub async fn one(
    State(state): State<AppState>,
    detainee: CurrentDetainee,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<axum::Json<Order>> {
    Ok(axum::Json(load(&state.db, &detainee.id, &id).await?))
}
