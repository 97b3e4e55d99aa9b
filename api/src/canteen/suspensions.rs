//! Disciplinary suspension of a detainee's canteen, from one day to another.

use axum::extract::State;
use axum::http::StatusCode;
use shared_types::Problem;
use shared_types::canteen::delivery::{NewSuspension, Suspension};
use shared_types::refusals::canteen::Canteen;
use shared_types::roles::Permission;
use sqlx::Row;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::audit;
use crate::auth::agent::CurrentAgent;
use crate::db::{new_id, now};
use crate::error::{ApiError, ApiResult};
use crate::http::client_ip::ClientIp;
use crate::http::json::ApiJson;
use crate::http::params::ApiPath;
use crate::state::AppState;

/// Console routes of suspensions.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(lift))
}

fn suspension(r: &sqlx::any::AnyRow) -> ApiResult<Suspension> {
    Ok(Suspension {
        id: r.try_get("id")?,
        detainee_id: r.try_get("detainee_id")?,
        starts_on: r.try_get("starts_on")?,
        ends_on: r.try_get("ends_on")?,
        reason: r.try_get("reason")?,
        lifted: r.try_get::<Option<i64>, _>("lifted_at")?.is_some(),
    })
}

/// A detainee's canteen suspensions, latest first.
#[utoipa::path(get, path = "/establishments/{id}/detainees/{detainee_id}/canteen-suspensions", tag = "agent",
    params(("id" = String, Path, description = "Establishment id"), ("detainee_id" = String, Path, description = "Detainee id")),
    responses((status = 200, body = Vec<Suspension>), (status = 403, body = Problem)))]
async fn list(
    State(state): State<AppState>,
    agent: CurrentAgent,
    ApiPath((establishment_id, detainee_id)): ApiPath<(String, String)>,
) -> ApiResult<axum::Json<Vec<Suspension>>> {
    agent.require(Permission::ManageCanteen, &establishment_id)?;
    let rows = sqlx::query(
        "SELECT id, detainee_id, starts_on, ends_on, reason, lifted_at FROM canteen_suspensions \
         WHERE establishment_id = $1 AND detainee_id = $2 ORDER BY starts_on DESC",
    )
    .bind(&establishment_id)
    .bind(&detainee_id)
    .fetch_all(&state.db.pool)
    .await?;
    Ok(axum::Json(
        rows.iter().map(suspension).collect::<ApiResult<Vec<_>>>()?,
    ))
}

/// Suspend a detainee's canteen (a disciplinary sanction) between two dates, both included.
/// Orders already placed stay; new ones are refused while it runs.
#[utoipa::path(post, path = "/establishments/{id}/detainees/{detainee_id}/canteen-suspensions", tag = "agent",
    params(("id" = String, Path, description = "Establishment id"), ("detainee_id" = String, Path, description = "Detainee id")),
    request_body = NewSuspension,
    responses((status = 201, body = Suspension), (status = 403, body = Problem), (status = 404, body = Problem),
              (status = 422, body = Problem)))]
async fn create(
    State(state): State<AppState>,
    agent: CurrentAgent,
    ip: ClientIp,
    ApiPath((establishment_id, detainee_id)): ApiPath<(String, String)>,
    ApiJson(form): ApiJson<NewSuspension>,
) -> ApiResult<(StatusCode, axum::Json<Suspension>)> {
    agent.require(Permission::ManageCanteen, &establishment_id)?;
    form.validate()?;
    let mut tx = state.db.begin().await?;
    let found = sqlx::query("SELECT id FROM detainees WHERE id = $1 AND establishment_id = $2")
        .bind(&detainee_id)
        .bind(&establishment_id)
        .fetch_optional(&mut *tx)
        .await?;
    if found.is_none() {
        return Err(ApiError::NotFound);
    }
    let id = new_id();
    let created = Suspension {
        id: id.clone(),
        detainee_id: detainee_id.clone(),
        starts_on: form.starts_on.trim().to_owned(),
        ends_on: form.ends_on.trim().to_owned(),
        reason: form.reason.trim().to_owned(),
        lifted: false,
    };
    sqlx::query(
        "INSERT INTO canteen_suspensions (id, establishment_id, detainee_id, starts_on, ends_on, \
         reason, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(&id)
    .bind(&establishment_id)
    .bind(&detainee_id)
    .bind(&created.starts_on)
    .bind(&created.ends_on)
    .bind(&created.reason)
    .bind(&agent.id)
    .bind(now())
    .execute(&mut *tx)
    .await?;
    audit::agent_action(
        &mut tx,
        &agent.id,
        ip.0.as_deref(),
        &establishment_id,
        "canteen.suspended",
        Some(&id),
    )
    .await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, axum::Json(created)))
}

/// Lift a suspension before its end.
#[utoipa::path(post, path = "/establishments/{id}/canteen-suspensions/{suspension_id}/lift", tag = "agent",
    params(("id" = String, Path, description = "Establishment id"), ("suspension_id" = String, Path, description = "Suspension id")),
    responses((status = 204), (status = 403, body = Problem), (status = 404, body = Problem),
              (status = 409, body = Problem)))]
async fn lift(
    State(state): State<AppState>,
    agent: CurrentAgent,
    ip: ClientIp,
    ApiPath((establishment_id, suspension_id)): ApiPath<(String, String)>,
) -> ApiResult<StatusCode> {
    agent.require(Permission::ManageCanteen, &establishment_id)?;
    let mut tx = state.db.begin().await?;
    let changed = sqlx::query(
        "UPDATE canteen_suspensions SET lifted_at = $1 WHERE id = $2 AND establishment_id = $3 \
         AND lifted_at IS NULL",
    )
    .bind(now())
    .bind(&suspension_id)
    .bind(&establishment_id)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if changed == 0 {
        let exists: Option<String> = sqlx::query_scalar(
            "SELECT id FROM canteen_suspensions WHERE id = $1 AND establishment_id = $2",
        )
        .bind(&suspension_id)
        .bind(&establishment_id)
        .fetch_optional(&mut *tx)
        .await?;
        return Err(match exists {
            Some(_) => ApiError::conflict(
                Canteen::SuspensionLifted,
                "Cette suspension est déjà levée.",
            ),
            None => ApiError::NotFound,
        });
    }
    audit::agent_action(
        &mut tx,
        &agent.id,
        ip.0.as_deref(),
        &establishment_id,
        "canteen.suspension_lifted",
        Some(&suspension_id),
    )
    .await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}
