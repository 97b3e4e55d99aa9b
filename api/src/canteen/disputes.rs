//! Disputes: a detainee contests a delivered line within the set delay; the canteen manager
//! answers, and an accepted dispute is refunded.

use axum::extract::State;
use axum::http::StatusCode;
use shared_types::Problem;
use shared_types::canteen::delivery::{
    Dispute, DisputeAnswer, DisputeCase, DisputeStatus, NewDispute,
};
use shared_types::canteen::orders::Order;
use shared_types::roles::Permission;
use sqlx::Row;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::delivery::settle_if_complete;
use super::orders::read;
use super::windows;
use crate::accounts::ledger;
use crate::audit::{self, ActorKind, Event};
use crate::auth::agent::CurrentAgent;
use crate::auth::detainee::CurrentDetainee;
use crate::db::{Tx, new_id, now};
use crate::error::{ApiError, ApiResult};
use crate::http::client_ip::ClientIp;
use crate::http::json::ApiJson;
use crate::http::params::ApiPath;
use crate::state::AppState;

/// Detainee-portal route.
pub fn detainee_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(open))
}

/// Console routes.
pub fn agent_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list))
        .routes(routes!(answer))
}

/// Contest a delivered line ("il manquait un paquet", "produit abîmé"), within the delay.
#[utoipa::path(post, path = "/canteen/orders/{id}/lines/{line_id}/dispute", tag = "detainee",
    params(("id" = String, Path, description = "Order id"), ("line_id" = String, Path, description = "Line id")),
    request_body = NewDispute,
    responses((status = 201, body = Order), (status = 401, body = Problem), (status = 404, body = Problem),
              (status = 409, body = Problem), (status = 422, body = Problem)))]
async fn open(
    State(state): State<AppState>,
    detainee: CurrentDetainee,
    ip: ClientIp,
    ApiPath((order_id, line_id)): ApiPath<(String, String)>,
    ApiJson(form): ApiJson<NewDispute>,
) -> ApiResult<(StatusCode, axum::Json<Order>)> {
    form.validate()?;
    let days = windows::settings(&state.db.pool, &detainee.establishment_id)
        .await?
        .dispute_days;
    let mut tx = state.db.begin().await?;
    let row = sqlx::query(
        "SELECT l.recorded_at FROM canteen_order_lines l JOIN canteen_orders o ON o.id = l.order_id \
         WHERE l.id = $1 AND o.id = $2 AND o.detainee_id = $3",
    )
    .bind(&line_id)
    .bind(&order_id)
    .bind(&detainee.id)
    .fetch_optional(&mut *tx)
    .await?
    .ok_or(ApiError::NotFound)?;
    let recorded_at: Option<i64> = row.try_get("recorded_at")?;
    let Some(recorded_at) = recorded_at else {
        return Err(ApiError::conflict(
            shared_types::refusals::canteen::Canteen::DisputeNotDisputable,
            "Ce produit n'est pas encore livré : vous pourrez le contester après la livraison.",
        ));
    };
    if now() >= recorded_at + i64::from(days) * 86_400 {
        return Err(ApiError::conflict(
            shared_types::refusals::canteen::Canteen::DisputeTooLate,
            format!("Le délai pour contester est passé ({days} jours après la livraison)."),
        ));
    }
    let id = new_id();
    let inserted = sqlx::query(
        "INSERT INTO canteen_disputes (id, line_id, order_id, detainee_id, establishment_id, \
         message, status, created_at) VALUES ($1, $2, $3, $4, $5, $6, 'open', $7) \
         ON CONFLICT (line_id) DO NOTHING",
    )
    .bind(&id)
    .bind(&line_id)
    .bind(&order_id)
    .bind(&detainee.id)
    .bind(&detainee.establishment_id)
    .bind(form.message.trim())
    .bind(now())
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if inserted == 0 {
        return Err(ApiError::conflict(
            shared_types::refusals::canteen::Canteen::DisputeExists,
            "Vous avez déjà contesté ce produit. La réponse s'affichera ici.",
        ));
    }
    audit::record(
        &mut tx,
        Event::new(
            ActorKind::Detainee,
            Some(&detainee.id),
            "canteen.dispute_opened",
            ip.0.as_deref(),
        )
        .establishment(&detainee.establishment_id)
        .target(&id),
    )
    .await?;
    tx.commit().await?;
    let order = read::load(&state.db, &detainee.id, &order_id).await?;
    Ok((StatusCode::CREATED, axum::Json(order)))
}

const CASE_SQL: &str = "SELECT d.id, d.status, d.message, d.answer, d.refund_cents, d.created_at, \
    d.answered_at, d.order_id, d.line_id, d.detainee_id, d.establishment_id, l.product_name, \
    l.quantity, l.unit_price_cents, l.refund_cents AS line_refund, p.registration_number, \
    p.first_name, p.last_name FROM canteen_disputes d \
    JOIN canteen_order_lines l ON l.id = d.line_id JOIN detainees p ON p.id = d.detainee_id";

