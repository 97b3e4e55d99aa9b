//! Cross-site request forgery defence for cookie-authenticated writes.
//!
//! Browsers label every request with `Sec-Fetch-Site` (and cross-origin writes with `Origin`);
//! a write is accepted only when it comes from our own pages. Requests with neither header come
//! from non-browser clients, which hold no ambient cookies to abuse. SameSite=Strict cookies are
//! the second layer.

use axum::extract::Request;
use axum::http::{HeaderMap, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::ApiError;

/// Refuses cross-site writes with a 403 problem.
pub async fn guard(request: Request, next: Next) -> Response {
    if is_cross_site_write(request.method(), request.headers()) {
        return ApiError::Forbidden("Requête refusée : elle ne vient pas de ce site.".into())
            .into_response();
    }
    next.run(request).await
}

/// The rule, as a pure function.
pub fn is_cross_site_write(method: &Method, headers: &HeaderMap) -> bool {
    if matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS) {
        return false;
    }
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        return !matches!(site, "same-origin" | "none");
    }
    if let Some(origin) = headers.get(header::ORIGIN) {
        let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
        let origin_host = origin
            .to_str()
            .ok()
            .and_then(|o| o.split_once("://"))
            .map(|(_, authority)| authority);
        return match (origin_host, host) {
            (Some(o), Some(h)) => !o.eq_ignore_ascii_case(h),
            _ => true,
        };
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, v.parse().unwrap());
        }
        h
    }

    #[test]
    fn reads_are_never_blocked() {
        let h = headers(&[("sec-fetch-site", "cross-site")]);
        assert!(!is_cross_site_write(&Method::GET, &h));
    }

    #[test]
    fn fetch_metadata_decides_when_present() {
        assert!(!is_cross_site_write(
            &Method::POST,
            &headers(&[("sec-fetch-site", "same-origin")])
        ));
        assert!(is_cross_site_write(
            &Method::POST,
            &headers(&[("sec-fetch-site", "cross-site")])
        ));
        assert!(is_cross_site_write(
            &Method::DELETE,
            &headers(&[("sec-fetch-site", "same-site")])
        ));
    }

    #[test]
    fn origin_must_match_host() {
        let same = headers(&[
            ("origin", "http://127.0.0.1:8080"),
            ("host", "127.0.0.1:8080"),
        ]);
        assert!(!is_cross_site_write(&Method::POST, &same));
        let other = headers(&[
            ("origin", "https://evil.example"),
            ("host", "127.0.0.1:8080"),
        ]);
        assert!(is_cross_site_write(&Method::POST, &other));
        let null = headers(&[("origin", "null"), ("host", "127.0.0.1:8080")]);
        assert!(is_cross_site_write(&Method::POST, &null));
    }

    #[test]
    fn non_browser_clients_pass() {
        assert!(!is_cross_site_write(&Method::POST, &HeaderMap::new()));
    }
}
