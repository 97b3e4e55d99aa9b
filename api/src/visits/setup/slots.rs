//! Slots: generated ahead from the templates, and listed for the console.

use axum::extract::State;
use shared_types::Problem;
use shared_types::date::Date;
use shared_types::roles::Permission;
use shared_types::visits::{AgentSlot, DayRange, GeneratedSlots, RoomKind};
use sqlx::Row;

use super::expand::{self, Template};
use super::u32_col;
use crate::audit::{self, ActorKind, Event};
use crate::auth::agent::CurrentAgent;
use crate::db::{Tx, new_id, now};
use crate::error::{ApiError, ApiResult};
use crate::http::client_ip::ClientIp;
use crate::http::json::ApiJson;
use crate::http::params::{ApiPath, ApiQuery};
use crate::paris_time;
use crate::state::AppState;

/// A validated range's first day.
fn first_day(range: &DayRange) -> ApiResult<Date> {
    range.validate()?;
    Date::parse(&range.from).ok_or_else(|| ApiError::Internal("validated date".into()))
}

/// Creates, inside `tx`, the slots that the establishment's active templates give over `days`
/// Paris days from `from`, skipping those already there and those already started. Returns how
/// many were created; running it twice creates nothing the second time, so a scheduled job may
/// call it as well.
pub async fn generate_slots(
    tx: &mut Tx,
    establishment_id: &str,
    from: Date,
    days: u32,
) -> ApiResult<u32> {
    // Generation and closures of one establishment take turns (see `closures::close`), so a
    // slot generated while a closure is written is closed by one or the other.
    super::closures::lock_calendar(tx, establishment_id).await?;
    let rows = sqlx::query(
        "SELECT t.id, t.room_id, r.capacity, t.weekday, t.start_minute, t.duration_minutes, \
         t.valid_from, t.valid_until \
         FROM slot_templates t JOIN visit_rooms r ON r.id = t.room_id \
         WHERE t.establishment_id = $1 AND t.archived_at IS NULL AND r.archived_at IS NULL",
    )
    .bind(establishment_id)
    .fetch_all(&mut **tx)
    .await?;
    let date =
        |s: String| Date::parse(&s).ok_or_else(|| ApiError::Internal(format!("template date {s}")));
    let templates = rows
        .iter()
        .map(|r| {
            Ok(Template {
                id: r.try_get("id")?,
                room_id: r.try_get("room_id")?,
                capacity: u32_col(r, "capacity")?,
                weekday: u32_col(r, "weekday")?,
                start_minute: u32_col(r, "start_minute")?,
                duration_minutes: u32_col(r, "duration_minutes")?,
                valid_from: date(r.try_get("valid_from")?)?,
                valid_until: r
                    .try_get::<Option<String>, _>("valid_until")?
                    .map(date)
                    .transpose()?,
            })
        })
        .collect::<ApiResult<Vec<_>>>()?;
    let at = now();
    let mut created = 0;
    for slot in expand::expand(&templates, from, days, at) {
        // The unique (room_id, starts_at) makes generation idempotent, even when two run at once.
        let done = sqlx::query(
            "INSERT INTO visit_slots (id, establishment_id, room_id, template_id, starts_at, \
             ends_at, capacity, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
             ON CONFLICT (room_id, starts_at) DO NOTHING",
        )
        .bind(new_id())
        .bind(establishment_id)
        .bind(&slot.room_id)
        .bind(&slot.template_id)
        .bind(slot.starts_at)
        .bind(slot.ends_at)
        .bind(i64::from(slot.capacity))
        .bind(at)
        .execute(&mut **tx)
        .await?;
        created += u32::from(done.rows_affected() > 0);
    }
    // Slots made inside a closure recorded earlier are born closed.
    let closure = "FROM visit_closures c WHERE c.establishment_id = visit_slots.establishment_id \
                   AND (c.room_id IS NULL OR c.room_id = visit_slots.room_id) \
                   AND visit_slots.starts_at >= c.starts_at AND visit_slots.starts_at < c.ends_at";
    sqlx::query(&format!(
        "UPDATE visit_slots SET blocked_at = $2, \
         block_reason = (SELECT c.reason {closure} ORDER BY c.created_at LIMIT 1) \
         WHERE establishment_id = $1 AND blocked_at IS NULL AND booked = 0 \
         AND EXISTS (SELECT 1 {closure})"
    ))
    .bind(establishment_id)
    .bind(at)
    .execute(&mut **tx)
    .await?;
    Ok(created)
}

