//! The booking rules form; below the legal minimum of visits, the API's message shows under the
//! field.

use frontend_kit::components::{Alert, AlertKind, ErrorAlert, InputField, SubmitRow};
use frontend_kit::i18n::{t, t_string, use_i18n};
use frontend_kit::{FormState, api, api_error_message};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use shared_types::visits::VisitRules;

use crate::form_input::{checked, explained, number};
use crate::loaded::loaded;
use crate::visits_page::establishment_path;

/// Loads the rules, then shows the form.
#[component]
pub fn VisitRulesForm(establishment: String) -> impl IntoView {
    let i18n = use_i18n();
    let path = establishment_path(&establishment, "visit-rules");
    let get_path = path.clone();
    let rules = LocalResource::new(move || {
        let path = get_path.clone();
        async move { api::get::<VisitRules>(&path).await }
    });
    view! {
        <h2 class="fr-h4 fr-mt-4w">{t!(i18n, agent.visits.rules_title)}</h2>
        {loaded(rules, move |r: VisitRules| view! { <RulesForm path=path.clone() rules=r /> })}
    }
}

#[component]
fn RulesForm(path: String, rules: VisitRules) -> impl IntoView {
    let i18n = use_i18n();
    let field = |n: u32| RwSignal::new(n.to_string());
    let opens = field(rules.opens_days_before);
    let closes = field(rules.closes_hours_before);
    let remand = field(rules.weekly_remand);
    let convicted = field(rules.weekly_convicted);
    let adults = field(rules.max_adults);
    let people = field(rules.max_people);
    let offer = field(rules.offer_minutes);
    let saved = RwSignal::new(false);
    let form = FormState::new();
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        saved.set(false);
        let mut e = Vec::new();
        let body = VisitRules {
            opens_days_before: number(&mut e, "opens_days_before", opens),
            closes_hours_before: number(&mut e, "closes_hours_before", closes),
            weekly_remand: number(&mut e, "weekly_remand", remand),
            weekly_convicted: number(&mut e, "weekly_convicted", convicted),
            max_adults: number(&mut e, "max_adults", adults),
            max_people: number(&mut e, "max_people", people),
            offer_minutes: number(&mut e, "offer_minutes", offer),
        };
        let check = checked(e, body.validate());
        let path = path.clone();
        form.submit(
            check,
            move || async move { api::put::<_, VisitRules>(&path, &body).await },
            move |_| {
                saved.try_set(true);
            },
        );
    };
    let alert = Signal::derive(move || form.error.get().map(|e| api_error_message(i18n, &e)));
    view! {
        <ErrorAlert message=alert />
        <Show when=move || saved.get()>
            <Alert kind=AlertKind::Success>{t!(i18n, agent.visits.saved)}</Alert>
        </Show>
        <form class="ned-form" novalidate=true on:submit=on_submit>
            <div class="fr-grid-row fr-grid-row--gutters">
                <div class="fr-col-12 fr-col-md-6">
                    <InputField id="opens_days_before" label=move || t_string!(i18n, agent.visits.opens_days_before)
                        inputmode="numeric" value=opens error=explained(form, "opens_days_before") />
                    <InputField id="closes_hours_before" label=move || t_string!(i18n, agent.visits.closes_hours_before)
                        inputmode="numeric" value=closes error=explained(form, "closes_hours_before") />
                    <InputField id="weekly_remand" label=move || t_string!(i18n, agent.visits.weekly_remand)
                        hint=move || t_string!(i18n, agent.visits.weekly_remand_hint)
                        inputmode="numeric" value=remand error=explained(form, "weekly_remand") />
                    <InputField id="weekly_convicted" label=move || t_string!(i18n, agent.visits.weekly_convicted)
                        hint=move || t_string!(i18n, agent.visits.weekly_convicted_hint)
                        inputmode="numeric" value=convicted error=explained(form, "weekly_convicted") />
                </div>
                <div class="fr-col-12 fr-col-md-6">
                    <InputField id="max_adults" label=move || t_string!(i18n, agent.visits.max_adults)
                        inputmode="numeric" value=adults error=explained(form, "max_adults") />
                    <InputField id="max_people" label=move || t_string!(i18n, agent.visits.max_people)
                        inputmode="numeric" value=people error=explained(form, "max_people") />
                    <InputField id="offer_minutes" label=move || t_string!(i18n, agent.visits.offer_minutes)
                        inputmode="numeric" value=offer error=explained(form, "offer_minutes") />
                </div>
            </div>
            <SubmitRow pending=form.pending>{t!(i18n, agent.visits.save_rules)}</SubmitRow>
        </form>
    }
}
