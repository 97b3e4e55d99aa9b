//! Reading an account: balances and the latest movements.

use shared_types::accounts::{AccountView, EntryKind, LedgerLine, Part};
use sqlx::Row;

use crate::db::Db;
use crate::error::{ApiError, ApiResult};

/// Most movements returned at once.
pub const HISTORY_LIMIT: i64 = 200;

/// The account of a detainee (zero balances when no money ever moved).
pub async fn view(db: &Db, detainee_id: &str) -> ApiResult<AccountView> {
    let balances = super::ledger::balances(&db.pool, detainee_id).await?;
    let rows = sqlx::query(
        "SELECT id, operation_id, created_at, part, kind, amount_cents, label, order_id, \
         corrects_operation_id FROM ledger_entries WHERE detainee_id = $1 \
         ORDER BY created_at DESC, id DESC LIMIT $2",
    )
    .bind(detainee_id)
    .bind(HISTORY_LIMIT)
    .fetch_all(&db.pool)
    .await?;
    let history = rows
        .iter()
        .map(|r| {
            let part: String = r.try_get("part")?;
            let kind: String = r.try_get("kind")?;
            Ok(LedgerLine {
                id: r.try_get("id")?,
                operation_id: r.try_get("operation_id")?,
                at: r.try_get("created_at")?,
                part: Part::from_code(&part)
                    .ok_or_else(|| ApiError::Internal(format!("part {part}")))?,
                kind: EntryKind::from_code(&kind)
                    .ok_or_else(|| ApiError::Internal(format!("entry kind {kind}")))?,
                amount_cents: r.try_get("amount_cents")?,
                label: r.try_get("label")?,
                order_id: r.try_get("order_id")?,
                corrects_operation_id: r.try_get("corrects_operation_id")?,
            })
        })
        .collect::<ApiResult<Vec<_>>>()?;
    Ok(AccountView {
        detainee_id: detainee_id.to_owned(),
        balances,
        history,
    })
}
