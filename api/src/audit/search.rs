//! The console's search of the audit log (by actor, establishment, action, target and dates),
//! a page at a time or as a CSV file. Agents with the audit permission only; an establishment's
//! agents see their establishments' events, national administrators everything.

use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use serde::Deserialize;
use shared_types::Problem;
use shared_types::audit::{AuditEntry, AuditPage};
use shared_types::date::Date;
use shared_types::refusals::Refusal;
use shared_types::refusals::common::Common;
use shared_types::roles::Permission;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::auth::agent::CurrentAgent;
use crate::error::{ApiError, ApiResult};
use crate::http::params::ApiQuery;
use crate::paris_time;
use crate::state::AppState;

/// Events on one page.
pub const PAGE_SIZE: i64 = 50;
/// Most events one CSV export holds.
pub const MAX_EXPORT: i64 = 10_000;

/// Console routes on the audit log.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(search))
        .routes(routes!(export))
}

/// What to search for; every criterion is optional and they combine.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditFilter {
    /// Who acted: an agent's, visitor's, detainee's, terminal's or partner's id.
    pub actor: Option<String>,
    /// One establishment's events (one of the agent's).
    pub establishment: Option<String>,
    /// The action, exactly (`agent.signed_in`), or all actions of a kind with a trailing dot
    /// (`visit_link.`).
    pub action: Option<String>,
    /// The record acted upon.
    pub target: Option<String>,
    /// From this Paris day on, `YYYY-MM-DD`.
    pub from: Option<String>,
    /// Up to this Paris day included, `YYYY-MM-DD`.
    pub to: Option<String>,
    /// Page number, from 1 (default 1).
    pub page: Option<i64>,
}

/// Which establishments' events an agent may read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Visible {
    All,
    Establishments(Vec<String>),
}

/// A value bound to the search query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Bind {
    Text(String),
    Int(i64),
}

/// A criterion given and not blank.
fn text(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

/// The `WHERE` clause of a search and its values (`$1`…), from checked criteria.
pub fn where_clause(filter: &AuditFilter, visible: &Visible) -> ApiResult<(String, Vec<Bind>)> {
    let mut conditions = Vec::new();
    let mut binds = Vec::new();
    let mut push = |condition: &str, value: Bind, binds: &mut Vec<Bind>| {
        binds.push(value);
        conditions.push(condition.replace('?', &format!("${}", binds.len())));
    };
    if let Some(actor) = text(&filter.actor) {
        push("actor_id = ?", Bind::Text(actor.into()), &mut binds);
    }
    if let Some(establishment) = text(&filter.establishment) {
        push(
            "establishment_id = ?",
            Bind::Text(establishment.into()),
            &mut binds,
        );
    }
    match text(&filter.action) {
        // A prefix compared as such: no LIKE wildcards to escape, no collation order, the
        // same case-sensitive comparison on both engines. The length is ours, a number.
        Some(kind) if kind.ends_with('.') => {
            let condition = format!("substr(action, 1, {}) = ?", kind.chars().count());
            push(&condition, Bind::Text(kind.into()), &mut binds);
        }
        Some(action) => push("action = ?", Bind::Text(action.into()), &mut binds),
        None => {}
    }
    if let Some(target) = text(&filter.target) {
        push("target = ?", Bind::Text(target.into()), &mut binds);
    }
    let day = |name: &str, value: &str| {
        Date::parse(value)
            .ok_or_else(|| ApiError::BadRequest(format!("`{name}` : une date AAAA-MM-JJ.")))
    };
    let from = text(&filter.from).map(|v| day("from", v)).transpose()?;
    let to = text(&filter.to).map(|v| day("to", v)).transpose()?;
    if let (Some(from), Some(to)) = (from, to)
        && to.days_since_epoch() < from.days_since_epoch()
    {
        return Err(ApiError::BadRequest(
            "La date de fin précède la date de début.".into(),
        ));
    }
    if let Some(from) = from {
        push(
            "at >= ?",
            Bind::Int(paris_time::day_range(from, 1).0),
            &mut binds,
        );
    }
    if let Some(to) = to {
        push(
            "at < ?",
            Bind::Int(paris_time::day_range(to, 1).1),
            &mut binds,
        );
    }
    match visible {
        Visible::All => {}
        Visible::Establishments(ids) if ids.is_empty() => conditions.push("1 = 0".into()),
        Visible::Establishments(ids) => {
            let placeholders: Vec<String> = ids
                .iter()
                .map(|id| {
                    binds.push(Bind::Text(id.clone()));
                    format!("${}", binds.len())
                })
                .collect();
            conditions.push(format!("establishment_id IN ({})", placeholders.join(", ")));
        }
    }
    let clause = if conditions.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", conditions.join(" AND "))
    };
    Ok((clause, binds))
}

