//! The accounts officer's routes: read an account, post a credit (split by the rules) or a
//! correction, and keep the split rules.

use axum::extract::State;
use axum::http::StatusCode;
use shared_types::Problem;
use shared_types::accounts::{
    AccountView, EntryKind, NewCorrection, NewCredit, NewReversal, OperationState, Part, Posted,
    Split, SplitRules, check_correction, reversal_of,
};
use shared_types::refusals::Refusal;
use shared_types::refusals::accounts::Accounts;
use shared_types::roles::Permission;
use shared_types::{ErrorCode, FieldError};
use sqlx::Row;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::ledger::{self, Operation, Posting};
use super::{history, split};
use crate::audit;
use crate::auth::agent::CurrentAgent;
use crate::db::Tx;
use crate::error::{ApiError, ApiResult};
use crate::http::client_ip::ClientIp;
use crate::http::json::ApiJson;
use crate::http::params::ApiPath;
use crate::state::AppState;

/// Console routes on accounts.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(read))
        .routes(routes!(credit))
        .routes(routes!(correct))
        .routes(routes!(reverse))
        .routes(routes!(rules, set_rules))
}

/// 404 unless the detainee belongs to the establishment.
async fn check_detainee<'e, E>(
    executor: E,
    establishment_id: &str,
    detainee_id: &str,
) -> ApiResult<()>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    let found = sqlx::query("SELECT id FROM detainees WHERE id = $1 AND establishment_id = $2")
        .bind(detainee_id)
        .bind(establishment_id)
        .fetch_optional(executor)
        .await?;
    found.map(|_| ()).ok_or(ApiError::NotFound)
}

/// How an operation's entries split between the parts.
async fn split_of(tx: &mut Tx, operation_id: &str) -> ApiResult<Split> {
    let rows = sqlx::query("SELECT part, amount_cents FROM ledger_entries WHERE operation_id = $1")
        .bind(operation_id)
        .fetch_all(&mut **tx)
        .await?;
    let mut split = Split {
        available_cents: 0,
        civil_parties_cents: 0,
        savings_cents: 0,
    };
    for r in rows {
        let amount: i64 = r.try_get("amount_cents")?;
        match Part::from_code(&r.try_get::<String, _>("part")?) {
            Some(Part::Available) => split.available_cents += amount,
            Some(Part::CivilParties) => split.civil_parties_cents += amount,
            Some(Part::Savings) => split.savings_cents += amount,
            None => return Err(ApiError::Internal("unknown ledger part".into())),
        }
    }
    Ok(split)
}

/// Answers a posting: 201 when written (audited, committed), 200 with the first result when
/// the idempotency key was already used.
async fn finish(
    mut tx: Tx,
    posting: Posting,
    agent: &CurrentAgent,
    ip: &ClientIp,
    establishment_id: &str,
    detainee_id: &str,
    action: &str,
) -> ApiResult<(StatusCode, axum::Json<Posted>)> {
    let (status, operation_id) = match posting {
        Posting::Written(id) => {
            audit::agent_action(
                &mut tx,
                &agent.id,
                ip.0.as_deref(),
                establishment_id,
                action,
                Some(&id),
            )
            .await?;
            (StatusCode::CREATED, id)
        }
        Posting::Replayed(id) => (StatusCode::OK, id),
    };
    let split = split_of(&mut tx, &operation_id).await?;
    let balances = ledger::balances(&mut *tx, detainee_id).await?;
    tx.commit().await?;
    Ok((
        status,
        axum::Json(Posted {
            operation_id,
            split,
            balances,
        }),
    ))
}

/// A detainee's account: balances and latest movements.
#[utoipa::path(get, path = "/establishments/{id}/accounts/{detainee_id}", tag = "agent",
    params(("id" = String, Path, description = "Establishment id"), ("detainee_id" = String, Path, description = "Detainee id")),
    responses((status = 200, body = AccountView), (status = 403, body = Problem), (status = 404, body = Problem)))]
async fn read(
    State(state): State<AppState>,
    agent: CurrentAgent,
    ApiPath((establishment_id, detainee_id)): ApiPath<(String, String)>,
) -> ApiResult<axum::Json<AccountView>> {
    agent.require(Permission::ManageAccounts, &establishment_id)?;
    check_detainee(&state.db.pool, &establishment_id, &detainee_id).await?;
    Ok(axum::Json(history::view(&state.db, &detainee_id).await?))
}

