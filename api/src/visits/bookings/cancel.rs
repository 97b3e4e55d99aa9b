//! Cancelling a booking: by the visitor until the deadline, or by staff with a reason the visitor
//! sees. The freed place and the week quota are given back in the same transaction.

use shared_types::refusals::visits::Visits;
use shared_types::visits::rules::{Actor, BookingCommand, decide_booking};
use shared_types::visits::{BookingStatus, VisitRules};
use sqlx::Row;

use super::rules::{Window, window_message};
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
    let code: String = row.try_get("status")?;
    let status = BookingStatus::from_code(&code)
        .ok_or_else(|| ApiError::Internal(format!("booking status {code}")))?;
    let starts_at: i64 = row.try_get("starts_at")?;
    let rules = load_rules(&mut **tx, &establishment_id).await?;
    let actor = match by {
        Canceller::Visitor { .. } => Actor::Visitor,
        Canceller::Agent { .. } => Actor::Staff,
    };
    let to = decide_booking(
        status,
        starts_at,
        now(),
        &rules,
        BookingCommand::Cancel(actor),
    )
    .map_err(|refusal| refused(refusal, &rules))?;
    let detainee_id: String = row.try_get("detainee_id")?;
    let week: String = row.try_get("week_start")?;
    // Locks in the order booking takes them: the detainee's week row, then the booking, then
    // the slot. The week row is only locked here; it is counted down once the cancel is ours.
    lock_week(tx, &detainee_id, &week).await?;
    let cancelled = sqlx::query(
        "UPDATE visit_bookings SET status = $4, cancelled_at = $1, cancel_reason = $2 \
         WHERE id = $3 AND status = $5",
    )
    .bind(now())
    .bind(reason)
    .bind(booking_id)
    .bind(to.code())
    .bind(status.code())
    .execute(&mut **tx)
    .await?
    .rows_affected();
    if cancelled != 1 {
        return Err(refused(Visits::NotBooked, &rules));
    }
    // Only the transaction that cancelled gives the quota and the place back.
    sqlx::query(
        "UPDATE detainee_visit_weeks SET booked = booked - 1 \
         WHERE detainee_id = $1 AND week_start = $2 AND booked > 0",
    )
    .bind(&detainee_id)
    .bind(&week)
    .execute(&mut **tx)
    .await?;
    let slot_id: String = row.try_get("slot_id")?;
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

/// Locks a detainee's week row (the lock every booking of that week takes first), creating it if
/// needed.
pub async fn lock_week(tx: &mut Tx, detainee_id: &str, week: &str) -> ApiResult<()> {
    sqlx::query(
        "UPDATE detainee_visit_weeks SET booked = booked WHERE detainee_id = $1 AND week_start = $2",
    )
    .bind(detainee_id)
    .bind(week)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Why a cancellation is refused, for the person who asked.
fn refused(refusal: Visits, rules: &VisitRules) -> ApiError {
    let detail = match refusal {
        Visits::DeadlinePassed => format!(
            "{} Appelez l'établissement si vous ne pouvez pas venir.",
            window_message(rules, Window::TooLate)
        ),
        _ => "Cette visite n'est plus réservée (déjà annulée ou passée).".to_owned(),
    };
    ApiError::conflict(refusal, detail)
}
