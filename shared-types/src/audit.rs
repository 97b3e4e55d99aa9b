//! The audit log as the console searches it.

use serde::{Deserialize, Serialize};

/// One audit event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditEntry {
    /// The chain it belongs to: an establishment id, or `national`.
    pub chain: String,
    pub seq: i64,
    /// Unix seconds, UTC.
    pub at: i64,
    /// `agent`, `visitor`, `detainee`, `terminal`, `partner`, `anonymous` or `system`.
    pub actor_kind: String,
    pub actor_id: Option<String>,
    pub action: String,
    pub establishment_id: Option<String>,
    pub target: Option<String>,
    pub source_ip: Option<String>,
}

/// One page of a search, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditPage {
    pub events: Vec<AuditEntry>,
    /// This page's number, from 1.
    pub page: i64,
    /// Whether a next page exists.
    pub has_more: bool,
}
