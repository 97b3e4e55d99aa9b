//! Where the split rules are kept, and the month's levied income they apply to.

use shared_types::accounts::{IncomeKind, SplitRules};
use shared_types::date::Date;
use sqlx::Row;

use crate::db::{Tx, now};
use crate::error::ApiResult;
use crate::paris_time;

/// The establishment's rules, or the documented defaults when it has none.
pub async fn load<'e, E>(executor: E, establishment_id: &str) -> ApiResult<SplitRules>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    let row = sqlx::query("SELECT * FROM account_split_rules WHERE establishment_id = $1")
        .bind(establishment_id)
        .fetch_optional(executor)
        .await?;
    let Some(r) = row else {
        return Ok(SplitRules::default());
    };
    let flag = |name: &str| -> ApiResult<bool> { Ok(r.try_get::<i64, _>(name)? != 0) };
    Ok(SplitRules {
        band1_from_cents: r.try_get("band1_from_cents")?,
        band1_rate_bp: r.try_get("band1_rate_bp")?,
        band2_from_cents: r.try_get("band2_from_cents")?,
        band2_rate_bp: r.try_get("band2_rate_bp")?,
        band3_from_cents: r.try_get("band3_from_cents")?,
        band3_rate_bp: r.try_get("band3_rate_bp")?,
        savings_rate_bp: r.try_get("savings_rate_bp")?,
        savings_cap_cents: r.try_get("savings_cap_cents")?,
        levy_family_transfer: flag("levy_family_transfer")?,
        levy_wages: flag("levy_wages")?,
        levy_allowance: flag("levy_allowance")?,
    })
}

/// Replaces the establishment's rules.
pub async fn save(
    tx: &mut Tx,
    establishment_id: &str,
    rules: &SplitRules,
    agent_id: &str,
) -> ApiResult<()> {
    sqlx::query(
        "INSERT INTO account_split_rules (establishment_id, band1_from_cents, band1_rate_bp, \
         band2_from_cents, band2_rate_bp, band3_from_cents, band3_rate_bp, savings_rate_bp, \
         savings_cap_cents, levy_family_transfer, levy_wages, levy_allowance, updated_by, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) \
         ON CONFLICT (establishment_id) DO UPDATE SET band1_from_cents = $2, band1_rate_bp = $3, \
         band2_from_cents = $4, band2_rate_bp = $5, band3_from_cents = $6, band3_rate_bp = $7, \
         savings_rate_bp = $8, savings_cap_cents = $9, levy_family_transfer = $10, \
         levy_wages = $11, levy_allowance = $12, updated_by = $13, updated_at = $14",
    )
    .bind(establishment_id)
    .bind(rules.band1_from_cents)
    .bind(rules.band1_rate_bp)
    .bind(rules.band2_from_cents)
    .bind(rules.band2_rate_bp)
    .bind(rules.band3_from_cents)
    .bind(rules.band3_rate_bp)
    .bind(rules.savings_rate_bp)
    .bind(rules.savings_cap_cents)
    .bind(i64::from(rules.levy_family_transfer))
    .bind(i64::from(rules.levy_wages))
    .bind(i64::from(rules.levy_allowance))
    .bind(agent_id)
    .bind(now())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The first instant of the Paris calendar month containing `at`.
pub fn month_start(at: i64) -> i64 {
    let today = paris_time::date_of(at);
    paris_time::to_utc(Date { day: 1, ..today }, 0)
}

/// Levied income received this month (all parts of those credits together), the base the
/// bands apply to. Reversed income does not count.
pub async fn levied_this_month(
    tx: &mut Tx,
    detainee_id: &str,
    rules: &SplitRules,
) -> ApiResult<i64> {
    let kinds: Vec<&str> = IncomeKind::ALL
        .iter()
        .filter(|k| rules.levies(**k))
        .map(|k| k.code())
        .collect();
    if kinds.is_empty() {
        return Ok(0);
    }
    let placeholders: Vec<String> = (0..kinds.len()).map(|i| format!("${}", i + 3)).collect();
    let sql = format!(
        "SELECT CAST(COALESCE(SUM(e.amount_cents), 0) AS BIGINT) AS total FROM ledger_entries e \
         WHERE e.detainee_id = $1 AND e.created_at >= $2 AND e.kind IN ({}) \
         AND NOT EXISTS (SELECT 1 FROM ledger_entries r WHERE r.corrects_operation_id = \
         e.operation_id AND r.kind = 'reversal')",
        placeholders.join(", ")
    );
    let mut query = sqlx::query(&sql).bind(detainee_id).bind(month_start(now()));
    for kind in kinds {
        query = query.bind(kind);
    }
    let row = query.fetch_one(&mut **tx).await?;
    Ok(row.try_get("total")?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_month_starts_at_paris_midnight_on_the_first() {
        // 2026-11-22 12:00 UTC → 2026-11-01 00:00 Paris = 2026-10-31 23:00 UTC.
        let noon = Date::parse("2026-11-22").map(|d| d.days_since_epoch() * 86_400 + 43_200);
        let start = month_start(noon.unwrap_or_default());
        assert_eq!(paris_time::date_of(start).to_string(), "2026-11-01");
        assert_eq!(paris_time::date_of(start - 1).to_string(), "2026-10-31");
    }
}
