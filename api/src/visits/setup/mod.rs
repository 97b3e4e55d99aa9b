//! Console set-up of visits: visiting rooms, weekly slot templates, slot generation, closures
//! and the establishment's booking rules. Every route needs `ManageVisits` in the establishment.

mod closures;
mod expand;
mod rooms;
mod rules;
mod slots;
mod templates;

pub use rules::load_rules;
pub use slots::{generate_ahead, generate_slots};

use sqlx::Row;
use sqlx::any::AnyRow;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

/// The console's visit set-up routes, relative to `/api/agent`.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(rooms::list, rooms::create))
        .routes(routes!(rooms::update, rooms::archive))
        .routes(routes!(templates::list, templates::create))
        .routes(routes!(templates::archive))
        .routes(routes!(slots::generate))
        .routes(routes!(slots::list))
        .routes(routes!(closures::close))
        .routes(routes!(rules::get, rules::put))
}

/// Reads a non-negative integer column as `u32`; anything else is a broken row, not bad input.
fn u32_col(row: &AnyRow, column: &str) -> ApiResult<u32> {
    let v: i64 = row.try_get(column)?;
    u32::try_from(v).map_err(|_| ApiError::Internal(format!("{column} out of range: {v}")))
}
