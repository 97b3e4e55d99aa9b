//! The visiting-room desk: the day's list per slot, check-in on arrival, no-shows.

use axum::extract::State;
use serde::Deserialize;
use shared_types::Problem;
use shared_types::date::Date;
use shared_types::refusals::visits::Visits;
use shared_types::roles::Permission;
use shared_types::visit_desk::{DeskBooking, DeskSlot};
use shared_types::visits::rules::{BookingCommand, decide_booking};
use shared_types::visits::{BookingStatus, RoomKind};
use sqlx::Row;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::audit::{self, ActorKind, Event};
use crate::auth::agent::CurrentAgent;
use crate::db::now;
use crate::error::{ApiError, ApiResult};
use crate::http::client_ip::ClientIp;
use crate::http::params::{ApiPath, ApiQuery};
use crate::paris_time::day_range;
use crate::people::cell_label;
use crate::state::AppState;

/// Console routes of the desk.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(day_list))
        .routes(routes!(check_in))
        .routes(routes!(no_show))
}

/// Which day.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct Day {
    /// `YYYY-MM-DD`, Paris time (default: today).
    pub date: Option<String>,
}

/// The day's slots and their visits, by time and room (printable).
#[utoipa::path(get, path = "/establishments/{id}/day-list", tag = "agent",
    params(("id" = String, Path, description = "Establishment id"), Day),
    responses((status = 200, body = Vec<DeskSlot>), (status = 400, body = Problem), (status = 403, body = Problem)))]
async fn day_list(
    State(state): State<AppState>,
    agent: CurrentAgent,
    ApiPath(establishment_id): ApiPath<String>,
    ApiQuery(day): ApiQuery<Day>,
) -> ApiResult<axum::Json<Vec<DeskSlot>>> {
    agent.require(Permission::ManageVisits, &establishment_id)?;
    let date = match day.date.as_deref() {
        None => crate::visits::week::paris_date(now()),
        Some(d) => Date::parse(d)
            .ok_or_else(|| ApiError::BadRequest("`date` : une date AAAA-MM-JJ.".into()))?,
    };
    let (start, end) = day_range(date, 1);
    let slots = sqlx::query(
        "SELECT s.id, s.starts_at, s.ends_at, s.capacity, s.blocked_at, r.name, r.kind \
         FROM visit_slots s JOIN visit_rooms r ON r.id = s.room_id \
         WHERE s.establishment_id = $1 AND s.starts_at >= $2 AND s.starts_at < $3 ORDER BY s.starts_at, r.name",
    )
    .bind(&establishment_id)
    .bind(start)
    .bind(end)
    .fetch_all(&state.db.pool)
    .await?;
    let bookings = sqlx::query(
        "SELECT b.id, b.slot_id, b.status, b.booked_by_agent, v.first_name AS v_first, v.last_name AS v_last, \
         v.phone, d.first_name AS d_first, d.last_name AS d_last, d.registration_number, d.building, d.wing, d.cell \
         FROM visit_bookings b JOIN visitors v ON v.id = b.visitor_id JOIN detainees d ON d.id = b.detainee_id \
         WHERE b.establishment_id = $1 AND b.starts_at >= $2 AND b.starts_at < $3 AND b.status <> 'cancelled' \
         ORDER BY d.last_name",
    )
    .bind(&establishment_id)
    .bind(start)
    .bind(end)
    .fetch_all(&state.db.pool)
    .await?;
    let mut out = Vec::with_capacity(slots.len());
    for s in &slots {
        let slot_id: String = s.try_get("id")?;
        let kind: String = s.try_get("kind")?;
        let mut list = Vec::new();
        for b in bookings
            .iter()
            .filter(|b| b.try_get::<String, _>("slot_id").ok().as_deref() == Some(&slot_id))
        {
            list.push(desk_booking(&state, b).await?);
        }
        out.push(DeskSlot {
            slot_id,
            room_name: s.try_get("name")?,
            room_kind: RoomKind::from_code(&kind)
                .ok_or_else(|| ApiError::Internal(format!("room kind {kind}")))?,
            starts_at: s.try_get("starts_at")?,
            ends_at: s.try_get("ends_at")?,
            capacity: u32::try_from(s.try_get::<i64, _>("capacity")?).unwrap_or(0),
            blocked: s.try_get::<Option<i64>, _>("blocked_at")?.is_some(),
            bookings: list,
        });
    }
    Ok(axum::Json(out))
}