fn case(r: &sqlx::any::AnyRow) -> ApiResult<DisputeCase> {
    let status: String = r.try_get("status")?;
    let quantity: i64 = r.try_get("quantity")?;
    let price: i64 = r.try_get("unit_price_cents")?;
    let line_refund: i64 = r.try_get("line_refund")?;
    let (first, last): (String, String) = (r.try_get("first_name")?, r.try_get("last_name")?);
    Ok(DisputeCase {
        dispute: Dispute {
            id: r.try_get("id")?,
            status: DisputeStatus::from_code(&status)
                .ok_or_else(|| ApiError::Internal(format!("dispute {status}")))?,
            message: r.try_get("message")?,
            answer: r.try_get("answer")?,
            refund_cents: r.try_get("refund_cents")?,
            created_at: r.try_get("created_at")?,
            answered_at: r.try_get("answered_at")?,
        },
        order_id: r.try_get("order_id")?,
        line_id: r.try_get("line_id")?,
        product_name: r.try_get("product_name")?,
        quantity: u32::try_from(quantity).unwrap_or(0),
        unit_price_cents: price,
        refundable_cents: (quantity * price - line_refund).max(0),
        detainee_name: format!("{first} {last}"),
        registration_number: r.try_get("registration_number")?,
    })
}

/// Disputes of the establishment: open ones first (oldest first), then the last answered.
#[utoipa::path(get, path = "/establishments/{id}/canteen/disputes", tag = "agent",
    params(("id" = String, Path, description = "Establishment id")),
    responses((status = 200, body = Vec<DisputeCase>), (status = 403, body = Problem)))]
async fn list(
    State(state): State<AppState>,
    agent: CurrentAgent,
    ApiPath(establishment_id): ApiPath<String>,
) -> ApiResult<axum::Json<Vec<DisputeCase>>> {
    agent.require(Permission::ManageCanteen, &establishment_id)?;
    let rows = sqlx::query(&format!(
        "{CASE_SQL} WHERE d.establishment_id = $1 \
         ORDER BY CASE WHEN d.status = 'open' THEN 0 ELSE 1 END, \
         CASE WHEN d.status = 'open' THEN d.created_at ELSE -d.created_at END LIMIT 100"
    ))
    .bind(&establishment_id)
    .fetch_all(&state.db.pool)
    .await?;
    Ok(axum::Json(
        rows.iter().map(case).collect::<ApiResult<Vec<_>>>()?,
    ))
}

async fn load_case(tx: &mut Tx, establishment_id: &str, id: &str) -> ApiResult<DisputeCase> {
    let row = sqlx::query(&format!(
        "{CASE_SQL} WHERE d.id = $1 AND d.establishment_id = $2"
    ))
    .bind(id)
    .bind(establishment_id)
    .fetch_optional(&mut **tx)
    .await?
    .ok_or(ApiError::NotFound)?;
    case(&row)
}

/// Answer a dispute; accepting it refunds the amount given (at most what the line can still
/// give back).
#[utoipa::path(post, path = "/establishments/{id}/canteen/disputes/{dispute_id}/answer", tag = "agent",
    params(("id" = String, Path, description = "Establishment id"), ("dispute_id" = String, Path, description = "Dispute id")),
    request_body = DisputeAnswer,
    responses((status = 200, body = DisputeCase), (status = 403, body = Problem), (status = 404, body = Problem),
              (status = 409, body = Problem), (status = 422, body = Problem)))]
async fn answer(
    State(state): State<AppState>,
    agent: CurrentAgent,
    ip: ClientIp,
    ApiPath((establishment_id, dispute_id)): ApiPath<(String, String)>,
    ApiJson(form): ApiJson<DisputeAnswer>,
) -> ApiResult<axum::Json<DisputeCase>> {
    agent.require(Permission::ManageCanteen, &establishment_id)?;
    let mut tx = state.db.begin().await?;
    let before = load_case(&mut tx, &establishment_id, &dispute_id).await?;
    form.validate(before.refundable_cents)?;
    let status = if form.accept {
        DisputeStatus::Accepted
    } else {
        DisputeStatus::Rejected
    };
    let changed = sqlx::query(
        "UPDATE canteen_disputes SET status = $1, answer = $2, refund_cents = $3, answered_by = $4, \
         answered_at = $5 WHERE id = $6 AND status = 'open'",
    )
    .bind(status.code())
    .bind(form.answer.trim())
    .bind(form.refund_cents)
    .bind(&agent.id)
    .bind(now())
    .bind(&dispute_id)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if changed == 0 {
        return Err(ApiError::conflict(
            shared_types::refusals::canteen::Canteen::DisputeAnswered,
            "Cette contestation a déjà une réponse.",
        ));
    }
    if form.accept {
        let detainee_id: String =
            sqlx::query_scalar("SELECT detainee_id FROM canteen_disputes WHERE id = $1")
                .bind(&dispute_id)
                .fetch_one(&mut *tx)
                .await?;
        let label = format!("Remboursement cantine : {}", before.product_name);
        let cause = format!("dispute:{}", before.line_id);
        ledger::refund(
            &mut tx,
            &detainee_id,
            &establishment_id,
            ledger::RefundFor {
                order_id: &before.order_id,
                line_id: &before.line_id,
                cause: &cause,
            },
            form.refund_cents,
            &label,
        )
        .await?;
        sqlx::query(
            "UPDATE canteen_order_lines SET refund_cents = refund_cents + $1 WHERE id = $2",
        )
        .bind(form.refund_cents)
        .bind(&before.line_id)
        .execute(&mut *tx)
        .await?;
        sqlx::query("UPDATE canteen_orders SET refunded_cents = refunded_cents + $1 WHERE id = $2")
            .bind(form.refund_cents)
            .bind(&before.order_id)
            .execute(&mut *tx)
            .await?;
        settle_if_complete(&mut tx, &before.order_id).await?;
    }
    audit::agent_action(
        &mut tx,
        &agent.id,
        ip.0.as_deref(),
        &establishment_id,
        "canteen.dispute_answered",
        Some(&dispute_id),
    )
    .await?;
    let after = load_case(&mut tx, &establishment_id, &dispute_id).await?;
    tx.commit().await?;
    Ok(axum::Json(after))
}
