//! The console's inbox: which services an agent handles in an establishment, and the requests
//! of one service, filtered.

use axum::extract::State;
use shared_types::Problem;
use shared_types::refusals::Refusal;
use shared_types::refusals::common::Common;
use shared_types::refusals::requests::Requests;
use shared_types::requests::console::{
    AgeFilter, Desks, INBOX_LIMIT, Inbox, InboxQuery, InboxStatus, ServiceDesk,
};
use shared_types::requests::{FREE_SUBJECT, subjects};
use shared_types::roles::{Permission, Service, handles_service};
use sqlx::Row;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::rows::{self, ITEM_SELECT, all_deadlines};
use crate::auth::agent::CurrentAgent;
use crate::db::now;
use crate::error::{ApiError, ApiResult};
use crate::http::params::{ApiPath, ApiQuery};
use crate::state::AppState;

/// Console routes.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(desks))
        .routes(routes!(inbox))
}

/// Refuses (403) unless the agent handles `service`'s requests in `establishment_id`.
pub fn require_service(
    agent: &CurrentAgent,
    establishment_id: &str,
    service: Service,
) -> ApiResult<()> {
    if !agent.covers(establishment_id) {
        return Err(ApiError::denied(
            Common::OutOfScope,
            "Cet établissement n'est pas dans votre périmètre.",
        ));
    }
    if !handles_service(&agent.roles, service) {
        return Err(sealed_or_other(service));
    }
    Ok(())
}

/// The refusal for a service the agent does not handle.
pub fn sealed_or_other(service: Service) -> ApiError {
    let refusal = if service == Service::Health {
        Requests::Sealed
    } else {
        Requests::OtherService
    };
    ApiError::denied(refusal, refusal.meaning())
}

/// The request desks the agent has in an establishment, with their counters.
#[utoipa::path(get, path = "/establishments/{id}/requests/desks", tag = "agent",
    params(("id" = String, Path, description = "Establishment id")),
    responses((status = 200, body = Desks), (status = 403, body = Problem)))]
async fn desks(
    State(state): State<AppState>,
    agent: CurrentAgent,
    ApiPath(establishment_id): ApiPath<String>,
) -> ApiResult<axum::Json<Desks>> {
    agent.require(Permission::ViewEstablishment, &establishment_id)?;
    let at = now();
    let counts = sqlx::query(
        "SELECT service, contested, CAST(CASE WHEN due_at < $2 THEN 1 ELSE 0 END AS BIGINT) AS late, \
         CAST(COUNT(*) AS BIGINT) AS n FROM requests \
         WHERE establishment_id = $1 AND status IN ('sent', 'received', 'in_progress') \
         GROUP BY service, contested, CASE WHEN due_at < $2 THEN 1 ELSE 0 END",
    )
    .bind(&establishment_id)
    .bind(at)
    .fetch_all(&state.db.pool)
    .await?;
    let mut desks = Vec::new();
    for (service, deadline_days) in all_deadlines(&state.db, &establishment_id).await? {
        if !handles_service(&agent.roles, service) {
            continue;
        }
        let mut desk = ServiceDesk {
            service,
            deadline_days,
            pending: 0,
            overdue: 0,
            contested: 0,
        };
        for r in &counts {
            if r.try_get::<String, _>("service")? != service.code() {
                continue;
            }
            let n = u32::try_from(r.try_get::<i64, _>("n")?).unwrap_or(u32::MAX);
            desk.pending += n;
            if r.try_get::<i64, _>("late")? != 0 {
                desk.overdue += n;
            }
            if r.try_get::<i64, _>("contested")? != 0 {
                desk.contested += n;
            }
        }
        desks.push(desk);
    }
    Ok(axum::Json(Desks {
        desks,
        supervisor: agent.has(Permission::SuperviseRequests),
        can_set_deadlines: agent.has(Permission::ManageEstablishment),
    }))
}