/// Post money received for a detainee; it is split between the parts by the establishment's
/// rules. Repeating the same idempotency key posts nothing more and answers the first result.
#[utoipa::path(post, path = "/establishments/{id}/accounts/{detainee_id}/credits", tag = "agent",
    params(("id" = String, Path, description = "Establishment id"), ("detainee_id" = String, Path, description = "Detainee id")),
    request_body = NewCredit,
    responses((status = 201, body = Posted), (status = 200, body = Posted), (status = 403, body = Problem),
              (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn credit(
    State(state): State<AppState>,
    agent: CurrentAgent,
    ip: ClientIp,
    ApiPath((establishment_id, detainee_id)): ApiPath<(String, String)>,
    ApiJson(form): ApiJson<NewCredit>,
) -> ApiResult<(StatusCode, axum::Json<Posted>)> {
    agent.require(Permission::ManageAccounts, &establishment_id)?;
    form.validate()?;
    let mut tx = state.db.begin().await?;
    check_detainee(&mut *tx, &establishment_id, &detainee_id).await?;
    // Lock first: two credits at once must see each other's month total.
    ledger::lock_account(&mut tx, &detainee_id, &establishment_id).await?;
    let rules = split::load(&mut *tx, &establishment_id).await?;
    let month = split::levied_this_month(&mut tx, &detainee_id, &rules).await?;
    let savings = ledger::balances(&mut *tx, &detainee_id)
        .await?
        .savings_cents;
    let parts = rules.split(form.kind, form.amount_cents, month, savings);
    let label = match form.label.trim() {
        "" => default_label(form.kind.into()),
        given => given,
    };
    let posting = ledger::post(
        &mut tx,
        Operation {
            detainee_id: &detainee_id,
            establishment_id: &establishment_id,
            kind: form.kind.into(),
            label,
            entries: vec![
                (Part::Available, parts.available_cents),
                (Part::CivilParties, parts.civil_parties_cents),
                (Part::Savings, parts.savings_cents),
            ],
            order_id: None,
            corrects_operation_id: None,
            agent_id: Some(&agent.id),
            idempotency_key: Some(form.idempotency_key.trim()),
            line_id: None,
            cause: None,
        },
    )
    .await?;
    let action = "account.credited";
    finish(
        tx,
        posting,
        &agent,
        &ip,
        &establishment_id,
        &detainee_id,
        action,
    )
    .await
}

/// Correct one part of an account with a new entry (never an edit). Taking a part below zero,
/// or the available part below what orders hold, is refused.
#[utoipa::path(post, path = "/establishments/{id}/accounts/{detainee_id}/corrections", tag = "agent",
    params(("id" = String, Path, description = "Establishment id"), ("detainee_id" = String, Path, description = "Detainee id")),
    request_body = NewCorrection,
    responses((status = 201, body = Posted), (status = 200, body = Posted), (status = 403, body = Problem),
              (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
async fn correct(
    State(state): State<AppState>,
    agent: CurrentAgent,
    ip: ClientIp,
    ApiPath((establishment_id, detainee_id)): ApiPath<(String, String)>,
    ApiJson(form): ApiJson<NewCorrection>,
) -> ApiResult<(StatusCode, axum::Json<Posted>)> {
    agent.require(Permission::ManageAccounts, &establishment_id)?;
    form.validate()?;
    let mut tx = state.db.begin().await?;
    check_detainee(&mut *tx, &establishment_id, &detainee_id).await?;
    let corrects = form.corrects_operation_id.as_deref().map(str::trim);
    if let Some(op) = corrects {
        // Locked first: a reversal or another correction of the same operation waits its turn.
        ledger::lock_account(&mut tx, &detainee_id, &establishment_id).await?;
        if replayed(&mut tx, &detainee_id, form.idempotency_key.trim())
            .await?
            .is_none()
        {
            let Some(state) = load_operation(&mut tx, &detainee_id, op).await? else {
                return Err(ApiError::Validation(vec![FieldError::new(
                    "corrects_operation_id",
                    ErrorCode::InvalidFormat,
                )]));
            };
            check_correction(&state, form.part, form.amount_cents).map_err(refusal)?;
        }
    }
    let posting = ledger::post(
        &mut tx,
        Operation {
            detainee_id: &detainee_id,
            establishment_id: &establishment_id,
            kind: EntryKind::Correction,
            label: form.reason.trim(),
            entries: vec![(form.part, form.amount_cents)],
            order_id: None,
            corrects_operation_id: corrects,
            agent_id: Some(&agent.id),
            idempotency_key: Some(form.idempotency_key.trim()),
            line_id: None,
            cause: None,
        },
    )
    .await?;
    let action = "account.corrected";
    finish(
        tx,
        posting,
        &agent,
        &ip,
        &establishment_id,
        &detainee_id,
        action,
    )
    .await
}

#[derive(sqlx::FromRow)]
struct EntryRow {
    kind: String,
    part: String,
    amount_cents: i64,
}

fn part_of(code: &str) -> ApiResult<Part> {
    Part::from_code(code).ok_or_else(|| ApiError::Internal(format!("ledger part {code}")))
}

/// An operation of this detainee as posted, with its reversal and the corrections against it;
/// `None` when the detainee has no such operation.
async fn load_operation(
    tx: &mut Tx,
    detainee_id: &str,
    operation_id: &str,
) -> ApiResult<Option<OperationState>> {
    let entries = sqlx::query_as::<_, EntryRow>(
        "SELECT kind, part, amount_cents FROM ledger_entries \
         WHERE operation_id = $1 AND detainee_id = $2",
    )
    .bind(operation_id)
    .bind(detainee_id)
    .fetch_all(&mut **tx)
    .await?;
    let Some(first) = entries.first() else {
        return Ok(None);
    };
    let kind = EntryKind::from_code(&first.kind)
        .ok_or_else(|| ApiError::Internal(format!("entry kind {}", first.kind)))?;
    let against = sqlx::query_as::<_, EntryRow>(
        "SELECT kind, part, amount_cents FROM ledger_entries WHERE corrects_operation_id = $1",
    )
    .bind(operation_id)
    .fetch_all(&mut **tx)
    .await?;
    let mut corrections = Vec::new();
    let mut reversed = false;
    for e in &against {
        match EntryKind::from_code(&e.kind) {
            Some(EntryKind::Reversal) => reversed = true,
            Some(EntryKind::Correction) => corrections.push((part_of(&e.part)?, e.amount_cents)),
            _ => {}
        }
    }
    Ok(Some(OperationState {
        kind,
        entries: entries
            .iter()
            .map(|e| Ok((part_of(&e.part)?, e.amount_cents)))
            .collect::<ApiResult<_>>()?,
        reversed,
        corrections,
    }))
}

/// The operation already posted under this idempotency key, if any.
async fn replayed(tx: &mut Tx, detainee_id: &str, key: &str) -> ApiResult<Option<String>> {
    Ok(sqlx::query_scalar(
        "SELECT id FROM account_operations WHERE detainee_id = $1 AND idempotency_key = $2",
    )
    .bind(detainee_id)
    .bind(key)
    .fetch_optional(&mut **tx)
    .await?)
}

/// The 409 for a refused reversal or correction.
fn refusal(r: Accounts) -> ApiError {
    let detail = match r {
        Accounts::AlreadyReversed => "Cette opération a déjà été annulée : rien n'a été inscrit.",
        Accounts::NotReversible => {
            "Seul un versement (mandat, salaire, aide) s'annule ainsi ; un achat ou un \
             remboursement suit sa commande, une correction se corrige par une autre."
        }
        Accounts::CorrectionOutOfBounds => {
            "Une correction porte sur une part que l'opération a touchée, et ne dépasse pas ce \
             qu'elle y a inscrit."
        }
        other => other.meaning(),
    };
    ApiError::conflict(r, detail)
}

/// Reverse an operation posted by mistake: its exact opposite is posted, once, on every part it
/// touched. The reversed money no longer counts toward the month's levy. A second reversal is
/// refused (409 `operation.already_reversed`); the same idempotency key answers the first.
#[utoipa::path(post, path = "/establishments/{id}/accounts/{detainee_id}/operations/{operation_id}/reversal", tag = "agent",
    params(("id" = String, Path, description = "Establishment id"), ("detainee_id" = String, Path, description = "Detainee id"),
           ("operation_id" = String, Path, description = "Operation to reverse")),
    request_body = NewReversal,
    responses((status = 201, body = Posted), (status = 200, body = Posted), (status = 403, body = Problem),
              (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
async fn reverse(
    State(state): State<AppState>,
    agent: CurrentAgent,
    ip: ClientIp,
    ApiPath((establishment_id, detainee_id, operation_id)): ApiPath<(String, String, String)>,
    ApiJson(form): ApiJson<NewReversal>,
) -> ApiResult<(StatusCode, axum::Json<Posted>)> {
    agent.require(Permission::ManageAccounts, &establishment_id)?;
    form.validate()?;
    let key = form.idempotency_key.trim();
    let mut tx = state.db.begin().await?;
    check_detainee(&mut *tx, &establishment_id, &detainee_id).await?;
    // Locked first: two reversals at once run one after the other, the second sees the first.
    ledger::lock_account(&mut tx, &detainee_id, &establishment_id).await?;
    if let Some(first) = replayed(&mut tx, &detainee_id, key).await? {
        let posting = Posting::Replayed(first);
        return finish(
            tx,
            posting,
            &agent,
            &ip,
            &establishment_id,
            &detainee_id,
            "",
        )
        .await;
    }
    let op = load_operation(&mut tx, &detainee_id, &operation_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let entries = reversal_of(&op).map_err(refusal)?;
    let label = format!("Annulation : {}", form.reason.trim());
    let cause = format!("reversal:{operation_id}");
    let posting = ledger::post(
        &mut tx,
        Operation {
            detainee_id: &detainee_id,
            establishment_id: &establishment_id,
            kind: EntryKind::Reversal,
            label: &label,
            entries,
            order_id: None,
            corrects_operation_id: Some(&operation_id),
            agent_id: Some(&agent.id),
            idempotency_key: Some(key),
            line_id: None,
            cause: Some(&cause),
        },
    )
    .await
    .map_err(|e| match e {
        ApiError::Conflict { code, .. } if code == Accounts::Duplicate.code() => {
            refusal(Accounts::AlreadyReversed)
        }
        other => other,
    })?;
    finish(
        tx,
        posting,
        &agent,
        &ip,
        &establishment_id,
        &detainee_id,
        "account.reversed",
    )
    .await
}

/// The label shown when the officer gives none.
fn default_label(kind: EntryKind) -> &'static str {
    match kind {
        EntryKind::FamilyTransfer => "Argent envoyé par un proche",
        EntryKind::Wages => "Salaire",
        EntryKind::Allowance => "Aide mensuelle",
        EntryKind::CanteenPurchase => "Achat cantine",
        EntryKind::CanteenRefund => "Remboursement cantine",
        EntryKind::Correction => "Correction",
        EntryKind::Reversal => "Annulation",
    }
}

/// How incoming money is split in this establishment.
#[utoipa::path(get, path = "/establishments/{id}/account-rules", tag = "agent",
    params(("id" = String, Path, description = "Establishment id")),
    responses((status = 200, body = SplitRules), (status = 403, body = Problem)))]
async fn rules(
    State(state): State<AppState>,
    agent: CurrentAgent,
    ApiPath(establishment_id): ApiPath<String>,
) -> ApiResult<axum::Json<SplitRules>> {
    agent.require(Permission::ManageAccounts, &establishment_id)?;
    Ok(axum::Json(
        split::load(&state.db.pool, &establishment_id).await?,
    ))
}

/// Change how incoming money is split (applies to credits posted from now on).
#[utoipa::path(put, path = "/establishments/{id}/account-rules", tag = "agent",
    params(("id" = String, Path, description = "Establishment id")),
    request_body = SplitRules,
    responses((status = 200, body = SplitRules), (status = 403, body = Problem), (status = 422, body = Problem)))]
async fn set_rules(
    State(state): State<AppState>,
    agent: CurrentAgent,
    ip: ClientIp,
    ApiPath(establishment_id): ApiPath<String>,
    ApiJson(form): ApiJson<SplitRules>,
) -> ApiResult<axum::Json<SplitRules>> {
    agent.require(Permission::ManageAccounts, &establishment_id)?;
    form.validate()?;
    let mut tx = state.db.begin().await?;
    split::save(&mut tx, &establishment_id, &form, &agent.id).await?;
    audit::agent_action(
        &mut tx,
        &agent.id,
        ip.0.as_deref(),
        &establishment_id,
        "account.rules_changed",
        None,
    )
    .await?;
    tx.commit().await?;
    Ok(axum::Json(form))
}
