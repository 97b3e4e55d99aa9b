//! The detainee's side: write a request, read one's own, write again, contest an answer.

use axum::extract::State;
use axum::http::StatusCode;
use shared_types::Problem;
use shared_types::requests::{
    Action, DetaineeMessage, Facts, MAX_NEW_PER_DAY, MessageKind, NewRequest, RequestDetail,
    RequestStatus, RequestSummary, decide, last_answer, next_status,
};
use utoipa_axum::{router::OpenApiRouter, routes};

use super::rows::{self, ITEM_SELECT, Stored, deadline_days};
use super::thread::{self, Column, NewMessage};
use crate::audit::{self, ActorKind, Event};
use crate::auth::detainee::CurrentDetainee;
use crate::db::{Backend, Db, new_id, now};
use crate::error::{ApiError, ApiResult};
use crate::http::client_ip::ClientIp;
use crate::http::json::ApiJson;
use crate::http::params::ApiPath;
use crate::state::AppState;

/// Detainee-portal routes.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(detail))
        .routes(routes!(follow_up))
        .routes(routes!(contest))
}

type Answer = (StatusCode, axum::Json<RequestDetail>);

/// One of the detainee's requests, or 404 (someone else's is as unknown as a missing one).
async fn own(db: &Db, detainee_id: &str, id: &str) -> ApiResult<Stored> {
    let row = sqlx::query(&format!(
        "{ITEM_SELECT} WHERE r.id = $1 AND r.detainee_id = $2"
    ))
    .bind(id)
    .bind(detainee_id)
    .fetch_optional(&db.pool)
    .await?
    .ok_or(ApiError::NotFound)?;
    Stored::from_row(&row)
}

async fn load(db: &Db, detainee_id: &str, id: &str) -> ApiResult<RequestDetail> {
    let row = sqlx::query("SELECT * FROM requests WHERE id = $1 AND detainee_id = $2")
        .bind(id)
        .bind(detainee_id)
        .fetch_optional(&db.pool)
        .await?
        .ok_or(ApiError::NotFound)?;
    let request = rows::summary(&row)?;
    let can_follow_up = next_status(request.status, request.contested, Action::FollowUp).is_ok();
    let messages = thread::for_detainee(db, id).await?;
    // The detainee's thread holds every answer and contest (only notes are left out).
    let shape: Vec<_> = messages.iter().map(|m| (m.kind, false)).collect();
    let facts = Facts {
        status: request.status,
        contested: request.contested,
        last_answer: last_answer(&shape),
    };
    let can_contest = decide(facts, Action::Contest).is_ok();
    Ok(RequestDetail {
        messages,
        request,
        can_follow_up,
        can_contest,
    })
}

async fn answer(db: &Db, detainee_id: &str, id: &str, status: StatusCode) -> ApiResult<Answer> {
    Ok((status, axum::Json(load(db, detainee_id, id).await?)))
}

async fn by_key(db: &Db, detainee_id: &str, key: &str) -> ApiResult<Option<String>> {
    Ok(sqlx::query_scalar(
        "SELECT id FROM requests WHERE detainee_id = $1 AND idempotency_key = $2",
    )
    .bind(detainee_id)
    .bind(key)
    .fetch_optional(&db.pool)
    .await?)
}

/// The detainee's requests, newest first.
#[utoipa::path(get, path = "/requests", tag = "detainee",
    responses((status = 200, body = Vec<RequestSummary>), (status = 401, body = Problem)))]
async fn list(
    State(state): State<AppState>,
    detainee: CurrentDetainee,
) -> ApiResult<axum::Json<Vec<RequestSummary>>> {
    let rows = sqlx::query(
        "SELECT * FROM requests WHERE detainee_id = $1 ORDER BY created_at DESC, id DESC LIMIT 300",
    )
    .bind(&detainee.id)
    .fetch_all(&state.db.pool)
    .await?;
    Ok(axum::Json(
        rows.iter().map(rows::summary).collect::<ApiResult<_>>()?,
    ))
}

