//! Reads the audit chains back and checks them (`ned-api verify-audit`).

use sqlx::Row;

use super::chain::{Fields, verify};
use crate::db::Db;
use crate::error::{ApiError, ApiResult};

/// Verifies every chain; returns each chain with its event count, or the first break found.
pub async fn verify_all(db: &Db) -> ApiResult<Vec<(String, i64)>> {
    let chains: Vec<String> = sqlx::query("SELECT chain FROM audit_chains ORDER BY chain")
        .fetch_all(&db.pool)
        .await?
        .iter()
        .map(|r| r.try_get("chain"))
        .collect::<Result<_, _>>()?;
    let mut report = Vec::new();
    for chain in chains {
        let rows = sqlx::query(
            "SELECT seq, at, actor_kind, actor_id, action, establishment_id, target, source_ip, \
             prev_hash, hash FROM audit_events WHERE chain = $1 ORDER BY seq",
        )
        .bind(&chain)
        .fetch_all(&db.pool)
        .await?;
        let mut owned = Vec::with_capacity(rows.len());
        for r in &rows {
            owned.push((
                r.try_get::<i64, _>("seq")?,
                r.try_get::<i64, _>("at")?,
                r.try_get::<String, _>("actor_kind")?,
                r.try_get::<Option<String>, _>("actor_id")?,
                r.try_get::<String, _>("action")?,
                r.try_get::<Option<String>, _>("establishment_id")?,
                r.try_get::<Option<String>, _>("target")?,
                r.try_get::<Option<String>, _>("source_ip")?,
                r.try_get::<String, _>("prev_hash")?,
                r.try_get::<String, _>("hash")?,
            ));
        }
        let events = owned.iter().map(|e| {
            (
                Fields {
                    chain: &chain,
                    seq: e.0,
                    at: e.1,
                    actor_kind: &e.2,
                    actor_id: e.3.as_deref(),
                    action: &e.4,
                    establishment_id: e.5.as_deref(),
                    target: e.6.as_deref(),
                    source_ip: e.7.as_deref(),
                },
                e.8.as_str(),
                e.9.as_str(),
            )
        });
        verify(events).map_err(|seq| {
            ApiError::Internal(format!("audit chain {chain} is broken at event {seq}"))
        })?;
        report.push((chain, owned.len() as i64));
    }
    Ok(report)
}
