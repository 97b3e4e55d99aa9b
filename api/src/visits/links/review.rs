//! Staff review link requests: approve with the visitor's permit, or reject with a reason.

use axum::extract::State;
use shared_types::Problem;
use shared_types::people::LegalStatus;
use shared_types::refusals::visits::Visits;
use shared_types::roles::Permission;
use shared_types::visit_links::{ApproveLink, LinkDecision, LinkRequestReview, RejectLink};
use shared_types::visits::rules::decide_link;
use shared_types::visits::{LinkStatus, PermitIssuer};
use shared_types::{ErrorCode, FieldError};
use sqlx::Row;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::audit::{self, ActorKind, Event};
use crate::auth::agent::CurrentAgent;
use crate::db::{Tx, new_id, now};
use crate::error::{ApiError, ApiResult};
use crate::http::client_ip::ClientIp;
use crate::http::json::ApiJson;
use crate::http::params::ApiPath;
use crate::people::{SUMMARY_COLUMNS, summary};
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list))
        .routes(routes!(approve))
        .routes(routes!(reject))
}

/// Pending link requests of an establishment, oldest first, with matching detainees.
#[utoipa::path(get, path = "/establishments/{id}/link-requests", tag = "agent",
    params(("id" = String, Path, description = "Establishment id")),
    responses((status = 200, body = Vec<LinkRequestReview>), (status = 403, body = Problem)))]
async fn list(
    State(state): State<AppState>,
    agent: CurrentAgent,
    ApiPath(establishment_id): ApiPath<String>,
) -> ApiResult<axum::Json<Vec<LinkRequestReview>>> {
    agent.require(Permission::ManageVisits, &establishment_id)?;
    let rows = sqlx::query(
        "SELECT l.id, l.detainee_first_name, l.detainee_last_name, l.detainee_birth_date, \
         l.permit_number, l.status, l.created_at, v.first_name, v.last_name, v.email \
         FROM link_requests l JOIN visitors v ON v.id = l.visitor_id \
         WHERE l.establishment_id = $1 AND l.status = 'pending' ORDER BY l.created_at LIMIT 200",
    )
    .bind(&establishment_id)
    .fetch_all(&state.db.pool)
    .await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let last_name: String = r.try_get("detainee_last_name")?;
        let birth_date: String = r.try_get("detainee_birth_date")?;
        let candidates = sqlx::query(&format!(
            "SELECT {SUMMARY_COLUMNS} FROM detainees WHERE establishment_id = $1 AND released_at IS NULL \
             AND (LOWER(last_name) = LOWER($2) OR birth_date = $3) ORDER BY last_name LIMIT 10"
        ))
        .bind(&establishment_id)
        .bind(last_name.trim())
        .bind(&birth_date)
        .fetch_all(&state.db.pool)
        .await?
        .iter()
        .map(summary)
        .collect::<ApiResult<Vec<_>>>()?;
        out.push(LinkRequestReview {
            id: r.try_get("id")?,
            visitor_name: format!(
                "{} {}",
                r.try_get::<String, _>("first_name")?,
                r.try_get::<String, _>("last_name")?
            ),
            visitor_email: r.try_get("email")?,
            detainee_first_name: r.try_get("detainee_first_name")?,
            detainee_last_name: last_name,
            detainee_birth_date: birth_date,
            permit_number: r.try_get("permit_number")?,
            status: LinkStatus::Pending,
            created_at: r.try_get("created_at")?,
            candidates,
        });
    }
    Ok(axum::Json(out))
}

/// Loads the link request `link_id` of `establishment_id` (or 404) and decides `to` on it;
/// returns its visitor.
async fn pending_link(
    tx: &mut Tx,
    establishment_id: &str,
    link_id: &str,
    to: LinkStatus,
) -> ApiResult<String> {
    let row = sqlx::query(
        "SELECT visitor_id, status FROM link_requests WHERE id = $1 AND establishment_id = $2",
    )
    .bind(link_id)
    .bind(establishment_id)
    .fetch_optional(&mut **tx)
    .await?
    .ok_or(ApiError::NotFound)?;
    let code: String = row.try_get("status")?;
    let status = LinkStatus::from_code(&code)
        .ok_or_else(|| ApiError::Internal(format!("link status {code}")))?;
    decide_link(status, to).map_err(decided)?;
    Ok(row.try_get("visitor_id")?)
}

