//! The detainee's account (compte nominatif): an immutable ledger split in three parts, holds
//! for canteen orders, the rules that split incoming money, and the invariant that checks it all.

pub mod history;
pub mod invariant;
pub mod ledger;
mod officer;
pub mod split;

use axum::extract::State;
use shared_types::Problem;
use shared_types::accounts::AccountView;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::auth::detainee::CurrentDetainee;
use crate::error::ApiResult;
use crate::state::AppState;

/// Console routes (accounts officer).
pub fn agent_router() -> OpenApiRouter<AppState> {
    officer::router()
}

/// Detainee-portal routes.
pub fn detainee_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(mine))
}

/// The signed-in detainee's account: balances per part and the latest movements.
#[utoipa::path(get, path = "/account", tag = "detainee",
    responses((status = 200, body = AccountView), (status = 401, body = Problem)))]
async fn mine(
    State(state): State<AppState>,
    detainee: CurrentDetainee,
) -> ApiResult<axum::Json<AccountView>> {
    Ok(axum::Json(history::view(&state.db, &detainee.id).await?))
}