/// Which events `agent` may search with `filter`: 403 without the audit permission, or for an
/// establishment out of their scope.
fn visible_to(agent: &CurrentAgent, filter: &AuditFilter) -> ApiResult<Visible> {
    if let Some(establishment) = filter.establishment.as_deref().map(str::trim)
        && !establishment.is_empty()
    {
        agent.require(Permission::ViewAudit, establishment)?;
        return Ok(Visible::Establishments(vec![establishment.into()]));
    }
    if !agent.has(Permission::ViewAudit) {
        return Err(ApiError::denied(
            Common::NotPermitted,
            Common::NotPermitted.meaning(),
        ));
    }
    Ok(if agent.national {
        Visible::All
    } else {
        Visible::Establishments(agent.scope.clone())
    })
}

#[derive(sqlx::FromRow)]
struct EntryRow {
    chain: String,
    seq: i64,
    at: i64,
    actor_kind: String,
    actor_id: Option<String>,
    action: String,
    establishment_id: Option<String>,
    target: Option<String>,
    source_ip: Option<String>,
}

impl From<EntryRow> for AuditEntry {
    fn from(r: EntryRow) -> Self {
        Self {
            chain: r.chain,
            seq: r.seq,
            at: r.at,
            actor_kind: r.actor_kind,
            actor_id: r.actor_id,
            action: r.action,
            establishment_id: r.establishment_id,
            target: r.target,
            source_ip: r.source_ip,
        }
    }
}

/// Events matching `filter` that `visible` allows, newest first, `limit` from `offset`.
async fn find(
    state: &AppState,
    filter: &AuditFilter,
    visible: &Visible,
    limit: i64,
    offset: i64,
) -> ApiResult<Vec<AuditEntry>> {
    let (clause, binds) = where_clause(filter, visible)?;
    let sql = format!(
        "SELECT chain, seq, at, actor_kind, actor_id, action, establishment_id, target, \
         source_ip FROM audit_events {clause} ORDER BY at DESC, chain, seq DESC \
         LIMIT {limit} OFFSET {offset}"
    );
    let mut query = sqlx::query_as::<_, EntryRow>(&sql);
    for bind in binds {
        query = match bind {
            Bind::Text(v) => query.bind(v),
            Bind::Int(v) => query.bind(v),
        };
    }
    let rows = query.fetch_all(&state.db.pool).await?;
    Ok(rows.into_iter().map(AuditEntry::from).collect())
}

/// Searches the audit log, a page of events at a time, newest first.
#[utoipa::path(get, path = "/audit", tag = "agent",
    params(AuditFilter),
    responses((status = 200, body = AuditPage), (status = 400, body = Problem),
              (status = 403, body = Problem)))]
async fn search(
    State(state): State<AppState>,
    agent: CurrentAgent,
    ApiQuery(filter): ApiQuery<AuditFilter>,
) -> ApiResult<axum::Json<AuditPage>> {
    let visible = visible_to(&agent, &filter)?;
    let page = filter.page.unwrap_or(1);
    if !(1..=10_000).contains(&page) {
        return Err(ApiError::BadRequest("`page` va de 1 à 10 000.".into()));
    }
    let mut events = find(
        &state,
        &filter,
        &visible,
        PAGE_SIZE + 1,
        (page - 1) * PAGE_SIZE,
    )
    .await?;
    let has_more = events.len() as i64 > PAGE_SIZE;
    events.truncate(PAGE_SIZE as usize);
    Ok(axum::Json(AuditPage {
        events,
        page,
        has_more,
    }))
}

/// The same search as a CSV file (every page, up to 10,000 events), for a spreadsheet set to
/// French (semicolons). Cells that a spreadsheet would read as a formula are quoted.
#[utoipa::path(get, path = "/audit.csv", tag = "agent",
    params(AuditFilter),
    responses((status = 200, content_type = "text/csv", body = String),
              (status = 400, body = Problem), (status = 403, body = Problem)))]
async fn export(
    State(state): State<AppState>,
    agent: CurrentAgent,
    ApiQuery(filter): ApiQuery<AuditFilter>,
) -> ApiResult<impl IntoResponse> {
    let visible = visible_to(&agent, &filter)?;
    let events = find(&state, &filter, &visible, MAX_EXPORT, 0).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"journal-audit.csv\"",
            ),
        ],
        // A byte-order mark so spreadsheet software reads the accents as UTF-8.
        format!("\u{feff}{}", to_csv(&events)),
    ))
}

