//! `/agent/creneaux`: the week's slots per day and room, with bookings and closed state.

use frontend_kit::components::{Button, ButtonKind};
use frontend_kit::i18n::{t, t_string, use_i18n};
use frontend_kit::paris_time::{format_date, format_day, format_time, paris_date, paris_today};
use frontend_kit::{I18n, api};
use leptos::prelude::*;
use shared_types::visits::AgentSlot;

use crate::loaded::{DataTable, loaded};
use crate::visits_page::{VisitsPage, establishment_path};

/// Slots page.
#[component]
pub fn SlotsWeek() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <VisitsPage
            title=move || t_string!(i18n, agent.visits.slots_title)
            intro=move || String::new()
            body=|id: String| view! { <Week establishment=id /> }
        />
    }
}

#[component]
fn Week(establishment: String) -> impl IntoView {
    let i18n = use_i18n();
    let monday = RwSignal::new(paris_today().week_start());
    let base = establishment_path(&establishment, "slots");
    let slots = LocalResource::new(move || {
        let path = format!("{base}?from={}&days=7", monday.get());
        async move { api::get::<Vec<AgentSlot>>(&path).await }
    });
    view! {
        <div class="ned-actions fr-mb-2w">
            <Button kind=ButtonKind::Secondary plain=true on_click=move |_| monday.update(|d| *d = d.add_days(-7))>
                {t!(i18n, agent.visits.previous_week)}
            </Button>
            <h2 class="fr-h5 fr-mb-0">
                {move || t_string!(i18n, agent.visits.week_of, date = format_date(i18n, monday.get())).to_string()}
            </h2>
            <Button kind=ButtonKind::Secondary plain=true on_click=move |_| monday.update(|d| *d = d.add_days(7))>
                {t!(i18n, agent.visits.next_week)}
            </Button>
        </div>
        {loaded(slots, move |list: Vec<AgentSlot>| view! { <Days list=list /> })}
    }
}

#[component]
fn Days(list: Vec<AgentSlot>) -> impl IntoView {
    let i18n = use_i18n();
    if list.is_empty() {
        return view! { <p>{t!(i18n, agent.visits.slots_empty)}</p> }.into_any();
    }
    let mut list = list;
    list.sort_by(|a, b| (a.starts_at, &a.room_name).cmp(&(b.starts_at, &b.room_name)));
    let mut days: Vec<Vec<AgentSlot>> = Vec::new();
    for slot in list {
        match days.last_mut() {
            Some(day) if paris_date(day[0].starts_at) == paris_date(slot.starts_at) => {
                day.push(slot)
            }
            _ => days.push(vec![slot]),
        }
    }
    days.into_iter()
        .map(|day| {
            let first = day[0].starts_at;
            let rows = day.into_iter().map(|s| slot_row(i18n, s)).collect_view();
            view! {
                <h3 class="fr-h6 fr-mt-3w">{move || format_day(i18n, first)}</h3>
                <DataTable>
                    <thead>
                        <tr>
                            <th scope="col">{t!(i18n, agent.visits.col_time)}</th>
                            <th scope="col">{t!(i18n, agent.visits.col_room)}</th>
                            <th scope="col">{t!(i18n, agent.visits.col_booked)}</th>
                            <th scope="col">{t!(i18n, agent.visits.col_state)}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </DataTable>
            }
        })
        .collect_view()
        .into_any()
}

fn slot_row(i18n: I18n, s: AgentSlot) -> impl IntoView {
    let (start, end) = (s.starts_at, s.ends_at);
    let state = move || {
        if s.blocked {
            match s.block_reason.clone() {
                Some(reason) => {
                    t_string!(i18n, agent.visits.state_blocked_reason, reason = reason).to_string()
                }
                None => t_string!(i18n, agent.visits.state_blocked).to_string(),
            }
        } else if s.bookable {
            t_string!(i18n, agent.visits.state_bookable).to_string()
        } else if s.places_left == 0 {
            t_string!(i18n, agent.visits.state_full).to_string()
        } else {
            t_string!(i18n, agent.visits.state_unavailable).to_string()
        }
    };
    view! {
        <tr>
            <td>{move || format!("{} – {}", format_time(i18n, start), format_time(i18n, end))}</td>
            <td>{s.room_name.clone()}</td>
            <td>{format!("{} / {}", s.booked, s.capacity)}</td>
            <td>{state}</td>
        </tr>
    }
}
