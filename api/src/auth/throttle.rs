//! Sign-in throttling: after repeated failures on one account name, further attempts are refused
//! for a while, whether or not the account exists (so it reveals nothing).

use sqlx::Row;

use crate::db::{Tx, now};
use crate::error::{ApiError, ApiResult};

/// Failures allowed within the window before the lock.
pub const MAX_FAILURES: i64 = 5;
/// Seconds over which failures are counted.
pub const WINDOW_SECONDS: i64 = 15 * 60;
/// Seconds the lock lasts.
pub const LOCK_SECONDS: i64 = 15 * 60;

/// Seconds left before `locked_until` lifts, if it is in the future.
pub fn remaining_lock(locked_until: Option<i64>, now: i64) -> Option<i64> {
    locked_until
        .filter(|until| *until > now)
        .map(|until| until - now)
}

/// Refuses the attempt when `subject` is locked; `executor` is the pool, or the sign-in's
/// transaction to see the failures committed by attempts racing it.
pub async fn check<'e, E>(executor: E, subject: &str) -> ApiResult<()>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    let row = sqlx::query("SELECT locked_until FROM login_failures WHERE subject = $1")
        .bind(subject)
        .fetch_optional(executor)
        .await?;
    let locked_until: Option<i64> = match row {
        Some(row) => row.try_get("locked_until")?,
        None => None,
    };
    match remaining_lock(locked_until, now()) {
        Some(retry_after) => Err(locked(retry_after)),
        None => Ok(()),
    }
}

/// The 429 of a locked account name.
pub fn locked(retry_after: i64) -> ApiError {
    ApiError::TooManyRequests {
        detail: format!(
            "Trop de tentatives. Réessayez dans {} minutes.",
            (retry_after + 59) / 60
        ),
        retry_after,
    }
}

/// Whether a failure counted by [`record_failure`] is past the limit: attempts that raced
/// the ones that set the lock are told nothing about their secret either.
pub fn past_limit(failures: i64) -> bool {
    failures > MAX_FAILURES
}

/// Counts one failure (atomically, so parallel attempts all count) and locks at the limit.
/// Returns the failures counted in the window, this one included.
pub async fn record_failure(tx: &mut Tx, subject: &str) -> ApiResult<i64> {
    let now = now();
    let failures: i64 = sqlx::query(
        "INSERT INTO login_failures (subject, failures, window_start) VALUES ($1, 1, $2) \
         ON CONFLICT (subject) DO UPDATE SET \
           failures = CASE WHEN login_failures.window_start <= $3 THEN 1 \
                           ELSE login_failures.failures + 1 END, \
           window_start = CASE WHEN login_failures.window_start <= $3 THEN $2 \
                               ELSE login_failures.window_start END \
         RETURNING failures",
    )
    .bind(subject)
    .bind(now)
    .bind(now - WINDOW_SECONDS)
    .fetch_one(&mut **tx)
    .await?
    .try_get("failures")?;
    if failures >= MAX_FAILURES {
        sqlx::query("UPDATE login_failures SET locked_until = $1 WHERE subject = $2")
            .bind(now + LOCK_SECONDS)
            .bind(subject)
            .execute(&mut **tx)
            .await?;
    }
    Ok(failures)
}

/// Forgets failures after a successful sign-in.
pub async fn clear(tx: &mut Tx, subject: &str) -> ApiResult<()> {
    sqlx::query("DELETE FROM login_failures WHERE subject = $1")
        .bind(subject)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_past_the_limit_say_nothing() {
        assert!(!past_limit(MAX_FAILURES));
        assert!(past_limit(MAX_FAILURES + 1));
    }

    #[test]
    fn lock_lifts_at_its_time() {
        assert_eq!(remaining_lock(Some(1_000), 400), Some(600));
        assert_eq!(remaining_lock(Some(1_000), 1_000), None);
        assert_eq!(remaining_lock(None, 0), None);
    }
}
