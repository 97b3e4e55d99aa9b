//! Weekly slot templates: the recurring slots of a room, in Paris time, with validity dates.

use axum::extract::State;
use axum::http::StatusCode;
use shared_types::refusals::visits::Visits;
use shared_types::roles::Permission;
use shared_types::visits::{NewSlotTemplate, SlotTemplate, format_hh_mm};
use shared_types::{ErrorCode, FieldError, Problem};
use sqlx::Row;

use super::rooms::active_room;
use super::u32_col;
use crate::audit::{self, ActorKind, Event};
use crate::auth::agent::CurrentAgent;
use crate::db::{new_id, now};
use crate::error::{ApiError, ApiResult};
use crate::http::client_ip::ClientIp;
use crate::http::json::ApiJson;
use crate::http::params::ApiPath;
use crate::state::AppState;

/// Templates in use, by weekday and time.
#[utoipa::path(get, path = "/establishments/{id}/slot-templates", tag = "agent",
    params(("id" = String, Path, description = "Establishment id")),
    responses((status = 200, body = Vec<SlotTemplate>), (status = 403, body = Problem)))]
pub(super) async fn list(
    State(state): State<AppState>,
    agent: CurrentAgent,
    ApiPath(establishment_id): ApiPath<String>,
) -> ApiResult<axum::Json<Vec<SlotTemplate>>> {
    agent.require(Permission::ManageVisits, &establishment_id)?;
    let rows = sqlx::query(
        "SELECT t.id, t.room_id, r.name AS room_name, t.weekday, t.start_minute, \
         t.duration_minutes, t.valid_from, t.valid_until \
         FROM slot_templates t JOIN visit_rooms r ON r.id = t.room_id \
         WHERE t.establishment_id = $1 AND t.archived_at IS NULL \
         ORDER BY t.weekday, t.start_minute, r.name",
    )
    .bind(&establishment_id)
    .fetch_all(&state.db.pool)
    .await?;
    let templates = rows
        .iter()
        .map(|r| {
            Ok(SlotTemplate {
                id: r.try_get("id")?,
                room_id: r.try_get("room_id")?,
                room_name: r.try_get("room_name")?,
                weekday: u32_col(r, "weekday")?,
                start: format_hh_mm(u32_col(r, "start_minute")?),
                duration_minutes: u32_col(r, "duration_minutes")?,
                valid_from: r.try_get("valid_from")?,
                valid_until: r.try_get("valid_until")?,
            })
        })
        .collect::<ApiResult<_>>()?;
    Ok(axum::Json(templates))
}

/// Add a weekly slot to a room of the establishment. Slots appear when generated.
#[utoipa::path(post, path = "/establishments/{id}/slot-templates", tag = "agent",
    params(("id" = String, Path, description = "Establishment id")),
    request_body = NewSlotTemplate,
    responses((status = 201, body = SlotTemplate), (status = 403, body = Problem),
              (status = 422, body = Problem)))]
