//! Who comes with the visitor, as staff type it on the phone: adults (each with their own
//! permit) and children.

use frontend_kit::FormState;
use frontend_kit::components::{Button, ButtonKind, InputField};
use frontend_kit::i18n::{t, t_string, use_i18n};
use leptos::prelude::*;
use shared_types::visits::Companion;

use crate::form_input::{explained, text};

/// One person being added; `uid` keeps ids and rows stable when another is removed.
#[derive(Clone, Copy)]
pub struct Person {
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

    /// The companion as the booking sends it (children carry no permit).
    pub fn companion(self) -> Companion {
        let permit = text(self.permit_number);
        Companion {
            first_name: text(self.first_name),
            last_name: text(self.last_name),
            birth_date: text(self.birth_date),
            permit_number: (self.adult && !permit.is_empty()).then_some(permit),
        }
    }
}

/// The people added so far, with "add an adult / a child" and "remove"; errors come from
/// `form` as `companions[i].field`.
#[component]
pub fn CompanionsEditor(people: RwSignal<Vec<Person>>, form: FormState) -> impl IntoView {
    let i18n = use_i18n();
    let next_uid = StoredValue::new(0usize);
    let add = move |adult: bool| {
        let uid = next_uid.get_value();
        next_uid.set_value(uid + 1);
        people.update(|p| p.push(Person::new(uid, adult)));
    };
    let rows = move || {
        let (mut adults, mut children) = (0, 0);
        people
            .get()
            .into_iter()
            .enumerate()
            .map(|(index, person)| {
                let title = if person.adult {
                    adults += 1;
                    t_string!(i18n, agent.desk.adult_n, n = adults).to_string()
                } else {
                    children += 1;
                    t_string!(i18n, agent.desk.child_n, n = children).to_string()
                };
                let id = |name: &str| format!("companion-{}-{name}", person.uid);
                let err = |name: &str| explained(form, format!("companions[{index}].{name}"));
                let uid = person.uid;
                let permit = person.adult.then(|| {
                    view! {
                        <div class="fr-fieldset__element">
                            <InputField id=id("permit") label=move || t_string!(i18n, agent.desk.companion_permit)
                                autocomplete="off" value=person.permit_number error=err("permit_number") />
                        </div>
                    }
                });
                view! {
                    <fieldset class="fr-fieldset fr-mb-2w fr-p-2w ned-card">
                        <legend class="fr-fieldset__legend fr-text--bold">{title}</legend>
                        <div class="fr-fieldset__element">
                            <InputField id=id("first-name") label=move || t_string!(i18n, agent.desk.first_name)
                                autocomplete="off" value=person.first_name error=err("first_name") />
                        </div>
                        <div class="fr-fieldset__element">
                            <InputField id=id("last-name") label=move || t_string!(i18n, agent.desk.last_name)
                                autocomplete="off" value=person.last_name error=err("last_name") />
                        </div>
                        <div class="fr-fieldset__element">
                            <InputField id=id("birth-date") label=move || t_string!(i18n, agent.desk.birth_date)
                                hint=move || t_string!(i18n, agent.visits.date_hint) input_type="date"
                                value=person.birth_date error=err("birth_date") />
                        </div>
                        {permit}
                        <div class="fr-fieldset__element">
                            <Button kind=ButtonKind::Tertiary small=true plain=true
                                on_click=move |_| people.update(|p| p.retain(|x| x.uid != uid))>
                                {t!(i18n, agent.desk.remove_person)}
                            </Button>
                        </div>
                    </fieldset>
                }
            })
            .collect_view()
    };
    view! {
        {rows}
        <div class="ned-actions">
            <Button kind=ButtonKind::Secondary plain=true on_click=move |_| add(true)>
                {t!(i18n, agent.desk.add_adult)}
            </Button>
            <Button kind=ButtonKind::Secondary plain=true on_click=move |_| add(false)>
                {t!(i18n, agent.desk.add_child)}
            </Button>
        </div>
    }
}
