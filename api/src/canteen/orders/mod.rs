//! Orders (bons de cantine) on the detainee side: place, change, cancel, read.

mod change;
mod place;
pub mod read;

use shared_types::canteen::Regime;
use shared_types::canteen::orders::LineInput;
use shared_types::people::LegalStatus;
use shared_types::{ErrorCode, FieldError};
use sqlx::Row;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::row_may_buy;
use crate::db::{Tx, new_id};
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

/// Order routes of the detainee portal.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(place::place, read::list))
        .routes(routes!(read::one, change::change))
        .routes(routes!(change::cancel))
}

/// A line priced from the catalogue at the moment of ordering.
pub struct PricedLine {
    pub product_id: String,
    pub name: String,
    pub unit: String,
    pub unit_price_cents: i64,
    pub quantity: u32,
}

/// Prices the lines against the establishment's catalogue: every product must exist there, be
/// available, be allowed to this buyer and within its per-order limit; otherwise 422 with the
/// line named.
pub async fn price(
    tx: &mut Tx,
    establishment_id: &str,
    buyer: (LegalStatus, Regime),
    lines: &[LineInput],
) -> ApiResult<Vec<PricedLine>> {
    let mut priced = Vec::with_capacity(lines.len());
    let mut errors = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let row = sqlx::query(
            "SELECT id, name, unit, price_cents, max_per_order, available, only_legal_status, \
             only_regime FROM canteen_products WHERE id = $1 AND establishment_id = $2",
        )
        .bind(line.product_id.trim())
        .bind(establishment_id)
        .fetch_optional(&mut **tx)
        .await?;
        let Some(r) = row else {
            errors.push(FieldError::new(
                format!("lines[{i}].product_id"),
                ErrorCode::InvalidFormat,
            ));
            continue;
        };
        if r.try_get::<i64, _>("available")? == 0 || !row_may_buy(&r, buyer.0, buyer.1)? {
            errors.push(FieldError {
                field: format!("lines[{i}].product_id"),
                code: ErrorCode::InvalidFormat,
                message: "Ce produit n'est plus disponible.".into(),
            });
            continue;
        }
        if i64::from(line.quantity) > r.try_get::<i64, _>("max_per_order")? {
            errors.push(FieldError {
                field: format!("lines[{i}].quantity"),
                code: ErrorCode::InvalidFormat,
                message: "Vous en demandez plus que le maximum par commande.".into(),
            });
            continue;
        }
        priced.push(PricedLine {
            product_id: r.try_get("id")?,
            name: r.try_get("name")?,
            unit: r.try_get("unit")?,
            unit_price_cents: r.try_get("price_cents")?,
            quantity: line.quantity,
        });
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    Ok(priced)
}

/// The total of priced lines.
pub fn total(lines: &[PricedLine]) -> i64 {
    lines
        .iter()
        .map(|l| l.unit_price_cents * i64::from(l.quantity))
        .sum()
}

/// Writes the lines of an order.
pub async fn insert_lines(tx: &mut Tx, order_id: &str, lines: &[PricedLine]) -> ApiResult<()> {
    for l in lines {
        sqlx::query(
            "INSERT INTO canteen_order_lines (id, order_id, product_id, product_name, unit, \
             unit_price_cents, quantity) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(new_id())
        .bind(order_id)
        .bind(&l.product_id)
        .bind(&l.name)
        .bind(&l.unit)
        .bind(l.unit_price_cents)
        .bind(i64::from(l.quantity))
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}
