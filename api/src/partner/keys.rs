//! Console side of partner keys: an administrator creates a key for the delegated-management
//! establishments they administer (the secret is shown once), lists and revokes keys.

use axum::extract::State;
use axum::http::StatusCode;
use shared_types::Problem;
use shared_types::canteen::partner::{NewPartnerKey, PartnerKey, PartnerKeyCreated};
use shared_types::refusals::common::Common;
use shared_types::roles::Permission;
use shared_types::{ErrorCode, FieldError};
use sqlx::Row;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::KEY_PREFIX;
use crate::audit;
use crate::auth::agent::CurrentAgent;
use crate::auth::tokens::{digest, random_hex};
use crate::db::{Db, new_id, now};
use crate::error::{ApiError, ApiResult};
use crate::http::client_ip::ClientIp;
use crate::http::json::ApiJson;
use crate::http::params::ApiPath;
use crate::state::AppState;

/// Console routes of partner keys.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(revoke))
}

async fn load(db: &Db, id: &str) -> ApiResult<PartnerKey> {
    let r = sqlx::query(
        "SELECT id, name, prefix, created_at, last_used_at, revoked_at FROM partner_keys WHERE id = $1",
    )
    .bind(id)
    .fetch_one(&db.pool)
    .await?;
    let establishment_ids =
        sqlx::query_scalar("SELECT establishment_id FROM partner_key_scopes WHERE key_id = $1 ORDER BY establishment_id")
            .bind(id)
            .fetch_all(&db.pool)
            .await?;
    Ok(PartnerKey {
        id: r.try_get("id")?,
        name: r.try_get("name")?,
        prefix: r.try_get("prefix")?,
        establishment_ids,
        created_at: r.try_get("created_at")?,
        last_used_at: r.try_get("last_used_at")?,
        revoked: r.try_get::<Option<i64>, _>("revoked_at")?.is_some(),
    })
}

/// Keys covering at least one establishment the agent administers.
#[utoipa::path(get, path = "/partner-keys", tag = "agent",
    responses((status = 200, body = Vec<PartnerKey>), (status = 401, body = Problem)))]
async fn list(
    State(state): State<AppState>,
    agent: CurrentAgent,
) -> ApiResult<axum::Json<Vec<PartnerKey>>> {
    let rows = sqlx::query(
        "SELECT DISTINCT k.id, k.created_at FROM partner_keys k \
         JOIN partner_key_scopes s ON s.key_id = k.id ORDER BY k.created_at DESC",
    )
    .fetch_all(&state.db.pool)
    .await?;
    let mut keys = Vec::new();
    for r in rows {
        let key = load(&state.db, &r.try_get::<String, _>("id")?).await?;
        let visible = key
            .establishment_ids
            .iter()
            .any(|e| agent.require(Permission::ManageEstablishment, e).is_ok());
        if visible {
            keys.push(key);
        }
    }
    Ok(axum::Json(keys))
}

/// Create a key for a partner. Every establishment must be one the agent administers and under
/// delegated management. The secret is in this answer only; only its SHA-256 is kept.
#[utoipa::path(post, path = "/partner-keys", tag = "agent",
    request_body = NewPartnerKey,
    responses((status = 201, body = PartnerKeyCreated), (status = 403, body = Problem),
              (status = 409, body = Problem), (status = 422, body = Problem)))]
async fn create(
    State(state): State<AppState>,
    agent: CurrentAgent,
    ip: ClientIp,
    ApiJson(form): ApiJson<NewPartnerKey>,
) -> ApiResult<(StatusCode, axum::Json<PartnerKeyCreated>)> {
    form.validate()?;
    for e in &form.establishment_ids {
        agent.require(Permission::ManageEstablishment, e)?;
    }
    let mut tx = state.db.begin().await?;
    for (i, e) in form.establishment_ids.iter().enumerate() {
        let management: Option<String> =
            sqlx::query_scalar("SELECT management FROM establishments WHERE id = $1")
                .bind(e)
                .fetch_optional(&mut *tx)
                .await?;
        if management.as_deref() != Some("delegated") {
            return Err(ApiError::Validation(vec![FieldError {
                field: format!("establishment_ids[{i}]"),
                code: ErrorCode::InvalidFormat,
                message: "Seuls les établissements en gestion déléguée ont un partenaire.".into(),
            }]));
        }
    }
    let secret = format!("{KEY_PREFIX}{}", random_hex(24)?);
    let id = new_id();
    // One live key of a name per agent (a unique index): a double click makes one key.
    let inserted = sqlx::query(
        "INSERT INTO partner_keys (id, name, prefix, key_hash, created_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING",
    )
    .bind(&id)
    .bind(form.name.trim())
    .bind(&secret[..KEY_PREFIX.len() + 6])
    .bind(digest(&secret))
    .bind(&agent.id)
    .bind(now())
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if inserted == 0 {
        return Err(ApiError::conflict(
            Common::Taken,
            "Vous avez déjà une clé active de ce nom : elle vient peut-être d'être créée.",
        ));
    }
    for e in &form.establishment_ids {
        sqlx::query(
            "INSERT INTO partner_key_scopes (key_id, establishment_id) VALUES ($1, $2) \
             ON CONFLICT (key_id, establishment_id) DO NOTHING",
        )
        .bind(&id)
        .bind(e)
        .execute(&mut *tx)
        .await?;
        audit::agent_action(
            &mut tx,
            &agent.id,
            ip.0.as_deref(),
            e,
            "partner.key_created",
            Some(&id),
        )
        .await?;
    }
    tx.commit().await?;
    let key = load(&state.db, &id).await?;
    Ok((
        StatusCode::CREATED,
        axum::Json(PartnerKeyCreated { key, secret }),
    ))
}

/// Revoke a key at once.
#[utoipa::path(post, path = "/partner-keys/{id}/revoke", tag = "agent",
    params(("id" = String, Path, description = "Key id")),
    responses((status = 204), (status = 403, body = Problem), (status = 404, body = Problem)))]
async fn revoke(
    State(state): State<AppState>,
    agent: CurrentAgent,
    ip: ClientIp,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<StatusCode> {
    let scopes: Vec<String> =
        sqlx::query_scalar("SELECT establishment_id FROM partner_key_scopes WHERE key_id = $1")
            .bind(&id)
            .fetch_all(&state.db.pool)
            .await?;
    if scopes.is_empty() {
        return Err(ApiError::NotFound);
    }
    for e in &scopes {
        agent.require(Permission::ManageEstablishment, e)?;
    }
    let mut tx = state.db.begin().await?;
    let revoked =
        sqlx::query("UPDATE partner_keys SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL")
            .bind(now())
            .bind(&id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
    if revoked == 0 {
        // Revoked already (a double click, two admins): it stays revoked, logged once.
        return Ok(StatusCode::NO_CONTENT);
    }
    for e in &scopes {
        audit::agent_action(
            &mut tx,
            &agent.id,
            ip.0.as_deref(),
            e,
            "partner.key_revoked",
            Some(&id),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}
