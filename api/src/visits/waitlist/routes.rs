//! Family-portal routes of the waiting list.

use axum::extract::State;
use axum::http::StatusCode;
use shared_types::Problem;
use shared_types::visit_links::{AcceptOffer, JoinWaitlist, WaitlistEntry, WaitlistStatus};
use shared_types::visits::{Booking, NewBooking};
use shared_types::{ErrorCode, FieldError};
use sqlx::Row;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::audit::{self, ActorKind, Event};
use crate::auth::visitor::CurrentVisitor;
use crate::db::{Db, new_id, now};
use crate::error::{ApiError, ApiResult};
use crate::http::client_ip::ClientIp;
use crate::http::json::ApiJson;
use crate::http::params::ApiPath;
use crate::state::AppState;
use crate::visits::bookings::{Booker, book, read_one};
use crate::visits::setup::load_rules;
use shared_types::refusals::visits::Visits;
use shared_types::visits::VisitRules;
use shared_types::visits::rules::{SlotState, WaitlistCommand, decide_join, decide_waitlist};

/// The waiting list's family-portal routes.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(join, list))
        .routes(routes!(leave))
        .routes(routes!(accept))
}

async fn entries(db: &Db, visitor_id: &str, only: Option<&str>) -> ApiResult<Vec<WaitlistEntry>> {
    let rows = sqlx::query(
        "SELECT w.id, w.slot_id, w.link_id, w.status, w.offer_expires_at, s.starts_at, s.ends_at, r.name \
         FROM waiting_list w JOIN visit_slots s ON s.id = w.slot_id JOIN visit_rooms r ON r.id = s.room_id \
         WHERE w.visitor_id = $1 AND ($2 = '' OR w.id = $2) ORDER BY s.starts_at",
    )
    .bind(visitor_id)
    .bind(only.unwrap_or(""))
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|r| {
            let status: String = r.try_get("status")?;
            Ok(WaitlistEntry {
                id: r.try_get("id")?,
                slot_id: r.try_get("slot_id")?,
                link_id: r.try_get("link_id")?,
                room_name: r.try_get("name")?,
                starts_at: r.try_get("starts_at")?,
                ends_at: r.try_get("ends_at")?,
                status: WaitlistStatus::from_code(&status)
                    .ok_or_else(|| ApiError::Internal(format!("waitlist status {status}")))?,
                offer_expires_at: r.try_get("offer_expires_at")?,
            })
        })
        .collect()
}

#[derive(sqlx::FromRow)]
struct SlotRow {
    capacity: i64,
    booked: i64,
    starts_at: i64,
    blocked_at: Option<i64>,
}

/// Why joining was refused, for a relative.
fn join_refused(refusal: Visits, rules: &VisitRules) -> String {
    match refusal {
        Visits::SlotNotFull => "Ce créneau a encore des places : réservez-le directement.".into(),
        Visits::SlotPast => "Ce créneau est passé.".into(),
        Visits::SlotClosed => "Ce créneau est fermé par l'établissement.".into(),
        Visits::AlreadyWaiting => "Vous avez déjà réservé ce créneau.".into(),
        Visits::WaitlistTooLate => format!(
            "Ce créneau a lieu dans moins de {} heures : une place libérée ne pourrait plus \
             vous être proposée. Choisissez un autre créneau ou appelez l'établissement.",
            rules.closes_hours_before
        ),
        Visits::OutsideWindow => format!(
            "Les réservations de ce créneau ne sont pas encore ouvertes ({} jours avant la visite).",
            rules.opens_days_before
        ),
        other => shared_types::refusals::Refusal::meaning(other).into(),
    }
}

/// Join the waiting list of a full slot.
#[utoipa::path(post, path = "/waitlist", tag = "public", request_body = JoinWaitlist,
    responses((status = 201, body = WaitlistEntry), (status = 409, body = Problem), (status = 422, body = Problem)))]
