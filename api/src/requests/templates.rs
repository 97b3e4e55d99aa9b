//! Answer templates each service keeps, per establishment.

use axum::extract::State;
use axum::http::StatusCode;
use serde::Deserialize;
use shared_types::Problem;
use shared_types::refusals::Refusal;
use shared_types::refusals::requests::Requests;
use shared_types::requests::console::{NewTemplate, Template};
use shared_types::roles::Service;
use sqlx::Row;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::desk::require_service;
use crate::audit;
use crate::auth::agent::CurrentAgent;
use crate::db::{Db, new_id, now};
use crate::error::{ApiError, ApiResult};
use crate::http::client_ip::ClientIp;
use crate::http::json::ApiJson;
use crate::http::params::{ApiPath, ApiQuery};
use crate::state::AppState;

/// Console routes.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(remove))
}

/// The service whose templates to list.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct ForService {
    pub service: Service,
}

/// A service's templates in an establishment, by title.
pub async fn for_service(
    db: &Db,
    establishment_id: &str,
    service: Service,
) -> ApiResult<Vec<Template>> {
    sqlx::query(
        "SELECT id, service, title, body FROM request_templates \
         WHERE establishment_id = $1 AND service = $2 AND deleted_at IS NULL ORDER BY title, id",
    )
    .bind(establishment_id)
    .bind(service.code())
    .fetch_all(&db.pool)
    .await?
    .iter()
    .map(|r| {
        Ok(Template {
            id: r.try_get("id")?,
            service,
            title: r.try_get("title")?,
            text: r.try_get("body")?,
        })
    })
    .collect()
}

/// A service's answer templates.
#[utoipa::path(get, path = "/establishments/{id}/requests/templates", tag = "agent",
    params(("id" = String, Path, description = "Establishment id"), ForService),
    responses((status = 200, body = Vec<Template>), (status = 403, body = Problem)))]
async fn list(
    State(state): State<AppState>,
    agent: CurrentAgent,
    ApiPath(establishment_id): ApiPath<String>,
    ApiQuery(q): ApiQuery<ForService>,
) -> ApiResult<axum::Json<Vec<Template>>> {
    require_service(&agent, &establishment_id, q.service)?;
    Ok(axum::Json(
        for_service(&state.db, &establishment_id, q.service).await?,
    ))
}

/// Add an answer template to a service.
#[utoipa::path(post, path = "/establishments/{id}/requests/templates", tag = "agent",
    params(("id" = String, Path, description = "Establishment id")),
    request_body = NewTemplate,
    responses((status = 201, body = Template), (status = 403, body = Problem),
              (status = 409, body = Problem), (status = 422, body = Problem)))]
async fn create(
    State(state): State<AppState>,
    agent: CurrentAgent,
    ip: ClientIp,
    ApiPath(establishment_id): ApiPath<String>,
    ApiJson(form): ApiJson<NewTemplate>,
) -> ApiResult<(StatusCode, axum::Json<Template>)> {
    require_service(&agent, &establishment_id, form.service)?;
    form.validate()?;
    let template = Template {
        id: new_id(),
        service: form.service,
        title: form.title.trim().to_owned(),
        text: form.text.trim().to_owned(),
    };
    let mut tx = state.db.begin().await?;
    // One live template per title in a service (a unique index): a double click adds one.
    let inserted = sqlx::query(
        "INSERT INTO request_templates (id, establishment_id, service, title, body, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING",
    )
    .bind(&template.id)
    .bind(&establishment_id)
    .bind(form.service.code())
    .bind(&template.title)
    .bind(&template.text)
    .bind(now())
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if inserted == 0 {
        return Err(ApiError::conflict(
            Requests::TemplateExists,
            "Ce service a déjà un modèle de réponse de ce titre : changez le titre.",
        ));
    }
    audit::agent_action(
        &mut tx,
        &agent.id,
        ip.0.as_deref(),
        &establishment_id,
        "request.template_added",
        Some(&template.id),
    )
    .await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, axum::Json(template)))
}

#[derive(sqlx::FromRow)]
struct TemplateOwner {
    establishment_id: String,
    service: String,
}

/// Remove an answer template (answers already sent keep their words).
#[utoipa::path(delete, path = "/requests/templates/{id}", tag = "agent",
    params(("id" = String, Path, description = "Template id")),
    responses((status = 204), (status = 403, body = Problem), (status = 404, body = Problem),
              (status = 409, body = Problem)))]
async fn remove(
    State(state): State<AppState>,
    agent: CurrentAgent,
    ip: ClientIp,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<StatusCode> {
    let TemplateOwner {
        establishment_id,
        service,
    } = sqlx::query_as("SELECT establishment_id, service FROM request_templates WHERE id = $1")
        .bind(&id)
        .fetch_optional(&state.db.pool)
        .await?
        .ok_or(ApiError::NotFound)?;
    if !agent.covers(&establishment_id) {
        return Err(ApiError::NotFound);
    }
    let service = Service::from_code(&service)
        .ok_or_else(|| ApiError::Internal(format!("service {service}")))?;
    require_service(&agent, &establishment_id, service)?;
    let mut tx = state.db.begin().await?;
    let removed = sqlx::query(
        "UPDATE request_templates SET deleted_at = $1 WHERE id = $2 AND deleted_at IS NULL",
    )
    .bind(now())
    .bind(&id)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if removed == 0 {
        return Err(ApiError::conflict(
            Requests::TemplateRemoved,
            Requests::TemplateRemoved.meaning(),
        ));
    }
    audit::agent_action(
        &mut tx,
        &agent.id,
        ip.0.as_deref(),
        &establishment_id,
        "request.template_removed",
        Some(&id),
    )
    .await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}
