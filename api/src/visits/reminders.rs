//! Reminders the day before a visit. The outbox's dedupe key makes each reminder happen once,
//! however often the job runs and on however many instances.

use sqlx::Row;

use crate::db::{Db, now};
use crate::error::ApiResult;

/// Visits starting between 20 and 28 hours from now get their reminder.
pub const WINDOW: std::ops::Range<i64> = 20 * 3_600..28 * 3_600;

/// Queues the reminders due now; returns how many bookings were considered.
pub async fn queue_due(db: &Db) -> ApiResult<usize> {
    let now = now();
    let due: Vec<String> = sqlx::query(
        "SELECT id FROM visit_bookings WHERE status = 'booked' AND starts_at >= $1 AND starts_at < $2",
    )
    .bind(now + WINDOW.start)
    .bind(now + WINDOW.end)
    .fetch_all(&db.pool)
    .await?
    .iter()
    .map(|r| r.try_get("id"))
    .collect::<Result<_, _>>()?;
    for id in &due {
        let mut tx = db.begin().await?;
        super::messages::visit_reminder(&mut tx, id).await?;
        tx.commit().await?;
    }
    Ok(due.len())
}
