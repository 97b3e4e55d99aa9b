//! Writing on a request: a status change checked by the shared rules and made conditional on
//! what was read, and a message of the thread, both inside the caller's transaction.

use shared_types::requests::console::AgentMessage;
use shared_types::requests::{Action, MessageKind, RequestStatus, ThreadMessage, next_status};
use sqlx::Row;

use super::rows::Stored;
use crate::db::{Db, Tx, new_id, now};
use crate::error::{ApiError, ApiResult};

/// Applies `action` to `stored`; refuses (409) what the rules refuse, or when the request
/// changed since it was read. Returns the new status.
pub async fn transition(tx: &mut Tx, stored: &Stored, action: Action) -> ApiResult<RequestStatus> {
    let (status, contested) =
        next_status(stored.status, stored.contested, action).map_err(|why| {
            ApiError::conflict(
                shared_types::refusals::requests::Requests::NotAllowedNow,
                why,
            )
        })?;
    let changed = sqlx::query(
        "UPDATE requests SET status = $1, contested = $2, updated_at = $3 \
         WHERE id = $4 AND status = $5 AND contested = $6",
    )
    .bind(status.code())
    .bind(i64::from(contested))
    .bind(now())
    .bind(&stored.id)
    .bind(stored.status.code())
    .bind(i64::from(stored.contested))
    .execute(&mut **tx)
    .await?
    .rows_affected();
    if changed == 0 {
        return Err(ApiError::conflict(
            shared_types::refusals::requests::Requests::Changed,
            "Cette demande vient d'être modifiée par quelqu'un d'autre : rechargez la page.",
        ));
    }
    Ok(status)
}

/// Adds a message; `false` when a message with this idempotency key is already there.
pub async fn add_message(
    tx: &mut Tx,
    request_id: &str,
    kind: MessageKind,
    author_agent_id: Option<&str>,
    text: &str,
    key: &str,
) -> ApiResult<bool> {
    let inserted = sqlx::query(
        "INSERT INTO request_messages (id, request_id, kind, author_agent_id, body, \
         idempotency_key, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) \
         ON CONFLICT (request_id, idempotency_key) DO NOTHING",
    )
    .bind(new_id())
    .bind(request_id)
    .bind(kind.code())
    .bind(author_agent_id)
    .bind(text.trim())
    .bind(key.trim())
    .bind(now())
    .execute(&mut **tx)
    .await?
    .rows_affected();
    Ok(inserted == 1)
}

/// Whether a message with this idempotency key was already written on the request.
pub async fn already_written(db: &Db, request_id: &str, key: &str) -> ApiResult<bool> {
    let found: Option<String> = sqlx::query_scalar(
        "SELECT id FROM request_messages WHERE request_id = $1 AND idempotency_key = $2",
    )
    .bind(request_id)
    .bind(key.trim())
    .fetch_optional(&db.pool)
    .await?;
    Ok(found.is_some())
}

/// Whether the service has answered the request at least once.
pub async fn has_answer(db: &Db, request_id: &str) -> ApiResult<bool> {
    let found: Option<String> = sqlx::query_scalar(
        "SELECT id FROM request_messages WHERE request_id = $1 AND kind = 'answer' LIMIT 1",
    )
    .bind(request_id)
    .fetch_optional(&db.pool)
    .await?;
    Ok(found.is_some())
}

/// Sets a time column (`answered_at`, `closed_at`, `due_at`…) of a request.
pub async fn set_time(tx: &mut Tx, request_id: &str, column: Column, at: i64) -> ApiResult<()> {
    let sql = match column {
        Column::Answered => {
            "UPDATE requests SET answered_at = $1, \
             first_answered_at = COALESCE(first_answered_at, $1) WHERE id = $2"
        }
        Column::Closed => "UPDATE requests SET closed_at = $1 WHERE id = $2",
        Column::Due => "UPDATE requests SET due_at = $1 WHERE id = $2",
    };
    sqlx::query(sql)
        .bind(at)
        .bind(request_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// The time columns [`set_time`] may write.
#[derive(Debug, Clone, Copy)]
pub enum Column {
    Answered,
    Closed,
    Due,
}

fn kind(r: &sqlx::any::AnyRow) -> ApiResult<MessageKind> {
    let code: String = r.try_get("kind")?;
    MessageKind::from_code(&code).ok_or_else(|| ApiError::Internal(format!("kind {code}")))
}

/// The thread as the detainee sees it: never the internal notes, never agents' names.
pub async fn for_detainee(db: &Db, request_id: &str) -> ApiResult<Vec<ThreadMessage>> {
    sqlx::query(
        "SELECT id, kind, body, created_at FROM request_messages \
         WHERE request_id = $1 AND kind <> 'note' ORDER BY created_at, id",
    )
    .bind(request_id)
    .fetch_all(&db.pool)
    .await?
    .iter()
    .map(|r| {
        Ok(ThreadMessage {
            id: r.try_get("id")?,
            kind: kind(r)?,
            text: r.try_get("body")?,
            at: r.try_get("created_at")?,
        })
    })
    .collect()
}

/// The whole thread for the console, notes included, with who wrote what.
pub async fn for_agents(db: &Db, request_id: &str) -> ApiResult<Vec<AgentMessage>> {
    sqlx::query(
        "SELECT m.id, m.kind, m.body, m.created_at, a.display_name FROM request_messages m \
         LEFT JOIN agents a ON a.id = m.author_agent_id \
         WHERE m.request_id = $1 ORDER BY m.created_at, m.id",
    )
    .bind(request_id)
    .fetch_all(&db.pool)
    .await?
    .iter()
    .map(|r| {
        Ok(AgentMessage {
            id: r.try_get("id")?,
            kind: kind(r)?,
            text: r.try_get("body")?,
            at: r.try_get("created_at")?,
            author: r.try_get("display_name")?,
        })
    })
    .collect()
}
