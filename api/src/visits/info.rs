//! Practical information for visitors, per establishment: public to read, edited by staff.

use axum::extract::State;
use shared_types::Problem;
use shared_types::roles::Permission;
use shared_types::visit_links::VisitInfo;
use sqlx::Row;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::audit::{self, ActorKind, Event};
use crate::auth::agent::CurrentAgent;
use crate::db::{Db, now};
use crate::error::{ApiError, ApiResult};
use crate::http::client_ip::ClientIp;
use crate::http::json::ApiJson;
use crate::http::params::ApiPath;
use crate::state::AppState;

/// Family-portal route (no sign-in needed: this is public information).
pub fn public_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(read_public))
}

/// Console routes.
pub fn agent_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(read_agent, write))
}

async fn load(db: &Db, establishment_id: &str) -> ApiResult<VisitInfo> {
    let r = sqlx::query(
        "SELECT address, phone, opening_hours, access, what_to_bring, accessibility \
         FROM establishment_visit_info WHERE establishment_id = $1",
    )
    .bind(establishment_id)
    .fetch_optional(&db.pool)
    .await?
    .ok_or(ApiError::NotFound)?;
    Ok(VisitInfo {
        address: r.try_get("address")?,
        phone: r.try_get("phone")?,
        opening_hours: r.try_get("opening_hours")?,
        access: r.try_get("access")?,
        what_to_bring: r.try_get("what_to_bring")?,
        accessibility: r.try_get("accessibility")?,
    })
}

/// Practical information for visiting an establishment.
#[utoipa::path(get, path = "/establishments/{id}/visit-info", tag = "public",
    params(("id" = String, Path, description = "Establishment id")),
    responses((status = 200, body = VisitInfo), (status = 404, body = Problem)))]
async fn read_public(
    State(state): State<AppState>,
    ApiPath(establishment_id): ApiPath<String>,
) -> ApiResult<axum::Json<VisitInfo>> {
    Ok(axum::Json(load(&state.db, &establishment_id).await?))
}

/// The practical information as staff edit it.
#[utoipa::path(get, path = "/establishments/{id}/visit-info", tag = "agent",
    params(("id" = String, Path, description = "Establishment id")),
    responses((status = 200, body = VisitInfo), (status = 403, body = Problem), (status = 404, body = Problem)))]
async fn read_agent(
    State(state): State<AppState>,
    agent: CurrentAgent,
    ApiPath(establishment_id): ApiPath<String>,
) -> ApiResult<axum::Json<VisitInfo>> {
    agent.require(Permission::ManageVisits, &establishment_id)?;
    Ok(axum::Json(load(&state.db, &establishment_id).await?))
}

/// Publish the practical information for visitors.
#[utoipa::path(put, path = "/establishments/{id}/visit-info", tag = "agent",
    params(("id" = String, Path, description = "Establishment id")),
    request_body = VisitInfo,
    responses((status = 200, body = VisitInfo), (status = 403, body = Problem), (status = 422, body = Problem)))]
async fn write(
    State(state): State<AppState>,
    agent: CurrentAgent,
    ip: ClientIp,
    ApiPath(establishment_id): ApiPath<String>,
    ApiJson(form): ApiJson<VisitInfo>,
) -> ApiResult<axum::Json<VisitInfo>> {
    agent.require(Permission::ManageVisits, &establishment_id)?;
    form.validate()?;
    crate::establishments::get(&state.db, &establishment_id).await?;
    let mut tx = state.db.begin().await?;
    sqlx::query(
        "INSERT INTO establishment_visit_info (establishment_id, address, phone, opening_hours, access, \
         what_to_bring, accessibility, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
         ON CONFLICT (establishment_id) DO UPDATE SET address = excluded.address, phone = excluded.phone, \
         opening_hours = excluded.opening_hours, access = excluded.access, \
         what_to_bring = excluded.what_to_bring, accessibility = excluded.accessibility, \
         updated_by = excluded.updated_by, updated_at = excluded.updated_at",
    )
    .bind(&establishment_id)
    .bind(form.address.trim())
    .bind(form.phone.as_deref().map(str::trim).filter(|p| !p.is_empty()))
    .bind(form.opening_hours.trim())
    .bind(form.access.trim())
    .bind(form.what_to_bring.trim())
    .bind(form.accessibility.trim())
    .bind(&agent.id)
    .bind(now())
    .execute(&mut *tx)
    .await?;
    audit::record(
        &mut tx,
        Event::new(
            ActorKind::Agent,
            Some(&agent.id),
            "visit_info.published",
            ip.0.as_deref(),
        )
        .establishment(&establishment_id),
    )
    .await?;
    tx.commit().await?;
    Ok(axum::Json(load(&state.db, &establishment_id).await?))
}
