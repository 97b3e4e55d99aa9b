//! Changing or cancelling a placed order while its window is open; the hold follows. Both are
//! load → decide (`shared_types::canteen::order_rules`) → conditional write on the order's
//! version, so two terminals acting on one order at once move its hold once.

use axum::extract::State;
use shared_types::Problem;
use shared_types::canteen::order_rules::{
    self, AskedLine, HeldLine, OrderCommand, OrderDecision, OrderState, Refused,
};
use shared_types::canteen::orders::{OrderChange, OrderPlaced, OrderStatus, validate_lines};
use shared_types::refusals::Refusal;
use shared_types::refusals::canteen::Canteen;

use super::{PricedLine, insert_lines, price, read};
use crate::accounts::ledger;
use crate::audit::{self, ActorKind, Event};
use crate::auth::detainee::CurrentDetainee;
use crate::canteen::{buyer, suspended_until, windows};
use crate::db::{Tx, now};
use crate::error::{ApiError, ApiResult};
use crate::http::client_ip::ClientIp;
use crate::http::json::ApiJson;
use crate::http::params::ApiPath;
use crate::state::AppState;

#[derive(sqlx::FromRow)]
struct OrderRow {
    window_id: String,
    status: String,
    total_cents: i64,
    version: i64,
}

#[derive(sqlx::FromRow)]
struct LineRow {
    product_id: String,
    product_name: String,
    unit: String,
    quantity: i64,
    unit_price_cents: i64,
}

/// A placed order as loaded for a decision, after its window's row lock is taken (the same
/// lock order as the week's close: window, then order, then account).
struct Loaded {
    state: OrderState,
    version: i64,
    lines: Vec<LineRow>,
}

/// The detainee's order with its window taken: 404 when it is not theirs, 409 when the week
/// is closed.
async fn load(tx: &mut Tx, detainee_id: &str, order_id: &str) -> ApiResult<Loaded> {
    let window_id: String = sqlx::query_scalar(
        "SELECT window_id FROM canteen_orders WHERE id = $1 AND detainee_id = $2",
    )
    .bind(order_id)
    .bind(detainee_id)
    .fetch_optional(&mut **tx)
    .await?
    .ok_or(ApiError::NotFound)?;
    if !windows::claim_for_order(tx, &window_id, 0).await? {
        return Err(ApiError::conflict(
            Canteen::WindowNotOpen,
            "Cette commande ne peut plus être modifiée : la commande de la semaine est fermée.",
        ));
    }
    let row = sqlx::query_as::<_, OrderRow>(
        "SELECT window_id, status, total_cents, version FROM canteen_orders WHERE id = $1",
    )
    .bind(order_id)
    .fetch_one(&mut **tx)
    .await?;
    let lines = sqlx::query_as::<_, LineRow>(
        "SELECT product_id, product_name, unit, quantity, unit_price_cents \
         FROM canteen_order_lines WHERE order_id = $1",
    )
    .bind(order_id)
    .fetch_all(&mut **tx)
    .await?;
    debug_assert_eq!(row.window_id, window_id);
    let status = OrderStatus::from_code(&row.status)
        .ok_or_else(|| ApiError::Internal(format!("order status {}", row.status)))?;
    Ok(Loaded {
        state: OrderState {
            status,
            total_cents: row.total_cents,
            lines: lines
                .iter()
                .map(|l| HeldLine {
                    product_id: l.product_id.clone(),
                    quantity: u32::try_from(l.quantity).unwrap_or(0),
                    unit_price_cents: l.unit_price_cents,
                })
                .collect(),
        },
        version: row.version,
        lines,
    })
}

/// The problem for a refused decision.
pub(super) fn refused(r: Refused) -> ApiError {
    let detail = match r.refusal {
        Canteen::OrderNotPlaced => {
            "Cette commande n'est plus en cours : elle a été annulée ou la semaine est clôturée."
                .to_owned()
        }
        Canteen::SuspendedNoIncrease => "Votre cantine est suspendue : vous pouvez seulement \
            retirer des articles ou annuler la commande."
            .to_owned(),
        Canteen::PriceChanged => format!(
            "Des prix ont changé. Le nouveau total est de {} : vérifiez avant de valider.",
            shared_types::accounts::format_euros(r.total_cents.unwrap_or_default())
        ),
        other => other.meaning().to_owned(),
    };
    if r.refusal == Canteen::SuspendedNoIncrease {
        return ApiError::denied(r.refusal, detail);
    }
    ApiError::Conflict {
        code: r.refusal.code(),
        detail,
        total_cents: r.total_cents,
    }
}

