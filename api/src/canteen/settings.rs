//! The shop's weekly rhythm per establishment.

use axum::extract::State;
use shared_types::Problem;
use shared_types::canteen::CanteenSettings;
use shared_types::roles::Permission;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::windows;
use crate::audit;
use crate::auth::agent::CurrentAgent;
use crate::db::now;
use crate::error::ApiResult;
use crate::http::client_ip::ClientIp;
use crate::http::json::ApiJson;
use crate::http::params::ApiPath;
use crate::state::AppState;

/// Console routes of the canteen settings.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(read, write))
}

/// When orders close, when they are delivered, how long a line can be disputed.
#[utoipa::path(get, path = "/establishments/{id}/canteen/settings", tag = "agent",
    params(("id" = String, Path, description = "Establishment id")),
    responses((status = 200, body = CanteenSettings), (status = 403, body = Problem)))]
async fn read(
    State(state): State<AppState>,
    agent: CurrentAgent,
    ApiPath(establishment_id): ApiPath<String>,
) -> ApiResult<axum::Json<CanteenSettings>> {
    agent.require(Permission::ManageCanteen, &establishment_id)?;
    Ok(axum::Json(
        windows::settings(&state.db.pool, &establishment_id).await?,
    ))
}

/// Change the weekly rhythm. The open window keeps its closing time; the next ones follow the
/// new settings.
#[utoipa::path(put, path = "/establishments/{id}/canteen/settings", tag = "agent",
    params(("id" = String, Path, description = "Establishment id")),
    request_body = CanteenSettings,
    responses((status = 200, body = CanteenSettings), (status = 403, body = Problem), (status = 422, body = Problem)))]
async fn write(
    State(state): State<AppState>,
    agent: CurrentAgent,
    ip: ClientIp,
    ApiPath(establishment_id): ApiPath<String>,
    ApiJson(form): ApiJson<CanteenSettings>,
) -> ApiResult<axum::Json<CanteenSettings>> {
    agent.require(Permission::ManageCanteen, &establishment_id)?;
    form.validate()?;
    let mut tx = state.db.begin().await?;
    sqlx::query(
        "INSERT INTO canteen_settings (establishment_id, close_weekday, close_minute, \
         delivery_weekday, dispute_days, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7) \
         ON CONFLICT (establishment_id) DO UPDATE SET close_weekday = $2, close_minute = $3, \
         delivery_weekday = $4, dispute_days = $5, updated_by = $6, updated_at = $7",
    )
    .bind(&establishment_id)
    .bind(i64::from(form.close_weekday))
    .bind(i64::from(form.close_minute))
    .bind(i64::from(form.delivery_weekday))
    .bind(i64::from(form.dispute_days))
    .bind(&agent.id)
    .bind(now())
    .execute(&mut *tx)
    .await?;
    audit::agent_action(
        &mut tx,
        &agent.id,
        ip.0.as_deref(),
        &establishment_id,
        "canteen.settings_changed",
        None,
    )
    .await?;
    tx.commit().await?;
    Ok(axum::Json(form))
}
