//! Visit permits: recorded by staff (for companions without an account), suspended, and looked
//! up when a booking names its adult companions.

use axum::extract::State;
use axum::http::StatusCode;
use shared_types::Problem;
use shared_types::date::Date;
use shared_types::people::LegalStatus;
use shared_types::refusals::visits::Visits;
use shared_types::roles::Permission;
use shared_types::visit_links::{NewPermit, Permit, PermitListing, SuspendPermit, permit_valid_on};
use shared_types::visits::PermitIssuer;
use shared_types::visits::rules::decide_suspend;
use shared_types::{ErrorCode, FieldError};
use sqlx::Row;
use sqlx::any::AnyRow;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::audit::{self, ActorKind, Event};
use crate::auth::agent::CurrentAgent;
use crate::db::{Tx, new_id, now};
use crate::error::{ApiError, ApiResult};
use crate::http::client_ip::ClientIp;
use crate::http::json::ApiJson;
use crate::http::params::{ApiPath, ApiQuery};
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(create, list_all))
        .routes(routes!(list))
        .routes(routes!(suspend))
}

/// Why a permit's issuer was refused: it follows the detainee's legal status.
pub(super) const WRONG_ISSUER: &str = "Le permis d'une personne prévenue est délivré par le juge, \
    celui d'une personne condamnée par le chef d'établissement.";

const COLUMNS: &str = "id, detainee_id, visitor_id, number, issuer, holder_first_name, holder_last_name, \
    holder_birth_date, valid_from, valid_until, suspended_at, suspension_reason";

/// A permit as read from the database.
#[derive(Debug, Clone)]
pub struct PermitRow {
    pub id: String,
    pub detainee_id: String,
    pub visitor_id: Option<String>,
    pub holder_birth_date: String,
    pub valid_from: String,
    pub valid_until: Option<String>,
    pub suspended: bool,
    permit: Permit,
}

impl PermitRow {
    fn read(r: &AnyRow) -> ApiResult<Self> {
        let issuer: String = r.try_get("issuer")?;
        let suspended = r.try_get::<Option<i64>, _>("suspended_at")?.is_some();
        let permit = Permit {
            id: r.try_get("id")?,
            detainee_id: r.try_get("detainee_id")?,
            number: r.try_get("number")?,
            issuer: PermitIssuer::from_code(&issuer)
                .ok_or_else(|| ApiError::Internal(format!("permit issuer {issuer}")))?,
            holder_name: format!(
                "{} {}",
                r.try_get::<String, _>("holder_first_name")?,
                r.try_get::<String, _>("holder_last_name")?
            ),
            holder_birth_date: r.try_get("holder_birth_date")?,
            valid_from: r.try_get("valid_from")?,
            valid_until: r.try_get("valid_until")?,
            suspended,
            suspension_reason: r.try_get("suspension_reason")?,
            has_account: r.try_get::<Option<String>, _>("visitor_id")?.is_some(),
        };
        Ok(Self {
            id: permit.id.clone(),
            detainee_id: permit.detainee_id.clone(),
            visitor_id: r.try_get("visitor_id")?,
            holder_birth_date: permit.holder_birth_date.clone(),
            valid_from: permit.valid_from.clone(),
            valid_until: permit.valid_until.clone(),
            suspended,
            permit,
        })
    }

    /// Whether it allows a visit on `day`.
    pub fn valid_on(&self, day: Date) -> bool {
        permit_valid_on(
            &self.valid_from,
            self.valid_until.as_deref(),
            self.suspended,
            day,
        )
    }
}

/// The permit numbered `number` for `detainee_id`, held by someone born on `birth_date`, valid on
/// `day` — how a booking checks each adult companion.
pub async fn find_valid_permit(
    tx: &mut Tx,
    establishment_id: &str,
    detainee_id: &str,
    number: &str,
    birth_date: &str,
    day: Date,
) -> ApiResult<Option<PermitRow>> {
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM visit_permits WHERE establishment_id = $1 AND detainee_id = $2 AND number = $3"
    ))
    .bind(establishment_id)
    .bind(detainee_id)
    .bind(number.trim())
    .fetch_optional(&mut **tx)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let permit = PermitRow::read(&row)?;
    Ok((permit.holder_birth_date == birth_date.trim() && permit.valid_on(day)).then_some(permit))
}

