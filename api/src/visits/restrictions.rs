//! Restrictions on a detainee's visits: separated visits only, or a visitor banned.

use axum::extract::State;
use axum::http::StatusCode;
use shared_types::refusals::visits::Visits;
use shared_types::roles::Permission;
use shared_types::visit_desk::{NewRestriction, Restriction, RestrictionKind};
use shared_types::visits::rules::decide_lift;
use shared_types::{ErrorCode, FieldError, Problem};
use sqlx::Row;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::audit::{self, ActorKind, Event};
use crate::auth::agent::CurrentAgent;
use crate::db::{new_id, now};
use crate::error::{ApiError, ApiResult};
use crate::http::client_ip::ClientIp;
use crate::http::json::ApiJson;
use crate::http::params::ApiPath;
use crate::state::AppState;

/// Console routes of restrictions.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(lift))
}

/// A detainee's restrictions, lifted ones included.
#[utoipa::path(get, path = "/establishments/{id}/detainees/{detainee_id}/restrictions", tag = "agent",
    params(("id" = String, Path, description = "Establishment id"), ("detainee_id" = String, Path, description = "Detainee id")),
    responses((status = 200, body = Vec<Restriction>), (status = 403, body = Problem)))]
async fn list(
    State(state): State<AppState>,
    agent: CurrentAgent,
    ApiPath((establishment_id, detainee_id)): ApiPath<(String, String)>,
) -> ApiResult<axum::Json<Vec<Restriction>>> {
    agent.require(Permission::ManageVisits, &establishment_id)?;
    let rows = sqlx::query(
        "SELECT id, kind, permit_id, reason, valid_until, lifted_at FROM visit_restrictions \
         WHERE establishment_id = $1 AND detainee_id = $2 ORDER BY created_at",
    )
    .bind(&establishment_id)
    .bind(&detainee_id)
    .fetch_all(&state.db.pool)
    .await?;
    let list = rows
        .iter()
        .map(|r| {
            let kind: String = r.try_get("kind")?;
            Ok(Restriction {
                id: r.try_get("id")?,
                kind: RestrictionKind::from_code(&kind)
                    .ok_or_else(|| ApiError::Internal(format!("restriction {kind}")))?,
                permit_id: r.try_get("permit_id")?,
                reason: r.try_get("reason")?,
                valid_until: r.try_get("valid_until")?,
                lifted: r.try_get::<Option<i64>, _>("lifted_at")?.is_some(),
            })
        })
        .collect::<ApiResult<Vec<_>>>()?;
    Ok(axum::Json(list))
}

/// Restrict a detainee's visits. Bookings already made are not cancelled: staff do that with
/// a reason the visitor sees.
#[utoipa::path(post, path = "/establishments/{id}/detainees/{detainee_id}/restrictions", tag = "agent",
    params(("id" = String, Path, description = "Establishment id"), ("detainee_id" = String, Path, description = "Detainee id")),
    request_body = NewRestriction,
    responses((status = 201, body = Restriction), (status = 403, body = Problem), (status = 422, body = Problem)))]
