//! Closing visiting rooms for some days: confirmation first, since it cancels visits.

use frontend_kit::components::{
    Alert, AlertKind, ErrorAlert, InputField, SelectField, SelectOption, SubmitRow,
};
use frontend_kit::i18n::{t, t_string, use_i18n};
use frontend_kit::{FormState, api, api_error_message};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use shared_types::visits::{ClosureResult, NewClosure};

use crate::confirm::ConfirmPanel;
use crate::form_input::{explained, optional, text};
use crate::parloirs::{RoomsResource, room_options};
use crate::visits_page::establishment_path;

/// Value of the "every room" choice (room ids never take it).
const ALL_ROOMS: &str = "*";

/// Closure form.
#[component]
pub fn Closures(establishment: String, rooms: RoomsResource) -> impl IntoView {
    let i18n = use_i18n();
    let from = RwSignal::new(String::new());
    let until = RwSignal::new(String::new());
    let room = RwSignal::new(ALL_ROOMS.to_owned());
    let reason = RwSignal::new(String::new());
    let asking = RwSignal::new(false);
    let done = RwSignal::new(None::<ClosureResult>);
    let form = FormState::new();
    let rooms_of_establishment = room_options(rooms);
    let options = Signal::derive(move || {
        let mut all = vec![SelectOption {
            value: ALL_ROOMS.to_owned(),
            label: t_string!(i18n, agent.visits.all_rooms).to_owned(),
        }];
        all.extend(rooms_of_establishment.get());
        all
    });
    let body = move || NewClosure {
        from: text(from),
        until: text(until),
        room_id: optional(room).filter(|r| r != ALL_ROOMS),
        reason: text(reason),
    };
    // First step: check the fields, then ask.
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        done.set(None);
        form.reset();
        match body().validate() {
            Ok(()) => asking.set(true),
            Err(errors) => form.submit(errors_only(errors), || async { Ok(()) }, |()| {}),
        }
    };
    let path = establishment_path(&establishment, "closures");
    let on_confirm = move |()| {
        let body = body();
        let path = path.clone();
        form.submit(
            body.validate(),
            move || async move { api::post::<_, ClosureResult>(&path, &body).await },
            move |result| {
                reason.try_set(String::new());
                done.try_set(Some(result));
            },
        );
    };
    let alert = Signal::derive(move || form.error.get().map(|e| api_error_message(i18n, &e)));
    view! {
        <h2 class="fr-h4">{t!(i18n, agent.visits.closures_title)}</h2>
        <p>{t!(i18n, agent.visits.closures_intro)}</p>
        <ErrorAlert message=alert />
        {move || {
            done.get()
                .map(|r| {
                    let slots = r.blocked_slots;
                    let bookings = r.affected_bookings.len();
                    view! {
                        <Alert kind=AlertKind::Success>
                            {move || {
                                t_string!(i18n, agent.visits.closure_done, slots = slots, bookings = bookings)
                                    .to_string()
                            }}
                        </Alert>
                    }
                })
        }}
        <form class="ned-form" novalidate=true on:submit=on_submit>
            <InputField
                id="closure-from"
                label=move || t_string!(i18n, agent.visits.closure_from)
                hint=move || t_string!(i18n, agent.visits.date_hint)
                input_type="date"
                value=from
                error=form.field_error("from")
            />
            <InputField
                id="closure-until"
                label=move || t_string!(i18n, agent.visits.closure_until)
                hint=move || t_string!(i18n, agent.visits.date_hint)
                input_type="date"
                value=until
                error=explained(form, "until")
            />
            <SelectField
                id="closure-room"
                label=move || t_string!(i18n, agent.visits.closure_room)
                placeholder=move || t_string!(i18n, agent.visits.choose_room)
                options=options
                value=room
                error=form.field_error("room_id")
            />
            <InputField
                id="closure-reason"
                label=move || t_string!(i18n, agent.visits.reason)
                hint=move || t_string!(i18n, agent.visits.closure_reason_hint)
                autocomplete="off"
                value=reason
                error=form.field_error("reason")
            />
            <SubmitRow pending=form.pending>{t!(i18n, agent.visits.close)}</SubmitRow>
        </form>
        <ConfirmPanel
            asking=asking
            message=move || t_string!(i18n, agent.visits.confirm_closure)
            on_confirm=on_confirm
        />
    }
}

/// Shows local validation errors through the form state, without sending anything.
fn errors_only(errors: Vec<shared_types::FieldError>) -> Result<(), Vec<shared_types::FieldError>> {
    Err(errors)
}
