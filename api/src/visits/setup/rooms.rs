//! Visiting rooms: list, create, rename or resize, archive.

use axum::extract::State;
use axum::http::StatusCode;
use shared_types::Problem;
use shared_types::refusals::visits::Visits;
use shared_types::roles::Permission;
use shared_types::visits::{BookingStatus, NewRoom, Room, RoomChange, RoomKind};
use sqlx::Row;
use sqlx::any::AnyRow;

use super::u32_col;
use crate::audit::{self, ActorKind, Event};
use crate::auth::agent::CurrentAgent;
use crate::db::{Tx, new_id, now};
use crate::error::{ApiError, ApiResult};
use crate::establishments;
use crate::http::client_ip::ClientIp;
use crate::http::json::ApiJson;
use crate::http::params::ApiPath;
use crate::state::AppState;

const COLUMNS: &str = "id, establishment_id, name, kind, capacity";

fn room(row: &AnyRow) -> ApiResult<Room> {
    let kind: String = row.try_get("kind")?;
    Ok(Room {
        id: row.try_get("id")?,
        establishment_id: row.try_get("establishment_id")?,
        name: row.try_get("name")?,
        kind: RoomKind::from_code(&kind)
            .ok_or_else(|| ApiError::Internal(format!("room kind {kind}")))?,
        capacity: u32_col(row, "capacity")?,
    })
}

/// Whether the establishment's room `room_id` exists (404 if not) and is still in use (409
/// `room.archived` if not): the state a room command decides on.
pub(super) async fn room_in_use(
    tx: &mut Tx,
    establishment_id: &str,
    room_id: &str,
) -> ApiResult<()> {
    let archived_at: Option<i64> =
        sqlx::query("SELECT archived_at FROM visit_rooms WHERE id = $1 AND establishment_id = $2")
            .bind(room_id)
            .bind(establishment_id)
            .fetch_optional(&mut **tx)
            .await?
            .ok_or(ApiError::NotFound)?
            .try_get("archived_at")?;
    match archived_at {
        Some(_) => Err(room_archived()),
        None => Ok(()),
    }
}

fn room_archived() -> ApiError {
    ApiError::conflict(
        Visits::RoomArchived,
        "Ce parloir a été supprimé entre-temps par un collègue.",
    )
}

/// The establishment's room `room_id` if it exists and is not archived.
pub(super) async fn active_room(
    tx: &mut Tx,
    establishment_id: &str,
    room_id: &str,
) -> ApiResult<Option<Room>> {
    sqlx::query(&format!(
        "SELECT {COLUMNS} FROM visit_rooms \
         WHERE id = $1 AND establishment_id = $2 AND archived_at IS NULL"
    ))
    .bind(room_id)
    .bind(establishment_id)
    .fetch_optional(&mut **tx)
    .await?
    .as_ref()
    .map(room)
    .transpose()
}

/// Visiting rooms in use, by name.
#[utoipa::path(get, path = "/establishments/{id}/visit-rooms", tag = "agent",
    params(("id" = String, Path, description = "Establishment id")),
    responses((status = 200, body = Vec<Room>), (status = 403, body = Problem)))]
pub(super) async fn list(
    State(state): State<AppState>,
    agent: CurrentAgent,
    ApiPath(establishment_id): ApiPath<String>,
) -> ApiResult<axum::Json<Vec<Room>>> {
    agent.require(Permission::ManageVisits, &establishment_id)?;
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM visit_rooms WHERE establishment_id = $1 AND archived_at IS NULL \
         ORDER BY name, created_at"
    ))
    .bind(&establishment_id)
    .fetch_all(&state.db.pool)
    .await?;
    Ok(axum::Json(rows.iter().map(room).collect::<ApiResult<_>>()?))
}

/// Open a visiting room.
#[utoipa::path(post, path = "/establishments/{id}/visit-rooms", tag = "agent",
    params(("id" = String, Path, description = "Establishment id")),
    request_body = NewRoom,
    responses((status = 201, body = Room), (status = 403, body = Problem),
              (status = 404, body = Problem), (status = 422, body = Problem)))]
