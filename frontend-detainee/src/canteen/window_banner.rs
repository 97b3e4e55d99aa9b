//! Whether the detainee can order now: the countdown of the open window and the delivery day,
//! or why not (window closed, canteen suspended).

use frontend_kit::components::{Alert, AlertKind};
use frontend_kit::duration::{format_duration, use_now_seconds};
use frontend_kit::i18n::{t, t_string, use_i18n};
use frontend_kit::paris_time::{format_date, format_visit_date_time};
use leptos::prelude::*;
use shared_types::canteen::Window;
use shared_types::date::Date;

use crate::canteen::basket_store::BasketStore;

/// A date sent as `YYYY-MM-DD` in words ("jeudi 26 novembre"), or as sent if unreadable.
pub fn day_in_words(i18n: frontend_kit::I18n, date: &str) -> String {
    Date::parse(date).map_or_else(|| date.to_owned(), |d| format_date(i18n, d))
}

/// True while `window` is open at `now` (Unix seconds).
pub fn is_open(window: Option<&Window>, now: i64) -> bool {
    window.is_some_and(|w| w.closes_at > now)
}

/// The banner at the top of the canteen and basket pages.
#[component]
pub fn WindowBanner(store: BasketStore) -> impl IntoView {
    let i18n = use_i18n();
    let basket = store.basket();
    let now = use_now_seconds(30);
    move || {
        let basket = basket.get()?;
        if let Some(until) = basket.suspended_until {
            let text = t_string!(
                i18n,
                detainee.canteen.suspended,
                date = day_in_words(i18n, &until)
            )
            .to_string();
            return Some(view! { <Alert kind=AlertKind::Error>{text}</Alert> }.into_any());
        }
        let window = basket.window.filter(|w| is_open(Some(w), now.get()));
        let Some(window) = window else {
            return Some(
                view! { <Alert kind=AlertKind::Info>{t!(i18n, detainee.canteen.closed)}</Alert> }
                    .into_any(),
            );
        };
        let left = format_duration(i18n, window.closes_at - now.get()).unwrap_or_default();
        let delivery = day_in_words(i18n, &window.delivery_date);
        let until = format_visit_date_time(i18n, window.closes_at);
        Some(
            view! {
                <div class="fr-callout fr-icon-time-line ned-window" id="window">
                    <p class="fr-callout__title">
                        {t_string!(i18n, detainee.canteen.open_for, duration = left, date = delivery)
                            .to_string()}
                    </p>
                    <p class="fr-callout__text">
                        {t_string!(i18n, detainee.canteen.open_until, date = until).to_string()}
                    </p>
                </div>
            }
            .into_any(),
        )
    }
}
