//! The device side of enrolment: which terminal is this browser, and redeeming a code.

use axum::extract::{FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{AppendHeaders, IntoResponse};
use shared_types::Problem;
use shared_types::auth::{TerminalEnrol, TerminalStatus};
use shared_types::fleet::TerminalStatusKind;
use shared_types::validation::normalise_code;
use sqlx::Row;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::DEVICE_COOKIE;
use crate::audit::{self, ActorKind, Event};
use crate::auth::tokens;
use crate::db::{Db, new_id, now};
use crate::error::{ApiError, ApiResult};
use crate::establishments;
use crate::http::client_ip::ClientIp;
use crate::http::json::ApiJson;
use crate::state::AppState;

/// Detainee-surface routes on this device's enrolment.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(status, enrol))
}

/// An enrolled terminal, identified by its credential cookie.
#[derive(Debug, Clone)]
pub struct Terminal {
    pub id: String,
    pub establishment_id: String,
    pub location: String,
}

/// The terminal this request comes from, if the browser holds a valid credential.
#[derive(Debug, Clone)]
pub struct MaybeTerminal(pub Option<Terminal>);

impl FromRequestParts<AppState> for MaybeTerminal {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> ApiResult<Self> {
        Ok(Self(from_headers(&state.db, &parts.headers).await?))
    }
}

const ACTIVE: [TerminalStatusKind; 2] =
    [TerminalStatusKind::Enrolled, TerminalStatusKind::Deployed];

async fn from_headers(db: &Db, headers: &HeaderMap) -> ApiResult<Option<Terminal>> {
    match tokens::cookie(headers, DEVICE_COOKIE) {
        Some(token) => from_token(db, token).await,
        None => Ok(None),
    }
}

async fn from_token(db: &Db, token: &str) -> ApiResult<Option<Terminal>> {
    let row = sqlx::query(
        "SELECT id, establishment_id, location FROM terminals \
         WHERE device_token_hash = $1 AND status IN ($2, $3)",
    )
    .bind(tokens::digest(token))
    .bind(ACTIVE[0].code())
    .bind(ACTIVE[1].code())
    .fetch_optional(&db.pool)
    .await?;
    row.map(|r| {
        Ok(Terminal {
            id: r.try_get("id")?,
            establishment_id: r.try_get("establishment_id")?,
            location: r.try_get("location")?,
        })
    })
    .transpose()
}

async fn describe(db: &Db, terminal: Option<Terminal>) -> ApiResult<TerminalStatus> {
    Ok(match terminal {
        Some(t) => TerminalStatus {
            enrolled: true,
            establishment: Some(establishments::get(db, &t.establishment_id).await?),
            location: Some(t.location),
        },
        None => TerminalStatus {
            enrolled: false,
            establishment: None,
            location: None,
        },
    })
}

/// Whether this browser is an enrolled terminal.
#[utoipa::path(get, path = "/terminal", tag = "detainee",
    responses((status = 200, body = TerminalStatus)))]
async fn status(
    State(state): State<AppState>,
    MaybeTerminal(terminal): MaybeTerminal,
) -> ApiResult<axum::Json<TerminalStatus>> {
    Ok(axum::Json(describe(&state.db, terminal).await?))
}

/// Enrol this browser as a terminal with the code an agent issued.
#[utoipa::path(post, path = "/terminal", tag = "detainee",
    request_body = TerminalEnrol,
    responses((status = 200, body = TerminalStatus), (status = 422, body = Problem)))]
async fn enrol(
    State(state): State<AppState>,
    ip: ClientIp,
    ApiJson(form): ApiJson<TerminalEnrol>,
) -> ApiResult<impl IntoResponse> {
    form.validate()?;
    let code_hash = tokens::digest(&normalise_code(&form.code));
    let token = tokens::random_hex(32)?;
    let now = now();
    let mut tx = state.db.begin().await?;
    let found = sqlx::query(
        "SELECT id, establishment_id, location, enrolment_reusable FROM terminals \
         WHERE enrolment_code_hash = $1 AND (enrolment_reusable = 1 OR enrolment_expires_at > $2)",
    )
    .bind(&code_hash)
    .bind(now)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(found) = found else {
        return Err(unknown_code());
    };
    let establishment_id: String = found.try_get("establishment_id")?;
    let terminal_id = if found.try_get::<i64, _>("enrolment_reusable")? == 1 {
        // Demo codes enrol a new terminal each time, so several browsers can try the demo.
        let id = new_id();
        sqlx::query(
            "INSERT INTO terminals (id, establishment_id, location, status, device_token_hash, \
             enrolled_at, created_at) VALUES ($1, $2, $3, $4, $5, $6, $6)",
        )
        .bind(&id)
        .bind(&establishment_id)
        .bind(found.try_get::<String, _>("location")?)
        .bind(TerminalStatusKind::Enrolled.code())
        .bind(tokens::digest(&token))
        .bind(now)
        .execute(&mut *tx)
        .await?;
        id
    } else {
        let id: String = found.try_get("id")?;
        // Conditional on the code still being there: of two devices racing, one wins.
        let claimed = sqlx::query(
            "UPDATE terminals SET status = $1, device_token_hash = $2, enrolled_at = $3, \
             enrolment_code_hash = NULL, enrolment_expires_at = NULL \
             WHERE id = $4 AND enrolment_code_hash = $5",
        )
        .bind(TerminalStatusKind::Enrolled.code())
        .bind(tokens::digest(&token))
        .bind(now)
        .bind(&id)
        .bind(&code_hash)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if claimed != 1 {
            return Err(unknown_code());
        }
        id
    };
    audit::record(
        &mut tx,
        Event::new(
            ActorKind::Terminal,
            Some(&terminal_id),
            "terminal.enrolled",
            ip.0.as_deref(),
        )
        .establishment(&establishment_id)
        .target(&terminal_id),
    )
    .await?;
    tx.commit().await?;
    let terminal = from_token(&state.db, &token).await?;
    let body = describe(&state.db, terminal).await?;
    let cookie = device_cookie(&token, state.config.secure_cookies)?;
    Ok((
        AppendHeaders([(header::SET_COOKIE, cookie)]),
        axum::Json(body),
    ))
}

fn unknown_code() -> ApiError {
    ApiError::Validation(vec![shared_types::FieldError {
        field: "code".into(),
        code: shared_types::ErrorCode::InvalidFormat,
        message: "Ce code est inconnu ou a expiré. Demandez un nouveau code.".into(),
    }])
}

/// The credential cookie: five years, only sent to the detainee API, never readable by scripts.
fn device_cookie(token: &str, secure: bool) -> ApiResult<HeaderValue> {
    let secure = if secure { "; Secure" } else { "" };
    HeaderValue::from_str(&format!(
        "{DEVICE_COOKIE}={token}; Path=/api/detainee; Max-Age=157680000; HttpOnly; SameSite=Strict{secure}"
    ))
    .map_err(|e| ApiError::Internal(format!("cookie: {e}")))
}
