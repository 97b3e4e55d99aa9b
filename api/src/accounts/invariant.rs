//! The ledger invariant: every account's balances equal the sum of its entries, and the held
//! money equals the total of the orders still placed. `ned-api verify-ledger` runs it; the
//! tests run it after every money test.

use sqlx::Row;

use crate::db::Db;
use crate::error::ApiResult;

const SUMS: &str = "SELECT a.detainee_id, a.available_cents, a.civil_parties_cents, \
    a.savings_cents, a.held_cents, \
    CAST((SELECT COALESCE(SUM(e.amount_cents), 0) FROM ledger_entries e \
          WHERE e.detainee_id = a.detainee_id AND e.part = 'available') AS BIGINT) AS l_available, \
    CAST((SELECT COALESCE(SUM(e.amount_cents), 0) FROM ledger_entries e \
          WHERE e.detainee_id = a.detainee_id AND e.part = 'civil_parties') AS BIGINT) AS l_civil, \
    CAST((SELECT COALESCE(SUM(e.amount_cents), 0) FROM ledger_entries e \
          WHERE e.detainee_id = a.detainee_id AND e.part = 'savings') AS BIGINT) AS l_savings, \
    CAST((SELECT COALESCE(SUM(o.total_cents), 0) FROM canteen_orders o \
          WHERE o.detainee_id = a.detainee_id AND o.status = 'placed') AS BIGINT) AS placed \
    FROM accounts a";

/// Every disagreement found, described for a person; empty when the books are right.
pub async fn violations(db: &Db) -> ApiResult<Vec<String>> {
    let mut found = Vec::new();
    for r in sqlx::query(SUMS).fetch_all(&db.pool).await? {
        let id: String = r.try_get("detainee_id")?;
        let pairs = [
            ("available", "available_cents", "l_available"),
            ("civil parties", "civil_parties_cents", "l_civil"),
            ("savings", "savings_cents", "l_savings"),
            ("held", "held_cents", "placed"),
        ];
        for (name, kept, summed) in pairs {
            let (kept, summed): (i64, i64) = (r.try_get(kept)?, r.try_get(summed)?);
            if kept != summed {
                found.push(format!(
                    "{id}: {name} is {kept} but the ledger says {summed}"
                ));
            }
        }
    }
    let orphans: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM ledger_entries e WHERE NOT EXISTS \
         (SELECT 1 FROM accounts a WHERE a.detainee_id = e.detainee_id)",
    )
    .fetch_one(&db.pool)
    .await?;
    if orphans > 0 {
        found.push(format!("{orphans} ledger entries have no account"));
    }
    Ok(found)
}