/// Create the slots of the active templates over a range of days (at most 90). Slots that
/// exist already are left alone: generating twice creates nothing new.
#[utoipa::path(post, path = "/establishments/{id}/slots/generate", tag = "agent",
    params(("id" = String, Path, description = "Establishment id")),
    request_body = DayRange,
    responses((status = 200, body = GeneratedSlots), (status = 403, body = Problem),
              (status = 422, body = Problem)))]
pub(super) async fn generate(
    State(state): State<AppState>,
    agent: CurrentAgent,
    ip: ClientIp,
    ApiPath(establishment_id): ApiPath<String>,
    ApiJson(range): ApiJson<DayRange>,
) -> ApiResult<axum::Json<GeneratedSlots>> {
    agent.require(Permission::ManageVisits, &establishment_id)?;
    let from = first_day(&range)?;
    let mut tx = state.db.begin().await?;
    let created = generate_slots(&mut tx, &establishment_id, from, range.days).await?;
    if created > 0 {
        audit::record(
            &mut tx,
            Event::new(
                ActorKind::Agent,
                Some(&agent.id),
                "visit_slots.generated",
                ip.0.as_deref(),
            )
            .establishment(&establishment_id),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(axum::Json(GeneratedSlots { created }))
}

/// Slots over a range of days (at most 90), closed ones included, by time.
#[utoipa::path(get, path = "/establishments/{id}/slots", tag = "agent",
    params(("id" = String, Path, description = "Establishment id"), DayRange),
    responses((status = 200, body = Vec<AgentSlot>), (status = 400, body = Problem),
              (status = 403, body = Problem), (status = 422, body = Problem)))]
pub(super) async fn list(
    State(state): State<AppState>,
    agent: CurrentAgent,
    ApiPath(establishment_id): ApiPath<String>,
    ApiQuery(range): ApiQuery<DayRange>,
) -> ApiResult<axum::Json<Vec<AgentSlot>>> {
    agent.require(Permission::ManageVisits, &establishment_id)?;
    let from = first_day(&range)?;
    let (start, end) = paris_time::day_range(from, i64::from(range.days));
    let rows = sqlx::query(
        "SELECT s.id, s.room_id, r.name AS room_name, r.kind AS room_kind, s.starts_at, \
         s.ends_at, s.capacity, s.booked, s.blocked_at, s.block_reason \
         FROM visit_slots s JOIN visit_rooms r ON r.id = s.room_id \
         WHERE s.establishment_id = $1 AND s.starts_at >= $2 AND s.starts_at < $3 \
         ORDER BY s.starts_at, r.name",
    )
    .bind(&establishment_id)
    .bind(start)
    .bind(end)
    .fetch_all(&state.db.pool)
    .await?;
    let at = now();
    let slots = rows
        .iter()
        .map(|r| {
            let kind: String = r.try_get("room_kind")?;
            let capacity = u32_col(r, "capacity")?;
            let booked = u32_col(r, "booked")?;
            let starts_at: i64 = r.try_get("starts_at")?;
            let blocked = r.try_get::<Option<i64>, _>("blocked_at")?.is_some();
            let places_left = capacity.saturating_sub(booked);
            Ok(AgentSlot {
                id: r.try_get("id")?,
                room_id: r.try_get("room_id")?,
                room_name: r.try_get("room_name")?,
                room_kind: RoomKind::from_code(&kind)
                    .ok_or_else(|| ApiError::Internal(format!("room kind {kind}")))?,
                starts_at,
                ends_at: r.try_get("ends_at")?,
                capacity,
                booked,
                places_left,
                blocked,
                block_reason: r.try_get("block_reason")?,
                bookable: !blocked && places_left > 0 && starts_at > at,
            })
        })
        .collect::<ApiResult<_>>()?;
    Ok(axum::Json(slots))
}

/// Keeps every establishment's slots generated a week beyond its booking window. Run hourly;
/// idempotent and safe on several instances (generation inserts `ON CONFLICT DO NOTHING`).
pub async fn generate_ahead(db: &crate::db::Db) -> ApiResult<u32> {
    let establishments: Vec<String> = sqlx::query("SELECT id FROM establishments")
        .fetch_all(&db.pool)
        .await?
        .iter()
        .map(|r| r.try_get("id"))
        .collect::<Result<_, _>>()?;
    let today = paris_time::date_of(now());
    let mut created = 0;
    for id in establishments {
        let mut tx = db.begin().await?;
        let rules = super::load_rules(&mut *tx, &id).await?;
        created += generate_slots(&mut tx, &id, today, rules.opens_days_before + 7).await?;
        tx.commit().await?;
    }
    Ok(created)
}
