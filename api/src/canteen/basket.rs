//! The basket, kept on the server: it survives sign-out, idle sign-out and a change of terminal.
//! Basket edits are not audited (they commit nothing); the order placed from it is.

use axum::extract::State;
use shared_types::Problem;
use shared_types::canteen::orders::{Basket, BasketLine, BasketPut, MAX_LINES};
use shared_types::{ErrorCode, FieldError};
use sqlx::Row;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::{buyer, row_may_buy, suspended_until, windows};
use crate::accounts::ledger;
use crate::auth::detainee::CurrentDetainee;
use crate::db::{Db, now};
use crate::error::{ApiError, ApiResult};
use crate::http::json::ApiJson;
use crate::http::params::ApiPath;
use crate::state::AppState;

/// Basket routes of the detainee portal.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(read, empty))
        .routes(routes!(put))
}

/// The basket priced now, with the money and the window.
pub async fn load(db: &Db, detainee: &CurrentDetainee) -> ApiResult<Basket> {
    let (status, regime) = buyer(db, &detainee.id).await?;
    let rows = sqlx::query(
        "SELECT p.id, p.name, p.unit, p.price_cents, p.max_per_order, p.available, \
         p.only_legal_status, p.only_regime, b.quantity, b.unit_price_cents AS added_price \
         FROM canteen_baskets b \
         JOIN canteen_products p ON p.id = b.product_id \
         WHERE b.detainee_id = $1 AND p.establishment_id = $2 ORDER BY p.name",
    )
    .bind(&detainee.id)
    .bind(&detainee.establishment_id)
    .fetch_all(&db.pool)
    .await?;
    let mut lines = Vec::with_capacity(rows.len());
    for r in &rows {
        let allowed = row_may_buy(r, status, regime)?;
        let max = u32::try_from(r.try_get::<i64, _>("max_per_order")?).unwrap_or(1);
        let quantity = u32::try_from(r.try_get::<i64, _>("quantity")?).unwrap_or(0);
        let price: i64 = r.try_get("price_cents")?;
        let added: Option<i64> = r.try_get("added_price")?;
        lines.push(BasketLine {
            product_id: r.try_get("id")?,
            name: r.try_get("name")?,
            unit: r.try_get("unit")?,
            unit_price_cents: price,
            previous_price_cents: added.filter(|a| *a != price),
            quantity,
            max_per_order: max,
            orderable: allowed && r.try_get::<i64, _>("available")? != 0 && quantity <= max,
        });
    }
    let total_cents = lines
        .iter()
        .filter(|l| l.orderable)
        .map(|l| l.unit_price_cents * i64::from(l.quantity))
        .sum();
    Ok(Basket {
        lines,
        total_cents,
        balances: ledger::balances(&db.pool, &detainee.id).await?,
        window: windows::open_window(&db.pool, &detainee.establishment_id).await?,
        suspended_until: suspended_until(&db.pool, &detainee.id).await?,
    })
}

/// The basket.
#[utoipa::path(get, path = "/canteen/basket", tag = "detainee",
    responses((status = 200, body = Basket), (status = 401, body = Problem)))]
async fn read(
    State(state): State<AppState>,
    detainee: CurrentDetainee,
) -> ApiResult<axum::Json<Basket>> {
    Ok(axum::Json(load(&state.db, &detainee).await?))
}

/// Empty the basket.
#[utoipa::path(delete, path = "/canteen/basket", tag = "detainee",
    responses((status = 200, body = Basket), (status = 401, body = Problem)))]
async fn empty(
    State(state): State<AppState>,
    detainee: CurrentDetainee,
) -> ApiResult<axum::Json<Basket>> {
    sqlx::query("DELETE FROM canteen_baskets WHERE detainee_id = $1")
        .bind(&detainee.id)
        .execute(&state.db.pool)
        .await?;
    Ok(axum::Json(load(&state.db, &detainee).await?))
}

/// Set how many of a product the basket holds (0 takes it out).
#[utoipa::path(put, path = "/canteen/basket/{product_id}", tag = "detainee",
    params(("product_id" = String, Path, description = "Product id")),
    request_body = BasketPut,
    responses((status = 200, body = Basket), (status = 401, body = Problem),
              (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn put(
    State(state): State<AppState>,
    detainee: CurrentDetainee,
    ApiPath(product_id): ApiPath<String>,
    ApiJson(form): ApiJson<BasketPut>,
) -> ApiResult<axum::Json<Basket>> {
    if form.quantity == 0 {
        sqlx::query("DELETE FROM canteen_baskets WHERE detainee_id = $1 AND product_id = $2")
            .bind(&detainee.id)
            .bind(&product_id)
            .execute(&state.db.pool)
            .await?;
        return Ok(axum::Json(load(&state.db, &detainee).await?));
    }
    let (status, regime) = buyer(&state.db, &detainee.id).await?;
    let row = sqlx::query(
        "SELECT max_per_order, available, only_legal_status, only_regime, price_cents \
         FROM canteen_products \
         WHERE id = $1 AND establishment_id = $2",
    )
    .bind(&product_id)
    .bind(&detainee.establishment_id)
    .fetch_optional(&state.db.pool)
    .await?
    .ok_or(ApiError::NotFound)?;
    let allowed = row_may_buy(&row, status, regime)?;
    if !allowed || row.try_get::<i64, _>("available")? == 0 {
        return Err(ApiError::NotFound);
    }
    if i64::from(form.quantity) > row.try_get::<i64, _>("max_per_order")? {
        return Err(ApiError::Validation(vec![FieldError::new(
            "quantity",
            ErrorCode::InvalidFormat,
        )]));
    }
    let mut tx = state.db.begin().await?;
    let lines: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM canteen_baskets WHERE detainee_id = $1 AND product_id <> $2",
    )
    .bind(&detainee.id)
    .bind(&product_id)
    .fetch_one(&mut *tx)
    .await?;
    if lines >= MAX_LINES as i64 {
        return Err(ApiError::Validation(vec![FieldError::new(
            "quantity",
            ErrorCode::TooLong,
        )]));
    }
    sqlx::query(
        "INSERT INTO canteen_baskets (detainee_id, product_id, quantity, updated_at, \
         unit_price_cents) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (detainee_id, product_id) \
         DO UPDATE SET quantity = $3, updated_at = $4, unit_price_cents = $5",
    )
    .bind(&detainee.id)
    .bind(&product_id)
    .bind(i64::from(form.quantity))
    .bind(now())
    // The price the detainee saw when choosing the quantity: a later change shows in the basket.
    .bind(row.try_get::<i64, _>("price_cents")?)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(axum::Json(load(&state.db, &detainee).await?))
}
