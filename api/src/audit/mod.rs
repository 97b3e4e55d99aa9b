//! The audit log: who did what, when, where and from where. Every state change writes one event
//! in the same transaction. Events form hash chains (one per establishment, one national) so
//! that an edit or a deletion breaks the chain and `ned-api verify-audit` finds it; each chain's
//! head (`audit_chains`) shows when the newest events were removed; the hashes are keyed
//! (`key`), and triggers refuse to change or delete events.

mod chain;
pub mod key;
pub mod search;
mod verify;

pub use chain::{ChainStatus, Fields, GENESIS, Head, event_hash, verify};
pub use key::{AuditKey, KeySource};
pub use verify::{ChainReport, check_all, describe, verify_all};

use sqlx::Row;

use crate::db::{Tx, new_id, now};
use crate::error::ApiResult;

/// Who acted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActorKind {
    Visitor,
    Agent,
    Detainee,
    Terminal,
    Anonymous,
    System,
    /// A delegated-management partner, through its API key.
    Partner,
}

impl ActorKind {
    fn code(self) -> &'static str {
        match self {
            Self::Visitor => "visitor",
            Self::Agent => "agent",
            Self::Detainee => "detainee",
            Self::Terminal => "terminal",
            Self::Anonymous => "anonymous",
            Self::System => "system",
            Self::Partner => "partner",
        }
    }
}

/// One event to record.
#[derive(Debug, Clone)]
pub struct Event<'a> {
    pub actor: ActorKind,
    pub actor_id: Option<&'a str>,
    pub action: &'a str,
    pub establishment_id: Option<&'a str>,
    pub target: Option<&'a str>,
    pub source_ip: Option<&'a str>,
}

impl<'a> Event<'a> {
    /// An event with no establishment or target yet.
    pub fn new(
        actor: ActorKind,
        actor_id: Option<&'a str>,
        action: &'a str,
        source_ip: Option<&'a str>,
    ) -> Self {
        Self {
            actor,
            actor_id,
            action,
            establishment_id: None,
            target: None,
            source_ip,
        }
    }

    /// The establishment the event concerns (its chain).
    pub fn establishment(mut self, id: &'a str) -> Self {
        self.establishment_id = Some(id);
        self
    }

    /// The record acted upon.
    pub fn target(mut self, target: &'a str) -> Self {
        self.target = Some(target);
        self
    }
}

/// Records what an agent did in an establishment (on `target`, when there is one), inside `tx`.
pub async fn agent_action(
    tx: &mut Tx,
    agent_id: &str,
    ip: Option<&str>,
    establishment_id: &str,
    action: &str,
    target: Option<&str>,
) -> ApiResult<()> {
    let mut event =
        Event::new(ActorKind::Agent, Some(agent_id), action, ip).establishment(establishment_id);
    event.target = target;
    record(tx, event).await
}

/// Appends `event` to its chain inside `tx`.
pub async fn record(tx: &mut Tx, event: Event<'_>) -> ApiResult<()> {
    let chain = event.establishment_id.unwrap_or("national");
    sqlx::query(
        "INSERT INTO audit_chains (chain, seq, last_hash) VALUES ($1, 0, $2) \
         ON CONFLICT (chain) DO NOTHING",
    )
    .bind(chain)
    .bind(GENESIS)
    .execute(&mut **tx)
    .await?;
    // The UPDATE takes the chain's row lock until commit, so concurrent writers queue here and
    // each event links to the one committed before it.
    let row = sqlx::query(
        "UPDATE audit_chains SET seq = seq + 1 WHERE chain = $1 RETURNING seq, last_hash",
    )
    .bind(chain)
    .fetch_one(&mut **tx)
    .await?;
    let seq: i64 = row.try_get("seq")?;
    let prev: String = row.try_get("last_hash")?;
    let at = now();
    let fields = chain::Fields {
        chain,
        seq,
        at,
        actor_kind: event.actor.code(),
        actor_id: event.actor_id,
        action: event.action,
        establishment_id: event.establishment_id,
        target: event.target,
        source_ip: event.source_ip,
    };
    let hash = event_hash(key::installed()?, &prev, &fields);
    sqlx::query(
        "INSERT INTO audit_events (id, chain, seq, at, actor_kind, actor_id, action, \
         establishment_id, target, source_ip, prev_hash, hash) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
    )
    .bind(new_id())
    .bind(chain)
    .bind(seq)
    .bind(at)
    .bind(fields.actor_kind)
    .bind(event.actor_id)
    .bind(event.action)
    .bind(event.establishment_id)
    .bind(event.target)
    .bind(event.source_ip)
    .bind(&prev)
    .bind(&hash)
    .execute(&mut **tx)
    .await?;
    sqlx::query("UPDATE audit_chains SET last_hash = $1 WHERE chain = $2")
        .bind(&hash)
        .bind(chain)
        .execute(&mut **tx)
        .await?;
    Ok(())
}