async fn create(
    State(state): State<AppState>,
    agent: CurrentAgent,
    ip: ClientIp,
    ApiPath((establishment_id, detainee_id)): ApiPath<(String, String)>,
    ApiJson(form): ApiJson<NewRestriction>,
) -> ApiResult<(StatusCode, axum::Json<Restriction>)> {
    agent.require(Permission::ManageVisits, &establishment_id)?;
    form.validate()?;
    let mut tx = state.db.begin().await?;
    let detainee = sqlx::query("SELECT id FROM detainees WHERE id = $1 AND establishment_id = $2")
        .bind(&detainee_id)
        .bind(&establishment_id)
        .fetch_optional(&mut *tx)
        .await?;
    if detainee.is_none() {
        return Err(ApiError::NotFound);
    }
    let permit_id = match form.kind {
        RestrictionKind::SeparatedOnly => None,
        RestrictionKind::VisitorBanned => {
            let id = form.permit_id.as_deref().map(str::trim).unwrap_or_default();
            let found =
                sqlx::query("SELECT id FROM visit_permits WHERE id = $1 AND detainee_id = $2")
                    .bind(id)
                    .bind(&detainee_id)
                    .fetch_optional(&mut *tx)
                    .await?;
            if found.is_none() {
                return Err(ApiError::Validation(vec![FieldError::new(
                    "permit_id",
                    ErrorCode::InvalidFormat,
                )]));
            }
            Some(id.to_owned())
        }
    };
    // A restriction whose last day has passed ends now, so that a new one may replace it.
    sqlx::query(
        "UPDATE visit_restrictions SET lifted_at = $1 WHERE detainee_id = $2 AND kind = $3 \
         AND COALESCE(permit_id, '') = $4 AND lifted_at IS NULL AND valid_until IS NOT NULL AND valid_until < $5",
    )
    .bind(now())
    .bind(&detainee_id)
    .bind(form.kind.code())
    .bind(permit_id.as_deref().unwrap_or_default())
    .bind(crate::visits::week::paris_date(now()).to_string())
    .execute(&mut *tx)
    .await?;
    let id = new_id();
    // One restriction of a kind in force per detainee and banned permit (a unique index).
    let inserted = sqlx::query(
        "INSERT INTO visit_restrictions (id, establishment_id, detainee_id, kind, permit_id, reason, valid_until, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING",
    )
    .bind(&id)
    .bind(&establishment_id)
    .bind(&detainee_id)
    .bind(form.kind.code())
    .bind(&permit_id)
    .bind(form.reason.trim())
    .bind(form.valid_until.as_deref().map(str::trim))
    .bind(now())
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if inserted != 1 {
        return Err(ApiError::conflict(
            Visits::RestrictionExists,
            "Cette restriction est déjà en vigueur : levez-la d'abord pour la remplacer.",
        ));
    }
    audit::record(
        &mut tx,
        Event::new(
            ActorKind::Agent,
            Some(&agent.id),
            "visit_restriction.created",
            ip.0.as_deref(),
        )
        .establishment(&establishment_id)
        .target(&id),
    )
    .await?;
    tx.commit().await?;
    let restriction = Restriction {
        id,
        kind: form.kind,
        permit_id,
        reason: form.reason.trim().to_owned(),
        valid_until: form.valid_until,
        lifted: false,
    };
    Ok((StatusCode::CREATED, axum::Json(restriction)))
}

/// Lift a restriction.
#[utoipa::path(post, path = "/establishments/{id}/restrictions/{restriction_id}/lift", tag = "agent",
    params(("id" = String, Path, description = "Establishment id"), ("restriction_id" = String, Path, description = "Restriction id")),
    responses((status = 204), (status = 403, body = Problem), (status = 404, body = Problem)))]
async fn lift(
    State(state): State<AppState>,
    agent: CurrentAgent,
    ip: ClientIp,
    ApiPath((establishment_id, restriction_id)): ApiPath<(String, String)>,
) -> ApiResult<StatusCode> {
    agent.require(Permission::ManageVisits, &establishment_id)?;
    let mut tx = state.db.begin().await?;
    let lifted_at: Option<i64> = sqlx::query(
        "SELECT lifted_at FROM visit_restrictions WHERE id = $1 AND establishment_id = $2",
    )
    .bind(&restriction_id)
    .bind(&establishment_id)
    .fetch_optional(&mut *tx)
    .await?
    .ok_or(ApiError::NotFound)?
    .try_get("lifted_at")?;
    let already = |refusal| ApiError::conflict(refusal, "Cette restriction est déjà levée.");
    decide_lift(lifted_at.is_some()).map_err(already)?;
    let lifted = sqlx::query(
        "UPDATE visit_restrictions SET lifted_at = $1 WHERE id = $2 AND establishment_id = $3 AND lifted_at IS NULL",
    )
    .bind(now())
    .bind(&restriction_id)
    .bind(&establishment_id)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if lifted != 1 {
        return Err(already(Visits::RestrictionLifted));
    }
    audit::record(
        &mut tx,
        Event::new(
            ActorKind::Agent,
            Some(&agent.id),
            "visit_restriction.lifted",
            ip.0.as_deref(),
        )
        .establishment(&establishment_id)
        .target(&restriction_id),
    )
    .await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}
