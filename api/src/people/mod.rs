//! The detainee registry, as the console reads it.

use axum::extract::State;
use serde::Deserialize;
use shared_types::Problem;
use shared_types::people::{DetaineeSummary, LegalStatus};
use shared_types::roles::Permission;
use sqlx::Row;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::auth::agent::CurrentAgent;
use crate::error::{ApiError, ApiResult};
use crate::http::params::{ApiPath, ApiQuery};
use crate::state::AppState;

/// Console routes on detainees.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list))
}

/// Filters for the registry list.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct Search {
    /// Part of a name or registration number.
    pub q: Option<String>,
}

/// "Bâtiment A, aile 2, cellule 114".
pub fn cell_label(building: &str, wing: &str, cell: &str) -> String {
    format!("Bâtiment {building}, aile {wing}, cellule {cell}")
}

/// The columns `summary` reads.
pub const SUMMARY_COLUMNS: &str = "id, establishment_id, registration_number, first_name, last_name, \
    legal_status, building, wing, cell";

/// A detainee row (with `SUMMARY_COLUMNS`) as the console lists it.
pub fn summary(r: &sqlx::any::AnyRow) -> ApiResult<DetaineeSummary> {
    let status: String = r.try_get("legal_status")?;
    Ok(DetaineeSummary {
        id: r.try_get("id")?,
        establishment_id: r.try_get("establishment_id")?,
        registration_number: r.try_get("registration_number")?,
        first_name: r.try_get("first_name")?,
        last_name: r.try_get("last_name")?,
        legal_status: LegalStatus::from_code(&status)
            .ok_or_else(|| ApiError::Internal(format!("legal status {status}")))?,
        cell: cell_label(
            &r.try_get::<String, _>("building")?,
            &r.try_get::<String, _>("wing")?,
            &r.try_get::<String, _>("cell")?,
        ),
    })
}

/// Detainees present in an establishment, at most 100, by name.
#[utoipa::path(get, path = "/establishments/{id}/detainees", tag = "agent",
    params(("id" = String, Path, description = "Establishment id"), Search),
    responses((status = 200, body = Vec<DetaineeSummary>), (status = 403, body = Problem)))]
async fn list(
    State(state): State<AppState>,
    agent: CurrentAgent,
    ApiPath(establishment_id): ApiPath<String>,
    ApiQuery(search): ApiQuery<Search>,
) -> ApiResult<axum::Json<Vec<DetaineeSummary>>> {
    agent.require(Permission::ViewDetainees, &establishment_id)?;
    let q = search.q.unwrap_or_default();
    if q.chars().count() > 100 {
        return Err(ApiError::BadRequest("La recherche est trop longue.".into()));
    }
    let pattern = format!("%{}%", q.trim().to_lowercase());
    let rows = sqlx::query(&format!(
        "SELECT {SUMMARY_COLUMNS} FROM detainees \
         WHERE establishment_id = $1 AND released_at IS NULL \
           AND (LOWER(last_name) LIKE $2 OR LOWER(first_name) LIKE $2 OR registration_number LIKE $2) \
         ORDER BY last_name, first_name LIMIT 100"
    ))
    .bind(&establishment_id)
    .bind(&pattern)
    .fetch_all(&state.db.pool)
    .await?;
    let detainees = rows.iter().map(summary).collect::<ApiResult<Vec<_>>>()?;
    Ok(axum::Json(detainees))
}
