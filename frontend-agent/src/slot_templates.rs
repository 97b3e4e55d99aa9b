//! Weekly slot templates: listed by room, added with a form, deleted after confirmation.

use frontend_kit::components::{
    Button, ButtonKind, ErrorAlert, InputField, SelectField, SelectOption, SubmitRow,
};
use frontend_kit::i18n::{t, t_string, use_i18n};
use frontend_kit::paris_time::paris_today;
use frontend_kit::{ApiError, FormState, api, api_error_message};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared_types::visits::{NewSlotTemplate, Room, SlotTemplate};

use crate::confirm::ConfirmPanel;
use crate::form_input::{checked, explained, number, optional, text};
use crate::loaded::loaded;
use crate::parloirs::{RoomsResource, room_options};
use crate::slot_template_table::TemplateTable;
use crate::visit_labels::weekday;
use crate::visits_page::establishment_path;

type TemplatesResource = LocalResource<Result<Vec<SlotTemplate>, ApiError>>;

/// Weekly slots section.
#[component]
pub fn SlotTemplates(establishment: String, rooms: RoomsResource) -> impl IntoView {
    let i18n = use_i18n();
    let path = establishment_path(&establishment, "slot-templates");
    let list_path = path.clone();
    let templates: TemplatesResource = LocalResource::new(move || {
        let path = list_path.clone();
        async move { api::get::<Vec<SlotTemplate>>(&path).await }
    });
    let to_delete = RwSignal::new(None::<String>);
    let asking = RwSignal::new(false);
    let delete_error = RwSignal::new(None::<String>);
    let delete_path = path.clone();
    let on_confirm = move |()| {
        let Some(id) = to_delete.get_untracked() else {
            return;
        };
        let path = format!("{delete_path}/{id}");
        spawn_local(async move {
            match api::delete(&path).await {
                Ok(()) => templates.refetch(),
                Err(e) => {
                    delete_error.try_set(Some(api_error_message(i18n, &e)));
                }
            }
        });
    };
    let ask_delete = Callback::new(move |id: String| {
        delete_error.set(None);
        to_delete.set(Some(id));
        asking.set(true);
    });
    let table = move || {
        loaded(templates, move |list: Vec<SlotTemplate>| {
            let by_room = move |rooms_list: Vec<Room>| {
                rooms_list
                    .into_iter()
                    .map(|room| {
                        let mine: Vec<SlotTemplate> = list
                            .iter()
                            .filter(|t| t.room_id == room.id)
                            .cloned()
                            .collect();
                        view! {
                            <h3 class="fr-h6 fr-mt-2w">{room.name}</h3>
                            <TemplateTable list=mine on_delete=ask_delete />
                        }
                    })
                    .collect_view()
            };
            loaded(rooms, by_room)
        })
    };
    view! {
        <h2 class="fr-h4 fr-mt-4w">{t!(i18n, agent.visits.templates_title)}</h2>
        <div class="fr-grid-row fr-grid-row--gutters">
            <div class="fr-col-12 fr-col-lg-7">
                <ErrorAlert message=delete_error />
                <ConfirmPanel
                    asking=asking
                    message=move || t_string!(i18n, agent.visits.confirm_delete_template)
                    on_confirm=on_confirm
                />
                {table}
            </div>
            <div class="fr-col-12 fr-col-lg-5">
                <NewTemplateForm path=path rooms=rooms templates=templates />
            </div>
        </div>
    }
}

#[component]
fn NewTemplateForm(
    path: String,
    rooms: RoomsResource,
    templates: TemplatesResource,
) -> impl IntoView {
    let i18n = use_i18n();
    let room = RwSignal::new(String::new());
    let day = RwSignal::new(String::new());
    let start = RwSignal::new(String::new());
    let duration = RwSignal::new(String::from("60"));
    let valid_from = RwSignal::new(paris_today().to_string());
    let valid_until = RwSignal::new(String::new());
    let form = FormState::new();
    let day_options = Signal::derive(move || {
        (1..=7)
            .map(|d| SelectOption {
                value: d.to_string(),
                label: weekday(i18n, d).to_owned(),
            })
            .collect::<Vec<_>>()
    });
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let mut errors = Vec::new();
        let body = NewSlotTemplate {
            room_id: text(room),
            weekday: number(&mut errors, "weekday", day),
            start: text(start),
            duration_minutes: number(&mut errors, "duration_minutes", duration),
            valid_from: text(valid_from),
            valid_until: optional(valid_until),
        };
        let check = checked(errors, body.validate());
        let path = path.clone();
        form.submit(
            check,
            move || async move { api::post::<_, SlotTemplate>(&path, &body).await },
            move |_| {
                start.try_set(String::new());
                templates.refetch();
            },
        );
    };
    let alert = Signal::derive(move || form.error.get().map(|e| api_error_message(i18n, &e)));
    view! {
        <h3 class="fr-h6">{t!(i18n, agent.visits.new_template_title)}</h3>
        <ErrorAlert message=alert />
        <form class="ned-form" novalidate=true on:submit=on_submit>
            <SelectField
                id="template-room"
                label=move || t_string!(i18n, agent.visits.room)
                placeholder=move || t_string!(i18n, agent.visits.choose_room)
                options=room_options(rooms)
                value=room
                error=form.field_error("room_id")
            />
            <SelectField
                id="template-weekday"
                label=move || t_string!(i18n, agent.visits.weekday)
                placeholder=move || t_string!(i18n, agent.visits.choose_weekday)
                options=day_options
                value=day
                error=form.field_error("weekday")
            />
            <InputField
                id="template-start"
                label=move || t_string!(i18n, agent.visits.start)
                hint=move || t_string!(i18n, agent.visits.start_hint)
                autocomplete="off"
                value=start
                error=form.field_error("start")
            />
            <InputField
                id="template-duration"
                label=move || t_string!(i18n, agent.visits.duration)
                inputmode="numeric"
                autocomplete="off"
                value=duration
                error=form.field_error("duration_minutes")
            />
            <InputField
                id="template-from"
                label=move || t_string!(i18n, agent.visits.valid_from)
                hint=move || t_string!(i18n, agent.visits.date_hint)
                input_type="date"
                value=valid_from
                error=form.field_error("valid_from")
            />
            <InputField
                id="template-until"
                label=move || t_string!(i18n, agent.visits.valid_until)
                hint=move || t_string!(i18n, agent.visits.date_hint)
                input_type="date"
                value=valid_until
                error=explained(form, "valid_until")
            />
            <SubmitRow pending=form.pending>{t!(i18n, agent.visits.add_template)}</SubmitRow>
        </form>
    }
}

/// A "Supprimer" button for one template.
#[component]
pub fn DeleteButton(id: String, on_delete: Callback<String>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Button
            kind=ButtonKind::Tertiary
            plain=true
            on_click=move |_| on_delete.run(id.clone())
        >
            {t!(i18n, agent.visits.delete)}
        </Button>
    }
}
