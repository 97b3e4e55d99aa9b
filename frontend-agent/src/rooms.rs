//! The rooms of an establishment: list and "add a room" form.

use frontend_kit::components::{ErrorAlert, InputField, SelectField, SelectOption, SubmitRow};
use frontend_kit::i18n::{t, t_string, use_i18n};
use frontend_kit::{FormState, api, api_error_message};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use shared_types::visits::{NewRoom, Room, RoomKind};
use shared_types::{ErrorCode, FieldError};

use crate::form_input::{checked, number, text};
use crate::loaded::{DataTable, loaded};
use crate::parloirs::RoomsResource;
use crate::visit_labels::{ROOM_KINDS, room_kind};
use crate::visits_page::establishment_path;

/// Rooms section.
#[component]
pub fn Rooms(establishment: String, rooms: RoomsResource) -> impl IntoView {
    let i18n = use_i18n();
    let name = RwSignal::new(String::new());
    let kind = RwSignal::new(RoomKind::Standard.code().to_owned());
    let capacity = RwSignal::new(String::new());
    let form = FormState::new();
    let kind_options = Signal::derive(move || {
        ROOM_KINDS
            .iter()
            .map(|k| SelectOption {
                value: k.code().to_owned(),
                label: room_kind(i18n, *k).to_owned(),
            })
            .collect::<Vec<_>>()
    });
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let mut errors = Vec::new();
        let parsed_kind = RoomKind::from_code(&kind.get_untracked());
        if parsed_kind.is_none() {
            errors.push(FieldError::new("kind", ErrorCode::Required));
        }
        let body = NewRoom {
            name: text(name),
            kind: parsed_kind.unwrap_or(RoomKind::Standard),
            capacity: number(&mut errors, "capacity", capacity),
        };
        let check = checked(errors, body.validate());
        let path = establishment_path(&establishment, "visit-rooms");
        form.submit(
            check,
            move || async move { api::post::<_, Room>(&path, &body).await },
            move |_| {
                name.try_set(String::new());
                capacity.try_set(String::new());
                rooms.refetch();
            },
        );
    };
    let alert = Signal::derive(move || form.error.get().map(|e| api_error_message(i18n, &e)));
    view! {
        <h2 class="fr-h4">{t!(i18n, agent.visits.rooms_title)}</h2>
        <div class="fr-grid-row fr-grid-row--gutters">
            <div class="fr-col-12 fr-col-lg-7">
                {loaded(rooms, move |list: Vec<Room>| view! { <RoomTable list=list /> })}
            </div>
            <div class="fr-col-12 fr-col-lg-5">
                <h3 class="fr-h6">{t!(i18n, agent.visits.new_room_title)}</h3>
                <ErrorAlert message=alert />
                <form class="ned-form" novalidate=true on:submit=on_submit>
                    <InputField
                        id="room-name"
                        label=move || t_string!(i18n, agent.visits.room_name)
                        autocomplete="off"
                        value=name
                        error=form.field_error("name")
                    />
                    <SelectField
                        id="room-kind"
                        label=move || t_string!(i18n, agent.visits.room_kind)
                        placeholder=move || t_string!(i18n, agent.visits.choose_kind)
                        options=kind_options
                        value=kind
                        error=form.field_error("kind")
                    />
                    <InputField
                        id="room-capacity"
                        label=move || t_string!(i18n, agent.visits.room_capacity)
                        inputmode="numeric"
                        autocomplete="off"
                        value=capacity
                        error=form.field_error("capacity")
                    />
                    <SubmitRow pending=form.pending>{t!(i18n, agent.visits.add_room)}</SubmitRow>
                </form>
            </div>
        </div>
    }
}

#[component]
fn RoomTable(list: Vec<Room>) -> impl IntoView {
    let i18n = use_i18n();
    if list.is_empty() {
        return view! { <p>{t!(i18n, agent.visits.rooms_empty)}</p> }.into_any();
    }
    let rows = list
        .into_iter()
        .map(|room| {
            let kind = room.kind;
            view! {
                <tr>
                    <td>{room.name}</td>
                    <td>{move || room_kind(i18n, kind)}</td>
                    <td>{room.capacity}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <DataTable>
            <thead>
                <tr>
                    <th scope="col">{t!(i18n, agent.visits.col_room)}</th>
                    <th scope="col">{t!(i18n, agent.visits.col_kind)}</th>
                    <th scope="col">{t!(i18n, agent.visits.col_capacity)}</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </DataTable>
    }
    .into_any()
}
