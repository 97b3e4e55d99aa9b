//! One room of the day list: a table of its slots and visits, printed on a page of its own.

use frontend_kit::i18n::{t, t_string, use_i18n};
use frontend_kit::paris_time::format_time;
use leptos::prelude::*;
use shared_types::visit_desk::DeskSlot;

use crate::desk_row::{COLUMNS, DeskRow};
use crate::loaded::DataTable;
use crate::visit_labels::room_kind;

/// The room's heading and table; `slots` all belong to it, in time order.
#[component]
pub fn DayRoom(establishment: String, slots: Vec<DeskSlot>, date: String) -> impl IntoView {
    let i18n = use_i18n();
    let (room, kind) = (slots[0].room_name.clone(), slots[0].room_kind);
    let heading = {
        let (room, date) = (room.clone(), date.clone());
        move || {
            t_string!(
                i18n,
                agent.desk.room_heading,
                room = format!("{room} ({})", room_kind(i18n, kind)),
                date = date.clone()
            )
            .to_string()
        }
    };
    let caption = move || {
        t_string!(
            i18n,
            agent.desk.room_caption,
            date = date.clone(),
            room = room.clone()
        )
        .to_string()
    };
    let rows = slots
        .into_iter()
        .map(|slot| {
            let (start, end) = (slot.starts_at, slot.ends_at);
            let time = Signal::derive(move || {
                format!("{} – {}", format_time(i18n, start), format_time(i18n, end))
            });
            let note = if slot.blocked {
                Some(t_string!(i18n, agent.desk.slot_closed))
            } else if slot.bookings.is_empty() {
                Some(t_string!(i18n, agent.desk.slot_empty))
            } else {
                None
            };
            match note {
                Some(note) => view! {
                    <tr>
                        <td>{time}</td>
                        <td colspan=COLUMNS - 1>{note}</td>
                    </tr>
                }
                .into_any(),
                None => slot
                    .bookings
                    .into_iter()
                    .map(|b| view! { <DeskRow establishment=establishment.clone() time=time booking=b /> })
                    .collect_view()
                    .into_any(),
            }
        })
        .collect_view();
    view! {
        <section class="ned-print-room fr-mt-4w">
            <h2 class="fr-h4">{heading}</h2>
            <DataTable>
                <caption class="fr-sr-only">{caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, agent.visits.col_time)}</th>
                        <th scope="col">{t!(i18n, agent.desk.col_visitor)}</th>
                        <th scope="col">{t!(i18n, agent.desk.col_companions)}</th>
                        <th scope="col">{t!(i18n, agent.desk.col_detainee)}</th>
                        <th scope="col">{t!(i18n, agent.desk.col_status)}</th>
                        <th scope="col" class="ned-no-print">{t!(i18n, agent.desk.col_actions)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </DataTable>
        </section>
    }
}
