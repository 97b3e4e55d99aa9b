//! The visitors linked to a detainee, for staff booking on behalf of one who phoned.

use axum::extract::State;
use shared_types::Problem;
use shared_types::roles::Permission;
use shared_types::visit_desk::DetaineeLink;
use shared_types::visit_links::permit_valid_on;
use sqlx::Row;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::auth::agent::CurrentAgent;
use crate::db::now;
use crate::error::ApiResult;
use crate::http::params::ApiPath;
use crate::state::AppState;
use crate::visits::week::paris_date;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list))
}

/// A detainee's approved links, by visitor name, with whether each visitor's permit allows
/// booking today.
#[utoipa::path(get, path = "/establishments/{id}/detainees/{detainee_id}/links", tag = "agent",
    params(("id" = String, Path, description = "Establishment id"),
           ("detainee_id" = String, Path, description = "Detainee id")),
    responses((status = 200, body = Vec<DetaineeLink>), (status = 403, body = Problem)))]
async fn list(
    State(state): State<AppState>,
    agent: CurrentAgent,
    ApiPath((establishment_id, detainee_id)): ApiPath<(String, String)>,
) -> ApiResult<axum::Json<Vec<DetaineeLink>>> {
    agent.require(Permission::ManageVisits, &establishment_id)?;
    let rows = sqlx::query(
        "SELECT l.id, v.first_name, v.last_name, v.email, v.phone, p.number, p.valid_from, p.valid_until, \
         p.suspended_at FROM link_requests l JOIN visitors v ON v.id = l.visitor_id \
         JOIN visit_permits p ON p.id = l.permit_id \
         WHERE l.establishment_id = $1 AND l.detainee_id = $2 AND l.status = 'approved' \
         ORDER BY v.last_name, v.first_name",
    )
    .bind(&establishment_id)
    .bind(&detainee_id)
    .fetch_all(&state.db.pool)
    .await?;
    let today = paris_date(now());
    let links = rows
        .iter()
        .map(|r| {
            let valid_from: String = r.try_get("valid_from")?;
            let valid_until: Option<String> = r.try_get("valid_until")?;
            let suspended = r.try_get::<Option<i64>, _>("suspended_at")?.is_some();
            Ok(DetaineeLink {
                id: r.try_get("id")?,
                visitor_name: format!(
                    "{} {}",
                    r.try_get::<String, _>("first_name")?,
                    r.try_get::<String, _>("last_name")?
                ),
                visitor_email: r.try_get("email")?,
                visitor_phone: r.try_get("phone")?,
                permit_number: r.try_get("number")?,
                can_book: permit_valid_on(&valid_from, valid_until.as_deref(), suspended, today),
            })
        })
        .collect::<ApiResult<Vec<_>>>()?;
    Ok(axum::Json(links))
}
