//! Staff accounts: sign-in, roles and scope, and the permission check every console handler
//! makes in one line: `agent.require(Permission::X, &establishment_id)?`.

use axum::extract::{FromRequestParts, State};
use axum::http::StatusCode;
use axum::http::request::Parts;
use shared_types::Problem;
use shared_types::auth::{AgentMe, AgentSignIn};
use shared_types::refusals::Refusal;
use shared_types::refusals::common::Common;
use shared_types::roles::{Permission, Role};
use sqlx::Row;
use tower_sessions::Session;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::credentials::{self, Attempt};
use crate::audit::ActorKind;
use crate::db::Db;
use crate::error::{ApiError, ApiResult};
use crate::establishments;
use crate::http::client_ip::ClientIp;
use crate::http::json::ApiJson;
use crate::state::AppState;

/// The console's session routes.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(sign_in, current, sign_out))
}

/// A signed-in agent with roles and scope, loaded fresh on every request so that a removed role
/// or a disabled account takes effect at once.
#[derive(Debug, Clone)]
pub struct CurrentAgent {
    pub id: String,
    pub login: String,
    pub display_name: String,
    pub roles: Vec<Role>,
    pub national: bool,
    /// Establishment ids in scope (empty when national: everything is).
    pub scope: Vec<String>,
}

impl CurrentAgent {
    /// Whether any of the agent's roles grants `permission`.
    pub fn has(&self, permission: Permission) -> bool {
        self.roles.iter().any(|r| r.grants(permission))
    }

    /// Whether `establishment_id` is in the agent's scope.
    pub fn covers(&self, establishment_id: &str) -> bool {
        self.national || self.scope.iter().any(|e| e == establishment_id)
    }

    /// Refuses (403) unless the agent may do `permission` in `establishment_id`.
    pub fn require(&self, permission: Permission, establishment_id: &str) -> ApiResult<()> {
        if !self.covers(establishment_id) {
            return Err(ApiError::denied(
                Common::OutOfScope,
                Common::OutOfScope.meaning(),
            ));
        }
        if !self.has(permission) {
            return Err(ApiError::denied(
                Common::NotPermitted,
                Common::NotPermitted.meaning(),
            ));
        }
        Ok(())
    }
}

impl FromRequestParts<AppState> for CurrentAgent {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> ApiResult<Self> {
        let (session, auth) = super::from_parts(parts, state).await?;
        match load(&state.db, &auth.subject_id).await? {
            Some(agent) => Ok(agent),
            None => {
                session.flush().await?;
                Err(super::not_signed_in())
            }
        }
    }
}

/// Loads an active agent with roles and scope.
async fn load(db: &Db, id: &str) -> ApiResult<Option<CurrentAgent>> {
    let Some(row) = sqlx::query(
        "SELECT id, login, display_name, national FROM agents WHERE id = $1 AND disabled_at IS NULL",
    )
    .bind(id)
    .fetch_optional(&db.pool)
    .await?
    else {
        return Ok(None);
    };
    let roles = sqlx::query("SELECT role, service FROM agent_roles WHERE agent_id = $1")
        .bind(id)
        .fetch_all(&db.pool)
        .await?
        .iter()
        .filter_map(|r| {
            let role: String = r.try_get("role").ok()?;
            let service: String = r.try_get("service").ok()?;
            Role::from_code(&role, Some(service.as_str()).filter(|s| !s.is_empty()))
        })
        .collect();
    let scope = sqlx::query("SELECT establishment_id FROM agent_scopes WHERE agent_id = $1")
        .bind(id)
        .fetch_all(&db.pool)
        .await?
        .iter()
        .map(|r| r.try_get("establishment_id"))
        .collect::<Result<_, _>>()?;
    Ok(Some(CurrentAgent {
        id: row.try_get("id")?,
        login: row.try_get("login")?,
        display_name: row.try_get("display_name")?,
        national: row.try_get::<i64, _>("national")? != 0,
        roles,
        scope,
    }))
}

async fn me(db: &Db, agent: CurrentAgent) -> ApiResult<AgentMe> {
    let establishments = establishments::in_scope(db, &agent).await?;
    let mut permissions: Vec<Permission> = Vec::new();
    for p in agent.roles.iter().flat_map(|r| r.permissions()) {
        if !permissions.contains(p) {
            permissions.push(*p);
        }
    }
    Ok(AgentMe {
        id: agent.id,
        login: agent.login,
        display_name: agent.display_name,
        roles: agent.roles,
        permissions,
        national: agent.national,
        establishments,
    })
}

/// Sign in to the console.
#[utoipa::path(post, path = "/session", tag = "agent",
    request_body = AgentSignIn,
    responses((status = 200, body = AgentMe), (status = 401, body = Problem),
              (status = 422, body = Problem), (status = 429, body = Problem)))]
async fn sign_in(
    State(state): State<AppState>,
    session: Session,
    ip: ClientIp,
    ApiJson(form): ApiJson<AgentSignIn>,
) -> ApiResult<axum::Json<AgentMe>> {
    form.validate()?;
    let login = form.login.trim().to_lowercase();
    let subject = format!("agent:{login}");
    let found = sqlx::query(
        "SELECT id, password_hash AS secret_hash FROM agents WHERE login = $1 AND disabled_at IS NULL",
    )
    .bind(&login)
    .fetch_optional(&state.db.pool)
    .await?;
    let attempt = Attempt {
        actor: ActorKind::Agent,
        subject: &subject,
        signed_in: "agent.signed_in",
        failed: "agent.sign_in_failed",
        establishment_id: None,
        terminal_id: None,
        refusal: "Identifiant ou mot de passe incorrect.",
    };
    let id = credentials::sign_in(&state, &session, &ip, attempt, found, form.password).await?;
    let agent = load(&state.db, &id)
        .await?
        .ok_or_else(super::not_signed_in)?;
    Ok(axum::Json(me(&state.db, agent).await?))
}

/// The signed-in agent, roles, permissions and establishments in scope.
#[utoipa::path(get, path = "/session", tag = "agent",
    responses((status = 200, body = AgentMe), (status = 401, body = Problem)))]
async fn current(
    State(state): State<AppState>,
    agent: CurrentAgent,
) -> ApiResult<axum::Json<AgentMe>> {
    Ok(axum::Json(me(&state.db, agent).await?))
}

/// Sign out of the console.
#[utoipa::path(delete, path = "/session", tag = "agent", responses((status = 204)))]
async fn sign_out(
    State(state): State<AppState>,
    session: Session,
    ip: ClientIp,
) -> ApiResult<StatusCode> {
    super::sign_out(&state, &session, ActorKind::Agent, "agent.signed_out", &ip).await?;
    Ok(StatusCode::NO_CONTENT)
}
