//! The console's view of the outbox: what was (or will be) sent to visitors, and how it went.

use axum::extract::State;
use serde::Deserialize;
use shared_types::Problem;
use shared_types::outbox::OutboxMessage;
use shared_types::roles::Permission;
use sqlx::Row;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::sender::{Action, action_for};
use super::{Channel, MessageKind, MessageStatus, status};
use crate::auth::agent::CurrentAgent;
use crate::error::{ApiError, ApiResult};
use crate::http::params::ApiQuery;
use crate::state::AppState;

/// Most messages one call lists.
pub const MAX_LIMIT: i64 = 200;
const DEFAULT_LIMIT: i64 = 50;

/// Console routes on the outbox.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list))
}

/// Filters for the outbox list.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct OutboxFilter {
    /// Only this establishment's messages; without it, every establishment the agent manages
    /// visits for (national administrators: all messages, including account ones).
    pub establishment_id: Option<String>,
    /// How many, newest first (1 to 200, default 50).
    pub limit: Option<i64>,
}

/// Which rows an agent may list.
enum Visible {
    All,
    Establishments(Vec<String>),
}

/// Recent messages to visitors, newest first, with their delivery status. They hold visitors'
/// personal data: visits managers of the establishment only.
#[utoipa::path(get, path = "/outbox", tag = "agent",
    params(OutboxFilter),
    responses((status = 200, body = Vec<OutboxMessage>), (status = 400, body = Problem),
              (status = 403, body = Problem)))]
async fn list(
    State(state): State<AppState>,
    agent: CurrentAgent,
    ApiQuery(filter): ApiQuery<OutboxFilter>,
) -> ApiResult<axum::Json<Vec<OutboxMessage>>> {
    let limit = filter.limit.unwrap_or(DEFAULT_LIMIT);
    if !(1..=MAX_LIMIT).contains(&limit) {
        return Err(ApiError::BadRequest(format!(
            "Le nombre de messages demandé doit être compris entre 1 et {MAX_LIMIT}."
        )));
    }
    let visible = match filter.establishment_id {
        Some(id) => {
            agent.require(Permission::ManageVisits, &id)?;
            Visible::Establishments(vec![id])
        }
        None if !agent.has(Permission::ManageVisits) => {
            return Err(ApiError::Forbidden(
                "Votre habilitation ne permet pas cette action.".into(),
            ));
        }
        None if agent.national => Visible::All,
        None => Visible::Establishments(agent.scope.clone()),
    };
    let columns = "id, establishment_id, channel, recipient, kind, subject, body, \
                   attachment_name, attachment, created_at, sent_at, attempts, \
                   last_error";
    let rows = match visible {
        Visible::All => {
            sqlx::query(&format!(
                "SELECT {columns} FROM outbox ORDER BY created_at DESC, id DESC LIMIT $1"
            ))
            .bind(limit)
            .fetch_all(&state.db.pool)
            .await?
        }
        Visible::Establishments(ids) if ids.is_empty() => Vec::new(),
        Visible::Establishments(ids) => {
            let placeholders = (0..ids.len())
                .map(|i| format!("${}", i + 2))
                .collect::<Vec<_>>()
                .join(", ");
            let sql = format!(
                "SELECT {columns} FROM outbox WHERE establishment_id IN ({placeholders}) \
                 ORDER BY created_at DESC, id DESC LIMIT $1"
            );
            let mut query = sqlx::query(&sql).bind(limit);
            for id in &ids {
                query = query.bind(id);
            }
            query.fetch_all(&state.db.pool).await?
        }
    };
    let messages = rows
        .iter()
        .map(|r| {
            let channel: String = r.try_get("channel")?;
            let channel = Channel::from_code(&channel)
                .ok_or_else(|| ApiError::Internal(format!("outbox channel {channel}")))?;
            let kind: String = r.try_get("kind")?;
            let kind = MessageKind::from_code(&kind)
                .ok_or_else(|| ApiError::Internal(format!("outbox kind {kind}")))?;
            let sent_at: Option<i64> = r.try_get("sent_at")?;
            let attempts: i64 = r.try_get("attempts")?;
            let status = status(sent_at, attempts);
            Ok(OutboxMessage {
                id: r.try_get("id")?,
                establishment_id: r.try_get("establishment_id")?,
                channel,
                recipient: r.try_get("recipient")?,
                kind,
                subject: r.try_get("subject")?,
                body: r.try_get("body")?,
                attachment_name: r.try_get("attachment_name")?,
                attachment: r.try_get("attachment")?,
                held: status == MessageStatus::Pending
                    && action_for(&state.config, channel) == Action::Hold,
                status,
                attempts,
                note: r.try_get("last_error")?,
                created_at: r.try_get("created_at")?,
                sent_at,
            })
        })
        .collect::<ApiResult<Vec<_>>>()?;
    Ok(axum::Json(messages))
}
