//! What a partner does each week: list the closed windows of its establishments, read what to
//! prepare and deliver, post the delivery results.

use axum::extract::State;
use shared_types::Problem;
use shared_types::canteen::delivery::{ConsolidatedLine, DeliveryBatch};
use shared_types::canteen::partner::{DeliveryOrder, PartnerWindow};
use utoipa_axum::{router::OpenApiRouter, routes};

use super::Partner;
use crate::audit::{self, ActorKind, Event};
use crate::canteen::delivery::{self, Recorded, Recorder};
use crate::canteen::windows::{self, WINDOW_COLUMNS};
use crate::db::{Db, now};
use crate::error::{ApiError, ApiResult};
use crate::http::json::ApiJson;
use crate::http::params::ApiPath;
use crate::state::AppState;

/// Windows older than this are not listed.
const HISTORY: i64 = 8 * 7 * 86_400;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list))
        .routes(routes!(consolidation))
        .routes(routes!(orders))
        .routes(routes!(deliveries))
}

/// The window's establishment, if the key covers it (404 otherwise).
async fn covered(db: &Db, partner: &Partner, window_id: &str) -> ApiResult<String> {
    let establishment: Option<String> =
        sqlx::query_scalar("SELECT establishment_id FROM canteen_windows WHERE id = $1")
            .bind(window_id)
            .fetch_optional(&db.pool)
            .await?;
    let establishment = establishment.ok_or(ApiError::NotFound)?;
    partner.require(&establishment)?;
    Ok(establishment)
}

/// The closed ordering windows of the establishments this key covers, newest first.
#[utoipa::path(get, path = "/windows", tag = "partner",
    security(("partner_key" = [])),
    responses((status = 200, body = Vec<PartnerWindow>), (status = 401, body = Problem)))]
async fn list(
    State(state): State<AppState>,
    partner: Partner,
) -> ApiResult<axum::Json<Vec<PartnerWindow>>> {
    let mut out = Vec::new();
    for establishment_id in &partner.establishment_ids {
        let name: String = sqlx::query_scalar("SELECT name FROM establishments WHERE id = $1")
            .bind(establishment_id)
            .fetch_one(&state.db.pool)
            .await?;
        let rows = sqlx::query(&format!(
            "SELECT {WINDOW_COLUMNS} FROM canteen_windows WHERE establishment_id = $1 \
             AND status = 'locked' AND closes_at >= $2 ORDER BY closes_at DESC"
        ))
        .bind(establishment_id)
        .bind(now() - HISTORY)
        .fetch_all(&state.db.pool)
        .await?;
        for r in &rows {
            out.push(PartnerWindow {
                establishment_id: establishment_id.clone(),
                establishment_name: name.clone(),
                window: windows::window(r)?,
            });
        }
    }
    out.sort_by_key(|w| std::cmp::Reverse(w.window.closes_at));
    Ok(axum::Json(out))
}

/// What to prepare for a closed window, per product.
#[utoipa::path(get, path = "/windows/{id}/consolidation", tag = "partner",
    security(("partner_key" = [])),
    params(("id" = String, Path, description = "Window id")),
    responses((status = 200, body = Vec<ConsolidatedLine>), (status = 401, body = Problem), (status = 404, body = Problem)))]
async fn consolidation(
    State(state): State<AppState>,
    partner: Partner,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<axum::Json<Vec<ConsolidatedLine>>> {
    covered(&state.db, &partner, &id).await?;
    Ok(axum::Json(delivery::consolidate(&state.db, &id).await?))
}

/// The closed orders of a window, cell by cell, with the line ids to report on.
#[utoipa::path(get, path = "/windows/{id}/orders", tag = "partner",
    security(("partner_key" = [])),
    params(("id" = String, Path, description = "Window id")),
    responses((status = 200, body = Vec<DeliveryOrder>), (status = 401, body = Problem), (status = 404, body = Problem)))]
async fn orders(
    State(state): State<AppState>,
    partner: Partner,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<axum::Json<Vec<DeliveryOrder>>> {
    covered(&state.db, &partner, &id).await?;
    Ok(axum::Json(
        delivery::orders_to_deliver(&state.db, &id).await?,
    ))
}

/// Report what was delivered, line by line. A missing quantity or a cheaper substitute is
/// refunded to the detainee at once. The batch is all or nothing: one wrong line (unknown,
/// already reported, impossible quantity) refuses it with the line named.
#[utoipa::path(post, path = "/windows/{id}/deliveries", tag = "partner",
    security(("partner_key" = [])),
    params(("id" = String, Path, description = "Window id")),
    request_body(content = DeliveryBatch, example = json!({"lines": [
        {"line_id": "0193f1c2-8a4b-7c3d-9e5f-1a2b3c4d5e6f", "outcome": "delivered"},
        {"line_id": "0193f1c2-8a4b-7c3d-9e5f-1a2b3c4d5e70", "outcome": "missing", "delivered_quantity": 1},
        {"line_id": "0193f1c2-8a4b-7c3d-9e5f-1a2b3c4d5e71", "outcome": "substituted",
         "substitute_name": "Café moulu — corsé", "substitute_price_cents": 329}
    ]})),
    responses((status = 200, body = Recorded), (status = 401, body = Problem), (status = 404, body = Problem),
              (status = 422, body = Problem)))]
async fn deliveries(
    State(state): State<AppState>,
    partner: Partner,
    ApiPath(id): ApiPath<String>,
    ApiJson(batch): ApiJson<DeliveryBatch>,
) -> ApiResult<axum::Json<Recorded>> {
    let establishment_id = covered(&state.db, &partner, &id).await?;
    batch.validate()?;
    let mut tx = state.db.begin().await?;
    // Lines must belong to this window: the shared check covers the establishment only.
    for (i, line) in batch.lines.iter().enumerate() {
        let in_window = sqlx::query(
            "SELECT l.id FROM canteen_order_lines l JOIN canteen_orders o ON o.id = l.order_id \
             WHERE l.id = $1 AND o.window_id = $2",
        )
        .bind(&line.line_id)
        .bind(&id)
        .fetch_optional(&mut *tx)
        .await?;
        if in_window.is_none() {
            return Err(ApiError::Validation(vec![shared_types::FieldError::new(
                format!("lines[{i}].line_id"),
                shared_types::ErrorCode::InvalidFormat,
            )]));
        }
    }
    let recorded = delivery::record(
        &mut tx,
        &establishment_id,
        &batch,
        Recorder::Partner(&partner.key_id),
    )
    .await?;
    audit::record(
        &mut tx,
        Event::new(
            ActorKind::Partner,
            Some(&partner.key_id),
            "canteen.delivery_recorded",
            None,
        )
        .establishment(&establishment_id)
        .target(&id),
    )
    .await?;
    tx.commit().await?;
    Ok(axum::Json(Recorded { recorded }))
}
