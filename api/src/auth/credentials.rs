//! The sign-in flow every population shares: throttle, verify the secret with constant work,
//! then either record the failure or open the session — each audited.

use sqlx::Row;
use sqlx::any::AnyRow;
use tower_sessions::Session;

use super::{AUTH_KEY, SessionAuth, password, throttle};
use crate::audit::{self, ActorKind, Event};
use crate::db::now;
use crate::error::{ApiError, ApiResult};
use crate::http::client_ip::ClientIp;
use crate::state::AppState;

/// One sign-in attempt and how to record it.
#[derive(Debug, Clone, Copy)]
pub struct Attempt<'a> {
    pub actor: ActorKind,
    /// Throttle key, e.g. `visitor:marie@example.fr`: failures count per account name.
    pub subject: &'a str,
    /// Audit action on success, e.g. `visitor.signed_in`.
    pub signed_in: &'a str,
    /// Audit action on failure, e.g. `visitor.sign_in_failed`.
    pub failed: &'a str,
    pub establishment_id: Option<&'a str>,
    /// The terminal a detainee signs in on, remembered in the session.
    pub terminal_id: Option<&'a str>,
    /// The 401 message, the same whether the account exists or not.
    pub refusal: &'a str,
}

/// Signs in with `secret` against `found`, a row with `id` and `secret_hash` columns (or none
/// when no such account exists). Returns the account id.
pub async fn sign_in(
    state: &AppState,
    session: &Session,
    ip: &ClientIp,
    attempt: Attempt<'_>,
    found: Option<AnyRow>,
    secret: String,
) -> ApiResult<String> {
    throttle::check(&state.db.pool, attempt.subject).await?;
    let (id, stored) = match found {
        Some(r) => (
            Some(r.try_get::<String, _>("id")?),
            Some(r.try_get::<String, _>("secret_hash")?),
        ),
        None => (None, None),
    };
    let verified = password::verify(secret, stored).await;
    let mut tx = state.db.begin().await?;
    let Some(id) = id.filter(|_| verified) else {
        let failures = throttle::record_failure(&mut tx, attempt.subject).await?;
        let mut event = Event::new(ActorKind::Anonymous, None, attempt.failed, ip.0.as_deref());
        event.establishment_id = attempt.establishment_id;
        audit::record(&mut tx, event).await?;
        tx.commit().await?;
        // Guesses sent at once all passed the check above: past the limit, they learn nothing.
        if throttle::past_limit(failures) {
            return Err(throttle::locked(throttle::LOCK_SECONDS));
        }
        return Err(ApiError::Unauthorized(attempt.refusal.into()));
    };
    // The right secret, racing guesses that locked the account name meanwhile: still locked.
    throttle::check(&mut *tx, attempt.subject).await?;
    throttle::clear(&mut tx, attempt.subject).await?;
    let mut event = Event::new(attempt.actor, Some(&id), attempt.signed_in, ip.0.as_deref());
    event.establishment_id = attempt.establishment_id;
    event.target = attempt.terminal_id;
    audit::record(&mut tx, event).await?;
    tx.commit().await?;
    // A new id at sign-in, so a session id planted beforehand is worthless.
    session.cycle_id().await?;
    let auth = SessionAuth {
        subject_id: id.clone(),
        signed_in_at: now(),
        terminal_id: attempt.terminal_id.map(str::to_owned),
    };
    session.insert(AUTH_KEY, auth).await?;
    Ok(id)
}
