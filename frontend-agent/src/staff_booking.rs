//! `/agent/reserver`: booking for a visitor who phoned — the detainee, one of the visitors
//! linked to them, a slot of the chosen day, the companions.

use frontend_kit::components::{
    Alert, AlertKind, ErrorAlert, InputField, SelectField, SelectOption, SubmitRow,
};
use frontend_kit::i18n::{t, t_string, use_i18n};
use frontend_kit::paris_time::{
    format_time, format_visit_date_time, now_seconds, paris_date, paris_today,
};
use frontend_kit::{FormState, api, api_error_message, error_code_message, href};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use shared_types::ErrorCode;
use shared_types::date::Date;
use shared_types::people::DetaineeSummary;
use shared_types::visit_desk::DetaineeLink;
use shared_types::visits::{AgentSlot, Booking, NewBooking};

use crate::app::DAY;
use crate::companions::{CompanionsEditor, Person};
use crate::detainee_picker::DetaineePicker;
use crate::form_input::{explained, text};
use crate::loaded::loaded;
use crate::visits_page::{VisitsPage, establishment_path};

/// Staff booking page.
#[component]
pub fn StaffBooking() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <VisitsPage
            title=move || t_string!(i18n, agent.desk.book_title)
            intro=move || t_string!(i18n, agent.desk.book_intro)
            body=|id: String| view! { <BookIn establishment=id /> }
        />
    }
}

#[component]
fn BookIn(establishment: String) -> impl IntoView {
    let i18n = use_i18n();
    let detainee = RwSignal::new(None::<DetaineeSummary>);
    let booked = RwSignal::new(None::<Booking>);
    view! {
        {move || booked.get().map(|b| view! { <Booked booking=b /> })}
        <h2 class="fr-h4">{t!(i18n, agent.desk.step_detainee)}</h2>
        <DetaineePicker establishment=establishment.clone() id="book" selected=detainee />
        {move || {
            detainee.get().map(|d| {
                view! { <BookFor establishment=establishment.clone() detainee=d booked=booked /> }
            })
        }}
    }
}

#[component]
fn Booked(booking: Booking) -> impl IntoView {
    let i18n = use_i18n();
    let day = href(&format!("{DAY}?date={}", paris_date(booking.starts_at)));
    let (starts, room) = (booking.starts_at, booking.room_name);
    view! {
        <Alert kind=AlertKind::Success>
            {move || {
                t_string!(i18n, agent.desk.booked_done, date = format_visit_date_time(i18n, starts), room = room.clone())
                    .to_string()
            }}
            " "
            <a class="fr-link" href=day>{t!(i18n, agent.desk.see_day)}</a>
        </Alert>
    }
}

/// A slot staff may still book: open, a place left, not started.
fn bookable_by_staff(slot: &AgentSlot, now: i64) -> bool {
    !slot.blocked && slot.places_left > 0 && slot.starts_at > now
}

