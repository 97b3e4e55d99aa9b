//! `GET /api/health`: is the server up and can it reach its database.

use axum::extract::State;
use axum::http::StatusCode;
use shared_types::health::{DatabaseHealth, Health};
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::state::AppState;

/// The health route.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(health))
}

/// Server and database status; 503 when the database does not answer.
#[utoipa::path(get, path = "/health", tag = "health",
    responses((status = 200, body = Health), (status = 503, body = Health)))]
async fn health(State(state): State<AppState>) -> (StatusCode, axum::Json<Health>) {
    let reachable = state.db.ping().await;
    let status = if reachable {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    (
        status,
        axum::Json(Health {
            status: if reachable { "ok" } else { "degraded" }.into(),
            database: DatabaseHealth {
                backend: state.db.backend.name().into(),
                reachable,
            },
            version: env!("CARGO_PKG_VERSION").into(),
        }),
    )
}
