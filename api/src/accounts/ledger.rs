//! Writing to the ledger. Every function runs inside the caller's transaction and keeps the
//! account's balance columns in step with the entries it inserts; a refusal leaves the
//! transaction to be rolled back by the caller, so nothing is half-written.

use shared_types::accounts::{Balances, EntryKind, Part};
use sqlx::Row;

use shared_types::refusals::accounts::Accounts;

use crate::db::{Tx, new_id, now};
use crate::error::{ApiError, ApiResult};

/// The refusal when spendable money does not cover an amount.
pub fn insufficient() -> ApiError {
    ApiError::conflict(
        Accounts::Insufficient,
        "Le solde disponible ne suffit pas. Retirez des articles ou attendez un prochain versement.",
    )
}

fn column(part: Part) -> &'static str {
    match part {
        Part::Available => "available_cents",
        Part::CivilParties => "civil_parties_cents",
        Part::Savings => "savings_cents",
    }
}

/// Creates the detainee's account if it does not exist yet, then locks its row for the rest of
/// the transaction (PostgreSQL row lock; SQLite's write transaction is already exclusive), so
/// what the caller reads next cannot change under it.
pub async fn lock_account(tx: &mut Tx, detainee_id: &str, establishment_id: &str) -> ApiResult<()> {
    let at = now();
    sqlx::query(
        "INSERT INTO accounts (detainee_id, establishment_id, updated_at) VALUES ($1, $2, $3) \
         ON CONFLICT (detainee_id) DO NOTHING",
    )
    .bind(detainee_id)
    .bind(establishment_id)
    .bind(at)
    .execute(&mut **tx)
    .await?;
    sqlx::query("UPDATE accounts SET updated_at = $1 WHERE detainee_id = $2")
        .bind(at)
        .bind(detainee_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// The account's balances (zero when no money ever moved), read with `executor`: the pool, or
/// a transaction to see its own writes.
pub async fn balances<'e, E>(executor: E, detainee_id: &str) -> ApiResult<Balances>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    let row = sqlx::query(
        "SELECT available_cents, held_cents, civil_parties_cents, savings_cents FROM accounts \
         WHERE detainee_id = $1",
    )
    .bind(detainee_id)
    .fetch_optional(executor)
    .await?;
    Ok(match row {
        Some(r) => Balances::new(
            r.try_get("available_cents")?,
            r.try_get("held_cents")?,
            r.try_get("civil_parties_cents")?,
            r.try_get("savings_cents")?,
        ),
        None => Balances::new(0, 0, 0, 0),
    })
}

/// An operation to write: its entries share one id.
pub struct Operation<'a> {
    pub detainee_id: &'a str,
    pub establishment_id: &'a str,
    pub kind: EntryKind,
    pub label: &'a str,
    pub entries: Vec<(Part, i64)>,
    pub order_id: Option<&'a str>,
    pub corrects_operation_id: Option<&'a str>,
    pub agent_id: Option<&'a str>,
    pub idempotency_key: Option<&'a str>,
    /// The order line a canteen refund gives money back for.
    pub line_id: Option<&'a str>,
    /// What caused it (`delivery:<line>`, `dispute:<line>`, `reversal:<operation>`): the
    /// database takes one entry per cause and part, so a second one is refused.
    pub cause: Option<&'a str>,
}

/// Whether a database error is a unique constraint refusing a second row.
pub fn is_unique_violation(e: &sqlx::Error) -> bool {
    matches!(e, sqlx::Error::Database(d) if d.is_unique_violation())
}

/// What `post` did.
pub enum Posting {
    /// Written now, under this operation id.
    Written(String),
    /// The idempotency key was used before: that operation's id, nothing written.
    Replayed(String),
}

