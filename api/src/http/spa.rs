//! Serving the three built front-ends, each with its SPA fallback to `index.html`.

use std::path::Path;

use axum::Router;
use axum::routing::any;
use tower_http::services::{ServeDir, ServeFile};

use crate::config::{Config, Surface};
use crate::error::ApiError;

/// Where each portal lives and which folder of `NED_STATIC_DIR` holds it.
const APPS: [(Surface, &str, &str); 2] = [
    (Surface::Detainee, "/detenu", "detainee"),
    (Surface::Agent, "/agent", "agent"),
];

fn app_service(dir: &Path) -> ServeDir<ServeFile> {
    ServeDir::new(dir)
        .precompressed_br()
        .precompressed_gzip()
        .fallback(
            ServeFile::new(dir.join("index.html"))
                .precompressed_br()
                .precompressed_gzip(),
        )
}

/// Adds the static portals this instance serves. Disabled portals answer 404 everywhere,
/// including under the public portal's catch-all.
pub fn mount<S: Clone + Send + Sync + 'static>(
    mut router: Router<S>,
    config: &Config,
) -> Router<S> {
    for (surface, prefix, folder) in APPS {
        if config.serves(surface) {
            router = router.nest_service(prefix, app_service(&config.static_dir.join(folder)));
        } else {
            let missing = any(|| async { ApiError::NotFound });
            router = router
                .route(prefix, missing.clone())
                .route(&format!("{prefix}/"), missing.clone())
                .route(&format!("{prefix}/{{*rest}}"), missing);
        }
    }
    if config.serves(Surface::Public) {
        router.fallback_service(app_service(&config.static_dir.join("public")))
    } else {
        router.fallback(|| async { ApiError::NotFound })
    }
}
