//! Establishments: the scope every other record hangs from.

use axum::extract::State;
use shared_types::Problem;
use shared_types::establishment::{EstablishmentKind, EstablishmentSummary, Management};
use sqlx::Row;
use sqlx::any::AnyRow;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::auth::agent::CurrentAgent;
use crate::db::Db;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

/// Console routes on establishments.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list))
}

const COLUMNS: &str = "id, name, kind, management, city";

fn summary(row: &AnyRow) -> ApiResult<EstablishmentSummary> {
    let kind: String = row.try_get("kind")?;
    let management: String = row.try_get("management")?;
    Ok(EstablishmentSummary {
        id: row.try_get("id")?,
        name: row.try_get("name")?,
        kind: EstablishmentKind::from_code(&kind)
            .ok_or_else(|| ApiError::Internal(format!("unknown establishment kind {kind}")))?,
        management: Management::from_code(&management)
            .ok_or_else(|| ApiError::Internal(format!("unknown management {management}")))?,
        city: row.try_get("city")?,
    })
}

/// One establishment by id.
pub async fn get(db: &Db, id: &str) -> ApiResult<EstablishmentSummary> {
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM establishments WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(&db.pool)
    .await?
    .ok_or(ApiError::NotFound)?;
    summary(&row)
}

/// Every establishment, by name (public information).
pub async fn all(db: &Db) -> ApiResult<Vec<EstablishmentSummary>> {
    sqlx::query(&format!(
        "SELECT {COLUMNS} FROM establishments ORDER BY name"
    ))
    .fetch_all(&db.pool)
    .await?
    .iter()
    .map(summary)
    .collect()
}

/// The establishments an agent may see, by name.
pub async fn in_scope(db: &Db, agent: &CurrentAgent) -> ApiResult<Vec<EstablishmentSummary>> {
    let rows = if agent.national {
        sqlx::query(&format!(
            "SELECT {COLUMNS} FROM establishments ORDER BY name"
        ))
        .fetch_all(&db.pool)
        .await?
    } else {
        sqlx::query(&format!(
            "SELECT {COLUMNS} FROM establishments e \
             JOIN agent_scopes s ON s.establishment_id = e.id \
             WHERE s.agent_id = $1 ORDER BY name"
        ))
        .bind(&agent.id)
        .fetch_all(&db.pool)
        .await?
    };
    rows.iter().map(summary).collect()
}

/// Establishments in the signed-in agent's scope.
#[utoipa::path(get, path = "/establishments", tag = "agent",
    responses((status = 200, body = Vec<EstablishmentSummary>), (status = 401, body = Problem)))]
async fn list(
    State(state): State<AppState>,
    agent: CurrentAgent,
) -> ApiResult<axum::Json<Vec<EstablishmentSummary>>> {
    Ok(axum::Json(in_scope(&state.db, &agent).await?))
}
