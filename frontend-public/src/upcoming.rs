//! "Mes visites à venir" on the home page.

use frontend_kit::components::{Alert, AlertKind, Button, ButtonKind, ErrorAlert, Loading};
use frontend_kit::i18n::{t, t_string, use_i18n};
use frontend_kit::{ApiError, api, api_error_message, href};
use leptos::prelude::*;
use shared_types::visits::{Booking, BookingStatus};

use crate::booking_card::BookingCard;
use crate::endpoints::BOOKINGS;

/// Now, in Unix seconds.
pub fn now() -> i64 {
    (js_sys::Date::now() / 1000.0) as i64
}

/// Planned visits that have not started yet, soonest first.
pub fn upcoming(all: &[Booking]) -> Vec<Booking> {
    let now = now();
    let mut list: Vec<Booking> = all
        .iter()
        .filter(|b| b.status == BookingStatus::Booked && b.starts_at > now)
        .cloned()
        .collect();
    list.sort_by_key(|b| b.starts_at);
    list
}

/// The visitor's bookings, loaded once.
pub fn load_bookings() -> LocalResource<Result<Vec<Booking>, ApiError>> {
    LocalResource::new(|| api::get::<Vec<Booking>>(BOOKINGS))
}

/// The list of upcoming visits, each cancellable; `notice` tells the result of a cancellation.
#[component]
pub fn UpcomingList(
    bookings: LocalResource<Result<Vec<Booking>, ApiError>>,
    notice: RwSignal<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let on_cancelled = Callback::new(move |()| {
        notice.set(Some(t_string!(i18n, public.cancelled_ok).to_string()));
        bookings.refetch();
    });
    move || match bookings.get() {
        None => view! { <Loading /> }.into_any(),
        Some(Err(error)) => view! {
            <ErrorAlert message=Some(api_error_message(i18n, &error)) />
            <Button kind=ButtonKind::Secondary plain=true on_click=move |_| bookings.refetch()>
                {t!(i18n, common.retry)}
            </Button>
        }
        .into_any(),
        Some(Ok(all)) => {
            let list = upcoming(&all);
            if list.is_empty() {
                view! { <p>{t!(i18n, public.no_visit)}</p> }.into_any()
            } else {
                view! {
                    <ul class="fr-raw-list">
                        {list
                            .into_iter()
                            .map(|b| view! { <BookingCard booking=b cancellable=true on_cancelled=on_cancelled /> })
                            .collect_view()}
                    </ul>
                }
                .into_any()
            }
        }
    }
}

/// The home page's section of upcoming visits, with a link to the full history.
#[component]
pub fn UpcomingSection() -> impl IntoView {
    let i18n = use_i18n();
    let bookings = load_bookings();
    let notice = RwSignal::new(None::<String>);
    view! {
        <section class="fr-mt-4w" aria-labelledby="upcoming-title">
            <h2 class="fr-h4" id="upcoming-title">
                {t!(i18n, public.upcoming_title)}
            </h2>
            {move || notice.get().map(|text| view! { <Alert kind=AlertKind::Success>{text}</Alert> })}
            <UpcomingList bookings=bookings notice=notice />
            <a class="fr-link" href=href("/visites")>
                {t!(i18n, public.history_link)}
            </a>
        </section>
    }
}
