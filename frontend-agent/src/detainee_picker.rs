//! Finding a detainee of the establishment by name or registration number, then choosing one.

use frontend_kit::components::{ErrorAlert, InputField, SelectField, SelectOption, SubmitRow};
use frontend_kit::i18n::{t, t_string, use_i18n};
use frontend_kit::{FormState, api, api_error_message};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use shared_types::people::DetaineeSummary;

use crate::visit_labels::legal_status;
use crate::visits_page::establishment_path;

/// A search field, then the matching detainees to choose from; the choice lands in `selected`.
#[component]
pub fn DetaineePicker(
    establishment: String,
    /// Prefix of the field ids, unique on the page.
    id: &'static str,
    selected: RwSignal<Option<DetaineeSummary>>,
    /// A message about the choice (none made), shown on the field in use.
    #[prop(optional, into)]
    error: Signal<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let query = RwSignal::new(String::new());
    let results = RwSignal::new(None::<Vec<DetaineeSummary>>);
    let chosen = RwSignal::new(String::new());
    let form = FormState::new();
    let path = establishment_path(&establishment, "detainees");
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let url = format!(
            "{path}?q={}",
            api::query_value(query.get_untracked().trim())
        );
        form.submit(
            Ok(()),
            move || async move { api::get::<Vec<DetaineeSummary>>(&url).await },
            move |list: Vec<DetaineeSummary>| {
                let only = match list.as_slice() {
                    [one] => one.id.clone(),
                    _ => String::new(),
                };
                results.try_set(Some(list));
                chosen.try_set(only);
            },
        );
    };
    // The select holds an id; the page wants the detainee.
    Effect::new(move |_| {
        let id = chosen.get();
        let found =
            results.with_untracked(|list| list.iter().flatten().find(|d| d.id == id).cloned());
        selected.set(found);
    });
    let options = Signal::derive(move || {
        results.with(|list| {
            list.iter()
                .flatten()
                .map(|d| SelectOption {
                    value: d.id.clone(),
                    label: t_string!(
                        i18n,
                        agent.desk.detainee_option,
                        name = format!("{} {}", d.last_name, d.first_name),
                        number = d.registration_number.clone(),
                        status = legal_status(i18n, d.legal_status)
                    )
                    .to_string(),
                })
                .collect()
        })
    });
    let alert = Signal::derive(move || form.error.get().map(|e| api_error_message(i18n, &e)));
    let choice = move || match results.with(|r| r.as_ref().map(Vec::len)) {
        None => ().into_any(),
        Some(0) => view! { <p>{t!(i18n, agent.desk.no_detainee)}</p> }.into_any(),
        Some(_) => view! {
            <SelectField
                id=format!("{id}-detainee")
                label=move || t_string!(i18n, agent.visits.detainee)
                placeholder=move || t_string!(i18n, agent.visits.choose_detainee)
                options=options
                value=chosen
                error=error
            />
        }
        .into_any(),
    };
    view! {
        <ErrorAlert message=alert />
        <form class="ned-form" role="search" novalidate=true on:submit=on_submit>
            <InputField
                id=format!("{id}-search")
                label=move || t_string!(i18n, agent.desk.detainee_search)
                hint=move || t_string!(i18n, agent.desk.detainee_search_hint)
                autocomplete="off"
                value=query
                error=Signal::derive(move || {
                    if results.with(Option::is_some) { None } else { error.get() }
                })
            />
            <SubmitRow pending=form.pending>{t!(i18n, agent.desk.search)}</SubmitRow>
        </form>
        <div class="fr-mt-2w">{choice}</div>
    }
}
