//! A request opened in the console: read it (which marks it received), assign it, answer it,
//! add internal notes, close it. Sealed health requests: health staff only, every access logged.

use axum::extract::State;
use axum::http::StatusCode;
use shared_types::Problem;
use shared_types::refusals::Refusal;
use shared_types::requests::console::{AgentRef, AgentRequestDetail, AgentText, Assignment};
use shared_types::requests::{Action, MessageKind, RequestStatus, decide, next_status};
use shared_types::roles::{Role, Service, handles_service, supervises_service};
use shared_types::{ErrorCode, FieldError};
use sqlx::Row;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::desk::sealed_or_other;
use super::rows::{self, ITEM_SELECT, Stored};
use super::templates::for_service;
use super::thread::{self, Column, NewMessage};
use crate::audit;
use crate::auth::agent::CurrentAgent;
use crate::db::{Db, now};
use crate::error::{ApiError, ApiResult};
use crate::http::client_ip::ClientIp;
use crate::http::json::ApiJson;
use crate::http::params::ApiPath;
use crate::state::AppState;

/// Console routes.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(open))
        .routes(routes!(assign))
        .routes(routes!(answer))
        .routes(routes!(note))
        .routes(routes!(close))
}

type Detail = axum::Json<AgentRequestDetail>;

/// A request the agent may handle: 404 outside their establishments, 403 for another
/// service's (a refused look at a sealed health request is logged, without its content).
async fn reachable(db: &Db, agent: &CurrentAgent, ip: &ClientIp, id: &str) -> ApiResult<Stored> {
    let row = sqlx::query(&format!("{ITEM_SELECT} WHERE r.id = $1"))
        .bind(id)
        .fetch_optional(&db.pool)
        .await?
        .ok_or(ApiError::NotFound)?;
    let stored = Stored::from_row(&row)?;
    if !agent.covers(&stored.establishment_id) {
        return Err(ApiError::NotFound);
    }
    if !handles_service(&agent.roles, stored.service) {
        if stored.service == Service::Health {
            let mut tx = db.begin().await?;
            audit::agent_action(
                &mut tx,
                &agent.id,
                ip.0.as_deref(),
                &stored.establishment_id,
                "request.sealed_access_refused",
                Some(id),
            )
            .await?;
            tx.commit().await?;
        }
        return Err(sealed_or_other(stored.service));
    }
    Ok(stored)
}

/// Agents of this establishment who handle the service (the assignment list).
async fn handlers(db: &Db, establishment_id: &str, service: Service) -> ApiResult<Vec<AgentRef>> {
    let rows = sqlx::query(
        "SELECT a.id, a.display_name, r.role, r.service FROM agents a \
         JOIN agent_roles r ON r.agent_id = a.id \
         JOIN agent_scopes s ON s.agent_id = a.id \
         WHERE a.disabled_at IS NULL AND s.establishment_id = $1 \
         ORDER BY a.display_name, a.id",
    )
    .bind(establishment_id)
    .fetch_all(&db.pool)
    .await?;
    let mut out: Vec<AgentRef> = Vec::new();
    for r in &rows {
        let role: String = r.try_get("role")?;
        let role_service: String = r.try_get("service")?;
        let Some(role) =
            Role::from_code(&role, Some(role_service.as_str()).filter(|s| !s.is_empty()))
        else {
            continue;
        };
        let dedicated = match service {
            Service::Health => role == Role::HealthStaff,
            s => role == Role::RequestHandler(s),
        };
        let id: String = r.try_get("id")?;
        if dedicated && !out.iter().any(|a| a.id == id) {
            out.push(AgentRef {
                id,
                display_name: r.try_get("display_name")?,
            });
        }
    }
    Ok(out)
}

async fn load(db: &Db, agent: &CurrentAgent, stored: &Stored) -> ApiResult<AgentRequestDetail> {
    let row = sqlx::query(&format!("{ITEM_SELECT} WHERE r.id = $1"))
        .bind(&stored.id)
        .fetch_one(&db.pool)
        .await?;
    let request = rows::item(&row)?;
    let now_stored = Stored::from_row(&row)?;
    let loaded = thread::load(db, &now_stored, Some(&agent.id)).await?;
    let supervisor = supervises_service(&agent.roles, request.service);
    let answer_refused = decide(loaded.facts, Action::Answer { supervisor })
        .err()
        .map(|why| why.refusal.code().to_owned());
    Ok(AgentRequestDetail {
        messages: thread::for_agents(db, &request.id).await?,
        handlers: handlers(db, &request.establishment_id, request.service).await?,
        templates: for_service(db, &request.establishment_id, request.service).await?,
        may_answer: answer_refused.is_none(),
        answer_refused,
        request,
    })
}

