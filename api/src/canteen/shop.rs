//! The canteen manager's week: windows, closing one now, the consolidation (with its CSV) and
//! delivery entry for publicly managed establishments.

use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use shared_types::Problem;
use shared_types::canteen::Window;
use shared_types::canteen::delivery::{ConsolidatedLine, DeliveryBatch};
use shared_types::canteen::partner::DeliveryOrder;
use shared_types::roles::Permission;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::delivery::{self, Recorded, Recorder};
use super::windows::{self, WINDOW_COLUMNS};
use crate::audit;
use crate::auth::agent::CurrentAgent;
use crate::error::{ApiError, ApiResult};
use crate::http::client_ip::ClientIp;
use crate::http::json::ApiJson;
use crate::http::params::ApiPath;
use crate::state::AppState;

/// Console routes of the canteen's week.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list))
        .routes(routes!(lock))
        .routes(routes!(consolidation))
        .routes(routes!(consolidation_csv))
        .routes(routes!(orders))
        .routes(routes!(record))
}

/// The establishment's windows, the open one first, then the last ten.
#[utoipa::path(get, path = "/establishments/{id}/canteen/windows", tag = "agent",
    params(("id" = String, Path, description = "Establishment id")),
    responses((status = 200, body = Vec<Window>), (status = 403, body = Problem)))]
async fn list(
    State(state): State<AppState>,
    agent: CurrentAgent,
    ApiPath(establishment_id): ApiPath<String>,
) -> ApiResult<axum::Json<Vec<Window>>> {
    agent.require(Permission::ManageCanteen, &establishment_id)?;
    let rows = sqlx::query(&format!(
        "SELECT {WINDOW_COLUMNS} FROM canteen_windows WHERE establishment_id = $1 \
         ORDER BY closes_at DESC LIMIT 11"
    ))
    .bind(&establishment_id)
    .fetch_all(&state.db.pool)
    .await?;
    let list = rows
        .iter()
        .map(windows::window)
        .collect::<ApiResult<Vec<_>>>()?;
    Ok(axum::Json(list))
}

/// Close a window now: its orders are locked and paid, and the next window opens.
#[utoipa::path(post, path = "/establishments/{id}/canteen/windows/{window_id}/lock", tag = "agent",
    params(("id" = String, Path, description = "Establishment id"), ("window_id" = String, Path, description = "Window id")),
    responses((status = 200, body = Window), (status = 403, body = Problem), (status = 404, body = Problem),
              (status = 409, body = Problem)))]
async fn lock(
    State(state): State<AppState>,
    agent: CurrentAgent,
    ApiPath((establishment_id, window_id)): ApiPath<(String, String)>,
) -> ApiResult<axum::Json<Window>> {
    agent.require(Permission::ManageCanteen, &establishment_id)?;
    delivery::window_of(&state.db, &establishment_id, &window_id).await?;
    if !windows::lock(&state.db, &window_id, Some(&agent.id)).await? {
        return Err(ApiError::conflict(
            shared_types::refusals::canteen::Canteen::WindowNotOpen,
            "Cette commande est déjà clôturée.",
        ));
    }
    let row = sqlx::query(&format!(
        "SELECT {WINDOW_COLUMNS} FROM canteen_windows WHERE id = $1"
    ))
    .bind(&window_id)
    .fetch_one(&state.db.pool)
    .await?;
    Ok(axum::Json(windows::window(&row)?))
}

/// What the shop must prepare for a closed window, per product.
#[utoipa::path(get, path = "/establishments/{id}/canteen/windows/{window_id}/consolidation", tag = "agent",
    params(("id" = String, Path, description = "Establishment id"), ("window_id" = String, Path, description = "Window id")),
    responses((status = 200, body = Vec<ConsolidatedLine>), (status = 403, body = Problem), (status = 404, body = Problem)))]
