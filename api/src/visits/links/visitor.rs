//! The visitor's side: ask to be linked to a detainee and follow the request.

use axum::extract::State;
use axum::http::StatusCode;
use shared_types::Problem;
use shared_types::establishment::EstablishmentSummary;
use shared_types::refusals::visits::Visits;
use shared_types::visit_links::{LinkView, permit_valid_on};
use shared_types::visits::{LinkStatus, NewLinkRequest};
use sqlx::Row;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::audit::{self, ActorKind, Event};
use crate::auth::visitor::CurrentVisitor;
use crate::db::{Db, new_id, now};
use crate::error::{ApiError, ApiResult};
use crate::establishments;
use crate::http::client_ip::ClientIp;
use crate::http::json::ApiJson;
use crate::state::AppState;
use crate::visits::week::paris_date;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_establishments))
        .routes(routes!(request_link, list_links))
}

/// Establishments a visitor can ask a link for.
#[utoipa::path(get, path = "/establishments", tag = "public",
    responses((status = 200, body = Vec<EstablishmentSummary>)))]
async fn list_establishments(
    State(state): State<AppState>,
) -> ApiResult<axum::Json<Vec<EstablishmentSummary>>> {
    Ok(axum::Json(establishments::all(&state.db).await?))
}

/// Ask to be linked to a detainee; staff check it against the permit. Needs a confirmed
/// e-mail address and a date of birth in the profile (403 otherwise).
#[utoipa::path(post, path = "/links", tag = "public", request_body = NewLinkRequest,
    responses((status = 201, body = LinkView), (status = 401, body = Problem),
              (status = 403, body = Problem), (status = 409, body = Problem),
              (status = 422, body = Problem)))]
async fn request_link(
    State(state): State<AppState>,
    visitor: CurrentVisitor,
    ip: ClientIp,
    ApiJson(form): ApiJson<NewLinkRequest>,
) -> ApiResult<(StatusCode, axum::Json<LinkView>)> {
    form.validate()?;
    let establishment = establishments::get(&state.db, &form.establishment_id)
        .await
        .map_err(|_| {
            ApiError::Validation(vec![shared_types::FieldError::new(
                "establishment_id",
                shared_types::ErrorCode::InvalidFormat,
            )])
        })?;
    let id = new_id();
    let mut tx = state.db.begin().await?;
    crate::visitor_account::require_ready_for_links(&mut tx, &visitor.id).await?;
    // The visitor's row is the lock of their requests: two requests sent at once queue here, so
    // the count below sees every request committed before this one.
    sqlx::query("UPDATE visitors SET first_name = first_name WHERE id = $1")
        .bind(&visitor.id)
        .execute(&mut *tx)
        .await?;
    let pending: i64 = sqlx::query(
        "SELECT COUNT(*) AS n FROM link_requests WHERE visitor_id = $1 AND status = 'pending'",
    )
    .bind(&visitor.id)
    .fetch_one(&mut *tx)
    .await?
    .try_get("n")?;
    // A bound on pending requests keeps the staff's queue from being flooded by one account.
    if pending >= 10 {
        return Err(ApiError::conflict(
            Visits::LinkTooMany,
            "Vous avez déjà 10 demandes en attente. Attendez leur traitement.",
        ));
    }
    // One pending request per person asked for (a unique index): a repeated tap asks once.
    let inserted = sqlx::query(
        "INSERT INTO link_requests (id, establishment_id, visitor_id, detainee_first_name, \
         detainee_last_name, detainee_birth_date, permit_number, status, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING",
    )
    .bind(&id)
    .bind(&establishment.id)
    .bind(&visitor.id)
    .bind(form.detainee_first_name.trim())
    .bind(form.detainee_last_name.trim())
    .bind(form.detainee_birth_date.trim())
    .bind(
        form.permit_number
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty()),
    )
    .bind(LinkStatus::Pending.code())
    .bind(now())
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if inserted != 1 {
        return Err(ApiError::conflict(
            Visits::LinkExists,
            "Vous avez déjà une demande en attente pour cette personne. \
             L'établissement vous répondra dès qu'il l'aura traitée.",
        ));
    }
    audit::record(
        &mut tx,
        Event::new(
            ActorKind::Visitor,
            Some(&visitor.id),
            "visit_link.requested",
            ip.0.as_deref(),
        )
        .establishment(&establishment.id)
        .target(&id),
    )
    .await?;
    tx.commit().await?;
    let view = load(&state.db, &visitor.id)
        .await?
        .into_iter()
        .find(|l| l.id == id)
        .ok_or(ApiError::NotFound)?;
    Ok((StatusCode::CREATED, axum::Json(view)))
}

/// The visitor's link requests and their status.
#[utoipa::path(get, path = "/links", tag = "public",
    responses((status = 200, body = Vec<LinkView>), (status = 401, body = Problem)))]
async fn list_links(
    State(state): State<AppState>,
    visitor: CurrentVisitor,
) -> ApiResult<axum::Json<Vec<LinkView>>> {
    Ok(axum::Json(load(&state.db, &visitor.id).await?))
}

/// Every link request of a visitor, newest first.
pub async fn load(db: &Db, visitor_id: &str) -> ApiResult<Vec<LinkView>> {
    let rows = sqlx::query(
        "SELECT l.id, l.establishment_id, l.detainee_first_name, l.detainee_last_name, l.status, \
         l.rejection_reason, p.valid_from, p.valid_until, p.suspended_at \
         FROM link_requests l LEFT JOIN visit_permits p ON p.id = l.permit_id \
         WHERE l.visitor_id = $1 ORDER BY l.created_at DESC",
    )
    .bind(visitor_id)
    .fetch_all(&db.pool)
    .await?;
    let today = paris_date(now());
    let mut views = Vec::with_capacity(rows.len());
    for r in rows {
        let status: String = r.try_get("status")?;
        let status = LinkStatus::from_code(&status)
            .ok_or_else(|| ApiError::Internal(format!("link status {status}")))?;
        let valid_from: Option<String> = r.try_get("valid_from")?;
        let valid_until: Option<String> = r.try_get("valid_until")?;
        let suspended = r.try_get::<Option<i64>, _>("suspended_at")?.is_some();
        let can_book = status == LinkStatus::Approved
            && valid_from.as_deref().is_some_and(|from| {
                permit_valid_on(from, valid_until.as_deref(), suspended, today)
            });
        views.push(LinkView {
            id: r.try_get("id")?,
            establishment: establishments::get(db, &r.try_get::<String, _>("establishment_id")?)
                .await?,
            detainee_name: format!(
                "{} {}",
                r.try_get::<String, _>("detainee_first_name")?,
                r.try_get::<String, _>("detainee_last_name")?
            ),
            status,
            rejection_reason: r.try_get("rejection_reason")?,
            permit_valid_until: valid_until,
            can_book,
        });
    }
    Ok(views)
}
