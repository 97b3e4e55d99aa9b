//! The requests written while the network was down, waiting on the tablet to be sent.
//!
//! Pure rules only (what to keep, what to try again, what an answer means): the storage and
//! the sending live in `queue_store`. Each request keeps the idempotency key it got when the
//! form was sent, so a retry whose first try did reach the server creates nothing new.

use frontend_kit::ApiError;
use serde::{Deserialize, Serialize};
use shared_types::requests::NewRequest;

/// How long a request refused for the daily limit waits before the next try, in seconds.
pub const LIMIT_RETRY_SECONDS: i64 = 30 * 60;

/// Where a waiting request stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum Waiting {
    /// No network: sent at the next chance.
    Network,
    /// The detainee wrote too many requests today: tried again later, not before `retry_at`.
    DailyLimit { retry_at: i64 },
    /// The API refused it (a 4xx): never sent again; the detainee reads why and deletes it.
    Refused { message: String },
}

/// A request kept on the tablet until the API has it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueuedRequest {
    pub request: NewRequest,
    /// When it was written (Unix seconds).
    pub queued_at: i64,
    pub waiting: Waiting,
}

impl QueuedRequest {
    /// The request's idempotency key, which also identifies it in the queue.
    pub fn key(&self) -> &str {
        &self.request.idempotency_key
    }

    /// True when it should be sent now.
    pub fn is_due(&self, now: i64) -> bool {
        match &self.waiting {
            Waiting::Network => true,
            Waiting::DailyLimit { retry_at } => *retry_at <= now,
            Waiting::Refused { .. } => false,
        }
    }
}

/// What a failed send means for a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// The network or a gateway failed: keep it and try again soon.
    Retry,
    /// The daily limit: keep it and try again later.
    DailyLimit,
    /// The session ended: keep it for the next sign-in, stop sending.
    SignedOut,
    /// The API refused the request itself (invalid, forbidden…): do not try again.
    Refused,
}

/// Sorts a failed send into what to do with the request.
pub fn failure(error: &ApiError) -> Failure {
    match error.status() {
        // No answer, or one we could not read: the retry, with the same key, will tell.
        None => Failure::Retry,
        Some(401) => Failure::SignedOut,
        Some(429) => Failure::DailyLimit,
        // The API itself broke or a proxy could not reach it: neither is the request's fault.
        Some(status) if status >= 500 => Failure::Retry,
        Some(_) => Failure::Refused,
    }
}

/// The localStorage key of one detainee's queue: on a shared terminal each person's requests
/// stay apart and only leave under their own session.
pub fn storage_key(detainee_id: &str) -> String {
    format!("ned.requests.waiting.{detainee_id}")
}

/// Reads a stored queue; anything unreadable counts as empty rather than breaking the page.
pub fn decode(stored: Option<&str>) -> Vec<QueuedRequest> {
    stored
        .and_then(|json| serde_json::from_str(json).ok())
        .unwrap_or_default()
}

/// The queue as stored.
pub fn encode(items: &[QueuedRequest]) -> String {
    serde_json::to_string(items).unwrap_or_else(|_| "[]".to_owned())
}

/// Adds `request` at the end, unless a request with the same key already waits.
pub fn push(items: &mut Vec<QueuedRequest>, request: NewRequest, waiting: Waiting, now: i64) {
    if items
        .iter()
        .any(|i| i.request.idempotency_key == request.idempotency_key)
    {
        return;
    }
    items.push(QueuedRequest {
        request,
        queued_at: now,
        waiting,
    });
}

/// Takes the request with `key` out of the queue.
pub fn remove(items: &mut Vec<QueuedRequest>, key: &str) {
    items.retain(|i| i.key() != key);
}

/// Records why the request with `key` still waits.
pub fn mark(items: &mut [QueuedRequest], key: &str, waiting: Waiting) {
    if let Some(item) = items.iter_mut().find(|i| i.key() == key) {
        item.waiting = waiting;
    }
}

/// The keys of the requests to send now, oldest first.
pub fn due(items: &[QueuedRequest], now: i64) -> Vec<String> {
    items
        .iter()
        .filter(|i| i.is_due(now))
        .map(|i| i.key().to_owned())
        .collect()
}

#[cfg(test)]
mod tests {
    use shared_types::Problem;
    use shared_types::roles::Service;

    use super::*;

    fn request(key: &str) -> NewRequest {
        NewRequest {
            service: Service::Health,
            subject: "health.doctor".into(),
            free_subject: None,
            text: "J'ai mal au dos depuis une semaine.".into(),
            idempotency_key: key.into(),
        }
    }

    fn problem(status: u16) -> ApiError {
        ApiError::Problem(Problem {
            kind: "about:blank".into(),
            title: String::new(),
            status,
            code: String::new(),
            detail: None,
            total_cents: None,
            errors: Vec::new(),
        })
    }

    #[test]
    fn a_request_is_queued_once_per_key() {
        let mut items = Vec::new();
        push(&mut items, request("k1"), Waiting::Network, 10);
        push(&mut items, request("k1"), Waiting::Network, 20);
        push(&mut items, request("k2"), Waiting::Network, 30);
        assert_eq!(items.len(), 2);
        assert_eq!(items[0].queued_at, 10);
        remove(&mut items, "k1");
        assert_eq!(due(&items, 40), ["k2"]);
    }

    #[test]
    fn the_stored_queue_keeps_the_key_and_survives_garbage() {
        let mut items = Vec::new();
        push(&mut items, request("k1"), Waiting::Network, 10);
        let limit = Waiting::DailyLimit { retry_at: 99 };
        push(&mut items, request("k2"), limit, 11);
        let stored = encode(&items);
        assert_eq!(decode(Some(&stored)), items);
        assert_eq!(decode(Some(&stored))[0].key(), "k1");
        assert!(decode(Some("not json")).is_empty());
        assert!(decode(None).is_empty());
    }

    #[test]
    fn refused_requests_wait_for_the_detainee_and_limited_ones_for_their_time() {
        let mut items = Vec::new();
        push(&mut items, request("net"), Waiting::Network, 0);
        push(&mut items, request("limit"), Waiting::Network, 0);
        push(&mut items, request("bad"), Waiting::Network, 0);
        mark(&mut items, "limit", Waiting::DailyLimit { retry_at: 100 });
        let refused = Waiting::Refused {
            message: "Texte trop court".into(),
        };
        mark(&mut items, "bad", refused);
        assert_eq!(due(&items, 50), ["net"]);
        assert_eq!(due(&items, 100), ["net", "limit"]);
    }

    #[test]
    fn only_network_and_server_failures_are_retried() {
        assert_eq!(
            failure(&ApiError::Network("offline".into())),
            Failure::Retry
        );
        assert_eq!(failure(&problem(503)), Failure::Retry);
        assert_eq!(failure(&problem(429)), Failure::DailyLimit);
        assert_eq!(failure(&problem(401)), Failure::SignedOut);
        assert_eq!(failure(&problem(422)), Failure::Refused);
        assert_eq!(failure(&problem(404)), Failure::Refused);
    }

    #[test]
    fn each_detainee_has_a_queue_of_their_own() {
        assert_ne!(storage_key("d-1"), storage_key("d-2"));
    }
}
