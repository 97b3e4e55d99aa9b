//! The weekly ordering window: when it closes, opening the next one, and locking a window at
//! its close (orders paid and handed to the shop).

use shared_types::canteen::{CanteenSettings, Window, WindowStatus};
use shared_types::date::Date;
use sqlx::Row;

use crate::accounts::ledger;
use crate::audit::{self, ActorKind, Event};
use crate::db::{Db, Tx, new_id, now};
use crate::error::{ApiError, ApiResult};
use crate::paris_time;

const DAY: i64 = 86_400;

/// The first scheduled close at least a day after `after`, so a window closed early is never
/// followed by one that closes within hours.
pub fn next_close(settings: &CanteenSettings, after: i64) -> i64 {
    let earliest = after + DAY;
    let mut day = paris_time::date_of(earliest);
    loop {
        if day.weekday() == settings.close_weekday {
            let at = paris_time::to_utc(day, settings.close_minute);
            if at >= earliest {
                return at;
            }
        }
        day = day.add_days(1);
    }
}

/// The delivery day: the first delivery weekday after the close's day.
pub fn delivery_date(settings: &CanteenSettings, closes_at: i64) -> Date {
    let mut day = paris_time::date_of(closes_at).add_days(1);
    while day.weekday() != settings.delivery_weekday {
        day = day.add_days(1);
    }
    day
}

/// The establishment's settings, or the defaults.
pub async fn settings<'e, E>(executor: E, establishment_id: &str) -> ApiResult<CanteenSettings>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    let row = sqlx::query(
        "SELECT close_weekday, close_minute, delivery_weekday, dispute_days FROM canteen_settings \
         WHERE establishment_id = $1",
    )
    .bind(establishment_id)
    .fetch_optional(executor)
    .await?;
    let Some(r) = row else {
        return Ok(CanteenSettings::default());
    };
    let get = |name: &str| -> ApiResult<u32> {
        u32::try_from(r.try_get::<i64, _>(name)?)
            .map_err(|_| ApiError::Internal(format!("canteen setting {name}")))
    };
    Ok(CanteenSettings {
        close_weekday: get("close_weekday")?,
        close_minute: get("close_minute")?,
        delivery_weekday: get("delivery_weekday")?,
        dispute_days: get("dispute_days")?,
    })
}

/// The columns `window` reads.
pub const WINDOW_COLUMNS: &str = "id, opens_at, closes_at, delivery_date, status, order_count";

/// A window row (with `WINDOW_COLUMNS`).
pub fn window(r: &sqlx::any::AnyRow) -> ApiResult<Window> {
    let status: String = r.try_get("status")?;
    Ok(Window {
        id: r.try_get("id")?,
        opens_at: r.try_get("opens_at")?,
        closes_at: r.try_get("closes_at")?,
        delivery_date: r.try_get("delivery_date")?,
        status: WindowStatus::from_code(&status)
            .ok_or_else(|| ApiError::Internal(format!("window status {status}")))?,
        order_count: u32::try_from(r.try_get::<i64, _>("order_count")?).unwrap_or(u32::MAX),
    })
}

/// The establishment's open window, if any.
pub async fn open_window<'e, E>(executor: E, establishment_id: &str) -> ApiResult<Option<Window>>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    let row = sqlx::query(&format!(
        "SELECT {WINDOW_COLUMNS} FROM canteen_windows WHERE establishment_id = $1 \
         AND status = 'open' ORDER BY closes_at LIMIT 1"
    ))
    .bind(establishment_id)
    .fetch_optional(executor)
    .await?;
    row.as_ref().map(window).transpose()
}

