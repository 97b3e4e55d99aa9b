//! Changing or cancelling a placed order while its window is open; the hold follows.

use axum::extract::State;
use shared_types::Problem;
use shared_types::canteen::orders::{OrderChange, OrderPlaced, validate_lines};
use sqlx::Row;

use super::{insert_lines, price, read, total};
use crate::accounts::ledger;
use crate::audit::{self, ActorKind, Event};
use crate::auth::detainee::CurrentDetainee;
use crate::canteen::{buyer, windows};
use crate::db::{Tx, now};
use crate::error::{ApiError, ApiResult};
use crate::http::client_ip::ClientIp;
use crate::http::json::ApiJson;
use crate::http::params::ApiPath;
use crate::state::AppState;

/// The placed order of this detainee, with its window taken for the change: 404 when it is not
/// theirs, 409 when it can no longer change.
async fn claim(tx: &mut Tx, detainee_id: &str, order_id: &str) -> ApiResult<i64> {
    let row = sqlx::query(
        "SELECT window_id, status, total_cents FROM canteen_orders WHERE id = $1 AND detainee_id = $2",
    )
    .bind(order_id)
    .bind(detainee_id)
    .fetch_optional(&mut **tx)
    .await?
    .ok_or(ApiError::NotFound)?;
    let window_id: String = row.try_get("window_id")?;
    if row.try_get::<String, _>("status")? != "placed"
        || !windows::claim_for_order(tx, &window_id, 0).await?
    {
        return Err(ApiError::conflict(
            shared_types::refusals::canteen::Canteen::OrderNotPlaced,
            "Cette commande ne peut plus être modifiée : la commande de la semaine est fermée.",
        ));
    }
    Ok(row.try_get("total_cents")?)
}

async fn audited(
    mut tx: Tx,
    state: &AppState,
    detainee: &CurrentDetainee,
    ip: &ClientIp,
    action: &str,
    order_id: &str,
) -> ApiResult<axum::Json<OrderPlaced>> {
    audit::record(
        &mut tx,
        Event::new(
            ActorKind::Detainee,
            Some(&detainee.id),
            action,
            ip.0.as_deref(),
        )
        .establishment(&detainee.establishment_id)
        .target(order_id),
    )
    .await?;
    tx.commit().await?;
    Ok(axum::Json(OrderPlaced {
        order: read::load(&state.db, &detainee.id, order_id).await?,
        balances: ledger::balances(&state.db.pool, &detainee.id).await?,
    }))
}

/// Change the lines of a placed order until the window closes; the held amount follows.
#[utoipa::path(put, path = "/canteen/orders/{id}", tag = "detainee",
    params(("id" = String, Path, description = "Order id")),
    request_body = OrderChange,
    responses((status = 200, body = OrderPlaced), (status = 401, body = Problem), (status = 404, body = Problem),
              (status = 409, body = Problem), (status = 422, body = Problem)))]
pub async fn change(
    State(state): State<AppState>,
    detainee: CurrentDetainee,
    ip: ClientIp,
    ApiPath(id): ApiPath<String>,
    ApiJson(form): ApiJson<OrderChange>,
) -> ApiResult<axum::Json<OrderPlaced>> {
    validate_lines(&form.lines)?;
    let buyer = buyer(&state.db, &detainee.id).await?;
    let mut tx = state.db.begin().await?;
    let before = claim(&mut tx, &detainee.id, &id).await?;
    let lines = price(&mut tx, &detainee.establishment_id, buyer, &form.lines).await?;
    let after = total(&lines);
    ledger::lock_account(&mut tx, &detainee.id, &detainee.establishment_id).await?;
    if after > before {
        if !ledger::hold(&mut tx, &detainee.id, after - before).await? {
            return Err(ledger::insufficient());
        }
    } else if after < before {
        ledger::release(&mut tx, &detainee.id, before - after).await?;
    }
    sqlx::query("DELETE FROM canteen_order_lines WHERE order_id = $1")
        .bind(&id)
        .execute(&mut *tx)
        .await?;
    insert_lines(&mut tx, &id, &lines).await?;
    sqlx::query("UPDATE canteen_orders SET total_cents = $1, updated_at = $2 WHERE id = $3")
        .bind(after)
        .bind(now())
        .bind(&id)
        .execute(&mut *tx)
        .await?;
    audited(tx, &state, &detainee, &ip, "canteen.order_changed", &id).await
}

/// Cancel a placed order until the window closes; the held money is free again.
#[utoipa::path(post, path = "/canteen/orders/{id}/cancel", tag = "detainee",
    params(("id" = String, Path, description = "Order id")),
    responses((status = 200, body = OrderPlaced), (status = 401, body = Problem), (status = 404, body = Problem),
              (status = 409, body = Problem)))]
pub async fn cancel(
    State(state): State<AppState>,
    detainee: CurrentDetainee,
    ip: ClientIp,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<axum::Json<OrderPlaced>> {
    let mut tx = state.db.begin().await?;
    let held = claim(&mut tx, &detainee.id, &id).await?;
    ledger::release(&mut tx, &detainee.id, held).await?;
    sqlx::query("UPDATE canteen_orders SET status = 'cancelled', updated_at = $1 WHERE id = $2")
        .bind(now())
        .bind(&id)
        .execute(&mut *tx)
        .await?;
    audited(tx, &state, &detainee, &ip, "canteen.order_cancelled", &id).await
}