pub(super) async fn create(
    State(state): State<AppState>,
    agent: CurrentAgent,
    ip: ClientIp,
    ApiPath(establishment_id): ApiPath<String>,
    ApiJson(form): ApiJson<NewRoom>,
) -> ApiResult<(StatusCode, axum::Json<Room>)> {
    agent.require(Permission::ManageVisits, &establishment_id)?;
    form.validate()?;
    // A national agent covers every id, even a wrong one: answer 404, not a foreign-key 500.
    establishments::get(&state.db, &establishment_id).await?;
    let room = Room {
        id: new_id(),
        establishment_id,
        name: form.name.trim().to_owned(),
        kind: form.kind,
        capacity: form.capacity,
    };
    let mut tx = state.db.begin().await?;
    // Two rooms in use never share a name (a unique index): a repeated tap opens one.
    let inserted = sqlx::query(
        "INSERT INTO visit_rooms (id, establishment_id, name, kind, capacity, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING",
    )
    .bind(&room.id)
    .bind(&room.establishment_id)
    .bind(&room.name)
    .bind(room.kind.code())
    .bind(i64::from(room.capacity))
    .bind(now())
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if inserted != 1 {
        return Err(ApiError::conflict(
            Visits::RoomExists,
            format!("Un parloir s'appelle déjà « {} ».", room.name),
        ));
    }
    audit::record(
        &mut tx,
        Event::new(
            ActorKind::Agent,
            Some(&agent.id),
            "visit_room.created",
            ip.0.as_deref(),
        )
        .establishment(&room.establishment_id)
        .target(&room.id),
    )
    .await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, axum::Json(room)))
}

/// Rename a room or change its capacity, which its future slots follow. The capacity cannot go
/// below the bookings a future slot already holds (409).
#[utoipa::path(put, path = "/establishments/{id}/visit-rooms/{room_id}", tag = "agent",
    params(("id" = String, Path, description = "Establishment id"),
           ("room_id" = String, Path, description = "Room id")),
    request_body = RoomChange,
    responses((status = 200, body = Room), (status = 403, body = Problem),
              (status = 404, body = Problem), (status = 409, body = Problem),
              (status = 422, body = Problem)))]
pub(super) async fn update(
    State(state): State<AppState>,
    agent: CurrentAgent,
    ip: ClientIp,
    ApiPath((establishment_id, room_id)): ApiPath<(String, String)>,
    ApiJson(form): ApiJson<RoomChange>,
) -> ApiResult<axum::Json<Room>> {
    agent.require(Permission::ManageVisits, &establishment_id)?;
    form.validate()?;
    let mut tx = state.db.begin().await?;
    room_in_use(&mut tx, &establishment_id, &room_id).await?;
    let mut room = active_room(&mut tx, &establishment_id, &room_id)
        .await?
        .ok_or_else(room_archived)?;
    let at = now();
    let capacity = i64::from(form.capacity);
    // Resize first, only where the bookings fit, then look for slots left over: the update
    // holds the rows it changed, so a booking racing this request is counted either way.
    sqlx::query(
        "UPDATE visit_slots SET capacity = $1 WHERE room_id = $2 AND starts_at > $3 AND booked <= $1",
    )
    .bind(capacity)
    .bind(&room_id)
    .bind(at)
    .execute(&mut *tx)
    .await?;
    let too_full: i64 = sqlx::query(
        "SELECT COUNT(*) AS n FROM visit_slots WHERE room_id = $1 AND starts_at > $2 AND booked > $3",
    )
    .bind(&room_id)
    .bind(at)
    .bind(capacity)
    .fetch_one(&mut *tx)
    .await?
    .try_get("n")?;
    if too_full > 0 {
        return Err(ApiError::conflict(
            Visits::HasBookings,
            format!(
                "{too_full} créneau(x) à venir ont déjà plus de {} réservation(s) : \
             annulez-les ou choisissez une capacité plus grande.",
                form.capacity
            ),
        ));
    }
    room.name = form.name.trim().to_owned();
    room.capacity = form.capacity;
    let updated = sqlx::query(
        "UPDATE visit_rooms SET name = $1, capacity = $2 WHERE id = $3 AND archived_at IS NULL",
    )
    .bind(&room.name)
    .bind(capacity)
    .bind(&room_id)
    .execute(&mut *tx)
    .await
    .map_err(|e| match &e {
        sqlx::Error::Database(d) if d.is_unique_violation() => ApiError::conflict(
            Visits::RoomExists,
            format!("Un autre parloir s'appelle déjà « {} ».", room.name),
        ),
        _ => e.into(),
    })?
    .rows_affected();
    if updated != 1 {
        return Err(room_archived());
    }
    audit::record(
        &mut tx,
        Event::new(
            ActorKind::Agent,
            Some(&agent.id),
            "visit_room.updated",
            ip.0.as_deref(),
        )
        .establishment(&establishment_id)
        .target(&room_id),
    )
    .await?;
    tx.commit().await?;
    Ok(axum::Json(room))
}

