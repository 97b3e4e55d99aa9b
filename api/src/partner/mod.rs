//! The partner API (`/api/partner`): delegated-management partners, each with API keys scoped
//! to establishments, read the closed weeks' consolidation and orders and post what was
//! delivered. No cookie, no session: every call carries `Authorization: Bearer <key>`.

pub mod keys;
mod routes;

use axum::extract::FromRequestParts;
use axum::http::header;
use axum::http::request::Parts;
use sqlx::Row;
use utoipa_axum::router::OpenApiRouter;

use crate::auth::tokens::digest;
use crate::db::now;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

/// Routes of the partner surface.
pub fn router() -> OpenApiRouter<AppState> {
    routes::router()
}

/// Keys start with this, so a leaked one is recognised by secret scanners.
pub const KEY_PREFIX: &str = "ned_pk_";

/// A partner authenticated by a valid, unrevoked key.
#[derive(Debug, Clone)]
pub struct Partner {
    pub key_id: String,
    pub establishment_ids: Vec<String>,
}

impl Partner {
    /// 404 unless the key covers the establishment (no hint that it exists).
    pub fn require(&self, establishment_id: &str) -> ApiResult<()> {
        if self.establishment_ids.iter().any(|e| e == establishment_id) {
            Ok(())
        } else {
            Err(ApiError::NotFound)
        }
    }
}

fn refused() -> ApiError {
    ApiError::Unauthorized("Clé d'API absente, inconnue ou révoquée.".into())
}

impl FromRequestParts<AppState> for Partner {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> ApiResult<Self> {
        let secret = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim)
            .filter(|s| s.starts_with(KEY_PREFIX) && s.len() < 200)
            .ok_or_else(refused)?;
        let row =
            sqlx::query("SELECT id FROM partner_keys WHERE key_hash = $1 AND revoked_at IS NULL")
                .bind(digest(secret))
                .fetch_optional(&state.db.pool)
                .await?
                .ok_or_else(refused)?;
        let key_id: String = row.try_get("id")?;
        let establishment_ids: Vec<String> =
            sqlx::query_scalar("SELECT establishment_id FROM partner_key_scopes WHERE key_id = $1")
                .bind(&key_id)
                .fetch_all(&state.db.pool)
                .await?;
        sqlx::query("UPDATE partner_keys SET last_used_at = $1 WHERE id = $2")
            .bind(now())
            .bind(&key_id)
            .execute(&state.db.pool)
            .await?;
        Ok(Self {
            key_id,
            establishment_ids,
        })
    }
}
