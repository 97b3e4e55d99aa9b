//! Detainee sign-in: registration number + PIN, only on an enrolled terminal of the detainee's
//! own establishment; short idle expiry on shared terminals.

use axum::extract::{FromRequestParts, State};
use axum::http::StatusCode;
use axum::http::request::Parts;
use shared_types::Problem;
use shared_types::auth::{DetaineeMe, DetaineeSignIn};
use sqlx::Row;
use tower_sessions::Session;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::credentials::{self, Attempt};
use crate::audit::ActorKind;
use crate::error::{ApiError, ApiResult};
use crate::establishments;
use crate::fleet::device::MaybeTerminal;
use crate::http::client_ip::ClientIp;
use crate::http::json::ApiJson;
use crate::people::cell_label;
use crate::state::AppState;

/// The detainee portal's session routes.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(sign_in, current, sign_out))
}

/// A signed-in detainee, on the terminal they signed in on, which must still be enrolled.
#[derive(Debug, Clone)]
pub struct CurrentDetainee {
    pub id: String,
    pub establishment_id: String,
    pub terminal_id: String,
}

impl FromRequestParts<AppState> for CurrentDetainee {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> ApiResult<Self> {
        let (session, auth) = super::from_parts(parts, state).await?;
        let MaybeTerminal(terminal) = MaybeTerminal::from_request_parts(parts, state).await?;
        let row = sqlx::query(
            "SELECT establishment_id FROM detainees WHERE id = $1 AND released_at IS NULL",
        )
        .bind(&auth.subject_id)
        .fetch_optional(&state.db.pool)
        .await?;
        let establishment_id: Option<String> =
            row.map(|r| r.try_get("establishment_id")).transpose()?;
        match (terminal, establishment_id) {
            (Some(t), Some(e))
                if auth.terminal_id.as_deref() == Some(t.id.as_str())
                    && t.establishment_id == e =>
            {
                Ok(Self {
                    id: auth.subject_id,
                    establishment_id: e,
                    terminal_id: t.id,
                })
            }
            _ => {
                session.flush().await?;
                Err(super::not_signed_in())
            }
        }
    }
}

fn not_enrolled() -> ApiError {
    let refusal = shared_types::refusals::common::Common::TerminalNotEnrolled;
    ApiError::denied(refusal, "Ce terminal n'est pas enrôlé.")
}

async fn me(state: &AppState, id: &str) -> ApiResult<DetaineeMe> {
    let r = sqlx::query(
        "SELECT id, establishment_id, registration_number, first_name, last_name, building, \
         wing, cell FROM detainees WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(&state.db.pool)
    .await?
    .ok_or_else(super::not_signed_in)?;
    let establishment_id: String = r.try_get("establishment_id")?;
    Ok(DetaineeMe {
        id: r.try_get("id")?,
        registration_number: r.try_get("registration_number")?,
        first_name: r.try_get("first_name")?,
        last_name: r.try_get("last_name")?,
        establishment: establishments::get(&state.db, &establishment_id).await?,
        cell: cell_label(
            &r.try_get::<String, _>("building")?,
            &r.try_get::<String, _>("wing")?,
            &r.try_get::<String, _>("cell")?,
        ),
        idle_timeout_seconds: u32::try_from(state.config.detainee_idle_minutes * 60).unwrap_or(300),
    })
}

/// Sign in on an enrolled terminal with registration number and PIN.
#[utoipa::path(post, path = "/session", tag = "detainee",
    request_body = DetaineeSignIn,
    responses((status = 200, body = DetaineeMe), (status = 401, body = Problem),
              (status = 403, body = Problem), (status = 422, body = Problem),
              (status = 429, body = Problem)))]
async fn sign_in(
    State(state): State<AppState>,
    session: Session,
    ip: ClientIp,
    MaybeTerminal(terminal): MaybeTerminal,
    ApiJson(form): ApiJson<DetaineeSignIn>,
) -> ApiResult<axum::Json<DetaineeMe>> {
    let terminal = terminal.ok_or_else(not_enrolled)?;
    form.validate()?;
    let number = form.registration_number.trim().to_uppercase();
    let subject = format!("detainee:{}:{number}", terminal.establishment_id);
    // Only detainees of the terminal's own establishment can sign in on it.
    let found = sqlx::query(
        "SELECT id, pin_hash AS secret_hash FROM detainees \
         WHERE establishment_id = $1 AND registration_number = $2 AND released_at IS NULL",
    )
    .bind(&terminal.establishment_id)
    .bind(&number)
    .fetch_optional(&state.db.pool)
    .await?;
    let attempt = Attempt {
        actor: ActorKind::Detainee,
        subject: &subject,
        signed_in: "detainee.signed_in",
        failed: "detainee.sign_in_failed",
        establishment_id: Some(&terminal.establishment_id),
        terminal_id: Some(&terminal.id),
        refusal: "Numéro d'écrou ou code personnel incorrect.",
    };
    let id = credentials::sign_in(&state, &session, &ip, attempt, found, form.pin).await?;
    Ok(axum::Json(me(&state, &id).await?))
}

/// The signed-in detainee. Calling it also keeps the session alive.
#[utoipa::path(get, path = "/session", tag = "detainee",
    responses((status = 200, body = DetaineeMe), (status = 401, body = Problem)))]
async fn current(
    State(state): State<AppState>,
    detainee: CurrentDetainee,
) -> ApiResult<axum::Json<DetaineeMe>> {
    Ok(axum::Json(me(&state, &detainee.id).await?))
}

/// Sign out of the detainee portal.
#[utoipa::path(delete, path = "/session", tag = "detainee", responses((status = 204)))]
async fn sign_out(
    State(state): State<AppState>,
    session: Session,
    ip: ClientIp,
) -> ApiResult<StatusCode> {
    super::sign_out(
        &state,
        &session,
        ActorKind::Detainee,
        "detainee.signed_out",
        &ip,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}
