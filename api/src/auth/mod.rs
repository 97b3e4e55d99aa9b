//! Authentication of the three populations and the extractors that authorise every call.

pub mod agent;
pub mod credentials;
pub mod detainee;
pub mod password;
pub mod throttle;
pub mod tokens;
pub mod visitor;

use serde::{Deserialize, Serialize};
use tower_sessions::Session;

use crate::audit::{self, ActorKind, Event};
use crate::db::now;
use crate::error::{ApiError, ApiResult};
use crate::http::client_ip::ClientIp;
use crate::state::AppState;

/// What a portal's session remembers about who signed in.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SessionAuth {
    pub subject_id: String,
    pub signed_in_at: i64,
    /// The terminal a detainee signed in on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub terminal_id: Option<String>,
}

const AUTH_KEY: &str = "auth";

/// Ends the session on the server, not only in the browser, and audits who left.
pub async fn sign_out(
    state: &AppState,
    session: &Session,
    actor: ActorKind,
    action: &str,
    ip: &ClientIp,
) -> ApiResult<()> {
    let auth: Option<SessionAuth> = session.get(AUTH_KEY).await?;
    if let (Some(auth), Some(id)) = (auth, session.id()) {
        // Conditional on the session still being there: of sign-outs sent at once (a double
        // click, two tabs), one ends it and is logged.
        let mut tx = state.db.begin().await?;
        let ended = sqlx::query("DELETE FROM sessions WHERE id = $1")
            .bind(id.to_string())
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if ended == 1 {
            audit::record(
                &mut tx,
                Event::new(actor, Some(&auth.subject_id), action, ip.0.as_deref()),
            )
            .await?;
        }
        tx.commit().await?;
    }
    session.flush().await?;
    Ok(())
}

/// The session's sign-in, refused after `max_hours` even if it stayed active.
pub async fn current(session: &Session, max_hours: i64) -> ApiResult<SessionAuth> {
    let auth: Option<SessionAuth> = session.get(AUTH_KEY).await?;
    let auth = auth.ok_or_else(not_signed_in)?;
    if now() - auth.signed_in_at > max_hours * 3600 {
        session.flush().await?;
        return Err(not_signed_in());
    }
    Ok(auth)
}

/// The portal session of a request and who signed in on it; 401 when nobody did.
pub async fn from_parts(
    parts: &mut axum::http::request::Parts,
    state: &AppState,
) -> ApiResult<(Session, SessionAuth)> {
    use axum::extract::FromRequestParts;
    let session = Session::from_request_parts(parts, state)
        .await
        .map_err(|_| not_signed_in())?;
    let auth = current(&session, state.config.absolute_session_hours).await?;
    Ok((session, auth))
}

/// The 401 every protected endpoint answers without a valid session.
pub fn not_signed_in() -> ApiError {
    ApiError::Unauthorized("Vous n'êtes pas connecté, ou votre session a expiré.".into())
}
