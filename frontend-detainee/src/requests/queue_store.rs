//! The signed-in detainee's waiting requests: kept in the tablet's localStorage, shown on the
//! list page, and sent (each with its unchanged idempotency key) once the network is back.

use frontend_kit::duration::now_seconds;
use frontend_kit::i18n::use_i18n;
use frontend_kit::{ApiError, I18n, Session, api, api_error_message};
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared_types::auth::DetaineeMe;
use shared_types::requests::{NewRequest, RequestDetail};

use crate::endpoints::REQUESTS;
use crate::requests::queue::{self, Failure, LIMIT_RETRY_SECONDS, QueuedRequest, Waiting};

/// What became of a new request given to [`RequestQueue::send`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sent {
    /// The service has it.
    Delivered(RequestDetail),
    /// It waits on the tablet and will leave by itself.
    Kept(Waiting),
}

/// The queue of the signed-in detainee, shared by the pages through context.
#[derive(Clone, Copy)]
pub struct RequestQueue {
    i18n: I18n,
    session: Session<DetaineeMe>,
    /// Whose queue is loaded: the detainee signed in on this terminal.
    owner: RwSignal<Option<String>>,
    items: RwSignal<Vec<QueuedRequest>>,
    flushing: RwSignal<bool>,
    /// Counts the waiting requests that reached the server, so lists can reload.
    sent: RwSignal<u32>,
}

impl RequestQueue {
    /// Creates the queue, provides it to the pages and loads each detainee's as they sign in.
    pub fn provide(session: Session<DetaineeMe>) -> Self {
        let queue = Self {
            i18n: use_i18n(),
            session,
            owner: RwSignal::new(None),
            items: RwSignal::new(Vec::new()),
            flushing: RwSignal::new(false),
            sent: RwSignal::new(0),
        };
        provide_context(queue);
        let me = session.me();
        Effect::new(move |_| {
            let id = me.with(|m| m.as_ref().map(|m| m.id.clone()));
            if id == queue.owner.get_untracked() {
                return;
            }
            queue.items.set(id.as_deref().map(load).unwrap_or_default());
            queue.owner.set(id);
            queue.flush();
        });
        queue
    }

    /// The queue provided by the app.
    pub fn expect() -> Self {
        expect_context::<Self>()
    }

    /// The waiting requests, oldest first.
    pub fn items(self) -> Signal<Vec<QueuedRequest>> {
        self.items.into()
    }

    /// Changes each time a waiting request reached the server.
    pub fn sent(self) -> Signal<u32> {
        self.sent.into()
    }

    /// Sends a new request; when the network (or the daily limit) stops it, keeps it on the
    /// tablet instead. Any other refusal comes back as the error, for the form to show.
    pub async fn send(self, request: NewRequest) -> Result<Sent, ApiError> {
        if !is_online() {
            return self.keep(
                request,
                Waiting::Network,
                ApiError::Network("offline".into()),
            );
        }
        let error = match api::post::<_, RequestDetail>(REQUESTS, &request).await {
            Ok(detail) => return Ok(Sent::Delivered(detail)),
            Err(error) => error,
        };
        match queue::failure(&error) {
            Failure::Retry => self.keep(request, Waiting::Network, error),
            Failure::DailyLimit => {
                let retry_at = now_seconds() + LIMIT_RETRY_SECONDS;
                self.keep(request, Waiting::DailyLimit { retry_at }, error)
            }
            Failure::SignedOut | Failure::Refused => Err(error),
        }
    }

    fn keep(
        self,
        request: NewRequest,
        waiting: Waiting,
        error: ApiError,
    ) -> Result<Sent, ApiError> {
        let Some(owner) = self.owner.get_untracked() else {
            return Err(error);
        };
        let kept = waiting.clone();
        self.update(&owner, move |items| {
            queue::push(items, request, kept, now_seconds());
        });
        Ok(Sent::Kept(waiting))
    }

    /// Deletes a waiting request (one the API refused).
    pub fn remove(self, key: String) {
        if let Some(owner) = self.owner.get_untracked() {
            self.update(&owner, |items| queue::remove(items, &key));
        }
    }

    /// Sends the requests that are due, oldest first, one at a time; stops at the first
    /// network failure. Does nothing while offline or while a previous round runs.
    pub fn flush(self) {
        if self.flushing.get_untracked() || !is_online() {
            return;
        }
        let Some(owner) = self.owner.get_untracked() else {
            return;
        };
        let keys = self
            .items
            .with_untracked(|items| queue::due(items, now_seconds()));
        if keys.is_empty() {
            return;
        }
        self.flushing.set(true);
        spawn_local(async move {
            for key in keys {
                // Signed out (or someone else signed in) meanwhile: their requests wait.
                if self.owner.get_untracked().as_deref() != Some(owner.as_str()) {
                    break;
                }
                let item = self
                    .items
                    .with_untracked(|items| items.iter().find(|i| i.key() == key).cloned());
                let Some(item) = item else { continue };
                if !self.send_queued(&owner, item).await {
                    break;
                }
            }
            self.flushing.set(false);
        });
    }

    /// Sends one waiting request; false when the others should wait too.
    async fn send_queued(self, owner: &str, item: QueuedRequest) -> bool {
        let key = item.key().to_owned();
        let error = match api::post::<_, RequestDetail>(REQUESTS, &item.request).await {
            Ok(_) => {
                self.update(owner, |items| queue::remove(items, &key));
                self.sent.update(|n| *n += 1);
                return true;
            }
            Err(error) => error,
        };
        match queue::failure(&error) {
            Failure::Retry => false,
            Failure::DailyLimit => {
                let retry_at = now_seconds() + LIMIT_RETRY_SECONDS;
                self.update(owner, |items| {
                    queue::mark(items, &key, Waiting::DailyLimit { retry_at })
                });
                false
            }
            Failure::SignedOut => {
                self.session.ended();
                false
            }
            Failure::Refused => {
                let message = api_error_message(self.i18n, &error);
                self.update(owner, |items| {
                    queue::mark(items, &key, Waiting::Refused { message })
                });
                true
            }
        }
    }

    /// Changes `owner`'s stored queue, and the one on screen when it is theirs.
    fn update(self, owner: &str, change: impl FnOnce(&mut Vec<QueuedRequest>)) {
        if self.owner.get_untracked().as_deref() == Some(owner) {
            self.items.update(|items| {
                change(items);
                save(owner, items);
            });
        } else {
            let mut items = load(owner);
            change(&mut items);
            save(owner, &items);
        }
    }
}

/// False when the browser knows it has no network; true when it cannot tell.
pub fn is_online() -> bool {
    web_sys::window().is_none_or(|w| w.navigator().on_line())
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn load(owner: &str) -> Vec<QueuedRequest> {
    let stored = storage().and_then(|s| s.get_item(&queue::storage_key(owner)).ok().flatten());
    queue::decode(stored.as_deref())
}

fn save(owner: &str, items: &[QueuedRequest]) {
    let Some(storage) = storage() else {
        // Storage refused (private browsing): the requests then wait for this page only.
        return;
    };
    let key = queue::storage_key(owner);
    let _ = if items.is_empty() {
        storage.remove_item(&key)
    } else {
        storage.set_item(&key, &queue::encode(items))
    };
}