/// Writes the decision if the order is still the one that was read; moves the hold.
async fn write(
    tx: &mut Tx,
    detainee: &CurrentDetainee,
    order_id: &str,
    loaded: &Loaded,
    decision: &OrderDecision,
) -> ApiResult<()> {
    let changed = sqlx::query(
        "UPDATE canteen_orders SET status = $1, total_cents = $2, version = version + 1, \
         updated_at = $3 WHERE id = $4 AND detainee_id = $5 AND status = 'placed' AND version = $6",
    )
    .bind(decision.status.code())
    .bind(decision.total_cents)
    .bind(now())
    .bind(order_id)
    .bind(&detainee.id)
    .bind(loaded.version)
    .execute(&mut **tx)
    .await?
    .rows_affected();
    if changed == 0 {
        return Err(ApiError::conflict(
            Canteen::OrderChanged,
            "Cette commande vient d'être modifiée depuis un autre écran : rechargez-la.",
        ));
    }
    ledger::lock_account(tx, &detainee.id, &detainee.establishment_id).await?;
    let delta = decision.hold_delta_cents;
    if delta > 0 && !ledger::hold(tx, &detainee.id, delta).await? {
        return Err(ledger::insufficient());
    }
    if delta < 0 {
        ledger::release(tx, &detainee.id, -delta).await?;
    }
    Ok(())
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

/// Change the lines of a placed order until the window closes: quantities change at the prices
/// the order was placed at (new products at today's price), the held amount follows. During a
/// canteen suspension the order can only shrink. When `expected_total_cents` differs from the
/// server's total the change is refused with `order.price_changed` and the right total.
#[utoipa::path(put, path = "/canteen/orders/{id}", tag = "detainee",
    params(("id" = String, Path, description = "Order id")),
    request_body = OrderChange,
    responses((status = 200, body = OrderPlaced), (status = 401, body = Problem), (status = 403, body = Problem),
              (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
pub async fn change(
    State(state): State<AppState>,
    detainee: CurrentDetainee,
    ip: ClientIp,
    ApiPath(id): ApiPath<String>,
    ApiJson(form): ApiJson<OrderChange>,
) -> ApiResult<axum::Json<OrderPlaced>> {
    validate_lines(&form.lines)?;
    let buyer = buyer(&state.db, &detainee.id).await?;
    let suspended = suspended_until(&state.db.pool, &detainee.id)
        .await?
        .is_some();
    let mut tx = state.db.begin().await?;
    let loaded = load(&mut tx, &detainee.id, &id).await?;
    let priced = price(&mut tx, &detainee.establishment_id, buyer, &form.lines).await?;
    let asked: Vec<AskedLine> = priced
        .iter()
        .map(|l| AskedLine {
            product_id: l.product_id.clone(),
            quantity: l.quantity,
            today_price_cents: l.unit_price_cents,
        })
        .collect();
    let command = OrderCommand::Change {
        lines: &asked,
        expected_total_cents: form.expected_total_cents,
    };
    let decision = order_rules::decide(&loaded.state, &command, suspended).map_err(refused)?;
    write(&mut tx, &detainee, &id, &loaded, &decision).await?;
    // A kept product keeps the name and unit it was ordered under, with its price.
    let lines: Vec<PricedLine> = priced
        .into_iter()
        .zip(&decision.lines)
        .map(
            |(p, d)| match loaded.lines.iter().find(|l| l.product_id == p.product_id) {
                Some(kept) => PricedLine {
                    product_id: p.product_id,
                    name: kept.product_name.clone(),
                    unit: kept.unit.clone(),
                    unit_price_cents: d.unit_price_cents,
                    quantity: d.quantity,
                },
                None => p,
            },
        )
        .collect();
    sqlx::query("DELETE FROM canteen_order_lines WHERE order_id = $1")
        .bind(&id)
        .execute(&mut *tx)
        .await?;
    insert_lines(&mut tx, &id, &lines).await?;
    audited(tx, &state, &detainee, &ip, "canteen.order_changed", &id).await
}

/// Cancel a placed order until the window closes; the held money is free again, once.
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
    let loaded = load(&mut tx, &detainee.id, &id).await?;
    let decision =
        order_rules::decide(&loaded.state, &OrderCommand::Cancel, false).map_err(refused)?;
    write(&mut tx, &detainee, &id, &loaded, &decision).await?;
    audited(tx, &state, &detainee, &ip, "canteen.order_cancelled", &id).await
}
