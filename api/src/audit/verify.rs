//! Reads the audit chains back and checks them (`ned-api verify-audit`).

use super::chain::{ChainStatus, Fields, GENESIS, Head, verify};
use crate::db::{Backend, Db};
use crate::error::{ApiError, ApiResult};

/// One chain's verdict.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainReport {
    pub chain: String,
    pub status: ChainStatus,
}

#[derive(sqlx::FromRow)]
struct ChainName {
    chain: String,
}

#[derive(sqlx::FromRow)]
struct HeadRow {
    seq: i64,
    last_hash: String,
}

#[derive(sqlx::FromRow)]
struct EventRow {
    seq: i64,
    at: i64,
    actor_kind: String,
    actor_id: Option<String>,
    action: String,
    establishment_id: Option<String>,
    target: Option<String>,
    source_ip: Option<String>,
    prev_hash: String,
    hash: String,
}

/// Checks every chain (those with a head and those with events), each against its stored head,
/// from one snapshot of the database so that writes going on meanwhile do not show as breaks.
/// Uses the installed audit key.
pub async fn check_all(db: &Db) -> ApiResult<Vec<ChainReport>> {
    let key = super::key::installed()?;
    let mut tx = db.pool.begin().await?;
    if db.backend == Backend::Postgres {
        sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            .execute(&mut *tx)
            .await?;
    }
    let chains: Vec<ChainName> = sqlx::query_as(
        "SELECT chain FROM audit_chains UNION SELECT DISTINCT chain FROM audit_events \
         ORDER BY chain",
    )
    .fetch_all(&mut *tx)
    .await?;
    let mut reports = Vec::with_capacity(chains.len());
    for ChainName { chain } in chains {
        let head: Option<HeadRow> =
            sqlx::query_as("SELECT seq, last_hash FROM audit_chains WHERE chain = $1")
                .bind(&chain)
                .fetch_optional(&mut *tx)
                .await?;
        let rows: Vec<EventRow> = sqlx::query_as(
            "SELECT seq, at, actor_kind, actor_id, action, establishment_id, target, source_ip, \
             prev_hash, hash FROM audit_events WHERE chain = $1 ORDER BY seq",
        )
        .bind(&chain)
        .fetch_all(&mut *tx)
        .await?;
        // A chain whose head was removed is checked against an empty head: any event is a break.
        let head = head.as_ref().map_or(
            Head {
                seq: 0,
                hash: GENESIS,
            },
            |h| Head {
                seq: h.seq,
                hash: &h.last_hash,
            },
        );
        let events = rows.iter().map(|e| {
            (
                Fields {
                    chain: &chain,
                    seq: e.seq,
                    at: e.at,
                    actor_kind: &e.actor_kind,
                    actor_id: e.actor_id.as_deref(),
                    action: &e.action,
                    establishment_id: e.establishment_id.as_deref(),
                    target: e.target.as_deref(),
                    source_ip: e.source_ip.as_deref(),
                },
                e.prev_hash.as_str(),
                e.hash.as_str(),
            )
        });
        let status = verify(key, events, head);
        reports.push(ChainReport { chain, status });
    }
    tx.rollback().await?;
    Ok(reports)
}

/// Verifies every chain; returns each chain with its event count, or an error naming every
/// chain that failed.
pub async fn verify_all(db: &Db) -> ApiResult<Vec<(String, i64)>> {
    let reports = check_all(db).await?;
    let mut intact = Vec::new();
    let mut failures = Vec::new();
    for r in reports {
        match r.status {
            ChainStatus::Intact { events } => intact.push((r.chain, events)),
            status => failures.push(format!("{}: {}", r.chain, describe(&status))),
        }
    }
    if failures.is_empty() {
        Ok(intact)
    } else {
        Err(ApiError::Internal(format!(
            "audit chains failed: {}",
            failures.join("; ")
        )))
    }
}

/// One line about a chain's status, as `ned-api verify-audit` prints it.
pub fn describe(status: &ChainStatus) -> String {
    match status {
        ChainStatus::Intact { events } => format!("ok, {events} events"),
        ChainStatus::Broken { seq } => format!("broken at seq {seq}"),
        ChainStatus::Truncated { head, found } => {
            format!("truncated: head says {head}, found {found}")
        }
    }
}