/// Archive a room with its templates; its future slots are closed. Refused (409) while a
/// future visit is booked in it.
#[utoipa::path(delete, path = "/establishments/{id}/visit-rooms/{room_id}", tag = "agent",
    params(("id" = String, Path, description = "Establishment id"),
           ("room_id" = String, Path, description = "Room id")),
    responses((status = 204), (status = 403, body = Problem),
              (status = 404, body = Problem), (status = 409, body = Problem)))]
pub(super) async fn archive(
    State(state): State<AppState>,
    agent: CurrentAgent,
    ip: ClientIp,
    ApiPath((establishment_id, room_id)): ApiPath<(String, String)>,
) -> ApiResult<StatusCode> {
    agent.require(Permission::ManageVisits, &establishment_id)?;
    let mut tx = state.db.begin().await?;
    room_in_use(&mut tx, &establishment_id, &room_id).await?;
    let at = now();
    // Close the future slots first so no booking can land on them once we have counted.
    sqlx::query(
        "UPDATE visit_slots SET blocked_at = $1, block_reason = $2 \
         WHERE room_id = $3 AND starts_at > $1 AND blocked_at IS NULL",
    )
    .bind(at)
    .bind("Parloir fermé")
    .bind(&room_id)
    .execute(&mut *tx)
    .await?;
    let booked: i64 = sqlx::query(
        "SELECT COUNT(*) AS n FROM visit_bookings b JOIN visit_slots s ON s.id = b.slot_id \
         WHERE s.room_id = $1 AND s.starts_at > $2 AND b.status = $3",
    )
    .bind(&room_id)
    .bind(at)
    .bind(BookingStatus::Booked.code())
    .fetch_one(&mut *tx)
    .await?
    .try_get("n")?;
    if booked > 0 {
        return Err(ApiError::conflict(
            Visits::HasBookings,
            format!(
                "{booked} visite(s) à venir sont réservées dans ce parloir : \
             fermez d'abord les dates concernées."
            ),
        ));
    }
    sqlx::query(
        "UPDATE slot_templates SET archived_at = $1 WHERE room_id = $2 AND archived_at IS NULL",
    )
    .bind(at)
    .bind(&room_id)
    .execute(&mut *tx)
    .await?;
    let archived = sqlx::query(
        "UPDATE visit_rooms SET archived_at = $1 WHERE id = $2 AND archived_at IS NULL",
    )
    .bind(at)
    .bind(&room_id)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if archived != 1 {
        return Err(room_archived());
    }
    audit::record(
        &mut tx,
        Event::new(
            ActorKind::Agent,
            Some(&agent.id),
            "visit_room.archived",
            ip.0.as_deref(),
        )
        .establishment(&establishment_id)
        .target(&room_id),
    )
    .await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}
