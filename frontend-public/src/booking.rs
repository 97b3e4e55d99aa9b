//! `/reserver/:link_id`: choose a slot, say who comes, confirm.

use frontend_kit::components::{Alert, AlertKind, Loading};
use frontend_kit::i18n::{t, t_string, use_i18n};
use frontend_kit::{api, href};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use shared_types::visit_links::LinkView;
use shared_types::visits::{Booking, Slot};

use crate::booking_done::BookingDone;
use crate::companions::CompanionsStep;
use crate::endpoints::LINKS;
use crate::page_title::PageTitle;
use crate::signed_in::SignedIn;
use crate::slot_calendar::SlotCalendar;

/// Where the visitor is in the booking journey.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Step {
    Calendar,
    Companions(Slot),
    Done(Booking),
}

/// The booking page.
#[component]
pub fn BookingPage() -> impl IntoView {
    view! {
        <SignedIn>
            <Journey />
        </SignedIn>
    }
}

#[component]
fn Journey() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let link_id = params.read_untracked().get("link_id").unwrap_or_default();
    let links = LocalResource::new(|| api::get::<Vec<LinkView>>(LINKS));
    let step = RwSignal::new(Step::Calendar);
    let link = {
        let link_id = link_id.clone();
        move || {
            links
                .get()
                .map(|r| r.map(|all| all.into_iter().find(|l| l.id == link_id && l.can_book)))
        }
    };
    let on_choose = Callback::new(move |slot: Slot| step.set(Step::Companions(slot)));
    let on_back = Callback::new(move |()| step.set(Step::Calendar));
    let on_done = Callback::new(move |booking: Booking| step.set(Step::Done(booking)));
    move || {
        let link = match link() {
            None => return view! { <Loading /> }.into_any(),
            Some(Ok(Some(link))) => link,
            // An unknown link and a failed list read the same to the visitor: no booking here.
            Some(_) => {
                return view! {
                    <PageTitle>{t!(i18n, public.book_title)}</PageTitle>
                    <Alert kind=AlertKind::Error>{t!(i18n, public.unknown_link)}</Alert>
                    <a class="fr-link" href=href("/")>
                        {t!(i18n, common.back_home)}
                    </a>
                }
                .into_any();
            }
        };
        let who = t_string!(
            i18n,
            public.book_for,
            name = link.detainee_name.clone(),
            establishment = link.establishment.name.clone()
        )
        .to_string();
        match step.get() {
            Step::Done(booking) => view! { <BookingDone booking=booking /> }.into_any(),
            Step::Calendar => view! {
                <PageTitle>{t!(i18n, public.book_title)}</PageTitle>
                <p class="fr-text--lead">{who}</p>
                <SlotCalendar link_id=link.id on_choose=on_choose />
            }
            .into_any(),
            Step::Companions(slot) => view! {
                <PageTitle>{t!(i18n, public.book_title)}</PageTitle>
                <p class="fr-text--lead">{who}</p>
                <CompanionsStep link_id=link.id chosen=slot on_back=on_back on_done=on_done />
            }
            .into_any(),
        }
    }
}
