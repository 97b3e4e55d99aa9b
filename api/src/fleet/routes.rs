//! Console routes on terminals.

use axum::extract::State;
use axum::http::StatusCode;
use shared_types::Problem;
use shared_types::fleet::{EnrolmentCode, NewTerminal, TerminalStatusKind, TerminalSummary};
use shared_types::roles::Permission;
use sqlx::Row;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::CODE_LIFETIME_SECONDS;
use crate::audit::{self, ActorKind, Event};
use crate::auth::agent::CurrentAgent;
use crate::auth::tokens;
use crate::db::{new_id, now};
use crate::error::{ApiError, ApiResult};
use crate::http::client_ip::ClientIp;
use crate::http::json::ApiJson;
use crate::http::params::ApiPath;
use crate::state::AppState;

/// Console routes on terminals.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list, create))
}

/// Terminals of an establishment.
#[utoipa::path(get, path = "/establishments/{id}/terminals", tag = "agent",
    params(("id" = String, Path, description = "Establishment id")),
    responses((status = 200, body = Vec<TerminalSummary>), (status = 403, body = Problem)))]
async fn list(
    State(state): State<AppState>,
    agent: CurrentAgent,
    ApiPath(establishment_id): ApiPath<String>,
) -> ApiResult<axum::Json<Vec<TerminalSummary>>> {
    agent.require(Permission::ManageTerminals, &establishment_id)?;
    let rows = sqlx::query(
        "SELECT id, establishment_id, location, status, enrolled_at FROM terminals \
         WHERE establishment_id = $1 ORDER BY location, created_at",
    )
    .bind(&establishment_id)
    .fetch_all(&state.db.pool)
    .await?;
    let terminals = rows
        .iter()
        .map(|r| {
            let status: String = r.try_get("status")?;
            Ok(TerminalSummary {
                id: r.try_get("id")?,
                establishment_id: r.try_get("establishment_id")?,
                location: r.try_get("location")?,
                status: TerminalStatusKind::from_code(&status)
                    .ok_or_else(|| ApiError::Internal(format!("terminal status {status}")))?,
                enrolled_at: r.try_get("enrolled_at")?,
            })
        })
        .collect::<ApiResult<Vec<_>>>()?;
    Ok(axum::Json(terminals))
}

/// Prepare a terminal and issue its one-time enrolment code (shown once).
#[utoipa::path(post, path = "/establishments/{id}/terminals", tag = "agent",
    params(("id" = String, Path, description = "Establishment id")),
    request_body = NewTerminal,
    responses((status = 201, body = EnrolmentCode), (status = 403, body = Problem),
              (status = 422, body = Problem)))]
async fn create(
    State(state): State<AppState>,
    agent: CurrentAgent,
    ip: ClientIp,
    ApiPath(establishment_id): ApiPath<String>,
    ApiJson(form): ApiJson<NewTerminal>,
) -> ApiResult<(StatusCode, axum::Json<EnrolmentCode>)> {
    agent.require(Permission::ManageTerminals, &establishment_id)?;
    form.validate()?;
    let id = new_id();
    let code = tokens::enrolment_code()?;
    let expires_at = now() + CODE_LIFETIME_SECONDS;
    let mut tx = state.db.begin().await?;
    sqlx::query(
        "INSERT INTO terminals (id, establishment_id, location, status, enrolment_code_hash, \
         enrolment_expires_at, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(&id)
    .bind(&establishment_id)
    .bind(form.location.trim())
    .bind(TerminalStatusKind::Pending.code())
    .bind(tokens::digest(&shared_types::validation::normalise_code(
        &code,
    )))
    .bind(expires_at)
    .bind(now())
    .execute(&mut *tx)
    .await?;
    audit::record(
        &mut tx,
        Event::new(
            ActorKind::Agent,
            Some(&agent.id),
            "terminal.code_issued",
            ip.0.as_deref(),
        )
        .establishment(&establishment_id)
        .target(&id),
    )
    .await?;
    tx.commit().await?;
    Ok((
        StatusCode::CREATED,
        axum::Json(EnrolmentCode {
            terminal_id: id,
            code,
            expires_at,
        }),
    ))
}