fn decided(refusal: Visits) -> ApiError {
    ApiError::conflict(
        refusal,
        "Cette demande a déjà été traitée (acceptée ou refusée par un collègue).",
    )
}

fn field(name: &str, message: &str) -> ApiError {
    ApiError::Validation(vec![FieldError {
        field: name.into(),
        code: ErrorCode::InvalidFormat,
        message: message.into(),
    }])
}

/// Approve a link request: record (or attach) the visitor's permit for the detainee.
#[utoipa::path(post, path = "/establishments/{id}/link-requests/{link_id}/approve", tag = "agent",
    params(("id" = String, Path, description = "Establishment id"),
           ("link_id" = String, Path, description = "Link request id")),
    request_body = ApproveLink,
    responses((status = 200, body = LinkDecision), (status = 403, body = Problem),
              (status = 409, body = Problem), (status = 422, body = Problem)))]
async fn approve(
    State(state): State<AppState>,
    agent: CurrentAgent,
    ip: ClientIp,
    ApiPath((establishment_id, link_id)): ApiPath<(String, String)>,
    ApiJson(form): ApiJson<ApproveLink>,
) -> ApiResult<axum::Json<LinkDecision>> {
    agent.require(Permission::ManageVisits, &establishment_id)?;
    form.validate()?;
    let mut tx = state.db.begin().await?;
    let visitor_id =
        pending_link(&mut tx, &establishment_id, &link_id, LinkStatus::Approved).await?;
    let detainee = sqlx::query(
        "SELECT legal_status FROM detainees WHERE id = $1 AND establishment_id = $2 AND released_at IS NULL",
    )
    .bind(&form.detainee_id)
    .bind(&establishment_id)
    .fetch_optional(&mut *tx)
    .await?
    .ok_or_else(|| field("detainee_id", "Cette personne n'est pas détenue dans cet établissement."))?;
    let status = LegalStatus::from_code(&detainee.try_get::<String, _>("legal_status")?)
        .ok_or_else(|| ApiError::Internal("legal status".into()))?;
    let expected = PermitIssuer::for_status(status);
    if form.issuer.is_some_and(|i| i != expected) {
        return Err(field("issuer", super::permits::WRONG_ISSUER));
    }
    // The decision is written first, conditionally: a colleague deciding at the same moment
    // waits on this row and is refused, before either touches the permits.
    let decided_now = sqlx::query(
        "UPDATE link_requests SET status = $1, detainee_id = $2, decided_by = $3, decided_at = $4 \
         WHERE id = $5 AND status = $6",
    )
    .bind(LinkStatus::Approved.code())
    .bind(&form.detainee_id)
    .bind(&agent.id)
    .bind(now())
    .bind(&link_id)
    .bind(LinkStatus::Pending.code())
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if decided_now != 1 {
        return Err(decided(Visits::LinkDecided));
    }
    let number = form.permit_number.trim();
    let existing = sqlx::query(
        "SELECT id, detainee_id, visitor_id FROM visit_permits WHERE establishment_id = $1 AND number = $2",
    )
    .bind(&establishment_id)
    .bind(number)
    .fetch_optional(&mut *tx)
    .await?;
    let permit_id = match existing {
        Some(p) => {
            let same_detainee = p.try_get::<String, _>("detainee_id")? == form.detainee_id;
            let holder: Option<String> = p.try_get("visitor_id")?;
            if !same_detainee || holder.is_some_and(|h| h != visitor_id) {
                return Err(field(
                    "permit_number",
                    "Ce numéro de permis est déjà attribué à une autre personne.",
                ));
            }
            let id: String = p.try_get("id")?;
            let held = sqlx::query(
                "UPDATE visit_permits SET visitor_id = $1 WHERE id = $2 \
                 AND (visitor_id IS NULL OR visitor_id = $1)",
            )
            .bind(&visitor_id)
            .bind(&id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if held != 1 {
                return Err(field(
                    "permit_number",
                    "Ce numéro de permis est déjà attribué à une autre personne.",
                ));
            }
            id
        }
        None => {
            let visitor = sqlx::query("SELECT first_name, last_name FROM visitors WHERE id = $1")
                .bind(&visitor_id)
                .fetch_one(&mut *tx)
                .await?;
            let id = new_id();
            let inserted = sqlx::query(
                "INSERT INTO visit_permits (id, establishment_id, detainee_id, visitor_id, number, issuer, \
                 holder_first_name, holder_last_name, holder_birth_date, valid_from, valid_until, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) \
                 ON CONFLICT (establishment_id, number) DO NOTHING",
            )
            .bind(&id)
            .bind(&establishment_id)
            .bind(&form.detainee_id)
            .bind(&visitor_id)
            .bind(number)
            .bind(expected.code())
            .bind(visitor.try_get::<String, _>("first_name")?)
            .bind(visitor.try_get::<String, _>("last_name")?)
            .bind(form.holder_birth_date.trim())
            .bind(form.valid_from.trim())
            .bind(form.valid_until.as_deref().map(str::trim))
            .bind(now())
            .execute(&mut *tx)
            .await?
            .rows_affected();
            // Recorded meanwhile for someone else by another decision.
            if inserted != 1 {
                return Err(field(
                    "permit_number",
                    "Ce numéro de permis est déjà attribué à une autre personne.",
                ));
            }
            id
        }
    };
    sqlx::query("UPDATE link_requests SET permit_id = $1 WHERE id = $2")
        .bind(&permit_id)
        .bind(&link_id)
        .execute(&mut *tx)
        .await?;
    audit::record(
        &mut tx,
        Event::new(
            ActorKind::Agent,
            Some(&agent.id),
            "visit_link.approved",
            ip.0.as_deref(),
        )
        .establishment(&establishment_id)
        .target(&link_id),
    )
    .await?;
    tx.commit().await?;
    Ok(axum::Json(LinkDecision {
        id: link_id,
        status: LinkStatus::Approved,
        permit_id: Some(permit_id),
    }))
}

/// Reject a link request with a reason the visitor sees.
#[utoipa::path(post, path = "/establishments/{id}/link-requests/{link_id}/reject", tag = "agent",
    params(("id" = String, Path, description = "Establishment id"),
           ("link_id" = String, Path, description = "Link request id")),
    request_body = RejectLink,
    responses((status = 200, body = LinkDecision), (status = 403, body = Problem), (status = 409, body = Problem)))]
