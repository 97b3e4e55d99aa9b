//! Links inside a portal served under a base path (`/`, `/detenu`, `/agent`).

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::use_navigate;

/// The portal's base path, provided once by the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BasePath(pub &'static str);

/// Makes `base` available to [`href`].
pub fn provide_base_path(base: &'static str) {
    provide_context(BasePath(base));
}

/// Full address of an in-portal `path`: the router prefixes navigations with the base, but
/// not the `href` of absolute links, so links go through here.
pub fn href(path: &str) -> String {
    let base = use_context::<BasePath>().map(|b| b.0).unwrap_or("");
    join(base, path)
}

/// Joins a base path and an in-portal path without doubling or dropping slashes.
pub fn join(base: &str, path: &str) -> String {
    let base = base.trim_end_matches('/');
    let path = path.trim_start_matches('/');
    if path.is_empty() {
        format!("{base}/")
    } else {
        format!("{base}/{path}")
    }
}

/// A function that navigates to an in-portal path (base added); `replace` keeps the history
/// free of pages the person should not go back to (e.g. sign-in once signed in).
pub fn use_go() -> impl Fn(&str, bool) + Clone + 'static {
    let base = use_context::<BasePath>().map(|b| b.0).unwrap_or("");
    let navigate = use_navigate();
    move |path: &str, replace: bool| {
        navigate(
            &join(base, path),
            NavigateOptions {
                resolve: false,
                replace,
                ..Default::default()
            },
        )
    }
}
