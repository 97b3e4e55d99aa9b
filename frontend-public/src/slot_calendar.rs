//! Week-by-week list of bookable slots, by day, with places left and the waiting list when full.

use frontend_kit::components::{Alert, AlertKind, Button, ButtonKind, ErrorAlert, Loading};
use frontend_kit::i18n::{t, t_string, use_i18n};
use frontend_kit::paris_time::{format_date, format_time, paris_date, paris_today};
use frontend_kit::{api, api_error_message};
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared_types::date::Date;
use shared_types::refusals::visits::Visits;
use shared_types::visit_links::{JoinWaitlist, WaitlistEntry};
use shared_types::visits::Slot;

use crate::endpoints::{self, WAITLIST};
use crate::labels;

/// Days shown at once.
const WEEK: u32 = 7;

/// The calendar of one link's slots; `on_choose` gets the slot picked.
#[component]
pub fn SlotCalendar(link_id: String, on_choose: Callback<Slot>) -> impl IntoView {
    let i18n = use_i18n();
    let today = paris_today();
    let from = RwSignal::new(today);
    let link = StoredValue::new(link_id);
    let slots = LocalResource::new(move || {
        let path = endpoints::slots(&link.get_value(), &from.get().to_string(), WEEK);
        async move { api::get::<Vec<Slot>>(&path).await }
    });
    // Result of the last waiting-list request, and the slots already joined.
    let waitlist_notice = RwSignal::new(None::<Result<String, String>>);
    let joined = RwSignal::new(Vec::<String>::new());
    let join = Callback::new(move |slot_id: String| {
        let body = JoinWaitlist {
            link_id: link.get_value(),
            slot_id: slot_id.clone(),
        };
        waitlist_notice.set(None);
        spawn_local(async move {
            let notice = match api::post::<_, WaitlistEntry>(WAITLIST, &body).await {
                Ok(_) => {
                    joined.try_update(|j| j.push(slot_id));
                    Ok(t_string!(i18n, public.waitlist_joined).to_string())
                }
                Err(e) => {
                    // The code says what changed since the list was shown, never the text.
                    if e.is(Visits::AlreadyWaiting) {
                        joined.try_update(|j| j.push(slot_id));
                    } else if [
                        Visits::SlotNotFull,
                        Visits::WaitlistTooLate,
                        Visits::SlotClosed,
                        Visits::SlotPast,
                    ]
                    .into_iter()
                    .any(|r| e.is(r))
                    {
                        slots.refetch();
                    }
                    Err(api_error_message(i18n, &e))
                }
            };
            waitlist_notice.try_set(Some(notice));
        });
    });
    let heading = move || {
        let start = from.get();
        t_string!(
            i18n,
            public.week_of,
            from = format_date(i18n, start),
            to = format_date(i18n, start.add_days(i64::from(WEEK) - 1))
        )
        .to_string()
    };
    let days = move || match slots.get() {
        None => view! { <Loading /> }.into_any(),
        Some(Err(error)) => view! {
            <ErrorAlert message=Some(api_error_message(i18n, &error)) />
            <Button kind=ButtonKind::Secondary plain=true on_click=move |_| slots.refetch()>
                {t!(i18n, common.retry)}
            </Button>
        }
        .into_any(),
        Some(Ok(list)) if list.is_empty() => {
            view! { <p>{t!(i18n, public.no_slot_week)}</p> }.into_any()
        }
        Some(Ok(list)) => by_day(list)
            .into_iter()
            .map(|(day, slots)| {
                view! { <Day day=day slots=slots on_choose=on_choose join=join joined=joined /> }
            })
            .collect_view()
            .into_any(),
    };
    view! {
        <h2 class="fr-h4" aria-live="polite">{heading}</h2>
        <div class="ned-actions fr-mb-3w">
            <Button
                kind=ButtonKind::Secondary
                plain=true
                disabled=Signal::derive(move || from.get() <= today)
                on_click=move |_| from.update(|d| *d = d.add_days(-i64::from(WEEK)).max(today))
            >
                {t!(i18n, public.previous_week)}
            </Button>
            <Button
                kind=ButtonKind::Secondary
                plain=true
                on_click=move |_| from.update(|d| *d = d.add_days(i64::from(WEEK)))
            >
                {t!(i18n, public.next_week)}
            </Button>
        </div>
        {move || {
            waitlist_notice
                .get()
                .map(|n| match n {
                    Ok(text) => view! { <Alert kind=AlertKind::Success>{text}</Alert> }.into_any(),
                    Err(text) => view! { <Alert kind=AlertKind::Error>{text}</Alert> }.into_any(),
                })
        }}
        {days}
    }
}

/// Slots grouped by Paris day, in time order.
fn by_day(mut slots: Vec<Slot>) -> Vec<(Date, Vec<Slot>)> {
    slots.sort_by_key(|s| s.starts_at);
    let mut days: Vec<(Date, Vec<Slot>)> = Vec::new();
    for slot in slots {
        let day = paris_date(slot.starts_at);
        match days.last_mut() {
            Some((d, list)) if *d == day => list.push(slot),
            _ => days.push((day, vec![slot])),
        }
    }
    days
}

#[component]
fn Day(
    day: Date,
    slots: Vec<Slot>,
    on_choose: Callback<Slot>,
    join: Callback<String>,
    joined: RwSignal<Vec<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h3 class="fr-h6 fr-mt-3w fr-mb-1w">{move || format_date(i18n, day)}</h3>
        <ul class="fr-raw-list">
            {slots
                .into_iter()
                .map(|slot| view! { <SlotRow item=slot on_choose=on_choose join=join joined=joined /> })
                .collect_view()}
        </ul>
    }
}

#[component]
fn SlotRow(
    item: Slot,
    on_choose: Callback<Slot>,
    join: Callback<String>,
    joined: RwSignal<Vec<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let slot = item;
    let (starts, ends, kind, left) = (
        slot.starts_at,
        slot.ends_at,
        slot.room_kind,
        slot.places_left,
    );
    let room = slot.room_name.clone();
    let slot_id = slot.id.clone();
    let slot = StoredValue::new(slot);
    let action = move || {
        if left > 0 {
            view! {
                <Button plain=true on_click=move |_| on_choose.run(slot.get_value())>
                    {t!(i18n, public.choose_slot)}
                </Button>
            }
            .into_any()
        } else if joined.with(|j| j.contains(&slot_id)) {
            view! { <p class="fr-mb-0">{t!(i18n, public.waiting_entry)}</p> }.into_any()
        } else {
            let id = slot_id.clone();
            view! {
                <Button kind=ButtonKind::Secondary plain=true on_click=move |_| join.run(id.clone())>
                    {t!(i18n, public.join_waitlist)}
                </Button>
            }
            .into_any()
        }
    };
    view! {
        <li class="fr-mb-2w fr-p-2w ned-card">
            <p class="fr-text--bold fr-mb-1w">
                {move || format!("{} – {}", format_time(i18n, starts), format_time(i18n, ends))}
            </p>
            <p class="fr-mb-1w">{move || labels::room(i18n, kind, &room)}</p>
            <p class="fr-mb-1w">
                {move || {
                    if left > 0 {
                        labels::places(i18n, left)
                    } else {
                        t_string!(i18n, public.slot_full).to_string()
                    }
                }}
            </p>
            {action}
        </li>
    }
}