/// Opens the next window when the establishment has none open. Safe to run twice at once:
/// the (establishment, close) pair is unique.
pub async fn ensure_open(tx: &mut Tx, establishment_id: &str) -> ApiResult<()> {
    if open_window(&mut **tx, establishment_id).await?.is_some() {
        return Ok(());
    }
    let settings = settings(&mut **tx, establishment_id).await?;
    let at = now();
    // After the latest window's close, so a window closed early is followed by the next
    // week's, never by a second window with the same close.
    let latest: Option<i64> = sqlx::query_scalar(
        "SELECT MAX(closes_at) FROM canteen_windows WHERE establishment_id = $1",
    )
    .bind(establishment_id)
    .fetch_one(&mut **tx)
    .await?;
    let closes_at = next_close(&settings, latest.map_or(at, |l| l.max(at)));
    sqlx::query(
        "INSERT INTO canteen_windows (id, establishment_id, opens_at, closes_at, delivery_date, status) \
         VALUES ($1, $2, $3, $4, $5, 'open') ON CONFLICT (establishment_id, closes_at) DO NOTHING",
    )
    .bind(new_id())
    .bind(establishment_id)
    .bind(at)
    .bind(closes_at)
    .bind(delivery_date(&settings, closes_at).to_string())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Takes the window's row lock for an order: true while it is open and not past its close.
/// An order and the locking of its window therefore happen one after the other, never across.
pub async fn claim_for_order(tx: &mut Tx, window_id: &str, count: i64) -> ApiResult<bool> {
    let changed = sqlx::query(
        "UPDATE canteen_windows SET order_count = order_count + $1 \
         WHERE id = $2 AND status = 'open' AND closes_at > $3",
    )
    .bind(count)
    .bind(window_id)
    .bind(now())
    .execute(&mut **tx)
    .await?
    .rows_affected();
    Ok(changed == 1)
}

/// The refusal when the window is closed.
pub fn closed() -> ApiError {
    ApiError::conflict(
        shared_types::refusals::canteen::Canteen::WindowClosed,
        "La commande de cette semaine est fermée. Vous pourrez commander dès l'ouverture de la \
         prochaine.",
    )
}

/// Locks a window: every placed order is paid (its hold becomes a purchase) and locked, then
/// the next window opens. Returns false when it was not open (already locked by someone else).
pub async fn lock(db: &Db, window_id: &str, agent_id: Option<&str>) -> ApiResult<bool> {
    let mut tx = db.begin().await?;
    let at = now();
    let changed = sqlx::query(
        "UPDATE canteen_windows SET status = 'locked', locked_at = $1, locked_by = $2 \
         WHERE id = $3 AND status = 'open'",
    )
    .bind(at)
    .bind(agent_id)
    .bind(window_id)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if changed == 0 {
        return Ok(false);
    }
    let establishment_id: String =
        sqlx::query_scalar("SELECT establishment_id FROM canteen_windows WHERE id = $1")
            .bind(window_id)
            .fetch_one(&mut *tx)
            .await?;
    let orders = sqlx::query(
        "SELECT id, detainee_id, total_cents FROM canteen_orders \
         WHERE window_id = $1 AND status = 'placed' ORDER BY placed_at",
    )
    .bind(window_id)
    .fetch_all(&mut *tx)
    .await?;
    for o in &orders {
        let (id, detainee_id, total): (String, String, i64) = (
            o.try_get("id")?,
            o.try_get("detainee_id")?,
            o.try_get("total_cents")?,
        );
        ledger::capture(
            &mut tx,
            &detainee_id,
            &establishment_id,
            &id,
            total,
            "Achat cantine",
        )
        .await?;
        sqlx::query("UPDATE canteen_orders SET status = 'locked', updated_at = $1 WHERE id = $2")
            .bind(at)
            .bind(&id)
            .execute(&mut *tx)
            .await?;
    }
    let actor = if agent_id.is_some() {
        ActorKind::Agent
    } else {
        ActorKind::System
    };
    audit::record(
        &mut tx,
        Event::new(actor, agent_id, "canteen.window_locked", None)
            .establishment(&establishment_id)
            .target(window_id),
    )
    .await?;
    ensure_open(&mut tx, &establishment_id).await?;
    tx.commit().await?;
    Ok(true)
}

/// The background job's work: lock every window past its close, and make sure every
/// establishment has an open window. Returns how many windows it locked.
pub async fn run_due(db: &Db) -> ApiResult<usize> {
    let due: Vec<String> = sqlx::query_scalar(
        "SELECT id FROM canteen_windows WHERE status = 'open' AND closes_at <= $1",
    )
    .bind(now())
    .fetch_all(&db.pool)
    .await?;
    let mut locked = 0;
    for id in due {
        if lock(db, &id, None).await? {
            locked += 1;
        }
    }
    let establishments: Vec<String> = sqlx::query_scalar(
        "SELECT e.id FROM establishments e WHERE NOT EXISTS (SELECT 1 FROM canteen_windows w \
         WHERE w.establishment_id = e.id AND w.status = 'open')",
    )
    .fetch_all(&db.pool)
    .await?;
    for id in establishments {
        let mut tx = db.begin().await?;
        ensure_open(&mut tx, &id).await?;
        tx.commit().await?;
    }
    Ok(locked)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(date: &str, minute: u32) -> i64 {
        paris_time::to_utc(Date::parse(date).unwrap_or(Date::from_days(0)), minute)
    }

    #[test]
    fn the_next_close_is_the_scheduled_one_at_least_a_day_ahead() {
        let s = CanteenSettings::default(); // Monday 10:00, delivery Thursday.
        // Wednesday 2026-11-18 at noon: the coming Monday.
        assert_eq!(next_close(&s, at("2026-11-18", 720)), at("2026-11-23", 600));
        // Sunday evening, closed early: not tomorrow morning, the Monday after.
        assert_eq!(
            next_close(&s, at("2026-11-22", 1080)),
            at("2026-11-30", 600)
        );
        // Right at Monday's close: next week.
        assert_eq!(next_close(&s, at("2026-11-23", 600)), at("2026-11-30", 600));
    }

    #[test]
    fn delivery_follows_the_close() {
        let s = CanteenSettings::default();
        assert_eq!(
            delivery_date(&s, at("2026-11-23", 600)).to_string(),
            "2026-11-26"
        );
        let friday_close = CanteenSettings {
            close_weekday: 5,
            delivery_weekday: 2,
            ..s
        };
        assert_eq!(
            delivery_date(&friday_close, at("2026-11-27", 600)).to_string(),
            "2026-12-01"
        );
    }

    #[test]
    fn closing_times_are_paris_wall_clock_across_the_time_change() {
        let s = CanteenSettings::default();
        // The last Sunday of October 2026 is the 25th: Monday 26th 10:00 is UTC+1 = 09:00 UTC.
        let close = next_close(&s, at("2026-10-24", 600));
        assert_eq!(close, at("2026-10-26", 600));
        assert_eq!(close % DAY, 9 * 3600);
    }
}
