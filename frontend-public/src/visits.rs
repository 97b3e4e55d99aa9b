//! `/visites`: places offered by a waiting list, upcoming visits and past ones.

use frontend_kit::components::{Alert, AlertKind, Loading};
use frontend_kit::i18n::{t, t_string, use_i18n};
use frontend_kit::{api, href};
use leptos::prelude::*;
use shared_types::visit_links::WaitlistEntry;
use shared_types::visits::{Booking, BookingStatus};

use crate::booking_card::BookingCard;
use crate::endpoints::WAITLIST;
use crate::offers::Offers;
use crate::page_title::PageTitle;
use crate::signed_in::SignedIn;
use crate::upcoming::{UpcomingList, load_bookings, now};

/// The visits page.
#[component]
pub fn VisitsPage() -> impl IntoView {
    view! {
        <SignedIn>
            <Visits />
        </SignedIn>
    }
}

#[component]
fn Visits() -> impl IntoView {
    let i18n = use_i18n();
    let bookings = load_bookings();
    let waitlist = LocalResource::new(|| api::get::<Vec<WaitlistEntry>>(WAITLIST));
    let notice = RwSignal::new(None::<String>);
    let on_accepted = Callback::new(move |_: Booking| {
        notice.set(Some(t_string!(i18n, public.offer_accepted).to_string()));
        bookings.refetch();
        waitlist.refetch();
    });
    let past = move || match bookings.get() {
        None => view! { <Loading /> }.into_any(),
        Some(Err(_)) => ().into_any(),
        Some(Ok(all)) => {
            let now = now();
            let mut list: Vec<Booking> = all
                .into_iter()
                .filter(|b| b.status != BookingStatus::Booked || b.starts_at <= now)
                .collect();
            list.sort_by_key(|b| std::cmp::Reverse(b.starts_at));
            if list.is_empty() {
                view! { <p>{t!(i18n, public.no_past)}</p> }.into_any()
            } else {
                view! {
                    <ul class="fr-raw-list">
                        {list.into_iter().map(|b| view! { <BookingCard booking=b /> }).collect_view()}
                    </ul>
                }
                .into_any()
            }
        }
    };
    view! {
        <PageTitle>{t!(i18n, public.visits_title)}</PageTitle>
        {move || notice.get().map(|text| view! { <Alert kind=AlertKind::Success>{text}</Alert> })}
        <Offers entries=waitlist on_accepted=on_accepted />
        <h2 class="fr-h4 fr-mt-4w">{t!(i18n, public.upcoming_title)}</h2>
        <UpcomingList bookings=bookings notice=notice />
        <h2 class="fr-h4 fr-mt-4w">{t!(i18n, public.past_title)}</h2>
        {past}
        <p class="fr-mt-4w">
            <a class="fr-link" href=href("/")>
                {t!(i18n, common.back_home)}
            </a>
        </p>
    }
}