async fn event(
    tx: &mut crate::db::Tx,
    agent: &CurrentAgent,
    ip: &ClientIp,
    stored: &Stored,
    action: &str,
) -> ApiResult<()> {
    audit::agent_action(
        tx,
        &agent.id,
        ip.0.as_deref(),
        &stored.establishment_id,
        action,
        Some(&stored.id),
    )
    .await
}

/// Open a request. The first opening by its service marks it received; every opening of a
/// sealed health request is logged (who, when, which request: never what it says).
#[utoipa::path(get, path = "/requests/{id}", tag = "agent",
    params(("id" = String, Path, description = "Request id")),
    responses((status = 200, body = AgentRequestDetail), (status = 403, body = Problem),
              (status = 404, body = Problem)))]
async fn open(
    State(state): State<AppState>,
    agent: CurrentAgent,
    ip: ClientIp,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<Detail> {
    let db = &state.db;
    let stored = reachable(db, &agent, &ip, &id).await?;
    let first_opening = next_status(stored.status, stored.contested, Action::Open)
        .is_ok_and(|(s, _)| s != stored.status);
    if first_opening || stored.service == Service::Health {
        let mut tx = db.begin().await?;
        if first_opening {
            let loaded = thread::load(db, &stored, Some(&agent.id)).await?;
            match thread::transition(&mut tx, &stored, &loaded, Action::Open).await {
                Ok(_) => event(&mut tx, &agent, &ip, &stored, "request.received").await?,
                // Someone opened it at the same moment: it is received all the same.
                Err(ApiError::Conflict { .. }) => {}
                Err(e) => return Err(e),
            }
        }
        if stored.service == Service::Health {
            event(&mut tx, &agent, &ip, &stored, "request.sealed_opened").await?;
        }
        tx.commit().await?;
    }
    Ok(axum::Json(load(db, &agent, &stored).await?))
}

/// Assign a request to an agent who handles its service here, or to nobody.
#[utoipa::path(post, path = "/requests/{id}/assign", tag = "agent",
    params(("id" = String, Path, description = "Request id")),
    request_body = Assignment,
    responses((status = 200, body = AgentRequestDetail), (status = 403, body = Problem),
              (status = 404, body = Problem), (status = 409, body = Problem),
              (status = 422, body = Problem)))]
async fn assign(
    State(state): State<AppState>,
    agent: CurrentAgent,
    ip: ClientIp,
    ApiPath(id): ApiPath<String>,
    ApiJson(form): ApiJson<Assignment>,
) -> ApiResult<Detail> {
    let db = &state.db;
    let stored = reachable(db, &agent, &ip, &id).await?;
    if let Some(to) = &form.agent_id {
        let allowed = to == &agent.id
            || handlers(db, &stored.establishment_id, stored.service)
                .await?
                .iter()
                .any(|a| &a.id == to);
        if !allowed {
            return Err(ApiError::Validation(vec![FieldError {
                field: "agent_id".into(),
                code: ErrorCode::InvalidFormat,
                message: "Cet agent ne traite pas les demandes de ce service ici.".into(),
            }]));
        }
    }
    let loaded = thread::load(db, &stored, Some(&agent.id)).await?;
    thread::check(&loaded, Action::Assign)?;
    if stored.assigned_agent_id == form.agent_id && stored.status != RequestStatus::Sent {
        // Assigned so already (a double click): nothing to change, nothing to log.
        return Ok(axum::Json(load(db, &agent, &stored).await?));
    }
    let mut tx = db.begin().await?;
    thread::transition(&mut tx, &stored, &loaded, Action::Assign).await?;
    sqlx::query("UPDATE requests SET assigned_agent_id = $1 WHERE id = $2")
        .bind(&form.agent_id)
        .bind(&id)
        .execute(&mut *tx)
        .await?;
    event(&mut tx, &agent, &ip, &stored, "request.assigned").await?;
    tx.commit().await?;
    Ok(axum::Json(load(db, &agent, &stored).await?))
}