/// Record a visit permit (e.g. for a companion who has no account).
#[utoipa::path(post, path = "/establishments/{id}/permits", tag = "agent",
    params(("id" = String, Path, description = "Establishment id")),
    request_body = NewPermit,
    responses((status = 201, body = Permit), (status = 403, body = Problem), (status = 422, body = Problem)))]
async fn create(
    State(state): State<AppState>,
    agent: CurrentAgent,
    ip: ClientIp,
    ApiPath(establishment_id): ApiPath<String>,
    ApiJson(form): ApiJson<NewPermit>,
) -> ApiResult<(StatusCode, axum::Json<Permit>)> {
    agent.require(Permission::ManageVisits, &establishment_id)?;
    form.validate()?;
    let mut tx = state.db.begin().await?;
    let status: String = sqlx::query(
        "SELECT legal_status FROM detainees WHERE id = $1 AND establishment_id = $2 AND released_at IS NULL",
    )
    .bind(&form.detainee_id)
    .bind(&establishment_id)
    .fetch_optional(&mut *tx)
    .await?
    .ok_or_else(|| ApiError::Validation(vec![FieldError::new("detainee_id", ErrorCode::InvalidFormat)]))?
    .try_get("legal_status")?;
    let status =
        LegalStatus::from_code(&status).ok_or_else(|| ApiError::Internal("legal status".into()))?;
    let issuer = PermitIssuer::for_status(status);
    if form.issuer.is_some_and(|i| i != issuer) {
        return Err(ApiError::Validation(vec![FieldError {
            field: "issuer".into(),
            code: ErrorCode::InvalidFormat,
            message: WRONG_ISSUER.into(),
        }]));
    }
    let id = new_id();
    let inserted = sqlx::query(
        "INSERT INTO visit_permits (id, establishment_id, detainee_id, number, issuer, holder_first_name, \
         holder_last_name, holder_birth_date, valid_from, valid_until, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (establishment_id, number) DO NOTHING",
    )
    .bind(&id)
    .bind(&establishment_id)
    .bind(&form.detainee_id)
    .bind(form.number.trim())
    .bind(issuer.code())
    .bind(form.holder_first_name.trim())
    .bind(form.holder_last_name.trim())
    .bind(form.holder_birth_date.trim())
    .bind(form.valid_from.trim())
    .bind(form.valid_until.as_deref().map(str::trim))
    .bind(now())
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if inserted != 1 {
        return Err(ApiError::conflict(
            Visits::PermitTaken,
            format!(
                "Le permis n° {} est déjà enregistré dans cet établissement.",
                form.number.trim()
            ),
        ));
    }
    audit::record(
        &mut tx,
        Event::new(
            ActorKind::Agent,
            Some(&agent.id),
            "visit_permit.created",
            ip.0.as_deref(),
        )
        .establishment(&establishment_id)
        .target(&id),
    )
    .await?;
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM visit_permits WHERE id = $1"
    ))
    .bind(&id)
    .fetch_one(&mut *tx)
    .await?;
    let permit = PermitRow::read(&row)?.permit;
    tx.commit().await?;
    Ok((StatusCode::CREATED, axum::Json(permit)))
}

/// The permits of a detainee.
#[utoipa::path(get, path = "/establishments/{id}/detainees/{detainee_id}/permits", tag = "agent",
    params(("id" = String, Path, description = "Establishment id"),
           ("detainee_id" = String, Path, description = "Detainee id")),
    responses((status = 200, body = Vec<Permit>), (status = 403, body = Problem)))]
async fn list(
    State(state): State<AppState>,
    agent: CurrentAgent,
    ApiPath((establishment_id, detainee_id)): ApiPath<(String, String)>,
) -> ApiResult<axum::Json<Vec<Permit>>> {
    agent.require(Permission::ManageVisits, &establishment_id)?;
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM visit_permits WHERE establishment_id = $1 AND detainee_id = $2 ORDER BY created_at"
    ))
    .bind(&establishment_id)
    .bind(&detainee_id)
    .fetch_all(&state.db.pool)
    .await?;
    let permits = rows
        .iter()
        .map(|r| PermitRow::read(r).map(|p| p.permit))
        .collect::<ApiResult<Vec<_>>>()?;
    Ok(axum::Json(permits))
}

/// Filter of the establishment's permit list.
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
pub struct PermitSearch {
    /// Part of the detainee's or holder's name, of the registration or the permit number.
    pub q: Option<String>,
}

