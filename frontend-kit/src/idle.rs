//! Idle sign-out for shared terminals: a warning before the end, then sign-out and back to
//! the sign-in page.

use std::time::Duration;

use leptos::ev;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::Button;
use crate::i18n::{t, t_string, use_i18n};
use crate::session::{Me, Session};

/// Seconds of warning before the end, unless the timeout is too short for that.
const WARNING_SECONDS: u32 = 30;

fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// Watches pointer, key and touch activity; signs `session` out after `timeout_seconds` idle.
///
/// Activity only resets a local timer, so every third of the timeout it also asks the API
/// who is signed in, which refreshes the server's own idle timer.
#[component]
pub fn IdleWatcher<T: Me>(session: Session<T>, timeout_seconds: u32) -> impl IntoView {
    let i18n = use_i18n();
    let timeout_ms = f64::from(timeout_seconds.max(1)) * 1000.0;
    let warn_ms = f64::from(WARNING_SECONDS.min(timeout_seconds / 2)) * 1000.0;
    let last_activity = StoredValue::new(now_ms());
    let last_server_touch = StoredValue::new(now_ms());
    let remaining = RwSignal::new(None::<u32>);
    let finished = StoredValue::new(false);

    let on_activity = move || {
        // Once the warning is up, only "stay signed in" keeps the session, so that a stray
        // touch on a shared terminal cannot keep someone else's session open.
        if remaining.get_untracked().is_some() || finished.get_value() {
            return;
        }
        let now = now_ms();
        last_activity.set_value(now);
        if now - last_server_touch.get_value() > timeout_ms / 3.0 {
            last_server_touch.set_value(now);
            session.refresh();
        }
    };
    let handles = [
        window_event_listener(ev::pointerdown, move |_| on_activity()),
        window_event_listener(ev::pointermove, move |_| on_activity()),
        window_event_listener(ev::keydown, move |_| on_activity()),
        window_event_listener(ev::touchstart, move |_| on_activity()),
        window_event_listener(ev::wheel, move |_| on_activity()),
    ];
    on_cleanup(move || handles.into_iter().for_each(|h| h.remove()));

    let tick = move || {
        if finished.get_value() {
            return;
        }
        let idle = now_ms() - last_activity.get_value();
        if idle >= timeout_ms {
            finished.set_value(true);
            remaining.try_set(None);
            spawn_local(session.sign_out());
        } else if idle >= timeout_ms - warn_ms {
            let left = ((timeout_ms - idle) / 1000.0).ceil() as u32;
            remaining.try_set(Some(left));
        }
    };
    match set_interval_with_handle(tick, Duration::from_secs(1)) {
        Ok(handle) => on_cleanup(move || handle.clear()),
        Err(e) => leptos::logging::error!("idle timer unavailable: {e:?}"),
    }

    let stay = move |_| {
        let now = now_ms();
        last_activity.set_value(now);
        last_server_touch.set_value(now);
        remaining.set(None);
        session.refresh();
    };
    let stay_button = NodeRef::<leptos::html::Button>::new();
    Effect::new(move |_| {
        if let Some(button) = stay_button.get() {
            let _ = button.focus();
        }
    });

    move || {
        remaining.get().map(|seconds| {
            view! {
                <div class="ned-dialog__backdrop">
                    <div
                        class="ned-dialog"
                        role="alertdialog"
                        aria-modal="true"
                        aria-labelledby="ned-idle-title"
                        aria-describedby="ned-idle-text"
                    >
                        <h2 id="ned-idle-title" class="fr-h3">
                            {t!(i18n, common.idle_title)}
                        </h2>
                        <p id="ned-idle-text">
                            {move || t_string!(i18n, common.idle_text, seconds = seconds).to_string()}
                        </p>
                        <Button large=true plain=true node_ref=stay_button on_click=stay>
                            {t!(i18n, common.idle_stay)}
                        </Button>
                    </div>
                </div>
            }
        })
    }
}
