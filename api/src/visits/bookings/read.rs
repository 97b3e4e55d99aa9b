//! Reading bookings and bookable slots.

use shared_types::visits::{Booking, BookingStatus, Companion, RoomKind, Slot};
use sqlx::Row;
use sqlx::any::AnyRow;

use super::rules::{Window, window};
use crate::db::{Db, now};
use crate::error::{ApiError, ApiResult};

const BOOKING_COLUMNS: &str = "b.id, b.slot_id, b.starts_at, b.ends_at, b.status, b.cancel_reason, \
    e.name AS establishment_name, d.first_name AS d_first, d.last_name AS d_last, \
    r.name AS room_name, r.kind AS room_kind";
const BOOKING_JOINS: &str = "FROM visit_bookings b JOIN establishments e ON e.id = b.establishment_id \
    JOIN detainees d ON d.id = b.detainee_id JOIN visit_slots s ON s.id = b.slot_id \
    JOIN visit_rooms r ON r.id = s.room_id";

async fn booking(db: &Db, r: &AnyRow) -> ApiResult<Booking> {
    let id: String = r.try_get("id")?;
    let status: String = r.try_get("status")?;
    let kind: String = r.try_get("room_kind")?;
    let companions = sqlx::query(
        "SELECT first_name, last_name, birth_date FROM booking_companions WHERE booking_id = $1 ORDER BY position",
    )
    .bind(&id)
    .fetch_all(&db.pool)
    .await?
    .iter()
    .map(|c| {
        Ok(Companion {
            first_name: c.try_get("first_name")?,
            last_name: c.try_get("last_name")?,
            birth_date: c.try_get("birth_date")?,
            permit_number: None,
        })
    })
    .collect::<ApiResult<Vec<_>>>()?;
    Ok(Booking {
        id,
        slot_id: r.try_get("slot_id")?,
        establishment_name: r.try_get("establishment_name")?,
        detainee_name: format!(
            "{} {}",
            r.try_get::<String, _>("d_first")?,
            r.try_get::<String, _>("d_last")?
        ),
        room_name: r.try_get("room_name")?,
        room_kind: RoomKind::from_code(&kind)
            .ok_or_else(|| ApiError::Internal(format!("room kind {kind}")))?,
        starts_at: r.try_get("starts_at")?,
        ends_at: r.try_get("ends_at")?,
        status: BookingStatus::from_code(&status)
            .ok_or_else(|| ApiError::Internal(format!("booking status {status}")))?,
        companions,
        cancel_reason: r.try_get("cancel_reason")?,
    })
}

/// A visitor's bookings: upcoming first, then history, most recent first.
pub async fn for_visitor(db: &Db, visitor_id: &str) -> ApiResult<Vec<Booking>> {
    let rows = sqlx::query(&format!(
        "SELECT {BOOKING_COLUMNS} {BOOKING_JOINS} WHERE b.visitor_id = $1 ORDER BY b.starts_at DESC LIMIT 200"
    ))
    .bind(visitor_id)
    .fetch_all(&db.pool)
    .await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in &rows {
        out.push(booking(db, r).await?);
    }
    let now = now();
    // Upcoming soonest first, then the past most recent first.
    out.sort_by_key(|b| {
        if b.starts_at >= now {
            (0, b.starts_at)
        } else {
            (1, -b.starts_at)
        }
    });
    Ok(out)
}

/// One booking by id.
pub async fn one(db: &Db, id: &str) -> ApiResult<Booking> {
    let row = sqlx::query(&format!(
        "SELECT {BOOKING_COLUMNS} {BOOKING_JOINS} WHERE b.id = $1"
    ))
    .bind(id)
    .fetch_optional(&db.pool)
    .await?
    .ok_or(ApiError::NotFound)?;
    booking(db, &row).await
}

/// The slots of an establishment a visitor may book now, from `from` (Unix seconds) for `days`.
pub async fn bookable_slots(
    db: &Db,
    establishment_id: &str,
    from: i64,
    days: i64,
    rules: &shared_types::visits::VisitRules,
) -> ApiResult<Vec<Slot>> {
    let rows = sqlx::query(
        "SELECT s.id, s.room_id, r.name, r.kind, s.starts_at, s.ends_at, s.capacity, s.booked \
         FROM visit_slots s JOIN visit_rooms r ON r.id = s.room_id \
         WHERE s.establishment_id = $1 AND s.blocked_at IS NULL AND r.archived_at IS NULL \
         AND s.starts_at >= $2 AND s.starts_at < $3 ORDER BY s.starts_at, r.name",
    )
    .bind(establishment_id)
    .bind(from)
    .bind(from + days * 86_400)
    .fetch_all(&db.pool)
    .await?;
    let now = now();
    let mut slots = Vec::new();
    for r in rows {
        let starts_at: i64 = r.try_get("starts_at")?;
        if window(rules, now, starts_at) != Window::Open {
            continue;
        }
        let kind: String = r.try_get("kind")?;
        let capacity: i64 = r.try_get("capacity")?;
        let booked: i64 = r.try_get("booked")?;
        slots.push(Slot {
            id: r.try_get("id")?,
            room_id: r.try_get("room_id")?,
            room_name: r.try_get("name")?,
            room_kind: RoomKind::from_code(&kind)
                .ok_or_else(|| ApiError::Internal(format!("room kind {kind}")))?,
            starts_at,
            ends_at: r.try_get("ends_at")?,
            capacity: u32::try_from(capacity).unwrap_or(0),
            places_left: u32::try_from(capacity - booked).unwrap_or(0),
        });
    }
    Ok(slots)
}