/// The establishment's permits (at most 200), by detainee, suspended ones included.
#[utoipa::path(get, path = "/establishments/{id}/permits", tag = "agent",
    params(("id" = String, Path, description = "Establishment id"), PermitSearch),
    responses((status = 200, body = Vec<PermitListing>), (status = 400, body = Problem), (status = 403, body = Problem)))]
async fn list_all(
    State(state): State<AppState>,
    agent: CurrentAgent,
    ApiPath(establishment_id): ApiPath<String>,
    ApiQuery(search): ApiQuery<PermitSearch>,
) -> ApiResult<axum::Json<Vec<PermitListing>>> {
    agent.require(Permission::ManageVisits, &establishment_id)?;
    let q = search.q.unwrap_or_default();
    if q.chars().count() > 100 {
        return Err(ApiError::BadRequest("La recherche est trop longue.".into()));
    }
    let pattern = format!("%{}%", q.trim().to_lowercase());
    let columns = COLUMNS
        .split(',')
        .map(|c| format!("p.{}", c.trim()))
        .collect::<Vec<_>>()
        .join(", ");
    let rows = sqlx::query(&format!(
        "SELECT {columns}, d.first_name AS d_first, d.last_name AS d_last, d.registration_number \
         FROM visit_permits p JOIN detainees d ON d.id = p.detainee_id \
         WHERE p.establishment_id = $1 AND (LOWER(d.last_name) LIKE $2 OR LOWER(d.first_name) LIKE $2 \
           OR LOWER(d.registration_number) LIKE $2 OR LOWER(p.holder_last_name) LIKE $2 \
           OR LOWER(p.holder_first_name) LIKE $2 OR LOWER(p.number) LIKE $2) \
         ORDER BY d.last_name, d.first_name, p.created_at LIMIT 200"
    ))
    .bind(&establishment_id)
    .bind(&pattern)
    .fetch_all(&state.db.pool)
    .await?;
    let permits = rows
        .iter()
        .map(|r| {
            Ok(PermitListing {
                permit: PermitRow::read(r)?.permit,
                detainee_name: format!(
                    "{} {}",
                    r.try_get::<String, _>("d_first")?,
                    r.try_get::<String, _>("d_last")?
                ),
                registration_number: r.try_get("registration_number")?,
            })
        })
        .collect::<ApiResult<Vec<_>>>()?;
    Ok(axum::Json(permits))
}

/// Suspend a permit: its holder can no longer book or come.
#[utoipa::path(post, path = "/establishments/{id}/permits/{permit_id}/suspend", tag = "agent",
    params(("id" = String, Path, description = "Establishment id"),
           ("permit_id" = String, Path, description = "Permit id")),
    request_body = SuspendPermit,
    responses((status = 204), (status = 403, body = Problem), (status = 404, body = Problem)))]
async fn suspend(
    State(state): State<AppState>,
    agent: CurrentAgent,
    ip: ClientIp,
    ApiPath((establishment_id, permit_id)): ApiPath<(String, String)>,
    ApiJson(form): ApiJson<SuspendPermit>,
) -> ApiResult<StatusCode> {
    agent.require(Permission::ManageVisits, &establishment_id)?;
    let mut errors = shared_types::validation::Errors::default();
    shared_types::validation::required_text(&mut errors, "reason", &form.reason, 500);
    errors.finish()?;
    let mut tx = state.db.begin().await?;
    let suspended_at: Option<i64> = sqlx::query(
        "SELECT suspended_at FROM visit_permits WHERE id = $1 AND establishment_id = $2",
    )
    .bind(&permit_id)
    .bind(&establishment_id)
    .fetch_optional(&mut *tx)
    .await?
    .ok_or(ApiError::NotFound)?
    .try_get("suspended_at")?;
    let already = |refusal| ApiError::conflict(refusal, "Ce permis est déjà suspendu.");
    decide_suspend(suspended_at.is_some()).map_err(already)?;
    let changed = sqlx::query(
        "UPDATE visit_permits SET suspended_at = $1, suspension_reason = $2 \
         WHERE id = $3 AND establishment_id = $4 AND suspended_at IS NULL",
    )
    .bind(now())
    .bind(form.reason.trim())
    .bind(&permit_id)
    .bind(&establishment_id)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if changed != 1 {
        return Err(already(Visits::PermitState));
    }
    audit::record(
        &mut tx,
        Event::new(
            ActorKind::Agent,
            Some(&agent.id),
            "visit_permit.suspended",
            ip.0.as_deref(),
        )
        .establishment(&establishment_id)
        .target(&permit_id),
    )
    .await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}