async fn consolidation(
    State(state): State<AppState>,
    agent: CurrentAgent,
    ApiPath((establishment_id, window_id)): ApiPath<(String, String)>,
) -> ApiResult<axum::Json<Vec<ConsolidatedLine>>> {
    agent.require(Permission::ManageCanteen, &establishment_id)?;
    delivery::window_of(&state.db, &establishment_id, &window_id).await?;
    Ok(axum::Json(
        delivery::consolidate(&state.db, &window_id).await?,
    ))
}

/// The same consolidation as a CSV file.
#[utoipa::path(get, path = "/establishments/{id}/canteen/windows/{window_id}/consolidation.csv", tag = "agent",
    params(("id" = String, Path, description = "Establishment id"), ("window_id" = String, Path, description = "Window id")),
    responses((status = 200, content_type = "text/csv", body = String), (status = 403, body = Problem), (status = 404, body = Problem)))]
async fn consolidation_csv(
    State(state): State<AppState>,
    agent: CurrentAgent,
    ApiPath((establishment_id, window_id)): ApiPath<(String, String)>,
) -> ApiResult<impl IntoResponse> {
    agent.require(Permission::ManageCanteen, &establishment_id)?;
    delivery::window_of(&state.db, &establishment_id, &window_id).await?;
    let csv = delivery::to_csv(&delivery::consolidate(&state.db, &window_id).await?);
    let disposition = format!("attachment; filename=\"cantine-{window_id}.csv\"");
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        // A byte-order mark so spreadsheet software reads the accents as UTF-8.
        format!("\u{feff}{csv}"),
    ))
}

/// The closed orders of a window, cell by cell, with their lines.
#[utoipa::path(get, path = "/establishments/{id}/canteen/windows/{window_id}/orders", tag = "agent",
    params(("id" = String, Path, description = "Establishment id"), ("window_id" = String, Path, description = "Window id")),
    responses((status = 200, body = Vec<DeliveryOrder>), (status = 403, body = Problem), (status = 404, body = Problem)))]
async fn orders(
    State(state): State<AppState>,
    agent: CurrentAgent,
    ApiPath((establishment_id, window_id)): ApiPath<(String, String)>,
) -> ApiResult<axum::Json<Vec<DeliveryOrder>>> {
    agent.require(Permission::ManageCanteen, &establishment_id)?;
    delivery::window_of(&state.db, &establishment_id, &window_id).await?;
    Ok(axum::Json(
        delivery::orders_to_deliver(&state.db, &window_id).await?,
    ))
}

/// Record delivery results (publicly managed establishments; under delegated management the
/// partner posts them through the partner API).
#[utoipa::path(post, path = "/establishments/{id}/canteen/deliveries", tag = "agent",
    params(("id" = String, Path, description = "Establishment id")),
    request_body = DeliveryBatch,
    responses((status = 200, body = Recorded), (status = 403, body = Problem), (status = 409, body = Problem),
              (status = 422, body = Problem)))]
async fn record(
    State(state): State<AppState>,
    agent: CurrentAgent,
    ip: ClientIp,
    ApiPath(establishment_id): ApiPath<String>,
    ApiJson(batch): ApiJson<DeliveryBatch>,
) -> ApiResult<axum::Json<Recorded>> {
    agent.require(Permission::ManageCanteen, &establishment_id)?;
    batch.validate()?;
    let management: Option<String> =
        sqlx::query_scalar("SELECT management FROM establishments WHERE id = $1")
            .bind(&establishment_id)
            .fetch_optional(&state.db.pool)
            .await?;
    if management.as_deref() == Some("delegated") {
        return Err(ApiError::conflict(
            shared_types::refusals::canteen::Canteen::DeliveryByPartner,
            "Cet établissement est en gestion déléguée : le partenaire enregistre les livraisons.",
        ));
    }
    let mut tx = state.db.begin().await?;
    let recorded = delivery::record(
        &mut tx,
        &establishment_id,
        &batch,
        Recorder::Agent(&agent.id),
    )
    .await?;
    audit::agent_action(
        &mut tx,
        &agent.id,
        ip.0.as_deref(),
        &establishment_id,
        "canteen.delivery_recorded",
        None,
    )
    .await?;
    tx.commit().await?;
    Ok(axum::Json(Recorded { recorded }))
}