pub(super) async fn create(
    State(state): State<AppState>,
    agent: CurrentAgent,
    ip: ClientIp,
    ApiPath(establishment_id): ApiPath<String>,
    ApiJson(form): ApiJson<NewSlotTemplate>,
) -> ApiResult<(StatusCode, axum::Json<SlotTemplate>)> {
    agent.require(Permission::ManageVisits, &establishment_id)?;
    form.validate()?;
    let start_minute = form.start_minute().ok_or_else(|| {
        ApiError::Validation(vec![FieldError::new("start", ErrorCode::InvalidFormat)])
    })?;
    let mut tx = state.db.begin().await?;
    // Another establishment's room is answered like a missing one: ids do not leak.
    let room = active_room(&mut tx, &establishment_id, form.room_id.trim())
        .await?
        .ok_or_else(|| {
            ApiError::Validation(vec![FieldError {
                field: "room_id".into(),
                code: ErrorCode::InvalidFormat,
                message: "Ce parloir n'existe pas dans cet établissement.".into(),
            }])
        })?;
    let template = SlotTemplate {
        id: new_id(),
        room_id: room.id,
        room_name: room.name,
        weekday: form.weekday,
        start: format_hh_mm(start_minute),
        duration_minutes: form.duration_minutes,
        valid_from: form.valid_from.trim().to_owned(),
        valid_until: form.valid_until.as_deref().map(|s| s.trim().to_owned()),
    };
    // Hold the room while it is in use: an archive racing this request waits, then archives
    // this template with the others (or this request finds the room archived).
    let in_use =
        sqlx::query("UPDATE visit_rooms SET name = name WHERE id = $1 AND archived_at IS NULL")
            .bind(&template.room_id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
    if in_use != 1 {
        return Err(ApiError::conflict(
            Visits::RoomArchived,
            "Ce parloir a été supprimé entre-temps par un collègue.",
        ));
    }
    // The same weekly slot twice is refused by a unique index (a repeated tap creates one).
    let inserted = sqlx::query(
        "INSERT INTO slot_templates (id, establishment_id, room_id, weekday, start_minute, \
         duration_minutes, valid_from, valid_until, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING",
    )
    .bind(&template.id)
    .bind(&establishment_id)
    .bind(&template.room_id)
    .bind(i64::from(template.weekday))
    .bind(i64::from(start_minute))
    .bind(i64::from(template.duration_minutes))
    .bind(&template.valid_from)
    .bind(template.valid_until.as_deref())
    .bind(now())
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if inserted != 1 {
        return Err(ApiError::conflict(
            Visits::TemplateExists,
            "Ce créneau hebdomadaire existe déjà pour ce parloir, à partir de cette date.",
        ));
    }
    audit::record(
        &mut tx,
        Event::new(
            ActorKind::Agent,
            Some(&agent.id),
            "slot_template.created",
            ip.0.as_deref(),
        )
        .establishment(&establishment_id)
        .target(&template.id),
    )
    .await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, axum::Json(template)))
}

/// Archive a template: no more slots are generated from it; slots already made stay.
#[utoipa::path(delete, path = "/establishments/{id}/slot-templates/{template_id}", tag = "agent",
    params(("id" = String, Path, description = "Establishment id"),
           ("template_id" = String, Path, description = "Template id")),
    responses((status = 204), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub(super) async fn archive(
    State(state): State<AppState>,
    agent: CurrentAgent,
    ip: ClientIp,
    ApiPath((establishment_id, template_id)): ApiPath<(String, String)>,
) -> ApiResult<StatusCode> {
    agent.require(Permission::ManageVisits, &establishment_id)?;
    let mut tx = state.db.begin().await?;
    let archived_at: Option<i64> = sqlx::query(
        "SELECT archived_at FROM slot_templates WHERE id = $1 AND establishment_id = $2",
    )
    .bind(&template_id)
    .bind(&establishment_id)
    .fetch_optional(&mut *tx)
    .await?
    .ok_or(ApiError::NotFound)?
    .try_get("archived_at")?;
    let archived = || {
        ApiError::conflict(
            Visits::TemplateArchived,
            "Ce modèle de créneau est déjà supprimé.",
        )
    };
    if archived_at.is_some() {
        return Err(archived());
    }
    let done = sqlx::query(
        "UPDATE slot_templates SET archived_at = $1 \
         WHERE id = $2 AND establishment_id = $3 AND archived_at IS NULL",
    )
    .bind(now())
    .bind(&template_id)
    .bind(&establishment_id)
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() == 0 {
        return Err(archived());
    }
    audit::record(
        &mut tx,
        Event::new(
            ActorKind::Agent,
            Some(&agent.id),
            "slot_template.archived",
            ip.0.as_deref(),
        )
        .establishment(&establishment_id)
        .target(&template_id),
    )
    .await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}
