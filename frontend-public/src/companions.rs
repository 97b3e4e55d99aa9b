//! The companions step: who comes with the visitor, then "Confirmer la réservation".

use frontend_kit::components::{Button, ButtonKind, ErrorAlert, SubmitRow};
use frontend_kit::i18n::{t, t_string, use_i18n};
use frontend_kit::paris_time::{format_visit_date_time, paris_today};
use frontend_kit::{FormState, I18n, api, api_error_message, error_code_message};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use shared_types::FieldError;
use shared_types::visits::{Booking, Companion, NewBooking, Slot};

use crate::endpoints::BOOKINGS;
use crate::labels;
use crate::person_field::PersonField;

/// One person being added; `uid` keeps rows stable when one is removed.
#[derive(Clone, Copy)]
struct Person {
    uid: usize,
    adult: bool,
    first_name: RwSignal<String>,
    last_name: RwSignal<String>,
    birth_date: RwSignal<String>,
    permit_number: RwSignal<String>,
}

impl Person {
    fn new(uid: usize, adult: bool) -> Self {
        Self {
            uid,
            adult,
            first_name: RwSignal::new(String::new()),
            last_name: RwSignal::new(String::new()),
            birth_date: RwSignal::new(String::new()),
            permit_number: RwSignal::new(String::new()),
        }
    }

    fn companion(self) -> Companion {
        let permit = self.permit_number.get_untracked().trim().to_owned();
        Companion {
            first_name: self.first_name.get_untracked().trim().to_owned(),
            last_name: self.last_name.get_untracked().trim().to_owned(),
            birth_date: self.birth_date.get_untracked(),
            permit_number: (self.adult && !permit.is_empty()).then_some(permit),
        }
    }
}

/// The message for one field error: the API's own words when it wrote specific ones
/// (e.g. "no valid permit"), else the translated message for its code.
fn message(i18n: I18n, error: &FieldError) -> String {
    if FieldError::new(&error.field, error.code).message == error.message {
        error_code_message(i18n, error.code)
    } else {
        error.message.clone()
    }
}

/// Choose companions for `slot` and book it.
#[component]
pub fn CompanionsStep(
    link_id: String,
    chosen: Slot,
    on_back: Callback<()>,
    on_done: Callback<Booking>,
) -> impl IntoView {
    let i18n = use_i18n();
    let slot = chosen;
    let form = FormState::new();
    // One key for this confirmation screen: a double tap or a retry books once.
    let key = StoredValue::new(uuid::Uuid::new_v4().to_string());
    let people = RwSignal::new(Vec::<Person>::new());
    let next_uid = StoredValue::new(0usize);
    let add = move |adult: bool| {
        let uid = next_uid.get_value();
        next_uid.set_value(uid + 1);
        people.update(|p| p.push(Person::new(uid, adult)));
    };
    let link_id = StoredValue::new(link_id);
    let slot_id = StoredValue::new(slot.id.clone());

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let body = NewBooking {
            link_id: link_id.get_value(),
            slot_id: slot_id.get_value(),
            companions: people
                .get_untracked()
                .into_iter()
                .map(Person::companion)
                .collect(),
            idempotency_key: key.get_value(),
        };
        let check = body.validate_on(paris_today());
        form.submit(
            check,
            move || async move { api::post::<_, Booking>(BOOKINGS, &body).await },
            move |booking| on_done.run(booking),
        );
    };
    // Field errors go under their field; the alert tells the rest (full, quota, deadline…).
    let alert = Signal::derive(move || form.error.get().map(|e| api_error_message(i18n, &e)));
    let field_error = move |field: String| {
        Signal::derive(move || {
            form.field_errors.with(|all| {
                all.iter()
                    .find(|e| e.field == field)
                    .map(|e| message(i18n, e))
            })
        })
    };
    let (starts, kind, room) = (slot.starts_at, slot.room_kind, slot.room_name);

    let rows = move || {
        let list = people.get();
        let mut adults = 0;
        let mut children = 0;
        list.into_iter()
            .enumerate()
            .map(|(index, person)| {
                let title = if person.adult {
                    adults += 1;
                    t_string!(i18n, public.adult_n, n = adults).to_string()
                } else {
                    children += 1;
                    t_string!(i18n, public.child_n, n = children).to_string()
                };
                let id = |name: &str| format!("companion-{}-{name}", person.uid);
                let err = |name: &str| field_error(format!("companions[{index}].{name}"));
                let uid = person.uid;
                let permit = person.adult.then(|| {
                    view! {
                        <PersonField
                            id=id("permit_number")
                            label=move || t_string!(i18n, public.companion_permit)
                            hint=move || t_string!(i18n, public.companion_permit_hint)
                            value=person.permit_number
                            error=err("permit_number")
                        />
                    }
                });
                view! {
                    <fieldset class="fr-fieldset fr-mb-2w fr-p-2w ned-card">
                        <legend class="fr-fieldset__legend fr-text--bold">{title}</legend>
                        <PersonField
                            id=id("first_name")
                            label=move || t_string!(i18n, public.first_name)
                            value=person.first_name
                            error=err("first_name")
                        />
                        <PersonField
                            id=id("last_name")
                            label=move || t_string!(i18n, public.last_name)
                            value=person.last_name
                            error=err("last_name")
                        />
                        <PersonField
                            id=id("birth_date")
                            label=move || t_string!(i18n, public.birth_date)
                            input_type="date"
                            value=person.birth_date
                            error=err("birth_date")
                        />
                        {permit}
                        <Button
                            kind=ButtonKind::Tertiary
                            plain=true
                            on_click=move |_| people.update(|p| p.retain(|x| x.uid != uid))
                        >
                            {t!(i18n, public.remove_person)}
                        </Button>
                    </fieldset>
                }
            })
            .collect_view()
    };

    view! {
        <h2 class="fr-h4">{t!(i18n, public.chosen_slot)}</h2>
        <p class="fr-mb-1w fr-text--bold">{move || format_visit_date_time(i18n, starts)}</p>
        <p>{move || labels::room(i18n, kind, &room)}</p>
        <Button kind=ButtonKind::Tertiary plain=true on_click=move |_| on_back.run(())>
            {t!(i18n, public.change_slot)}
        </Button>
        <h2 class="fr-h4 fr-mt-4w">{t!(i18n, public.companions_title)}</h2>
        <p>{t!(i18n, public.companions_intro)}</p>
        <ErrorAlert message=alert />
        <form class="ned-form" novalidate=true on:submit=on_submit>
            {rows}
            <div class="ned-actions">
                <Button kind=ButtonKind::Secondary plain=true on_click=move |_| add(true)>
                    {t!(i18n, public.add_adult)}
                </Button>
                <Button kind=ButtonKind::Secondary plain=true on_click=move |_| add(false)>
                    {t!(i18n, public.add_child)}
                </Button>
            </div>
            <SubmitRow pending=form.pending large=true>
                {t!(i18n, public.confirm_booking)}
            </SubmitRow>
        </form>
    }
}
