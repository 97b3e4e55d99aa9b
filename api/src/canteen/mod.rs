//! The internal shop (cantine): catalogue, the weekly window, the basket, orders that hold
//! money, consolidation for the shop, delivery with refunds, disputes and suspensions.

mod basket;
pub mod catalogue;
pub mod delivery;
mod disputes;
pub mod orders;
mod settings;
mod shop;
mod suspensions;
pub mod windows;

use shared_types::canteen::Regime;
use shared_types::people::LegalStatus;
use sqlx::Row;
use utoipa_axum::router::OpenApiRouter;

use crate::db::{Db, now};
use crate::error::{ApiError, ApiResult};
use crate::paris_time;
use crate::state::AppState;

/// Console routes (canteen manager).
pub fn agent_router() -> OpenApiRouter<AppState> {
    catalogue::agent_router()
        .merge(settings::router())
        .merge(shop::router())
        .merge(disputes::agent_router())
        .merge(suspensions::router())
}

/// Detainee-portal routes.
pub fn detainee_router() -> OpenApiRouter<AppState> {
    catalogue::detainee_router()
        .merge(basket::router())
        .merge(orders::router())
        .merge(disputes::detainee_router())
}

/// The detainee's legal status and regime, which decide what they may buy.
pub async fn buyer(db: &Db, detainee_id: &str) -> ApiResult<(LegalStatus, Regime)> {
    let row = sqlx::query("SELECT legal_status, regime FROM detainees WHERE id = $1")
        .bind(detainee_id)
        .fetch_one(&db.pool)
        .await?;
    let status: String = row.try_get("legal_status")?;
    let regime: String = row.try_get("regime")?;
    Ok((
        LegalStatus::from_code(&status)
            .ok_or_else(|| ApiError::Internal(format!("legal status {status}")))?,
        Regime::from_code(&regime).unwrap_or(Regime::Standard),
    ))
}

/// The last day of a disciplinary suspension in force today, if any.
pub async fn suspended_until<'e, E>(executor: E, detainee_id: &str) -> ApiResult<Option<String>>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    let today = paris_time::date_of(now()).to_string();
    let until: Option<String> = sqlx::query_scalar(
        "SELECT MAX(ends_on) FROM canteen_suspensions WHERE detainee_id = $1 \
         AND lifted_at IS NULL AND starts_on <= $2 AND ends_on >= $2",
    )
    .bind(detainee_id)
    .bind(&today)
    .fetch_one(executor)
    .await?;
    Ok(until)
}

/// Whether a product row (with `only_legal_status` and `only_regime`) may be sold to a buyer.
pub fn row_may_buy(r: &sqlx::any::AnyRow, status: LegalStatus, regime: Regime) -> ApiResult<bool> {
    let only_status: Option<String> = r.try_get("only_legal_status")?;
    let only_regime: Option<String> = r.try_get("only_regime")?;
    Ok(shared_types::canteen::may_buy(
        only_status.as_deref().and_then(LegalStatus::from_code),
        only_regime.as_deref().and_then(Regime::from_code),
        status,
        regime,
    ))
}
