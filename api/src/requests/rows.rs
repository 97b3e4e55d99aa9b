//! Reading requests from the database: one row shape for the tablet and the console.

use shared_types::requests::console::{AgentRef, InboxItem, RequestAuthor};
use shared_types::requests::{DEFAULT_DEADLINE_DAYS, RequestStatus, RequestSummary};
use shared_types::roles::Service;
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::db::now;
use crate::error::{ApiError, ApiResult};
use crate::people::cell_label;

/// The columns [`item`] and [`Stored::from_row`] read, with the tables they come from.
pub const ITEM_SELECT: &str = "SELECT r.id, r.establishment_id, r.detainee_id, r.service, \
    r.subject, r.free_subject, r.status, r.contested, r.version, r.assigned_agent_id, \
    ag.display_name AS assigned_name, r.created_at, r.updated_at, r.due_at, r.answered_at, \
    d.registration_number, d.first_name, d.last_name, d.building, d.wing, d.cell \
    FROM requests r JOIN detainees d ON d.id = r.detainee_id \
    LEFT JOIN agents ag ON ag.id = r.assigned_agent_id";

/// What the handlers need to decide on a request.
#[derive(Debug, Clone)]
pub struct Stored {
    pub id: String,
    pub establishment_id: String,
    pub service: Service,
    pub status: RequestStatus,
    pub contested: bool,
    /// Bumped by every change: what a compare-and-set expects.
    pub version: i64,
    pub assigned_agent_id: Option<String>,
}

impl Stored {
    /// Reads a row selected with [`ITEM_SELECT`].
    pub fn from_row(r: &AnyRow) -> ApiResult<Self> {
        Ok(Self {
            id: r.try_get("id")?,
            establishment_id: r.try_get("establishment_id")?,
            service: service(r)?,
            status: status(r)?,
            contested: r.try_get::<i64, _>("contested")? != 0,
            version: r.try_get("version")?,
            assigned_agent_id: r.try_get("assigned_agent_id")?,
        })
    }
}

fn service(r: &AnyRow) -> ApiResult<Service> {
    let code: String = r.try_get("service")?;
    Service::from_code(&code).ok_or_else(|| ApiError::Internal(format!("service {code}")))
}

fn status(r: &AnyRow) -> ApiResult<RequestStatus> {
    let code: String = r.try_get("status")?;
    RequestStatus::from_code(&code).ok_or_else(|| ApiError::Internal(format!("status {code}")))
}

/// The detainee's view of a row.
pub fn summary(r: &AnyRow) -> ApiResult<RequestSummary> {
    Ok(RequestSummary {
        id: r.try_get("id")?,
        service: service(r)?,
        subject: r.try_get("subject")?,
        free_subject: r.try_get("free_subject")?,
        status: status(r)?,
        contested: r.try_get::<i64, _>("contested")? != 0,
        created_at: r.try_get("created_at")?,
        updated_at: r.try_get("updated_at")?,
        answered_at: r.try_get("answered_at")?,
    })
}

/// The console's view of a row selected with [`ITEM_SELECT`].
pub fn item(r: &AnyRow) -> ApiResult<InboxItem> {
    let status = status(r)?;
    let due_at: i64 = r.try_get("due_at")?;
    let assigned_id: Option<String> = r.try_get("assigned_agent_id")?;
    let assigned_name: Option<String> = r.try_get("assigned_name")?;
    Ok(InboxItem {
        id: r.try_get("id")?,
        establishment_id: r.try_get("establishment_id")?,
        detainee: RequestAuthor {
            id: r.try_get("detainee_id")?,
            registration_number: r.try_get("registration_number")?,
            first_name: r.try_get("first_name")?,
            last_name: r.try_get("last_name")?,
            cell: cell_label(
                &r.try_get::<String, _>("building")?,
                &r.try_get::<String, _>("wing")?,
                &r.try_get::<String, _>("cell")?,
            ),
        },
        service: service(r)?,
        subject: r.try_get("subject")?,
        free_subject: r.try_get("free_subject")?,
        status,
        contested: r.try_get::<i64, _>("contested")? != 0,
        assigned: assigned_id.map(|id| AgentRef {
            id,
            display_name: assigned_name.unwrap_or_default(),
        }),
        created_at: r.try_get("created_at")?,
        updated_at: r.try_get("updated_at")?,
        due_at,
        overdue: status.is_pending() && due_at < now(),
    })
}

/// Every service's deadline to answer in an establishment, in days, in `Service::ALL` order.
pub async fn all_deadlines(
    db: &crate::db::Db,
    establishment_id: &str,
) -> ApiResult<Vec<(Service, u32)>> {
    let set: Vec<(String, i64)> =
        sqlx::query_as("SELECT service, days FROM request_deadlines WHERE establishment_id = $1")
            .bind(establishment_id)
            .fetch_all(&db.pool)
            .await?;
    Ok(Service::ALL
        .into_iter()
        .map(|service| {
            let days = set
                .iter()
                .find(|(code, _)| code == service.code())
                .and_then(|(_, d)| u32::try_from(*d).ok())
                .unwrap_or(DEFAULT_DEADLINE_DAYS);
            (service, days)
        })
        .collect())
}

/// The service's deadline to answer in an establishment, in days.
pub async fn deadline_days<'e, E>(
    executor: E,
    establishment_id: &str,
    service: Service,
) -> ApiResult<u32>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    let days: Option<i64> = sqlx::query_scalar(
        "SELECT days FROM request_deadlines WHERE establishment_id = $1 AND service = $2",
    )
    .bind(establishment_id)
    .bind(service.code())
    .fetch_optional(executor)
    .await?;
    Ok(days
        .and_then(|d| u32::try_from(d).ok())
        .unwrap_or(DEFAULT_DEADLINE_DAYS))
}
