//! When the waiting requests leave: at sign-in (see `queue_store`), as soon as the browser
//! says the network is back, and every few seconds while some wait.

use leptos::ev;
use leptos::prelude::*;

use crate::requests::queue_store::RequestQueue;

/// Seconds between two tries while requests wait.
const RETRY_EVERY_SECONDS: u64 = 15;

/// Sends the waiting requests in the background, whatever page is open.
#[component]
pub fn QueueFlusher() -> impl IntoView {
    let queue = RequestQueue::expect();
    let online = window_event_listener(ev::online, move |_| queue.flush());
    on_cleanup(move || online.remove());
    // The browser's `online` event is not always fired (a server back up, a flaky Wi-Fi):
    // try again regularly. An empty queue costs nothing, `flush` returns at once.
    match set_interval_with_handle(
        move || queue.flush(),
        std::time::Duration::from_secs(RETRY_EVERY_SECONDS),
    ) {
        Ok(handle) => on_cleanup(move || handle.clear()),
        Err(e) => leptos::logging::error!("request retries unavailable: {e:?}"),
    }
}