/// A CSV cell that no spreadsheet runs as a formula: a leading `=`, `+`, `-`, `@`, tab or
/// carriage return is neutralised with a quote mark, and separators are quoted.
pub fn csv_cell(value: &str) -> String {
    let value = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_owned()
    };
    if value.contains([';', '"', '\n', '\r', ',']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value
    }
}

/// Paris wall-clock time of `utc`, `YYYY-MM-DD HH:MM`.
fn paris_time_label(utc: i64) -> String {
    let date = paris_time::date_of(utc);
    let minutes = (utc + paris_time::offset_at(utc)).rem_euclid(86_400) / 60;
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}",
        date.year,
        date.month,
        date.day,
        minutes / 60,
        minutes % 60
    )
}

/// The events as CSV, one line each.
pub fn to_csv(events: &[AuditEntry]) -> String {
    let mut out = String::from(
        "date (Paris);chaîne;n°;acteur;id acteur;action;établissement;cible;adresse IP\r\n",
    );
    for e in events {
        let cells = [
            paris_time_label(e.at),
            e.chain.clone(),
            e.seq.to_string(),
            e.actor_kind.clone(),
            e.actor_id.clone().unwrap_or_default(),
            e.action.clone(),
            e.establishment_id.clone().unwrap_or_default(),
            e.target.clone().unwrap_or_default(),
            e.source_ip.clone().unwrap_or_default(),
        ];
        let line: Vec<String> = cells.iter().map(|c| csv_cell(c)).collect();
        out.push_str(&line.join(";"));
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filter() -> AuditFilter {
        AuditFilter::default()
    }

    #[test]
    fn criteria_combine_with_numbered_placeholders_and_the_scope_last() {
        let f = AuditFilter {
            actor: Some("a1".into()),
            action: Some("visit_link.".into()),
            from: Some("2026-03-29".into()),
            to: Some("2026-03-29".into()),
            ..filter()
        };
        let visible = Visible::Establishments(vec!["e1".into(), "e2".into()]);
        let (clause, binds) = where_clause(&f, &visible).unwrap();
        assert_eq!(
            clause,
            "WHERE actor_id = $1 AND substr(action, 1, 11) = $2 AND at >= $3 AND at < $4 \
             AND establishment_id IN ($5, $6)"
        );
        // The day the clocks go forward lasts 23 hours, midnight to midnight in Paris.
        let (Bind::Int(start), Bind::Int(end)) = (&binds[2], &binds[3]) else {
            panic!("{binds:?}")
        };
        assert_eq!(end - start, 23 * 3600);
        assert_eq!(binds[1], Bind::Text("visit_link.".into()));
        assert_eq!(binds[5], Bind::Text("e2".into()));
    }

    #[test]
    fn nothing_visible_finds_nothing_and_bad_dates_are_refused() {
        let (clause, binds) = where_clause(&filter(), &Visible::Establishments(vec![])).unwrap();
        assert_eq!(clause, "WHERE 1 = 0");
        assert!(binds.is_empty());
        let (clause, _) = where_clause(&filter(), &Visible::All).unwrap();
        assert_eq!(clause, "");
        let bad = AuditFilter {
            from: Some("29/03/2026".into()),
            ..filter()
        };
        assert!(where_clause(&bad, &Visible::All).is_err());
        let backwards = AuditFilter {
            from: Some("2026-03-29".into()),
            to: Some("2026-03-28".into()),
            ..filter()
        };
        assert!(where_clause(&backwards, &Visible::All).is_err());
    }

    #[test]
    fn csv_cells_never_run_as_formulas() {
        assert_eq!(csv_cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_cell("+33 6"), "'+33 6");
        assert_eq!(csv_cell("-1"), "'-1");
        assert_eq!(csv_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_cell("\tx"), "'\tx");
        assert_eq!(csv_cell("a;b"), "\"a;b\"");
        assert_eq!(csv_cell("agent.signed_in"), "agent.signed_in");
    }

    #[test]
    fn csv_lines_show_paris_time() {
        let e = AuditEntry {
            chain: "national".into(),
            seq: 3,
            // 2026-07-14 10:00 UTC is noon in Paris (summer time).
            at: 1_784_023_200,
            actor_kind: "agent".into(),
            actor_id: Some("a1".into()),
            action: "agent.signed_in".into(),
            establishment_id: None,
            target: Some("=cmd".into()),
            source_ip: Some("10.0.0.1".into()),
        };
        let csv = to_csv(&[e]);
        let line = csv.lines().nth(1).unwrap();
        assert_eq!(
            line,
            "2026-07-14 12:00;national;3;agent;a1;agent.signed_in;;'=cmd;10.0.0.1"
        );
    }
}
