//! Writing on a request: a status change checked by the shared rules and made conditional on
//! what was read, and a message of the thread, both inside the caller's transaction.

use shared_types::refusals::requests::Requests;
use shared_types::requests::console::AgentMessage;
use shared_types::requests::{
    Action, Facts, MessageKind, Refused, RequestStatus, ThreadMessage, decide, last_answer,
};
use sqlx::Row;

use super::rows::Stored;
use crate::db::{Db, Tx, new_id, now};
use crate::error::{ApiError, ApiResult};

/// What the rules need to know about a request, loaded for one actor (an agent's id, or `None`
/// for the detainee), and the latest answer's id (what a contest names).
#[derive(Debug, Clone)]
pub struct Loaded {
    pub facts: Facts,
    pub last_answer_id: Option<String>,
}

#[derive(sqlx::FromRow)]
struct ThreadRow {
    id: String,
    kind: String,
    author_agent_id: Option<String>,
}

/// Loads the thread's shape (kinds and authors, oldest first) beside what `stored` says.
pub async fn load(db: &Db, stored: &Stored, actor: Option<&str>) -> ApiResult<Loaded> {
    let rows: Vec<ThreadRow> = sqlx::query_as(
        "SELECT id, kind, author_agent_id FROM request_messages \
         WHERE request_id = $1 ORDER BY created_at, id",
    )
    .bind(&stored.id)
    .fetch_all(&db.pool)
    .await?;
    let mut shape = Vec::with_capacity(rows.len());
    let mut last_answer_id = None;
    for r in &rows {
        let kind = MessageKind::from_code(&r.kind)
            .ok_or_else(|| ApiError::Internal(format!("kind {}", r.kind)))?;
        if kind == MessageKind::Answer {
            last_answer_id = Some(r.id.clone());
        }
        let by_actor = actor.is_some() && r.author_agent_id.as_deref() == actor;
        shape.push((kind, by_actor));
    }
    Ok(Loaded {
        facts: Facts {
            status: stored.status,
            contested: stored.contested,
            last_answer: last_answer(&shape),
        },
        last_answer_id,
    })
}

/// The 409 problem for a refused transition.
pub fn refused(why: Refused) -> ApiError {
    ApiError::conflict(why.refusal, why.detail)
}

/// Whether the rules allow `action` on what was loaded (409 with the rule's code otherwise).
pub fn check(loaded: &Loaded, action: Action) -> ApiResult<()> {
    decide(loaded.facts, action).map(|_| ()).map_err(refused)
}

/// Applies `action` to `stored`; refuses (409) what the rules refuse, or when the request
/// changed since it was read. Returns the new status.
///
/// A change of status, contest or assignment, and every answer, close and contest, is a
/// compare-and-set on the request's version (which it bumps): of two such commands on what
/// was read at the same moment, one wins and the other is a 409 `request.changed`. A message
/// that moves nothing (a note, a follow-up on a request already in progress) only needs the
/// status and contest to be what was read, so two of them at once are both written.
pub async fn transition(
    tx: &mut Tx,
    stored: &Stored,
    loaded: &Loaded,
    action: Action,
) -> ApiResult<RequestStatus> {
    let (status, contested) = decide(loaded.facts, action).map_err(refused)?;
    let quiet = matches!(action, Action::Note | Action::FollowUp | Action::Open)
        && (status, contested) == (stored.status, stored.contested);
    let changed = if quiet {
        sqlx::query(
            "UPDATE requests SET updated_at = $1 WHERE id = $2 AND status = $3 AND contested = $4",
        )
        .bind(now())
        .bind(&stored.id)
        .bind(stored.status.code())
        .bind(i64::from(stored.contested))
        .execute(&mut **tx)
        .await?
        .rows_affected()
    } else {
        sqlx::query(
            "UPDATE requests SET status = $1, contested = $2, updated_at = $3, \
             version = version + 1 WHERE id = $4 AND version = $5",
        )
        .bind(status.code())
        .bind(i64::from(contested))
        .bind(now())
        .bind(&stored.id)
        .bind(stored.version)
        .execute(&mut **tx)
        .await?
        .rows_affected()
    };
    if changed == 0 {
        return Err(ApiError::conflict(
            Requests::Changed,
            "Cette demande vient d'être modifiée par quelqu'un d'autre : rechargez la page.",
        ));
    }
    Ok(status)
}

/// A message to add to a thread.
pub struct NewMessage<'a> {
    pub kind: MessageKind,
    pub author_agent_id: Option<&'a str>,
    pub text: &'a str,
    pub key: &'a str,
    /// For a contest: the answer it contests (once per answer, a unique index says so).
    pub contested_answer_id: Option<&'a str>,
}

/// Adds a message; `false` when a message with this idempotency key is already there, a 409
/// `request.already_contested` when the answer was contested in the meantime.
pub async fn add_message(tx: &mut Tx, request_id: &str, m: NewMessage<'_>) -> ApiResult<bool> {
    let inserted = sqlx::query(
        "INSERT INTO request_messages (id, request_id, kind, author_agent_id, body, \
         idempotency_key, created_at, contested_answer_id) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING",
    )
    .bind(new_id())
    .bind(request_id)
    .bind(m.kind.code())
    .bind(m.author_agent_id)
    .bind(m.text.trim())
    .bind(m.key.trim())
    .bind(now())
    .bind(m.contested_answer_id)
    .execute(&mut **tx)
    .await?
    .rows_affected();
    if inserted == 1 {
        return Ok(true);
    }
    let same_key: Option<String> = sqlx::query_scalar(
        "SELECT id FROM request_messages WHERE request_id = $1 AND idempotency_key = $2",
    )
    .bind(request_id)
    .bind(m.key.trim())
    .fetch_optional(&mut **tx)
    .await?;
    if same_key.is_some() {
        return Ok(false);
    }
    Err(ApiError::conflict(
        Requests::AlreadyContested,
        "Cette réponse vient d'être contestée : une réponse ne se conteste qu'une fois.",
    ))
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