#[component]
fn BookFor(
    establishment: String,
    detainee: DetaineeSummary,
    booked: RwSignal<Option<Booking>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let links_path =
        establishment_path(&establishment, &format!("detainees/{}/links", detainee.id));
    let links = LocalResource::new(move || {
        let path = links_path.clone();
        async move { api::get::<Vec<DetaineeLink>>(&path).await }
    });
    let link = RwSignal::new(String::new());
    let typed_day = RwSignal::new(paris_today().to_string());
    let day = Memo::new(move |_| typed_day.with(|t| Date::parse(t)));
    let slots_base = establishment_path(&establishment, "slots");
    let slots = LocalResource::new(move || {
        let path = day.get().map(|d| format!("{slots_base}?from={d}&days=1"));
        async move {
            match path {
                Some(path) => api::get::<Vec<AgentSlot>>(&path).await,
                None => Ok(Vec::new()),
            }
        }
    });
    let slot = RwSignal::new(String::new());
    let people = RwSignal::new(Vec::<Person>::new());
    let form = FormState::new();
    // One key per booking typed here: a double click or a retry books once.
    let key = StoredValue::new(uuid::Uuid::new_v4().to_string());
    let slot_options = Signal::derive(move || {
        let now = now_seconds();
        let mut list = slots.get().and_then(Result::ok).unwrap_or_default();
        list.retain(|s| bookable_by_staff(s, now));
        list.sort_by_key(|s| s.starts_at);
        list.into_iter()
            .map(|s| SelectOption {
                label: t_string!(
                    i18n,
                    agent.desk.slot_option,
                    time = format_time(i18n, s.starts_at),
                    room = s.room_name.clone(),
                    places = s.places_left
                )
                .to_string(),
                value: s.id,
            })
            .collect::<Vec<_>>()
    });
    let day_error = Signal::derive(move || {
        day.get()
            .is_none()
            .then(|| error_code_message(i18n, ErrorCode::InvalidFormat))
    });
    let path = establishment_path(&establishment, "bookings");
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let body = NewBooking {
            link_id: text(link),
            slot_id: text(slot),
            companions: people
                .get_untracked()
                .into_iter()
                .map(Person::companion)
                .collect(),
            idempotency_key: key.get_value(),
        };
        let path = path.clone();
        form.submit(
            body.validate_on(paris_today()),
            move || async move { api::post::<_, Booking>(&path, &body).await },
            move |booking: Booking| {
                key.set_value(uuid::Uuid::new_v4().to_string());
                people.try_set(Vec::new());
                slot.try_set(String::new());
                slots.refetch();
                booked.try_set(Some(booking));
                window().scroll_to_with_x_and_y(0.0, 0.0);
            },
        );
    };
    let alert = Signal::derive(move || form.error.get().map(|e| api_error_message(i18n, &e)));
    let visitor_choice = move |list: Vec<DetaineeLink>| {
        if list.is_empty() {
            return view! { <p>{t!(i18n, agent.desk.no_link)}</p> }.into_any();
        }
        if let [only] = list.as_slice() {
            link.set(only.id.clone());
        }
        let options: Vec<SelectOption> = list
            .into_iter()
            .map(|l| {
                let (name, number) = (l.visitor_name, l.permit_number);
                let label = if l.can_book {
                    t_string!(
                        i18n,
                        agent.desk.visitor_option,
                        name = name,
                        number = number
                    )
                } else {
                    t_string!(
                        i18n,
                        agent.desk.visitor_option_invalid,
                        name = name,
                        number = number
                    )
                };
                SelectOption {
                    value: l.id,
                    label: label.to_string(),
                }
            })
            .collect();
        view! {
            <SelectField id="book-visitor" label=move || t_string!(i18n, agent.desk.visitor)
                placeholder=move || t_string!(i18n, agent.desk.choose_visitor)
                options=options value=link error=explained(form, "link_id") />
        }
        .into_any()
    };
    let no_slot = move || {
        (day.get().is_some() && slots.get().is_some() && slot_options.with(Vec::is_empty))
            .then(|| view! { <p>{t!(i18n, agent.desk.no_slot)}</p> })
    };
    view! {
        <h2 class="fr-h4 fr-mt-4w">{t!(i18n, agent.desk.step_visit)}</h2>
        <ErrorAlert message=alert />
        <form class="ned-form" novalidate=true on:submit=on_submit>
            {loaded(links, visitor_choice)}
            <InputField id="book-day" label=move || t_string!(i18n, agent.desk.visit_day)
                hint=move || t_string!(i18n, agent.visits.date_hint) input_type="date"
                value=typed_day error=day_error />
            <SelectField id="book-slot" label=move || t_string!(i18n, agent.desk.slot)
                placeholder=move || t_string!(i18n, agent.desk.choose_slot)
                options=slot_options value=slot error=explained(form, "slot_id") />
            {no_slot}
            <h2 class="fr-h4 fr-mt-4w">{t!(i18n, agent.desk.step_companions)}</h2>
            <p>{t!(i18n, agent.desk.companions_intro)}</p>
            <CompanionsEditor people=people form=form />
            <SubmitRow pending=form.pending>{t!(i18n, agent.desk.book)}</SubmitRow>
        </form>
    }
}
