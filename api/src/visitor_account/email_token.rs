//! One-time links that confirm an e-mail address, split-token style: the token in the link is
//! `{visitor id}.{secret}`; the id finds the account by primary key and only the SHA-256 of
//! the secret is stored, after the time it was issued (`{issued_at}:{sha256 hex}` in
//! `visitors.email_token_hash`). A copy of the database confirms nothing, links expire
//! without another column, and issuing a new link replaces the previous one.

use crate::auth::tokens;
use crate::error::ApiResult;

/// How long a link works after it was sent.
pub const VALIDITY_SECONDS: i64 = 48 * 3600;
/// Shortest wait between two links to the same account (no mail-bombing through the portal).
pub const RESEND_AFTER_SECONDS: i64 = 60;

/// A freshly issued link token and what to store for it.
#[derive(Debug, Clone)]
pub struct Issued {
    /// Goes in the link, never stored.
    pub token: String,
    /// Goes in `visitors.email_token_hash`.
    pub stored: String,
}

/// A new token for `visitor_id`, issued at `now` (Unix seconds).
pub fn issue(visitor_id: &str, now: i64) -> ApiResult<Issued> {
    let secret = tokens::random_hex(32)?;
    Ok(Issued {
        token: format!("{visitor_id}.{secret}"),
        stored: stored(now, &secret),
    })
}

fn stored(issued_at: i64, secret: &str) -> String {
    format!("{issued_at}:{}", tokens::digest(secret))
}

/// The visitor id and the secret of a token taken from a link, if it has that shape.
pub fn split(token: &str) -> Option<(&str, &str)> {
    token
        .trim()
        .split_once('.')
        .filter(|(id, secret)| !id.is_empty() && !secret.is_empty())
}

fn parse(stored: &str) -> Option<(i64, &str)> {
    let (at, hash) = stored.split_once(':')?;
    Some((at.parse().ok()?, hash))
}

/// What a link's secret is worth against the stored value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Check {
    Valid,
    /// The right secret, too late.
    Expired,
    /// Wrong, already used, replaced by a newer link, or none was issued.
    Invalid,
}

/// Checks `secret` against the stored value at `now`.
pub fn check(stored: Option<&str>, secret: &str, now: i64) -> Check {
    let Some((issued_at, hash)) = stored.and_then(parse) else {
        return Check::Invalid;
    };
    // Comparing digests, not secrets: timing tells nothing usable about a 256-bit secret.
    if tokens::digest(secret) != hash {
        Check::Invalid
    } else if now - issued_at > VALIDITY_SECONDS {
        Check::Expired
    } else {
        Check::Valid
    }
}

/// Seconds to wait before another link may be sent to the account; 0 when one may go now.
pub fn wait_before_next(stored: Option<&str>, now: i64) -> i64 {
    stored
        .and_then(parse)
        .map(|(issued_at, _)| (issued_at + RESEND_AFTER_SECONDS - now).max(0))
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: &str = "0190a0b1-2c3d-7e4f-8a9b-0c1d2e3f4a5b";

    #[test]
    fn a_token_is_valid_for_48_hours_then_expires() {
        let issued = issue(ID, 1_000).unwrap();
        let (id, secret) = split(&issued.token).unwrap();
        assert_eq!(id, ID);
        assert!(!issued.stored.contains(secret), "only the digest is stored");
        let stored = Some(issued.stored.as_str());
        assert_eq!(check(stored, secret, 1_000), Check::Valid);
        assert_eq!(
            check(stored, secret, 1_000 + VALIDITY_SECONDS),
            Check::Valid
        );
        assert_eq!(
            check(stored, secret, 1_001 + VALIDITY_SECONDS),
            Check::Expired
        );
    }

    #[test]
    fn wrong_used_or_replaced_tokens_are_invalid() {
        let first = issue(ID, 1_000).unwrap();
        let second = issue(ID, 1_100).unwrap();
        let (_, old_secret) = split(&first.token).unwrap();
        assert_ne!(first.token, second.token);
        assert_eq!(
            check(Some(&second.stored), old_secret, 1_100),
            Check::Invalid
        );
        assert_eq!(check(None, old_secret, 1_000), Check::Invalid);
        assert_eq!(check(Some("garbage"), old_secret, 1_000), Check::Invalid);
    }

    #[test]
    fn tokens_without_both_halves_are_refused() {
        for bad in ["", "abc", ".abc", "abc.", "  "] {
            assert_eq!(split(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn one_link_a_minute() {
        let issued = issue(ID, 1_000).unwrap();
        let stored = Some(issued.stored.as_str());
        assert_eq!(wait_before_next(stored, 1_000), RESEND_AFTER_SECONDS);
        assert_eq!(wait_before_next(stored, 1_059), 1);
        assert_eq!(wait_before_next(stored, 1_060), 0);
        assert_eq!(wait_before_next(None, 1_000), 0);
    }
}