/// Write a request to a prison service. The same idempotency key again answers the first
/// request (200): a tablet that lost the network may send its queue twice.
#[utoipa::path(post, path = "/requests", tag = "detainee",
    request_body = NewRequest,
    responses((status = 201, body = RequestDetail), (status = 200, body = RequestDetail),
              (status = 401, body = Problem), (status = 422, body = Problem),
              (status = 429, body = Problem)))]
async fn create(
    State(state): State<AppState>,
    detainee: CurrentDetainee,
    ip: ClientIp,
    ApiJson(form): ApiJson<NewRequest>,
) -> ApiResult<Answer> {
    form.validate()?;
    let db = &state.db;
    let key = form.idempotency_key.trim();
    if let Some(id) = by_key(db, &detainee.id, key).await? {
        return answer(db, &detainee.id, &id, StatusCode::OK).await;
    }
    let at = now();
    let mut tx = db.begin().await?;
    // One writer per detainee at a time (SQLite's write transaction already is): the daily
    // count below cannot be read by two tablets before either writes.
    if db.backend == Backend::Postgres {
        sqlx::query("SELECT id FROM detainees WHERE id = $1 FOR NO KEY UPDATE")
            .bind(&detainee.id)
            .execute(&mut *tx)
            .await?;
    }
    let same: Option<String> = sqlx::query_scalar(
        "SELECT id FROM requests WHERE detainee_id = $1 AND idempotency_key = $2",
    )
    .bind(&detainee.id)
    .bind(key)
    .fetch_optional(&mut *tx)
    .await?;
    if let Some(first) = same {
        // The same submission, a moment earlier, from another connection: answer that one.
        drop(tx);
        return answer(db, &detainee.id, &first, StatusCode::OK).await;
    }
    let today: i64 = sqlx::query_scalar(
        "SELECT CAST(COUNT(*) AS BIGINT) FROM requests WHERE detainee_id = $1 AND created_at > $2",
    )
    .bind(&detainee.id)
    .bind(at - 86_400)
    .fetch_one(&mut *tx)
    .await?;
    if today >= MAX_NEW_PER_DAY {
        return Err(ApiError::TooManyRequests {
            detail: format!(
                "Vous avez déjà écrit {MAX_NEW_PER_DAY} demandes en 24 heures. \
                 Attendez demain pour en écrire une autre."
            ),
            retry_after: 3_600,
        });
    }
    let days = deadline_days(&mut *tx, &detainee.establishment_id, form.service).await?;
    let id = new_id();
    let free = (form.subject == shared_types::requests::FREE_SUBJECT)
        .then(|| form.free_subject.as_deref().unwrap_or("").trim().to_owned());
    let inserted = sqlx::query(
        "INSERT INTO requests (id, establishment_id, detainee_id, service, subject, free_subject, \
         status, contested, idempotency_key, created_at, updated_at, due_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, 0, $8, $9, $9, $10) \
         ON CONFLICT (detainee_id, idempotency_key) DO NOTHING",
    )
    .bind(&id)
    .bind(&detainee.establishment_id)
    .bind(&detainee.id)
    .bind(form.service.code())
    .bind(&form.subject)
    .bind(free)
    .bind(RequestStatus::Sent.code())
    .bind(key)
    .bind(at)
    .bind(at + i64::from(days) * 86_400)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if inserted == 0 {
        // The same submission, a moment earlier, from another connection: answer that one.
        drop(tx);
        let first = by_key(db, &detainee.id, key)
            .await?
            .ok_or(ApiError::NotFound)?;
        return answer(db, &detainee.id, &first, StatusCode::OK).await;
    }
    let message = NewMessage {
        kind: MessageKind::Request,
        author_agent_id: None,
        text: &form.text,
        key,
        contested_answer_id: None,
    };
    thread::add_message(&mut tx, &id, message).await?;
    detainee_event(&mut tx, &detainee, &ip, "request.sent", &id).await?;
    tx.commit().await?;
    answer(db, &detainee.id, &id, StatusCode::CREATED).await
}

async fn detainee_event(
    tx: &mut crate::db::Tx,
    detainee: &CurrentDetainee,
    ip: &ClientIp,
    action: &str,
    request_id: &str,
) -> ApiResult<()> {
    audit::record(
        tx,
        Event::new(
            ActorKind::Detainee,
            Some(&detainee.id),
            action,
            ip.0.as_deref(),
        )
        .establishment(&detainee.establishment_id)
        .target(request_id),
    )
    .await
}

