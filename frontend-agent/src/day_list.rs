//! `/agent/journee`: a day's visits by room and slot, with check-in, no-show and cancel, and a
//! print layout (one room per page, see `ned.css`).

use frontend_kit::components::{Button, ButtonKind, InputField};
use frontend_kit::i18n::{t, t_string, use_i18n};
use frontend_kit::paris_time::{format_date, paris_today};
use frontend_kit::{api, href};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use shared_types::date::Date;
use shared_types::visit_desk::DeskSlot;

use crate::app::STAFF_BOOKING;
use crate::day_room::DayRoom;
use crate::loaded::loaded;
use crate::visits_page::{VisitsPage, establishment_path};

/// Day list page; `?date=YYYY-MM-DD` opens another day than today.
#[component]
pub fn DayList() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <VisitsPage
            title=move || t_string!(i18n, agent.desk.day_title)
            intro=move || t_string!(i18n, agent.desk.day_intro)
            body=|id: String| view! { <Day establishment=id /> }
        />
    }
}

#[component]
fn Day(establishment: String) -> impl IntoView {
    let i18n = use_i18n();
    let asked = use_query_map()
        .get_untracked()
        .get("date")
        .and_then(|d| Date::parse(&d));
    let typed = RwSignal::new(asked.unwrap_or_else(paris_today).to_string());
    let day = Memo::new(move |_| typed.with(|t| Date::parse(t)));
    let invalid = Signal::derive(move || {
        day.get()
            .is_none()
            .then(|| frontend_kit::error_code_message(i18n, shared_types::ErrorCode::InvalidFormat))
    });
    let base = establishment_path(&establishment, "day-list");
    // The day travels with its slots, so headings never pair a new date with old slots.
    let slots = LocalResource::new(move || {
        let day = day.get();
        let path = day.map(|d| format!("{base}?date={d}"));
        async move {
            match path {
                Some(path) => api::get::<Vec<DeskSlot>>(&path)
                    .await
                    .map(|list| (day, list)),
                None => Ok((None, Vec::new())),
            }
        }
    });
    let shift = move |n: i64| {
        if let Some(d) = day.get_untracked() {
            typed.set(d.add_days(n).to_string());
        }
    };
    let print = move |_| {
        let _ = window().print();
    };
    view! {
        <div class="ned-actions ned-no-print fr-mb-2w">
            <div>
                <InputField
                    id="day-date"
                    label=move || t_string!(i18n, agent.desk.date)
                    hint=move || t_string!(i18n, agent.visits.date_hint)
                    input_type="date"
                    value=typed
                    error=invalid
                />
            </div>
            <Button kind=ButtonKind::Secondary plain=true on_click=move |_| shift(-1)>
                {t!(i18n, agent.desk.previous_day)}
            </Button>
            <Button kind=ButtonKind::Secondary plain=true on_click=move |_| shift(1)>
                {t!(i18n, agent.desk.next_day)}
            </Button>
            <Button plain=true on_click=print>
                {t!(i18n, agent.desk.print)}
            </Button>
            <a class="fr-btn fr-btn--tertiary" href=href(STAFF_BOOKING)>
                {t!(i18n, agent.desk.nav_book)}
            </a>
        </div>
        {loaded(slots, move |(day, list): (Option<Date>, Vec<DeskSlot>)| {
            let date = day.map(|d| format_date(i18n, d)).unwrap_or_default();
            view! { <Rooms establishment=establishment.clone() list=list date=date /> }
        })}
    }
}

/// The day's slots grouped by room, rooms by name, slots by time.
fn by_room(mut list: Vec<DeskSlot>) -> Vec<Vec<DeskSlot>> {
    list.sort_by(|a, b| (&a.room_name, a.starts_at).cmp(&(&b.room_name, b.starts_at)));
    let mut rooms: Vec<Vec<DeskSlot>> = Vec::new();
    for slot in list {
        match rooms.last_mut() {
            Some(room) if room[0].room_name == slot.room_name => room.push(slot),
            _ => rooms.push(vec![slot]),
        }
    }
    rooms
}

#[component]
fn Rooms(establishment: String, list: Vec<DeskSlot>, date: String) -> impl IntoView {
    let i18n = use_i18n();
    if list.is_empty() {
        return view! { <p>{t!(i18n, agent.desk.day_empty)}</p> }.into_any();
    }
    by_room(list)
        .into_iter()
        .map(|slots| {
            view! { <DayRoom establishment=establishment.clone() slots=slots date=date.clone() /> }
        })
        .collect_view()
        .into_any()
}
