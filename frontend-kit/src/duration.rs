//! Durations in words, for countdowns: "2 jours 4 h", "3 h 15 min", "12 min".

use leptos::prelude::*;

use crate::i18n::t_string;
use crate::locale::I18n;

/// What is left of `seconds`, in the two largest units that matter; `None` once it is over.
pub fn format_duration(i18n: I18n, seconds: i64) -> Option<String> {
    if seconds <= 0 {
        return None;
    }
    let minutes = (seconds + 59) / 60;
    let (days, hours, minutes) = (minutes / 1_440, minutes % 1_440 / 60, minutes % 60);
    let days_text = match days {
        0 => None,
        1 => Some(t_string!(i18n, common.duration.one_day).to_string()),
        n => Some(t_string!(i18n, common.duration.days, count = n).to_string()),
    };
    let hours_text =
        (hours > 0).then(|| t_string!(i18n, common.duration.hours, count = hours).to_string());
    let minutes_text = (minutes > 0)
        .then(|| t_string!(i18n, common.duration.minutes, count = minutes).to_string());
    let parts: Vec<String> = if days > 0 {
        [days_text, hours_text].into_iter().flatten().collect()
    } else {
        [hours_text, minutes_text].into_iter().flatten().collect()
    };
    Some(parts.join(" "))
}

/// The current Unix time in seconds, refreshed every `every_seconds`, for countdowns.
pub fn use_now_seconds(every_seconds: u64) -> ReadSignal<i64> {
    let now = RwSignal::new(now_seconds());
    match set_interval_with_handle(
        move || {
            now.try_set(now_seconds());
        },
        std::time::Duration::from_secs(every_seconds.max(1)),
    ) {
        Ok(handle) => on_cleanup(move || handle.clear()),
        Err(e) => leptos::logging::error!("clock unavailable: {e:?}"),
    }
    now.read_only()
}

/// The current Unix time in seconds, from the browser's clock.
pub fn now_seconds() -> i64 {
    (js_sys::Date::now() / 1000.0) as i64
}
