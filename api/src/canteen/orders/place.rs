//! Placing an order: priced, its total held on the available part at once, in the open window.

use axum::extract::State;
use axum::http::StatusCode;
use shared_types::Problem;
use shared_types::canteen::order_rules;
use shared_types::canteen::orders::{NewOrder, OrderPlaced};

use super::{insert_lines, price, read, total};
use crate::accounts::ledger;
use crate::audit::{self, ActorKind, Event};
use crate::auth::detainee::CurrentDetainee;
use crate::canteen::{buyer, suspended_until, windows};
use crate::db::{Db, new_id, now};
use crate::error::{ApiError, ApiResult};
use crate::http::client_ip::ClientIp;
use crate::http::json::ApiJson;
use crate::state::AppState;

async fn existing(db: &Db, detainee_id: &str, key: &str) -> ApiResult<Option<String>> {
    Ok(sqlx::query_scalar(
        "SELECT id FROM canteen_orders WHERE detainee_id = $1 AND idempotency_key = $2",
    )
    .bind(detainee_id)
    .bind(key)
    .fetch_optional(&db.pool)
    .await?)
}

async fn answer(
    db: &Db,
    detainee_id: &str,
    order_id: &str,
    status: StatusCode,
) -> ApiResult<(StatusCode, axum::Json<OrderPlaced>)> {
    let placed = OrderPlaced {
        order: read::load(db, detainee_id, order_id).await?,
        balances: ledger::balances(&db.pool, detainee_id).await?,
    };
    Ok((status, axum::Json(placed)))
}

/// The refusal while a disciplinary suspension runs.
pub fn suspended(until: &str) -> ApiError {
    let shown = shared_types::date::Date::parse(until)
        .map(|d| format!("{:02}/{:02}/{}", d.day, d.month, d.year))
        .unwrap_or_else(|| until.to_owned());
    ApiError::denied(
        shared_types::refusals::canteen::Canteen::Suspended,
        format!(
            "Votre cantine est suspendue jusqu'au {shown} inclus. Vous pourrez commander ensuite."
        ),
    )
}

/// Place an order from the tablet. Its total is held on the available part at once; an order
/// that does not fit the spendable money, or arrives after the window closed, is refused and
/// nothing is written. The same idempotency key again answers the first order (200).
#[utoipa::path(post, path = "/canteen/orders", tag = "detainee",
    request_body = NewOrder,
    responses((status = 201, body = OrderPlaced), (status = 200, body = OrderPlaced),
              (status = 401, body = Problem), (status = 403, body = Problem),
              (status = 409, body = Problem), (status = 422, body = Problem)))]
pub async fn place(
    State(state): State<AppState>,
    detainee: CurrentDetainee,
    ip: ClientIp,
    ApiJson(form): ApiJson<NewOrder>,
) -> ApiResult<(StatusCode, axum::Json<OrderPlaced>)> {
    form.validate()?;
    let key = form.idempotency_key.trim();
    let db = &state.db;
    if let Some(id) = existing(db, &detainee.id, key).await? {
        return answer(db, &detainee.id, &id, StatusCode::OK).await;
    }
    if let Some(until) = suspended_until(&db.pool, &detainee.id).await? {
        return Err(suspended(&until));
    }
    let buyer = buyer(db, &detainee.id).await?;
    let mut tx = db.begin().await?;
    let window = windows::open_window(&mut *tx, &detainee.establishment_id)
        .await?
        .ok_or_else(windows::closed)?;
    let lines = price(&mut tx, &detainee.establishment_id, buyer, &form.lines).await?;
    let total = total(&lines);
    order_rules::check_expected(total, form.expected_total_cents)
        .map_err(super::change::refused)?;
    let id = new_id();
    let at = now();
    let inserted = sqlx::query(
        "INSERT INTO canteen_orders (id, establishment_id, detainee_id, window_id, status, \
         total_cents, idempotency_key, placed_at, updated_at) \
         VALUES ($1, $2, $3, $4, 'placed', $5, $6, $7, $7) \
         ON CONFLICT (detainee_id, idempotency_key) DO NOTHING",
    )
    .bind(&id)
    .bind(&detainee.establishment_id)
    .bind(&detainee.id)
    .bind(&window.id)
    .bind(total)
    .bind(key)
    .bind(at)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if inserted == 0 {
        // The same submission, a moment earlier, from another request: answer that one.
        drop(tx);
        let first = existing(db, &detainee.id, key)
            .await?
            .ok_or(ApiError::NotFound)?;
        return answer(db, &detainee.id, &first, StatusCode::OK).await;
    }
    if !windows::claim_for_order(&mut tx, &window.id, 1).await? {
        return Err(windows::closed());
    }
    ledger::lock_account(&mut tx, &detainee.id, &detainee.establishment_id).await?;
    if !ledger::hold(&mut tx, &detainee.id, total).await? {
        return Err(ledger::insufficient());
    }
    insert_lines(&mut tx, &id, &lines).await?;
    for l in &lines {
        sqlx::query("DELETE FROM canteen_baskets WHERE detainee_id = $1 AND product_id = $2")
            .bind(&detainee.id)
            .bind(&l.product_id)
            .execute(&mut *tx)
            .await?;
    }
    audit::record(
        &mut tx,
        Event::new(
            ActorKind::Detainee,
            Some(&detainee.id),
            "canteen.order_placed",
            ip.0.as_deref(),
        )
        .establishment(&detainee.establishment_id)
        .target(&id),
    )
    .await?;
    tx.commit().await?;
    answer(db, &detainee.id, &id, StatusCode::CREATED).await
}