/// Writes an operation. A movement that would take a part below zero, or the available part
/// below what is held, is refused with 409 (the caller's transaction must then be dropped).
pub async fn post(tx: &mut Tx, op: Operation<'_>) -> ApiResult<Posting> {
    let id = new_id();
    let at = now();
    let inserted = sqlx::query(
        "INSERT INTO account_operations (id, detainee_id, idempotency_key, created_at) \
         VALUES ($1, $2, $3, $4) ON CONFLICT (detainee_id, idempotency_key) DO NOTHING",
    )
    .bind(&id)
    .bind(op.detainee_id)
    .bind(op.idempotency_key)
    .bind(at)
    .execute(&mut **tx)
    .await?
    .rows_affected();
    if inserted == 0 {
        let existing: String = sqlx::query_scalar(
            "SELECT id FROM account_operations WHERE detainee_id = $1 AND idempotency_key = $2",
        )
        .bind(op.detainee_id)
        .bind(op.idempotency_key)
        .fetch_one(&mut **tx)
        .await?;
        return Ok(Posting::Replayed(existing));
    }
    lock_account(tx, op.detainee_id, op.establishment_id).await?;
    for (part, amount) in op.entries.iter().copied().filter(|(_, a)| *a != 0) {
        let col = column(part);
        // The floor is what the part may not go below: the held money for the available part.
        let floor = if part == Part::Available {
            "held_cents"
        } else {
            "0"
        };
        let sql = format!(
            "UPDATE accounts SET {col} = {col} + $1, updated_at = $2 \
             WHERE detainee_id = $3 AND {col} + $1 >= {floor}"
        );
        let changed = sqlx::query(&sql)
            .bind(amount)
            .bind(at)
            .bind(op.detainee_id)
            .execute(&mut **tx)
            .await?
            .rows_affected();
        if changed == 0 {
            return Err(insufficient());
        }
        sqlx::query(
            "INSERT INTO ledger_entries (id, operation_id, detainee_id, establishment_id, part, \
             amount_cents, kind, label, order_id, corrects_operation_id, agent_id, created_at, \
             line_id, cause) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
        )
        .bind(new_id())
        .bind(&id)
        .bind(op.detainee_id)
        .bind(op.establishment_id)
        .bind(part.code())
        .bind(amount)
        .bind(op.kind.code())
        .bind(op.label)
        .bind(op.order_id)
        .bind(op.corrects_operation_id)
        .bind(op.agent_id)
        .bind(at)
        .bind(op.line_id)
        .bind(op.cause)
        .execute(&mut **tx)
        .await
        .map_err(|e| {
            if is_unique_violation(&e) {
                ApiError::conflict(
                    Accounts::Duplicate,
                    "Ce mouvement d'argent a déjà été fait : rechargez la page.",
                )
            } else {
                e.into()
            }
        })?;
    }
    Ok(Posting::Written(id))
}

/// Holds `amount` of the spendable money, in one conditional update: false when it does not fit.
pub async fn hold(tx: &mut Tx, detainee_id: &str, amount: i64) -> ApiResult<bool> {
    let changed = sqlx::query(
        "UPDATE accounts SET held_cents = held_cents + $1, updated_at = $2 \
         WHERE detainee_id = $3 AND available_cents - held_cents >= $1",
    )
    .bind(amount)
    .bind(now())
    .bind(detainee_id)
    .execute(&mut **tx)
    .await?
    .rows_affected();
    Ok(changed == 1)
}

/// Frees `amount` of held money (an order cancelled or made smaller).
pub async fn release(tx: &mut Tx, detainee_id: &str, amount: i64) -> ApiResult<()> {
    let changed = sqlx::query(
        "UPDATE accounts SET held_cents = held_cents - $1, updated_at = $2 \
         WHERE detainee_id = $3 AND held_cents >= $1",
    )
    .bind(amount)
    .bind(now())
    .bind(detainee_id)
    .execute(&mut **tx)
    .await?
    .rows_affected();
    if changed == 0 {
        return Err(ApiError::Internal(format!(
            "release of {amount} exceeds the hold of {detainee_id}"
        )));
    }
    Ok(())
}

/// Turns a hold into a payment: the purchase entry, and the held money leaves the account.
pub async fn capture(
    tx: &mut Tx,
    detainee_id: &str,
    establishment_id: &str,
    order_id: &str,
    amount: i64,
    label: &str,
) -> ApiResult<()> {
    release(tx, detainee_id, amount).await?;
    let op = Operation {
        detainee_id,
        establishment_id,
        kind: EntryKind::CanteenPurchase,
        label,
        entries: vec![(Part::Available, -amount)],
        order_id: Some(order_id),
        corrects_operation_id: None,
        agent_id: None,
        idempotency_key: None,
        line_id: None,
        cause: None,
    };
    post(tx, op).await?;
    Ok(())
}

/// What a canteen refund is for.
pub struct RefundFor<'a> {
    pub order_id: &'a str,
    pub line_id: &'a str,
    /// `delivery:<line>` or `dispute:<line>`: one refund per cause.
    pub cause: &'a str,
}

/// Gives back `amount` for an order line (missing line, cheaper substitute, accepted dispute),
/// once per cause.
pub async fn refund(
    tx: &mut Tx,
    detainee_id: &str,
    establishment_id: &str,
    what: RefundFor<'_>,
    amount: i64,
    label: &str,
) -> ApiResult<()> {
    if amount <= 0 {
        return Ok(());
    }
    let op = Operation {
        detainee_id,
        establishment_id,
        kind: EntryKind::CanteenRefund,
        label,
        entries: vec![(Part::Available, amount)],
        order_id: Some(what.order_id),
        corrects_operation_id: None,
        agent_id: None,
        idempotency_key: None,
        line_id: Some(what.line_id),
        cause: Some(what.cause),
    };
    post(tx, op).await?;
    Ok(())
}