/// Writes an agent's message (answer or note) with its transition; a repeated key answers 200.
async fn write(
    state: &AppState,
    agent: &CurrentAgent,
    ip: &ClientIp,
    id: &str,
    form: AgentText,
    kind: MessageKind,
) -> ApiResult<(StatusCode, Detail)> {
    form.validate()?;
    let db = &state.db;
    let stored = reachable(db, agent, ip, id).await?;
    if thread::already_written(db, id, &form.idempotency_key).await? {
        return Ok((StatusCode::OK, axum::Json(load(db, agent, &stored).await?)));
    }
    let supervisor = supervises_service(&agent.roles, stored.service);
    let (action, audited) = match kind {
        MessageKind::Note => (Action::Note, "request.noted"),
        _ => (Action::Answer { supervisor }, "request.answered"),
    };
    let loaded = thread::load(db, &stored, Some(&agent.id)).await?;
    thread::check(&loaded, action)?;
    let mut tx = db.begin().await?;
    let message = NewMessage {
        kind,
        author_agent_id: Some(&agent.id),
        text: &form.text,
        key: &form.idempotency_key,
        contested_answer_id: None,
    };
    if !thread::add_message(&mut tx, id, message).await? {
        drop(tx);
        return Ok((StatusCode::OK, axum::Json(load(db, agent, &stored).await?)));
    }
    thread::transition(&mut tx, &stored, &loaded, action).await?;
    if kind == MessageKind::Answer {
        thread::set_time(&mut tx, id, Column::Answered, now()).await?;
    }
    event(&mut tx, agent, ip, &stored, audited).await?;
    tx.commit().await?;
    Ok((
        StatusCode::CREATED,
        axum::Json(load(db, agent, &stored).await?),
    ))
}

/// Answer the detainee (shown on the tablet). A contested request needs a supervisor.
#[utoipa::path(post, path = "/requests/{id}/answers", tag = "agent",
    params(("id" = String, Path, description = "Request id")),
    request_body = AgentText,
    responses((status = 201, body = AgentRequestDetail), (status = 200, body = AgentRequestDetail),
              (status = 403, body = Problem), (status = 404, body = Problem),
              (status = 409, body = Problem), (status = 422, body = Problem)))]
async fn answer(
    State(state): State<AppState>,
    agent: CurrentAgent,
    ip: ClientIp,
    ApiPath(id): ApiPath<String>,
    ApiJson(form): ApiJson<AgentText>,
) -> ApiResult<(StatusCode, Detail)> {
    write(&state, &agent, &ip, &id, form, MessageKind::Answer).await
}

/// Add an internal note: agents only, never shown to the detainee.
#[utoipa::path(post, path = "/requests/{id}/notes", tag = "agent",
    params(("id" = String, Path, description = "Request id")),
    request_body = AgentText,
    responses((status = 201, body = AgentRequestDetail), (status = 200, body = AgentRequestDetail),
              (status = 403, body = Problem), (status = 404, body = Problem),
              (status = 422, body = Problem)))]
async fn note(
    State(state): State<AppState>,
    agent: CurrentAgent,
    ip: ClientIp,
    ApiPath(id): ApiPath<String>,
    ApiJson(form): ApiJson<AgentText>,
) -> ApiResult<(StatusCode, Detail)> {
    write(&state, &agent, &ip, &id, form, MessageKind::Note).await
}

/// Close a request: nothing more can be written on it (the detainee may still contest).
#[utoipa::path(post, path = "/requests/{id}/close", tag = "agent",
    params(("id" = String, Path, description = "Request id")),
    responses((status = 200, body = AgentRequestDetail), (status = 403, body = Problem),
              (status = 404, body = Problem), (status = 409, body = Problem)))]
async fn close(
    State(state): State<AppState>,
    agent: CurrentAgent,
    ip: ClientIp,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<Detail> {
    let db = &state.db;
    let stored = reachable(db, &agent, &ip, &id).await?;
    let supervisor = supervises_service(&agent.roles, stored.service);
    let loaded = thread::load(db, &stored, Some(&agent.id)).await?;
    let action = Action::Close { supervisor };
    thread::check(&loaded, action)?;
    let mut tx = db.begin().await?;
    thread::transition(&mut tx, &stored, &loaded, action).await?;
    thread::set_time(&mut tx, &id, Column::Closed, now()).await?;
    event(&mut tx, &agent, &ip, &stored, "request.closed").await?;
    tx.commit().await?;
    Ok(axum::Json(load(db, &agent, &stored).await?))
}
