//! Cancelling a booking: by the visitor until the deadline, or by staff with a reason the visitor
//! sees. The freed place and the week quota are given back in the same transaction.

use sqlx::Row;

use super::rules::{Window, window, window_message};
use crate::audit::{self, ActorKind, Event};
use crate::db::{Tx, now};
use crate::error::{ApiError, ApiResult};
use crate::visits::setup::load_rules;

/// Who cancels.
#[derive(Debug, Clone, Copy)]
pub enum Canceller<'a> {
    /// The booking's visitor, bound by the deadline.
    Visitor { id: &'a str },
    /// Staff of the establishment, with a reason.
    Agent {
        id: &'a str,
        establishment_id: &'a str,
    },
}

/// Cancels `booking_id` inside `tx` (telling the visitor when `notify`); returns the booking's
/// establishment id.
pub async fn cancel_in_tx(
    tx: &mut Tx,
    booking_id: &str,
    by: Canceller<'_>,
    reason: Option<&str>,
    ip: Option<&str>,
    notify: bool,
) -> ApiResult<String> {
    let row = sqlx::query(
        "SELECT establishment_id, visitor_id, detainee_id, week_start, slot_id, starts_at, status \
         FROM visit_bookings WHERE id = $1",
    )
    .bind(booking_id)
    .fetch_optional(&mut **tx)
    .await?
    .ok_or(ApiError::NotFound)?;
    let establishment_id: String = row.try_get("establishment_id")?;
    let owner: String = row.try_get("visitor_id")?;
    match by {
        // Someone else's booking does not exist, as far as a visitor can tell.
        Canceller::Visitor { id } if id != owner => return Err(ApiError::NotFound),
        Canceller::Agent {
            establishment_id: scope,
            ..
        } if scope != establishment_id => {
            return Err(ApiError::NotFound);
        }
        _ => {}
    }
    if row.try_get::<String, _>("status")? != "booked" {
        return Err(ApiError::conflict(
            shared_types::refusals::visits::Visits::NotBooked,
            "Cette visite n'est plus réservée.",
        ));
    }
    let starts_at: i64 = row.try_get("starts_at")?;
    if let Canceller::Visitor { .. } = by {
        let rules = load_rules(&mut **tx, &establishment_id).await?;
        let w = window(&rules, now(), starts_at);
        if w == Window::TooLate {
            return Err(ApiError::conflict(
                shared_types::refusals::visits::Visits::DeadlinePassed,
                format!(
                    "{} Appelez l'établissement si vous ne pouvez pas venir.",
                    window_message(&rules, w)
                ),
            ));
        }
    }
    let detainee_id: String = row.try_get("detainee_id")?;
    let week: String = row.try_get("week_start")?;
    // Same lock order as booking (week row, then slot), so the two never deadlock.
    sqlx::query(
        "UPDATE detainee_visit_weeks SET booked = booked - 1 \
         WHERE detainee_id = $1 AND week_start = $2 AND booked > 0",
    )
    .bind(&detainee_id)
    .bind(&week)
    .execute(&mut **tx)
    .await?;
    let cancelled = sqlx::query(
        "UPDATE visit_bookings SET status = 'cancelled', cancelled_at = $1, cancel_reason = $2 \
         WHERE id = $3 AND status = 'booked'",
    )
    .bind(now())
    .bind(reason)
    .bind(booking_id)
    .execute(&mut **tx)
    .await?
    .rows_affected();
    if cancelled != 1 {
        return Err(ApiError::conflict(
            shared_types::refusals::visits::Visits::NotBooked,
            "Cette visite n'est plus réservée.",
        ));
    }
    let slot_id: String = row.try_get("slot_id")?;
    let rules = load_rules(&mut **tx, &establishment_id).await?;
    crate::visits::waitlist::place_freed(tx, &slot_id, &rules).await?;
    let (actor, actor_id) = match by {
        Canceller::Visitor { id } => (ActorKind::Visitor, id),
        Canceller::Agent { id, .. } => (ActorKind::Agent, id),
    };
    audit::record(
        tx,
        Event::new(actor, Some(actor_id), "visit_booking.cancelled", ip)
            .establishment(&establishment_id)
            .target(booking_id),
    )
    .await?;
    if notify {
        crate::visits::messages::booking_cancelled(tx, booking_id, reason).await?;
    }
    Ok(establishment_id)
}