async fn join(
    State(state): State<AppState>,
    visitor: CurrentVisitor,
    ip: ClientIp,
    ApiJson(form): ApiJson<JoinWaitlist>,
) -> ApiResult<(StatusCode, axum::Json<WaitlistEntry>)> {
    let mut tx = state.db.begin().await?;
    let link = sqlx::query(
        "SELECT establishment_id, detainee_id, permit_id FROM link_requests \
         WHERE id = $1 AND visitor_id = $2 AND status = 'approved'",
    )
    .bind(&form.link_id)
    .bind(&visitor.id)
    .fetch_optional(&mut *tx)
    .await?
    .ok_or_else(|| {
        ApiError::Validation(vec![FieldError::new("link_id", ErrorCode::InvalidFormat)])
    })?;
    let establishment_id: String = link.try_get("establishment_id")?;
    let slot = sqlx::query_as::<_, SlotRow>(
        "SELECT capacity, booked, starts_at, blocked_at FROM visit_slots WHERE id = $1 AND establishment_id = $2",
    )
    .bind(&form.slot_id)
    .bind(&establishment_id)
    .fetch_optional(&mut *tx)
    .await?
    .ok_or_else(|| ApiError::Validation(vec![FieldError::new("slot_id", ErrorCode::InvalidFormat)]))?;
    let already_booked: i64 = sqlx::query(
        "SELECT COUNT(*) AS n FROM visit_bookings WHERE visitor_id = $1 AND slot_id = $2 \
         AND status IN ('booked', 'checked_in')",
    )
    .bind(&visitor.id)
    .bind(&form.slot_id)
    .fetch_one(&mut *tx)
    .await?
    .try_get("n")?;
    let rules = load_rules(&mut *tx, &establishment_id).await?;
    let slot_state = SlotState {
        starts_at: slot.starts_at,
        capacity: slot.capacity,
        booked: slot.booked,
        blocked: slot.blocked_at.is_some(),
    };
    decide_join(&rules, now(), slot_state, already_booked > 0)
        .map_err(|refusal| ApiError::conflict(refusal, join_refused(refusal, &rules)))?;
    let id = new_id();
    let inserted = sqlx::query(
        "INSERT INTO waiting_list (id, establishment_id, slot_id, visitor_id, detainee_id, permit_id, link_id, status, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'waiting', $8) ON CONFLICT (slot_id, visitor_id) DO NOTHING",
    )
    .bind(&id)
    .bind(&establishment_id)
    .bind(&form.slot_id)
    .bind(&visitor.id)
    .bind(link.try_get::<String, _>("detainee_id")?)
    .bind(link.try_get::<String, _>("permit_id")?)
    .bind(&form.link_id)
    .bind(now())
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if inserted != 1 {
        return Err(ApiError::conflict(
            shared_types::refusals::visits::Visits::AlreadyWaiting,
            "Vous êtes déjà sur la liste d'attente de ce créneau.",
        ));
    }
    audit::record(
        &mut tx,
        Event::new(
            ActorKind::Visitor,
            Some(&visitor.id),
            "visit_waitlist.joined",
            ip.0.as_deref(),
        )
        .establishment(&establishment_id)
        .target(&id),
    )
    .await?;
    tx.commit().await?;
    let entry = entries(&state.db, &visitor.id, Some(&id))
        .await?
        .pop()
        .ok_or(ApiError::NotFound)?;
    Ok((StatusCode::CREATED, axum::Json(entry)))
}

/// The visitor's waiting-list entries, with any place offered.
#[utoipa::path(get, path = "/waitlist", tag = "public",
    responses((status = 200, body = Vec<WaitlistEntry>), (status = 401, body = Problem)))]
async fn list(
    State(state): State<AppState>,
    visitor: CurrentVisitor,
) -> ApiResult<axum::Json<Vec<WaitlistEntry>>> {
    Ok(axum::Json(entries(&state.db, &visitor.id, None).await?))
}

/// Take the place offered: books the visit on the held place.
#[utoipa::path(post, path = "/waitlist/{id}/accept", tag = "public", request_body = AcceptOffer,
    params(("id" = String, Path, description = "Waiting-list entry id")),
    responses((status = 201, body = Booking), (status = 200, body = Booking), (status = 404, body = Problem), (status = 409, body = Problem)))]