/// The SQL condition and its values for the inbox filters (placeholders from `$3`).
fn filters(q: &InboxQuery, at: i64) -> (String, Vec<QueryValue>, &'static str) {
    let mut sql = String::new();
    let mut values = Vec::new();
    let mut next = 3;
    let mut bind = |sql: &mut String, clause: &str, v: QueryValue| {
        sql.push_str(&clause.replace('?', &format!("${next}")));
        values.push(v);
        next += 1;
    };
    let pending = " AND r.status IN ('sent', 'received', 'in_progress')";
    let mut order = "r.due_at ASC, r.created_at ASC";
    match q.status.unwrap_or(InboxStatus::Pending) {
        InboxStatus::Pending => sql.push_str(pending),
        InboxStatus::Overdue => {
            sql.push_str(pending);
            bind(&mut sql, " AND r.due_at < ?", QueryValue::Int(at));
        }
        InboxStatus::Contested => sql.push_str(" AND r.contested = 1"),
        InboxStatus::All => order = "r.updated_at DESC",
        other => {
            bind(
                &mut sql,
                " AND r.status = ?",
                QueryValue::Text(other.code().into()),
            );
            if matches!(other, InboxStatus::Answered | InboxStatus::Closed) {
                order = "r.updated_at DESC";
            }
        }
    }
    match q.age {
        Some(AgeFilter::Day) => bind(
            &mut sql,
            " AND r.created_at >= ?",
            QueryValue::Int(at - 86_400),
        ),
        Some(AgeFilter::Week) => bind(
            &mut sql,
            " AND r.created_at >= ?",
            QueryValue::Int(at - 7 * 86_400),
        ),
        Some(AgeFilter::Older) => bind(
            &mut sql,
            " AND r.created_at < ?",
            QueryValue::Int(at - 7 * 86_400),
        ),
        None => {}
    }
    if let Some(subject) = &q.subject {
        bind(
            &mut sql,
            " AND r.subject = ?",
            QueryValue::Text(subject.clone()),
        );
    }
    (sql, values, order)
}

/// A value bound to a filter's placeholder.
enum QueryValue {
    Int(i64),
    Text(String),
}

/// One service's requests in an establishment: pending by default, the nearest deadline first,
/// [`INBOX_LIMIT`] a page.
#[utoipa::path(get, path = "/establishments/{id}/requests", tag = "agent",
    params(("id" = String, Path, description = "Establishment id"), InboxQuery),
    responses((status = 200, body = Inbox), (status = 400, body = Problem),
              (status = 403, body = Problem), (status = 422, body = Problem)))]
async fn inbox(
    State(state): State<AppState>,
    agent: CurrentAgent,
    ApiPath(establishment_id): ApiPath<String>,
    ApiQuery(q): ApiQuery<InboxQuery>,
) -> ApiResult<axum::Json<Inbox>> {
    require_service(&agent, &establishment_id, q.service)?;
    if let Some(subject) = &q.subject
        && subject != FREE_SUBJECT
        && !subjects(q.service).contains(&subject.as_str())
    {
        return Err(ApiError::Validation(vec![shared_types::FieldError::new(
            "subject",
            shared_types::ErrorCode::InvalidFormat,
        )]));
    }
    let (condition, values, order) = filters(&q, now());
    let base = "WHERE r.establishment_id = $1 AND r.service = $2";
    let count_sql = format!("SELECT CAST(COUNT(*) AS BIGINT) FROM requests r {base}{condition}");
    let offset = u64::from(q.page.unwrap_or(0)) * INBOX_LIMIT as u64;
    let list_sql = format!(
        "{ITEM_SELECT} {base}{condition} ORDER BY {order}, r.id LIMIT {INBOX_LIMIT} OFFSET {offset}"
    );
    let mut count = sqlx::query_scalar::<_, i64>(&count_sql)
        .bind(&establishment_id)
        .bind(q.service.code());
    let mut list = sqlx::query(&list_sql)
        .bind(&establishment_id)
        .bind(q.service.code());
    for v in &values {
        match v {
            QueryValue::Int(i) => {
                count = count.bind(*i);
                list = list.bind(*i);
            }
            QueryValue::Text(t) => {
                count = count.bind(t.clone());
                list = list.bind(t.clone());
            }
        }
    }
    let total = count.fetch_one(&state.db.pool).await?;
    let items = list
        .fetch_all(&state.db.pool)
        .await?
        .iter()
        .map(rows::item)
        .collect::<ApiResult<_>>()?;
    Ok(axum::Json(Inbox {
        items,
        total: u32::try_from(total).unwrap_or(u32::MAX),
    }))
}