async fn reject(
    State(state): State<AppState>,
    agent: CurrentAgent,
    ip: ClientIp,
    ApiPath((establishment_id, link_id)): ApiPath<(String, String)>,
    ApiJson(form): ApiJson<RejectLink>,
) -> ApiResult<axum::Json<LinkDecision>> {
    agent.require(Permission::ManageVisits, &establishment_id)?;
    form.validate()?;
    let mut tx = state.db.begin().await?;
    pending_link(&mut tx, &establishment_id, &link_id, LinkStatus::Rejected).await?;
    let decided_now = sqlx::query(
        "UPDATE link_requests SET status = $5, rejection_reason = $1, decided_by = $2, \
         decided_at = $3 WHERE id = $4 AND status = $6",
    )
    .bind(form.reason.trim())
    .bind(&agent.id)
    .bind(now())
    .bind(&link_id)
    .bind(LinkStatus::Rejected.code())
    .bind(LinkStatus::Pending.code())
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if decided_now != 1 {
        return Err(decided(Visits::LinkDecided));
    }
    audit::record(
        &mut tx,
        Event::new(
            ActorKind::Agent,
            Some(&agent.id),
            "visit_link.rejected",
            ip.0.as_deref(),
        )
        .establishment(&establishment_id)
        .target(&link_id),
    )
    .await?;
    tx.commit().await?;
    Ok(axum::Json(LinkDecision {
        id: link_id,
        status: LinkStatus::Rejected,
        permit_id: None,
    }))
}
