//! What happens to a freed place: the first visitor waiting is offered it, held for a limited
//! time; only when nobody waits does it go back on sale. Each step is a conditional update, so
//! two events racing for one place never give it twice.

use sqlx::Row;

use crate::audit::{self, ActorKind, Event};
use crate::db::{Db, Tx, now};
use crate::error::ApiResult;
use crate::visits::setup::load_rules;
use shared_types::visit_links::WaitlistStatus;
use shared_types::visits::VisitRules;
use shared_types::visits::rules::{WaitlistCommand, decide_waitlist, offer_until};

#[derive(sqlx::FromRow)]
struct FreedSlot {
    starts_at: i64,
    blocked_at: Option<i64>,
}

/// Hands a freed place of `slot_id` to the next visitor waiting, or releases it. Returns the
/// entry now holding an offer, if any. No offer is made when it could not be accepted any more
/// (inside the booking deadline): the place goes back on sale, where staff can book it for a
/// caller.
pub async fn place_freed(
    tx: &mut Tx,
    slot_id: &str,
    rules: &VisitRules,
) -> ApiResult<Option<String>> {
    let slot = sqlx::query_as::<_, FreedSlot>(
        "SELECT starts_at, blocked_at FROM visit_slots WHERE id = $1",
    )
    .bind(slot_id)
    .fetch_one(&mut **tx)
    .await?;
    let now = now();
    let until = offer_until(rules, now, slot.starts_at);
    let closed = slot.blocked_at.is_some() || until.is_none();
    loop {
        let next = sqlx::query(
            "SELECT id, establishment_id FROM waiting_list WHERE slot_id = $1 AND status = 'waiting' \
             ORDER BY created_at, id LIMIT 1",
        )
        .bind(slot_id)
        .fetch_optional(&mut **tx)
        .await?;
        // A closed slot offers nothing: its place is simply released.
        let Some(next) = next.filter(|_| !closed) else {
            sqlx::query("UPDATE visit_slots SET booked = booked - 1 WHERE id = $1 AND booked > 0")
                .bind(slot_id)
                .execute(&mut **tx)
                .await?;
            return Ok(None);
        };
        let id: String = next.try_get("id")?;
        let establishment_id: String = next.try_get("establishment_id")?;
        // Another transaction may have offered this entry meanwhile: then try the next one.
        let offered = sqlx::query(
            "UPDATE waiting_list SET status = 'offered', offered_at = $1, offer_expires_at = $2 \
             WHERE id = $3 AND status = 'waiting'",
        )
        .bind(now)
        .bind(until)
        .bind(&id)
        .execute(&mut **tx)
        .await?
        .rows_affected();
        if offered == 1 {
            let event = Event::new(ActorKind::System, None, "visit_waitlist.offered", None)
                .establishment(&establishment_id)
                .target(&id);
            audit::record(tx, event).await?;
            crate::visits::messages::waitlist_offer(tx, &id).await?;
            return Ok(Some(id));
        }
    }
}

#[derive(sqlx::FromRow)]
struct DueOffer {
    id: String,
    slot_id: String,
    establishment_id: String,
    offer_expires_at: Option<i64>,
}

/// Ends offers whose time ran out and passes each place on. Safe to run on several instances
/// at once: each expiry is claimed by a conditional update. Returns how many expired.
pub async fn expire_offers(db: &Db) -> ApiResult<usize> {
    let due = sqlx::query_as::<_, DueOffer>(
        "SELECT w.id, w.slot_id, w.establishment_id, w.offer_expires_at FROM waiting_list w \
         WHERE w.status = 'offered' AND w.offer_expires_at <= $1 LIMIT 100",
    )
    .bind(now())
    .fetch_all(&db.pool)
    .await?;
    let mut expired = 0;
    for offer in due {
        let DueOffer {
            id,
            slot_id,
            establishment_id,
            offer_expires_at,
        } = offer;
        let at = now();
        let Ok(to) = decide_waitlist(
            WaitlistStatus::Offered,
            offer_expires_at,
            at,
            WaitlistCommand::Expire,
        ) else {
            continue;
        };
        let mut tx = db.begin().await?;
        // Conditional on the offer still standing and still due: an accept that committed first
        // wins, and this expiry does nothing.
        let claimed = sqlx::query(
            "UPDATE waiting_list SET status = $3 WHERE id = $1 AND status = $4 AND offer_expires_at <= $2",
        )
        .bind(&id)
        .bind(at)
        .bind(to.code())
        .bind(WaitlistStatus::Offered.code())
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if claimed == 1 {
            let rules = load_rules(&mut *tx, &establishment_id).await?;
            place_freed(&mut tx, &slot_id, &rules).await?;
            audit::record(
                &mut tx,
                Event::new(
                    ActorKind::System,
                    None,
                    "visit_waitlist.offer_expired",
                    None,
                )
                .establishment(&establishment_id)
                .target(&id),
            )
            .await?;
            expired += 1;
        }
        tx.commit().await?;
    }
    Ok(expired)
}