/// One of the detainee's requests with its thread (the services' internal notes left out).
#[utoipa::path(get, path = "/requests/{id}", tag = "detainee",
    params(("id" = String, Path, description = "Request id")),
    responses((status = 200, body = RequestDetail), (status = 401, body = Problem),
              (status = 404, body = Problem)))]
async fn detail(
    State(state): State<AppState>,
    detainee: CurrentDetainee,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<axum::Json<RequestDetail>> {
    Ok(axum::Json(load(&state.db, &detainee.id, &id).await?))
}

/// Writes the detainee's message and moves the request; a repeated key answers 200.
async fn write(
    state: &AppState,
    detainee: &CurrentDetainee,
    ip: &ClientIp,
    id: &str,
    form: DetaineeMessage,
    kind: MessageKind,
) -> ApiResult<Answer> {
    form.validate()?;
    let db = &state.db;
    let stored = own(db, &detainee.id, id).await?;
    if thread::already_written(db, id, &form.idempotency_key).await? {
        return answer(db, &detainee.id, id, StatusCode::OK).await;
    }
    let (action, event) = match kind {
        MessageKind::Contest => (Action::Contest, "request.contested"),
        _ => (Action::FollowUp, "request.followed_up"),
    };
    let loaded = thread::load(db, &stored, None).await?;
    thread::check(&loaded, action)?;
    let contested_answer_id = match action {
        Action::Contest => loaded.last_answer_id.as_deref(),
        _ => None,
    };
    let mut tx = db.begin().await?;
    let message = NewMessage {
        kind,
        author_agent_id: None,
        text: &form.text,
        key: &form.idempotency_key,
        contested_answer_id,
    };
    if !thread::add_message(&mut tx, id, message).await? {
        drop(tx);
        return answer(db, &detainee.id, id, StatusCode::OK).await;
    }
    let before = stored.status;
    let after = thread::transition(&mut tx, &stored, &loaded, action).await?;
    if !before.is_pending() && after.is_pending() {
        // Reopened: the service has a fresh deadline to answer again.
        let days = deadline_days(&mut *tx, &stored.establishment_id, stored.service).await?;
        thread::set_time(&mut tx, id, Column::Due, now() + i64::from(days) * 86_400).await?;
    }
    detainee_event(&mut tx, detainee, ip, event, id).await?;
    tx.commit().await?;
    answer(db, &detainee.id, id, StatusCode::CREATED).await
}

/// Write again on one's request (a detail, a question about the answer). Not once closed.
#[utoipa::path(post, path = "/requests/{id}/follow-ups", tag = "detainee",
    params(("id" = String, Path, description = "Request id")),
    request_body = DetaineeMessage,
    responses((status = 201, body = RequestDetail), (status = 200, body = RequestDetail),
              (status = 404, body = Problem), (status = 409, body = Problem),
              (status = 422, body = Problem)))]
async fn follow_up(
    State(state): State<AppState>,
    detainee: CurrentDetainee,
    ip: ClientIp,
    ApiPath(id): ApiPath<String>,
    ApiJson(form): ApiJson<DetaineeMessage>,
) -> ApiResult<Answer> {
    write(&state, &detainee, &ip, &id, form, MessageKind::FollowUp).await
}

/// Contest the service's answer: the request goes to a supervisor.
#[utoipa::path(post, path = "/requests/{id}/contest", tag = "detainee",
    params(("id" = String, Path, description = "Request id")),
    request_body = DetaineeMessage,
    responses((status = 201, body = RequestDetail), (status = 200, body = RequestDetail),
              (status = 404, body = Problem), (status = 409, body = Problem),
              (status = 422, body = Problem)))]
async fn contest(
    State(state): State<AppState>,
    detainee: CurrentDetainee,
    ip: ClientIp,
    ApiPath(id): ApiPath<String>,
    ApiJson(form): ApiJson<DetaineeMessage>,
) -> ApiResult<Answer> {
    write(&state, &detainee, &ip, &id, form, MessageKind::Contest).await
}
