//! Assembles the router: API surfaces with their session cookies, security layers, static apps.

use std::sync::Arc;

use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::{Router, middleware, routing::get};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::trace::TraceLayer;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;

use crate::auth;
use crate::config::Surface;
use crate::error::ApiError;
use crate::http::{csrf, headers, spa};
use crate::sessions::{self, DbSessionStore};
use crate::state::AppState;
use crate::{establishments, fleet, health, people};

/// Largest JSON body accepted; more is refused with 413 before it is read.
pub const BODY_LIMIT: usize = 64 * 1024;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "NED API",
        description = "Digital services in detention: family portal, detainee portal, agents' \
                       console, and the partner API for delegated canteen fulfilment."
    ),
    modifiers(&PartnerKeyScheme)
)]
struct ApiDoc;

/// Documents how partners authenticate: `Authorization: Bearer ned_pk_…`.
struct PartnerKeyScheme;

impl utoipa::Modify for PartnerKeyScheme {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let scheme = HttpBuilder::new()
            .scheme(HttpAuthScheme::Bearer)
            .description(Some(
                "A partner API key (`ned_pk_…`), created in the console by an administrator of \
                 the delegated-management establishments it covers.",
            ))
            .build();
        openapi
            .components
            .get_or_insert_with(Default::default)
            .add_security_scheme("partner_key", SecurityScheme::Http(scheme));
    }
}

/// The API routes this instance serves, relative to `/api`, with their documentation.
pub fn api_routes(state: &AppState) -> OpenApiRouter<AppState> {
    let config = &state.config;
    let store = DbSessionStore::new(state.db.clone());
    let mut api = health::router();
    if config.serves(Surface::Public) {
        let layer = sessions::layer(
            store.clone(),
            config,
            "ned_public",
            "/api/public",
            config.visitor_idle_minutes,
        );
        let routes = auth::visitor::router()
            .merge(crate::visitor_account::router())
            .merge(crate::visits::links::public_router())
            .merge(crate::visits::bookings::public_router())
            .merge(crate::visits::waitlist::router())
            .merge(crate::visits::info::public_router());
        api = api.nest("/public", routes.layer(layer));
    }
    if config.serves(Surface::Detainee) {
        let layer = sessions::layer(
            store.clone(),
            config,
            "ned_detainee",
            "/api/detainee",
            config.detainee_idle_minutes,
        );
        let routes = auth::detainee::router()
            .merge(fleet::device::router())
            .merge(crate::accounts::detainee_router())
            .merge(crate::canteen::detainee_router())
            .merge(crate::requests::detainee_router());
        api = api.nest("/detainee", routes.layer(layer));
    }
    if config.serves(Surface::Agent) {
        let layer = sessions::layer(
            store,
            config,
            "ned_agent",
            "/api/agent",
            config.agent_idle_minutes,
        );
        let routes = auth::agent::router()
            .merge(establishments::router())
            .merge(people::router())
            .merge(crate::outbox::router())
            .merge(crate::audit::search::router())
            .merge(crate::visits::setup::router())
            .merge(crate::visits::links::agent_router())
            .merge(crate::visits::bookings::agent_router())
            .merge(crate::visits::info::agent_router())
            .merge(crate::visits::desk::router())
            .merge(crate::visits::restrictions::router())
            .merge(crate::accounts::agent_router())
            .merge(crate::canteen::agent_router())
            .merge(crate::requests::agent_router())
            .merge(crate::partner::keys::router())
            .merge(fleet::router());
        api = api.nest("/agent", routes.layer(layer));
    }
    if config.serves(Surface::Partner) {
        // No session layer: partners authenticate every call with their key.
        api = api.nest("/partner", crate::partner::router());
    }
    api
}

/// The OpenAPI document of the routes this instance serves.
pub fn openapi(state: &AppState) -> utoipa::openapi::OpenApi {
    let (_, doc) = api_routes(state).split_for_parts();
    ApiDoc::openapi().nest("/api", doc)
}

/// The whole application.
pub fn router(state: AppState) -> Router {
    let (api, doc) = api_routes(&state).split_for_parts();
    let doc = Arc::new(ApiDoc::openapi().nest("/api", doc));
    let api = api
        .route(
            "/openapi.json",
            get(move || {
                let doc = doc.clone();
                async move { axum::Json(doc.as_ref().clone()) }
            }),
        )
        .fallback(|| async { ApiError::NotFound })
        .method_not_allowed_fallback(|| async { ApiError::MethodNotAllowed })
        .layer(middleware::from_fn(csrf::guard))
        .layer(DefaultBodyLimit::max(BODY_LIMIT));
    let app = Router::new().nest("/api", headers::no_store(api));
    let app = spa::mount(app, &state.config);
    let app = headers::apply(app, state.config.secure_cookies);
    app.layer(CatchPanicLayer::custom(panic_response))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

fn panic_response(_: Box<dyn std::any::Any + Send + 'static>) -> Response {
    let mut response = ApiError::Internal("handler panicked".into()).into_response();
    *response.status_mut() = StatusCode::INTERNAL_SERVER_ERROR;
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/problem+json"),
    );
    response
}
