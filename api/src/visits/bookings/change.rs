//! Changing a booking: the old visit is cancelled and the new one booked in one transaction, so
//! a refused change leaves the original booking exactly as it was.

use shared_types::refusals::Refusal;
use shared_types::refusals::visits::Visits;
use shared_types::visit_links::ChangeBooking;
use shared_types::visits::{Companion, NewBooking};
use sqlx::Row;

use super::book::{Booker, book};
use super::cancel::{Canceller, cancel_in_tx};
use crate::db::Tx;
use crate::error::{ApiError, ApiResult};

/// Moves `booking_id` of `visitor_id` to the slot in `form`; returns the new booking id and
/// whether it was made now (false: this change was already made with this key).
pub async fn change(
    tx: &mut Tx,
    visitor_id: &str,
    booking_id: &str,
    form: &ChangeBooking,
    ip: Option<&str>,
) -> ApiResult<(String, bool)> {
    if let Some(done) = done_with_key(tx, visitor_id, &form.idempotency_key).await? {
        return Ok((done, false));
    }
    let old = sqlx::query(
        "SELECT b.permit_id, l.id AS link_id FROM visit_bookings b \
         JOIN link_requests l ON l.permit_id = b.permit_id AND l.visitor_id = b.visitor_id AND l.status = 'approved' \
         WHERE b.id = $1 AND b.visitor_id = $2",
    )
    .bind(booking_id)
    .bind(visitor_id)
    .fetch_optional(&mut **tx)
    .await?
    .ok_or(ApiError::NotFound)?;
    let companions = match &form.companions {
        Some(c) => c.clone(),
        None => sqlx::query(
            "SELECT c.first_name, c.last_name, c.birth_date, p.number FROM booking_companions c \
             LEFT JOIN visit_permits p ON p.id = c.permit_id WHERE c.booking_id = $1 ORDER BY c.position",
        )
        .bind(booking_id)
        .fetch_all(&mut **tx)
        .await?
        .iter()
        .map(|r| {
            Ok(Companion {
                first_name: r.try_get("first_name")?,
                last_name: r.try_get("last_name")?,
                birth_date: r.try_get("birth_date")?,
                permit_number: r.try_get("number")?,
            })
        })
        .collect::<ApiResult<Vec<_>>>()?,
    };
    if let Err(refused) = cancel_in_tx(
        tx,
        booking_id,
        Canceller::Visitor { id: visitor_id },
        None,
        ip,
        false,
    )
    .await
    {
        // The same change sent twice at once: the second waited for the first, which moved the
        // visit with this key; answer that booking rather than "no longer booked".
        if refused.code() == Visits::NotBooked.code()
            && let Some(done) = done_with_key(tx, visitor_id, &form.idempotency_key).await?
        {
            return Ok((done, false));
        }
        return Err(refused);
    }
    let request = NewBooking {
        link_id: old.try_get("link_id")?,
        slot_id: form.slot_id.clone(),
        companions,
        idempotency_key: form.idempotency_key.clone(),
    };
    let booker = Booker {
        visitor_id,
        agent_id: None,
        ip,
        held_offer: None,
    };
    book(tx, booker, &request).await
}

/// The booking this visitor already made with `key`, if any.
async fn done_with_key(tx: &mut Tx, visitor_id: &str, key: &str) -> ApiResult<Option<String>> {
    Ok(
        sqlx::query("SELECT id FROM visit_bookings WHERE visitor_id = $1 AND idempotency_key = $2")
            .bind(visitor_id)
            .bind(key.trim())
            .fetch_optional(&mut **tx)
            .await?
            .map(|r| r.try_get("id"))
            .transpose()?,
    )
}
