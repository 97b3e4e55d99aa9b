//! The establishment's requests at a glance (counts by service and status, overdue, median time
//! to answer) and each service's deadline. Counts only: never what a request says.

use axum::extract::State;
use axum::http::StatusCode;
use shared_types::Problem;
use shared_types::refusals::Refusal;
use shared_types::refusals::common::Common;
use shared_types::requests::console::{
    DASHBOARD_DAYS, Dashboard, DashboardRow, DeadlinePut, StatusCounts,
};
use shared_types::requests::{RequestStatus, median};
use shared_types::roles::{Permission, Service};
use sqlx::Row;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::rows::all_deadlines;
use crate::audit;
use crate::auth::agent::CurrentAgent;
use crate::db::now;
use crate::error::{ApiError, ApiResult};
use crate::http::client_ip::ClientIp;
use crate::http::json::ApiJson;
use crate::http::params::ApiPath;
use crate::state::AppState;

/// Console routes.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(dashboard))
        .routes(routes!(set_deadline))
}

/// Who may read the dashboard: the management and anyone who handles requests.
fn may_read(agent: &CurrentAgent, establishment_id: &str) -> ApiResult<()> {
    agent.require(Permission::ViewEstablishment, establishment_id)?;
    let allowed = [
        Permission::HandleRequests,
        Permission::HandleHealthRequests,
        Permission::SuperviseRequests,
        Permission::ManageEstablishment,
    ]
    .into_iter()
    .any(|p| agent.has(p));
    if !allowed {
        return Err(ApiError::denied(
            Common::NotPermitted,
            Common::NotPermitted.meaning(),
        ));
    }
    Ok(())
}

fn service_of(r: &sqlx::any::AnyRow) -> ApiResult<Option<Service>> {
    Ok(Service::from_code(&r.try_get::<String, _>("service")?))
}

/// Requests of the last 90 days by service and status, overdue ones, median time to answer.
#[utoipa::path(get, path = "/establishments/{id}/requests/dashboard", tag = "agent",
    params(("id" = String, Path, description = "Establishment id")),
    responses((status = 200, body = Dashboard), (status = 403, body = Problem)))]
async fn dashboard(
    State(state): State<AppState>,
    agent: CurrentAgent,
    ApiPath(establishment_id): ApiPath<String>,
) -> ApiResult<axum::Json<Dashboard>> {
    may_read(&agent, &establishment_id)?;
    let pool = &state.db.pool;
    let at = now();
    let since = at - DASHBOARD_DAYS * 86_400;
    let mut rows: Vec<DashboardRow> = all_deadlines(&state.db, &establishment_id)
        .await?
        .into_iter()
        .map(|(service, deadline_days)| DashboardRow {
            service,
            counts: StatusCounts::default(),
            overdue: 0,
            deadline_days,
            median_answer_seconds: None,
        })
        .collect();
    let counts = sqlx::query(
        "SELECT service, status, CAST(COUNT(*) AS BIGINT) AS n FROM requests \
         WHERE establishment_id = $1 AND created_at >= $2 GROUP BY service, status",
    )
    .bind(&establishment_id)
    .bind(since)
    .fetch_all(pool)
    .await?;
    for r in &counts {
        let status = RequestStatus::from_code(&r.try_get::<String, _>("status")?);
        let n = u32::try_from(r.try_get::<i64, _>("n")?).unwrap_or(u32::MAX);
        if let (Some(service), Some(status)) = (service_of(r)?, status)
            && let Some(row) = rows.iter_mut().find(|x| x.service == service)
        {
            row.counts.add(status, n);
        }
    }
    let late = sqlx::query(
        "SELECT service, CAST(COUNT(*) AS BIGINT) AS n FROM requests WHERE establishment_id = $1 \
         AND status IN ('sent', 'received', 'in_progress') AND due_at < $2 GROUP BY service",
    )
    .bind(&establishment_id)
    .bind(at)
    .fetch_all(pool)
    .await?;
    for r in &late {
        let n = u32::try_from(r.try_get::<i64, _>("n")?).unwrap_or(u32::MAX);
        if let Some(service) = service_of(r)?
            && let Some(row) = rows.iter_mut().find(|x| x.service == service)
        {
            row.overdue = n;
        }
    }
    let delays = sqlx::query(
        "SELECT service, first_answered_at - created_at AS delay FROM requests \
         WHERE establishment_id = $1 AND created_at >= $2 AND first_answered_at IS NOT NULL",
    )
    .bind(&establishment_id)
    .bind(since)
    .fetch_all(pool)
    .await?;
    let mut all = Vec::with_capacity(delays.len());
    let mut per_service: Vec<Vec<i64>> = vec![Vec::new(); Service::ALL.len()];
    for r in &delays {
        let delay: i64 = r.try_get("delay")?;
        all.push(delay);
        if let Some(service) = service_of(r)?
            && let Some(i) = Service::ALL.iter().position(|s| *s == service)
        {
            per_service[i].push(delay);
        }
    }
    for (row, delays) in rows.iter_mut().zip(per_service.iter_mut()) {
        row.median_answer_seconds = median(delays);
    }
    let mut totals = StatusCounts::default();
    for row in &rows {
        for status in RequestStatus::ALL {
            totals.add(*status, row.counts.get(*status));
        }
    }
    Ok(axum::Json(Dashboard {
        overdue: rows.iter().map(|r| r.overdue).sum(),
        median_answer_seconds: median(&mut all),
        can_set_deadlines: agent.has(Permission::ManageEstablishment),
        totals,
        rows,
    }))
}

/// Set how many days a service has to answer (for requests written from now on).
#[utoipa::path(put, path = "/establishments/{id}/requests/deadlines/{service}", tag = "agent",
    params(("id" = String, Path, description = "Establishment id"),
           ("service" = Service, Path, description = "Service")),
    request_body = DeadlinePut,
    responses((status = 204), (status = 403, body = Problem), (status = 422, body = Problem)))]
async fn set_deadline(
    State(state): State<AppState>,
    agent: CurrentAgent,
    ip: ClientIp,
    ApiPath((establishment_id, service)): ApiPath<(String, Service)>,
    ApiJson(form): ApiJson<DeadlinePut>,
) -> ApiResult<StatusCode> {
    agent.require(Permission::ManageEstablishment, &establishment_id)?;
    form.validate()?;
    crate::establishments::get(&state.db, &establishment_id).await?;
    let mut tx = state.db.begin().await?;
    sqlx::query(
        "INSERT INTO request_deadlines (establishment_id, service, days) VALUES ($1, $2, $3) \
         ON CONFLICT (establishment_id, service) DO UPDATE SET days = excluded.days",
    )
    .bind(&establishment_id)
    .bind(service.code())
    .bind(i64::from(form.days))
    .execute(&mut *tx)
    .await?;
    audit::agent_action(
        &mut tx,
        &agent.id,
        ip.0.as_deref(),
        &establishment_id,
        "request.deadline_set",
        Some(service.code()),
    )
    .await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}
