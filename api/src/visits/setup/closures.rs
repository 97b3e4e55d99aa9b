//! Closures: staff close days (every room, or one) and the slots on them stop being bookable.

use axum::extract::State;
use shared_types::date::Date;
use shared_types::roles::Permission;
use shared_types::visits::{BookingStatus, ClosureResult, NewClosure};
use shared_types::{ErrorCode, FieldError, Problem};
use sqlx::Row;

use super::rooms::active_room;
use crate::audit::{self, ActorKind, Event};
use crate::auth::agent::CurrentAgent;
use crate::db::{Tx, now};
use crate::error::{ApiError, ApiResult};
use crate::http::client_ip::ClientIp;
use crate::http::json::ApiJson;
use crate::http::params::ApiPath;
use crate::paris_time;
use crate::state::AppState;
use crate::visits::bookings::{Canceller, cancel_in_tx, lock_week};
use shared_types::refusals::Refusal;
use shared_types::refusals::visits::Visits;
use shared_types::visit_links::WaitlistStatus;
use shared_types::visits::rules::{WaitlistCommand, decide_waitlist};

/// The UTC instants `[start, end)` of the Paris days `from` to `until`, both included.
pub(super) fn closed_range(from: Date, until: Date) -> (i64, i64) {
    paris_time::day_range(from, until.days_since_epoch() - from.days_since_epoch() + 1)
}

/// Close the future slots of a range of Paris days, in every room or one. Answers how many
/// slots were closed and the bookings on them that are still to be cancelled.
#[utoipa::path(post, path = "/establishments/{id}/closures", tag = "agent",
    params(("id" = String, Path, description = "Establishment id")),
    request_body = NewClosure,
    responses((status = 200, body = ClosureResult), (status = 403, body = Problem),
              (status = 422, body = Problem)))]
