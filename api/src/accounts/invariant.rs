//! The money invariants. `ned-api verify-ledger` runs them; the tests run them after every
//! integration test. Each check is one query that lists what breaks it:
//! - every account's balances equal the sum of its entries, part by part;
//! - the held money equals the total of the orders still placed;
//! - no order line is refunded more than it cost, no order more than its total, and an order's
//!   `refunded_cents` is what the ledger gave back for it;
//! - a paid order has exactly one purchase, of its total; a placed or cancelled one has none;
//! - per operation and part, reversals and corrections stay within what the operation posted,
//!   in the opposite direction, and an operation is reversed at most once.

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

/// Order lines whose refunds exceed what they cost.
const LINE_REFUNDS: &str = "SELECT l.id AS what, CAST(l.quantity * l.unit_price_cents AS BIGINT) AS bound, \
    CAST(SUM(e.amount_cents) AS BIGINT) AS found FROM canteen_order_lines l \
    JOIN ledger_entries e ON e.line_id = l.id AND e.kind = 'canteen_refund' \
    GROUP BY l.id, l.quantity, l.unit_price_cents \
    HAVING SUM(e.amount_cents) > l.quantity * l.unit_price_cents";

/// Orders refunded more than their total, or whose refunded_cents disagrees with the ledger.
const ORDER_REFUNDS: &str = "SELECT o.id AS what, o.total_cents AS bound, o.refunded_cents AS kept, \
    CAST((SELECT COALESCE(SUM(e.amount_cents), 0) FROM ledger_entries e \
          WHERE e.order_id = o.id AND e.kind = 'canteen_refund') AS BIGINT) AS found \
    FROM canteen_orders o";

/// Orders whose purchase entries are not what their status says.
const ORDER_PURCHASES: &str = "SELECT o.id AS what, o.status, o.total_cents AS bound, \
    CAST((SELECT COALESCE(SUM(e.amount_cents), 0) FROM ledger_entries e \
          WHERE e.order_id = o.id AND e.kind = 'canteen_purchase') AS BIGINT) AS found, \
    CAST((SELECT COUNT(DISTINCT e.operation_id) FROM ledger_entries e \
          WHERE e.order_id = o.id AND e.kind = 'canteen_purchase') AS BIGINT) AS operations \
    FROM canteen_orders o";

/// Per operation and part, what reversals and corrections against it add up to.
const AGAINST: &str = "SELECT r.corrects_operation_id AS what, r.part, r.kind, \
    CAST(SUM(r.amount_cents) AS BIGINT) AS found, \
    CAST(COUNT(DISTINCT r.operation_id) AS BIGINT) AS operations, \
    CAST((SELECT COALESCE(SUM(p.amount_cents), 0) FROM ledger_entries p \
          WHERE p.operation_id = r.corrects_operation_id AND p.part = r.part) AS BIGINT) AS bound \
    FROM ledger_entries r WHERE r.corrects_operation_id IS NOT NULL \
    AND r.kind IN ('reversal', 'correction') GROUP BY r.corrects_operation_id, r.part, r.kind";

/// Every disagreement found, described for a person; empty when the books are right.
pub async fn violations(db: &Db) -> ApiResult<Vec<String>> {
    let mut found = balances(db).await?;
    found.extend(refunds(db).await?);
    found.extend(purchases(db).await?);
    found.extend(reversals(db).await?);
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

async fn balances(db: &Db) -> ApiResult<Vec<String>> {
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
                let source = if name == "held" {
                    "the placed orders say"
                } else {
                    "the ledger says"
                };
                found.push(format!("{id}: {name} is {kept} but {source} {summed}"));
            }
        }
    }
    Ok(found)
}

#[derive(sqlx::FromRow)]
struct Bounded {
    what: String,
    bound: i64,
    found: i64,
}

#[derive(sqlx::FromRow)]
struct OrderRefund {
    what: String,
    bound: i64,
    kept: i64,
    found: i64,
}

async fn refunds(db: &Db) -> ApiResult<Vec<String>> {
    let mut found = Vec::new();
    for l in sqlx::query_as::<_, Bounded>(LINE_REFUNDS)
        .fetch_all(&db.pool)
        .await?
    {
        found.push(format!(
            "order line {}: refunded {} but it cost {}",
            l.what, l.found, l.bound
        ));
    }
    for o in sqlx::query_as::<_, OrderRefund>(ORDER_REFUNDS)
        .fetch_all(&db.pool)
        .await?
    {
        if o.found > o.bound {
            found.push(format!(
                "order {}: refunded {} but its total is {}",
                o.what, o.found, o.bound
            ));
        }
        if o.found != o.kept {
            found.push(format!(
                "order {}: refunded_cents is {} but the ledger refunded {}",
                o.what, o.kept, o.found
            ));
        }
    }
    Ok(found)
}

#[derive(sqlx::FromRow)]
struct Purchase {
    what: String,
    status: String,
    bound: i64,
    found: i64,
    operations: i64,
}

async fn purchases(db: &Db) -> ApiResult<Vec<String>> {
    let mut found = Vec::new();
    for o in sqlx::query_as::<_, Purchase>(ORDER_PURCHASES)
        .fetch_all(&db.pool)
        .await?
    {
        let paid = !matches!(o.status.as_str(), "placed" | "cancelled");
        let (expected, operations) = if paid { (-o.bound, 1) } else { (0, 0) };
        if o.found != expected || o.operations != operations {
            found.push(format!(
                "order {} ({}): {} purchase(s) of {} in all, expected {operations} of {expected}",
                o.what, o.status, o.operations, o.found
            ));
        }
    }
    Ok(found)
}

#[derive(sqlx::FromRow)]
struct Against {
    what: String,
    part: String,
    kind: String,
    found: i64,
    operations: i64,
    bound: i64,
}

async fn reversals(db: &Db) -> ApiResult<Vec<String>> {
    let mut found = Vec::new();
    for a in sqlx::query_as::<_, Against>(AGAINST)
        .fetch_all(&db.pool)
        .await?
    {
        let within = a.found.unsigned_abs() <= a.bound.unsigned_abs() && a.bound != 0;
        let (what, part, kind) = (&a.what, &a.part, &a.kind);
        if !within {
            found.push(format!(
                "operation {what} ({part}): {kind}s add up to {} but it posted {}",
                a.found, a.bound
            ));
        }
        if kind == "reversal" {
            if a.operations > 1 {
                found.push(format!(
                    "operation {what} ({part}): reversed {} times",
                    a.operations
                ));
            }
            if a.found != -a.bound {
                found.push(format!(
                    "operation {what} ({part}): reversal of {} is not the opposite of {}",
                    a.found, a.bound
                ));
            }
        }
    }
    Ok(found)
}
