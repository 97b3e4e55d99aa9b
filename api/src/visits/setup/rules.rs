//! The establishment's booking rules: read (defaults until staff save some) and replace.

use axum::extract::State;
use shared_types::Problem;
use shared_types::roles::Permission;
use shared_types::visits::VisitRules;

use super::u32_col;
use crate::audit::{self, ActorKind, Event};
use crate::auth::agent::CurrentAgent;
use crate::db::now;
use crate::error::ApiResult;
use crate::establishments;
use crate::http::client_ip::ClientIp;
use crate::http::json::ApiJson;
use crate::http::params::ApiPath;
use crate::state::AppState;

/// The booking rules of an establishment, `VisitRules::default()` until staff have saved some.
/// Takes the pool (`&db.pool`) or a transaction (`&mut *tx`).
pub async fn load_rules<'e, E>(executor: E, establishment_id: &str) -> ApiResult<VisitRules>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    let row = sqlx::query(
        "SELECT opens_days_before, closes_hours_before, weekly_remand, weekly_convicted, \
         max_adults, max_people, offer_minutes FROM visit_rules WHERE establishment_id = $1",
    )
    .bind(establishment_id)
    .fetch_optional(executor)
    .await?;
    let Some(row) = row else {
        return Ok(VisitRules::default());
    };
    Ok(VisitRules {
        opens_days_before: u32_col(&row, "opens_days_before")?,
        closes_hours_before: u32_col(&row, "closes_hours_before")?,
        weekly_remand: u32_col(&row, "weekly_remand")?,
        weekly_convicted: u32_col(&row, "weekly_convicted")?,
        max_adults: u32_col(&row, "max_adults")?,
        max_people: u32_col(&row, "max_people")?,
        offer_minutes: u32_col(&row, "offer_minutes")?,
    })
}

/// The establishment's booking rules.
#[utoipa::path(get, path = "/establishments/{id}/visit-rules", tag = "agent",
    params(("id" = String, Path, description = "Establishment id")),
    responses((status = 200, body = VisitRules), (status = 403, body = Problem)))]
pub(super) async fn get(
    State(state): State<AppState>,
    agent: CurrentAgent,
    ApiPath(establishment_id): ApiPath<String>,
) -> ApiResult<axum::Json<VisitRules>> {
    agent.require(Permission::ManageVisits, &establishment_id)?;
    Ok(axum::Json(
        load_rules(&state.db.pool, &establishment_id).await?,
    ))
}

/// Replace the establishment's booking rules (never below the legal minimums).
#[utoipa::path(put, path = "/establishments/{id}/visit-rules", tag = "agent",
    params(("id" = String, Path, description = "Establishment id")),
    request_body = VisitRules,
    responses((status = 200, body = VisitRules), (status = 403, body = Problem),
              (status = 404, body = Problem), (status = 422, body = Problem)))]
pub(super) async fn put(
    State(state): State<AppState>,
    agent: CurrentAgent,
    ip: ClientIp,
    ApiPath(establishment_id): ApiPath<String>,
    ApiJson(rules): ApiJson<VisitRules>,
) -> ApiResult<axum::Json<VisitRules>> {
    agent.require(Permission::ManageVisits, &establishment_id)?;
    rules.validate()?;
    // A national agent covers every id, even a wrong one: answer 404, not a foreign-key 500.
    establishments::get(&state.db, &establishment_id).await?;
    let mut tx = state.db.begin().await?;
    sqlx::query(
        "INSERT INTO visit_rules (establishment_id, opens_days_before, closes_hours_before, \
         weekly_remand, weekly_convicted, max_adults, max_people, offer_minutes, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
         ON CONFLICT (establishment_id) DO UPDATE SET \
         opens_days_before = excluded.opens_days_before, \
         closes_hours_before = excluded.closes_hours_before, \
         weekly_remand = excluded.weekly_remand, weekly_convicted = excluded.weekly_convicted, \
         max_adults = excluded.max_adults, max_people = excluded.max_people, \
         offer_minutes = excluded.offer_minutes, updated_at = excluded.updated_at",
    )
    .bind(&establishment_id)
    .bind(i64::from(rules.opens_days_before))
    .bind(i64::from(rules.closes_hours_before))
    .bind(i64::from(rules.weekly_remand))
    .bind(i64::from(rules.weekly_convicted))
    .bind(i64::from(rules.max_adults))
    .bind(i64::from(rules.max_people))
    .bind(i64::from(rules.offer_minutes))
    .bind(now())
    .execute(&mut *tx)
    .await?;
    audit::record(
        &mut tx,
        Event::new(
            ActorKind::Agent,
            Some(&agent.id),
            "visit_rules.updated",
            ip.0.as_deref(),
        )
        .establishment(&establishment_id)
        .target(&establishment_id),
    )
    .await?;
    tx.commit().await?;
    Ok(axum::Json(rules))
}