async fn desk_booking(state: &AppState, b: &sqlx::any::AnyRow) -> ApiResult<DeskBooking> {
    let id: String = b.try_get("id")?;
    let status: String = b.try_get("status")?;
    let companions = sqlx::query(
        "SELECT first_name, last_name, minor FROM booking_companions WHERE booking_id = $1 ORDER BY position",
    )
    .bind(&id)
    .fetch_all(&state.db.pool)
    .await?
    .iter()
    .map(|c| {
        let name = format!("{} {}", c.try_get::<String, _>("first_name")?, c.try_get::<String, _>("last_name")?);
        Ok(if c.try_get::<i64, _>("minor")? == 1 { format!("{name} (enfant)") } else { name })
    })
    .collect::<ApiResult<Vec<_>>>()?;
    Ok(DeskBooking {
        id,
        status: BookingStatus::from_code(&status)
            .ok_or_else(|| ApiError::Internal(format!("status {status}")))?,
        visitor_name: format!(
            "{} {}",
            b.try_get::<String, _>("v_first")?,
            b.try_get::<String, _>("v_last")?
        ),
        visitor_phone: b.try_get("phone")?,
        detainee_name: format!(
            "{} {}",
            b.try_get::<String, _>("d_first")?,
            b.try_get::<String, _>("d_last")?
        ),
        registration_number: b.try_get("registration_number")?,
        cell: cell_label(
            &b.try_get::<String, _>("building")?,
            &b.try_get::<String, _>("wing")?,
            &b.try_get::<String, _>("cell")?,
        ),
        companions,
        booked_by_staff: b.try_get::<Option<String>, _>("booked_by_agent")?.is_some(),
    })
}

/// Moves a booked visit of the establishment to `to`, audited. Only from `booked`, so a visit
/// is checked in or marked absent once.
#[derive(sqlx::FromRow)]
struct DeskRow {
    status: String,
    starts_at: i64,
}

async fn mark(
    state: &AppState,
    agent: &CurrentAgent,
    ip: &ClientIp,
    establishment_id: &str,
    booking_id: &str,
    to: BookingStatus,
) -> ApiResult<()> {
    agent.require(Permission::ManageVisits, establishment_id)?;
    let mut tx = state.db.begin().await?;
    let booking = sqlx::query_as::<_, DeskRow>(
        "SELECT status, starts_at FROM visit_bookings WHERE id = $1 AND establishment_id = $2",
    )
    .bind(booking_id)
    .bind(establishment_id)
    .fetch_optional(&mut *tx)
    .await?
    .ok_or(ApiError::NotFound)?;
    let status = BookingStatus::from_code(&booking.status)
        .ok_or_else(|| ApiError::Internal(format!("booking status {}", booking.status)))?;
    let rules = crate::visits::setup::load_rules(&mut *tx, establishment_id).await?;
    let command = match to {
        BookingStatus::CheckedIn => BookingCommand::CheckIn,
        _ => BookingCommand::NoShow,
    };
    let refused = |refusal: Visits| {
        let detail = match refusal {
            Visits::CheckInNotAllowed => {
                "Cette visite n'est pas encore du moment : on pointe à partir de deux heures avant."
            }
            _ => "Cette visite n'est plus à pointer : déjà pointée, absente ou annulée.",
        };
        ApiError::conflict(refusal, detail)
    };
    let to = decide_booking(status, booking.starts_at, now(), &rules, command).map_err(refused)?;
    let changed = sqlx::query(
        "UPDATE visit_bookings SET status = $1, checked_in_at = CASE WHEN $1 = 'checked_in' THEN $2 ELSE checked_in_at END \
         WHERE id = $3 AND establishment_id = $4 AND status = $5",
    )
    .bind(to.code())
    .bind(now())
    .bind(booking_id)
    .bind(establishment_id)
    .bind(status.code())
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if changed != 1 {
        return Err(refused(Visits::NotBooked));
    }
    let action = format!("visit_booking.{}", to.code());
    audit::record(
        &mut tx,
        Event::new(ActorKind::Agent, Some(&agent.id), &action, ip.0.as_deref())
            .establishment(establishment_id)
            .target(booking_id),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Check a visitor in on arrival (from two hours before the visit).
#[utoipa::path(post, path = "/establishments/{id}/bookings/{booking_id}/check-in", tag = "agent",
    params(("id" = String, Path, description = "Establishment id"), ("booking_id" = String, Path, description = "Booking id")),
    responses((status = 204), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem)))]
async fn check_in(
    State(state): State<AppState>,
    agent: CurrentAgent,
    ip: ClientIp,
    ApiPath((establishment_id, booking_id)): ApiPath<(String, String)>,
) -> ApiResult<axum::http::StatusCode> {
    mark(
        &state,
        &agent,
        &ip,
        &establishment_id,
        &booking_id,
        BookingStatus::CheckedIn,
    )
    .await?;
    Ok(axum::http::StatusCode::NO_CONTENT)
}

/// Record that the visitor did not come.
#[utoipa::path(post, path = "/establishments/{id}/bookings/{booking_id}/no-show", tag = "agent",
    params(("id" = String, Path, description = "Establishment id"), ("booking_id" = String, Path, description = "Booking id")),
    responses((status = 204), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem)))]
async fn no_show(
    State(state): State<AppState>,
    agent: CurrentAgent,
    ip: ClientIp,
    ApiPath((establishment_id, booking_id)): ApiPath<(String, String)>,
) -> ApiResult<axum::http::StatusCode> {
    mark(
        &state,
        &agent,
        &ip,
        &establishment_id,
        &booking_id,
        BookingStatus::NoShow,
    )
    .await?;
    Ok(axum::http::StatusCode::NO_CONTENT)
}