pub(super) async fn close(
    State(state): State<AppState>,
    agent: CurrentAgent,
    ip: ClientIp,
    ApiPath(establishment_id): ApiPath<String>,
    ApiJson(form): ApiJson<NewClosure>,
) -> ApiResult<axum::Json<ClosureResult>> {
    agent.require(Permission::ManageVisits, &establishment_id)?;
    form.validate()?;
    let (Some(from), Some(until)) = (Date::parse(&form.from), Date::parse(&form.until)) else {
        return Err(ApiError::Internal("validated dates".into()));
    };
    let (start, end) = closed_range(from, until);
    let room_id = form.room_id.as_deref().map(str::trim);
    let mut tx = state.db.begin().await?;
    if let Some(room_id) = room_id
        && active_room(&mut tx, &establishment_id, room_id)
            .await?
            .is_none()
    {
        return Err(ApiError::Validation(vec![FieldError {
            field: "room_id".into(),
            code: ErrorCode::InvalidFormat,
            message: "Ce parloir n'existe pas dans cet établissement.".into(),
        }]));
    }
    lock_calendar(&mut tx, &establishment_id).await?;
    let at = now();
    sqlx::query(
        "INSERT INTO visit_closures (id, establishment_id, room_id, from_date, until_date, starts_at, \
         ends_at, reason, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(crate::db::new_id())
    .bind(&establishment_id)
    .bind(room_id)
    .bind(from.to_string())
    .bind(until.to_string())
    .bind(start)
    .bind(end)
    .bind(form.reason.trim())
    .bind(&agent.id)
    .bind(at)
    .execute(&mut *tx)
    .await?;
    // Slots already started are history: only future ones are closed. `$5` is the room, or ''
    // for every room (a validated room id is never empty).
    let in_range = "s.establishment_id = $1 AND s.starts_at >= $2 AND s.starts_at < $3 \
                    AND s.starts_at > $4 AND ($5 = '' OR s.room_id = $5)";
    // Locks in the order bookings take them (week rows, then slots, then bookings): first the
    // week rows of the detainees booked in the range, sorted so two closures queue in step.
    let weeks = sqlx::query_as::<_, BookedWeek>(&format!(
        "SELECT DISTINCT b.detainee_id, b.week_start FROM visit_bookings b \
         JOIN visit_slots s ON s.id = b.slot_id WHERE {in_range} AND b.status = $6 \
         ORDER BY b.detainee_id, b.week_start"
    ))
    .bind(&establishment_id)
    .bind(start)
    .bind(end)
    .bind(at)
    .bind(room_id.unwrap_or_default())
    .bind(BookingStatus::Booked.code())
    .fetch_all(&mut *tx)
    .await?;
    for w in &weeks {
        lock_week(&mut tx, &w.detainee_id, &w.week_start).await?;
    }
    let blocked = sqlx::query(&format!(
        "UPDATE visit_slots AS s SET blocked_at = $4, block_reason = $6 \
         WHERE {in_range} AND s.blocked_at IS NULL"
    ))
    .bind(&establishment_id)
    .bind(start)
    .bind(end)
    .bind(at)
    .bind(room_id.unwrap_or_default())
    .bind(form.reason.trim())
    .execute(&mut *tx)
    .await?
    .rows_affected();
    // Blocking first holds the slots' rows, so a booking racing this closure either fails on the
    // closed slot or has committed and is listed here.
    let affected_bookings = sqlx::query(&format!(
        "SELECT b.id FROM visit_bookings b JOIN visit_slots s ON s.id = b.slot_id \
         WHERE {in_range} AND s.blocked_at IS NOT NULL AND b.status = $6 \
         ORDER BY s.starts_at, b.id"
    ))
    .bind(&establishment_id)
    .bind(start)
    .bind(end)
    .bind(at)
    .bind(room_id.unwrap_or_default())
    .bind(BookingStatus::Booked.code())
    .fetch_all(&mut *tx)
    .await?
    .iter()
    .map(|r| r.try_get("id"))
    .collect::<Result<Vec<String>, _>>()?;
    // The waiting lists of the closed slots end, each visitor told once; a place held for an
    // offer is released.
    let waiting = sqlx::query_as::<_, WaitingEntry>(&format!(
        "SELECT w.id, w.slot_id FROM waiting_list w JOIN visit_slots s ON s.id = w.slot_id \
         WHERE {in_range} AND s.blocked_at IS NOT NULL AND w.status IN ('waiting', 'offered') \
         ORDER BY s.starts_at, w.id"
    ))
    .bind(&establishment_id)
    .bind(start)
    .bind(end)
    .bind(at)
    .bind(room_id.unwrap_or_default())
    .fetch_all(&mut *tx)
    .await?;
    for entry in &waiting {
        end_waiting(&mut tx, entry, form.reason.trim()).await?;
    }
    // In the same transaction: each visitor is told, with the reason, and gets the quota back.
    for booking_id in &affected_bookings {
        let by = Canceller::Agent {
            id: &agent.id,
            establishment_id: &establishment_id,
        };
        // A booking its visitor cancelled meanwhile is already free: nothing to do.
        match cancel_in_tx(
            &mut tx,
            booking_id,
            by,
            Some(form.reason.trim()),
            ip.0.as_deref(),
            true,
        )
        .await
        {
            Ok(_) => {}
            Err(e) if e.code() == Visits::NotBooked.code() => {}
            Err(e) => return Err(e),
        }
    }
    audit::record(
        &mut tx,
        Event::new(
            ActorKind::Agent,
            Some(&agent.id),
            "visit_slots.closed",
            ip.0.as_deref(),
        )
        .establishment(&establishment_id)
        .target(room_id.unwrap_or(&establishment_id)),
    )
    .await?;
    tx.commit().await?;
    Ok(axum::Json(ClosureResult {
        blocked_slots: u32::try_from(blocked).unwrap_or(u32::MAX),
        affected_bookings,
    }))
}

/// Takes the establishment's calendar lock: closures and slot generation of one establishment
/// run one after the other (otherwise each misses what the other has not committed yet). A
/// non-key column, so rows referring to the establishment are not held up.
pub(super) async fn lock_calendar(tx: &mut Tx, establishment_id: &str) -> ApiResult<()> {
    sqlx::query("UPDATE establishments SET name = name WHERE id = $1")
        .bind(establishment_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct BookedWeek {
    detainee_id: String,
    week_start: String,
}

#[derive(sqlx::FromRow)]
struct WaitingEntry {
    id: String,
    slot_id: String,
}

/// Ends one waiting-list entry of a closed slot: load, decide, write conditionally on the status
/// loaded. An offer made meanwhile by a cancellation is seen on the next turn.
async fn end_waiting(tx: &mut Tx, entry: &WaitingEntry, reason: &str) -> ApiResult<()> {
    loop {
        let code: String = sqlx::query("SELECT status FROM waiting_list WHERE id = $1")
            .bind(&entry.id)
            .fetch_one(&mut **tx)
            .await?
            .try_get("status")?;
        let status = WaitlistStatus::from_code(&code)
            .ok_or_else(|| ApiError::Internal(format!("waitlist status {code}")))?;
        let Ok(to) = decide_waitlist(status, None, now(), WaitlistCommand::Close) else {
            return Ok(());
        };
        let ended =
            sqlx::query("UPDATE waiting_list SET status = $1 WHERE id = $2 AND status = $3")
                .bind(to.code())
                .bind(&entry.id)
                .bind(status.code())
                .execute(&mut **tx)
                .await?
                .rows_affected();
        if ended != 1 {
            continue;
        }
        if status == WaitlistStatus::Offered {
            sqlx::query("UPDATE visit_slots SET booked = booked - 1 WHERE id = $1 AND booked > 0")
                .bind(&entry.slot_id)
                .execute(&mut **tx)
                .await?;
        }
        audit::record(
            tx,
            Event::new(ActorKind::System, None, "visit_waitlist.closed", None).target(&entry.id),
        )
        .await?;
        return crate::visits::messages::waitlist_closed(tx, &entry.id, reason).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).expect("date")
    }

    #[test]
    fn a_closure_covers_whole_paris_days() {
        let (start, end) = closed_range(d("2026-07-14"), d("2026-07-14"));
        assert_eq!(start, paris_time::to_utc(d("2026-07-14"), 0));
        assert_eq!(end - start, 24 * 3600);
        // Midnight in Paris is 22:00 UTC the day before in summer.
        assert_eq!(paris_time::date_of(start).to_string(), "2026-07-14");
        assert_eq!(paris_time::date_of(end - 1).to_string(), "2026-07-14");
    }

    #[test]
    fn a_closure_over_the_autumn_switch_lasts_an_hour_more() {
        let (start, end) = closed_range(d("2026-10-24"), d("2026-10-26"));
        assert_eq!(end - start, (3 * 24 + 1) * 3600);
    }
}