async fn accept(
    State(state): State<AppState>,
    visitor: CurrentVisitor,
    ip: ClientIp,
    ApiPath(id): ApiPath<String>,
    ApiJson(form): ApiJson<AcceptOffer>,
) -> ApiResult<(StatusCode, axum::Json<Booking>)> {
    let entry = entries(&state.db, &visitor.id, Some(&id))
        .await?
        .pop()
        .ok_or(ApiError::NotFound)?;
    // A repeated accept with the same key answers the booking it made; any other is refused.
    if entry.status == WaitlistStatus::Accepted {
        let done = sqlx::query(
            "SELECT id FROM visit_bookings WHERE visitor_id = $1 AND idempotency_key = $2",
        )
        .bind(&visitor.id)
        .bind(form.idempotency_key.trim())
        .fetch_optional(&state.db.pool)
        .await?;
        return match done {
            Some(row) => {
                let booking_id: String = row.try_get("id")?;
                Ok((
                    StatusCode::OK,
                    axum::Json(read_one(&state.db, &booking_id).await?),
                ))
            }
            None => Err(ApiError::conflict(
                Visits::WaitlistNotActive,
                "Vous avez déjà accepté cette place : la visite est dans vos réservations.",
            )),
        };
    }
    decide_waitlist(
        entry.status,
        entry.offer_expires_at,
        now(),
        WaitlistCommand::Accept,
    )
    .map_err(|refusal| ApiError::conflict(refusal, accept_refused(refusal)))?;
    let request = NewBooking {
        link_id: entry.link_id,
        slot_id: entry.slot_id,
        companions: form.companions,
        idempotency_key: form.idempotency_key,
    };
    let mut tx = state.db.begin().await?;
    let booker = Booker {
        visitor_id: &visitor.id,
        agent_id: None,
        ip: ip.0.as_deref(),
        held_offer: Some(&id),
    };
    let (booking_id, created) = book(&mut tx, booker, &request).await?;
    tx.commit().await?;
    let status = if created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, axum::Json(read_one(&state.db, &booking_id).await?)))
}

fn accept_refused(refusal: Visits) -> &'static str {
    match refusal {
        Visits::OfferExpired => {
            "Le délai pour confirmer cette place est passé : elle a été proposée à la personne suivante."
        }
        _ => "Aucune place ne vous est proposée sur ce créneau pour le moment.",
    }
}

/// Leave a waiting list; a place held for this visitor passes to the next in line.
#[utoipa::path(delete, path = "/waitlist/{id}", tag = "public",
    params(("id" = String, Path, description = "Waiting-list entry id")),
    responses((status = 204), (status = 404, body = Problem)))]
async fn leave(
    State(state): State<AppState>,
    visitor: CurrentVisitor,
    ip: ClientIp,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<StatusCode> {
    let mut tx = state.db.begin().await?;
    let row = sqlx::query(
        "SELECT slot_id, establishment_id, status FROM waiting_list WHERE id = $1 AND visitor_id = $2",
    )
    .bind(&id)
    .bind(&visitor.id)
    .fetch_optional(&mut *tx)
    .await?
    .ok_or(ApiError::NotFound)?;
    let code: String = row.try_get("status")?;
    let status = WaitlistStatus::from_code(&code)
        .ok_or_else(|| ApiError::Internal(format!("waitlist status {code}")))?;
    let not_active = |refusal| ApiError::conflict(refusal, "Cette inscription est déjà terminée.");
    let to = decide_waitlist(status, None, now(), WaitlistCommand::Leave).map_err(not_active)?;
    // Conditional on the status decided on: an offer made meanwhile must pass on, not vanish.
    let left = sqlx::query("UPDATE waiting_list SET status = $1 WHERE id = $2 AND status = $3")
        .bind(to.code())
        .bind(&id)
        .bind(status.code())
        .execute(&mut *tx)
        .await?
        .rows_affected();
    if left != 1 {
        return Err(not_active(Visits::WaitlistNotActive));
    }
    let establishment_id: String = row.try_get("establishment_id")?;
    if status == WaitlistStatus::Offered {
        let rules = load_rules(&mut *tx, &establishment_id).await?;
        super::place_freed(&mut tx, &row.try_get::<String, _>("slot_id")?, &rules).await?;
    }
    audit::record(
        &mut tx,
        Event::new(
            ActorKind::Visitor,
            Some(&visitor.id),
            "visit_waitlist.left",
            ip.0.as_deref(),
        )
        .establishment(&establishment_id)
        .target(&id),
    )
    .await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}
