//! The screen after a booking: "Visite confirmée", when, where, with whom.

use frontend_kit::components::{Alert, AlertKind};
use frontend_kit::href;
use frontend_kit::i18n::{t, t_string, use_i18n};
use frontend_kit::paris_time::format_visit_date_time;
use leptos::prelude::*;
use shared_types::visits::Booking;

use crate::labels;
use crate::page_title::PageTitle;

/// The confirmation of `booking`.
#[component]
pub fn BookingDone(booking: Booking) -> impl IntoView {
    let i18n = use_i18n();
    let Booking {
        establishment_name,
        detainee_name,
        room_name,
        room_kind,
        starts_at,
        companions,
        ..
    } = booking;
    let party = if companions.is_empty() {
        view! { <p>{t!(i18n, public.alone)}</p> }.into_any()
    } else {
        view! {
            <h2 class="fr-h5">{t!(i18n, public.companions_label)}</h2>
            <ul>
                {companions
                    .into_iter()
                    .map(|c| view! { <li>{format!("{} {}", c.first_name, c.last_name)}</li> })
                    .collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <PageTitle>{t!(i18n, public.booked_title)}</PageTitle>
        <Alert kind=AlertKind::Success>{t!(i18n, public.booked_mail)}</Alert>
        <p class="fr-text--lead fr-mb-1w">{move || format_visit_date_time(i18n, starts_at)}</p>
        <p class="fr-mb-1w">
            {move || t_string!(i18n, public.visit_with, name = detainee_name.clone()).to_string()}
        </p>
        <p>{move || format!("{}, {}", labels::room(i18n, room_kind, &room_name), establishment_name)}</p>
        {party}
        <div class="ned-actions fr-mt-4w">
            <a class="fr-btn" href=href("/visites")>
                {t!(i18n, public.see_my_visits)}
            </a>
            <a class="fr-btn fr-btn--secondary" href=href("/")>
                {t!(i18n, common.back_home)}
            </a>
        </div>
    }
}
