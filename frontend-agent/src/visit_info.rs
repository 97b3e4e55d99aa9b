//! `/agent/infos-visiteurs`: the practical information shown to families.

use frontend_kit::components::{
    Alert, AlertKind, ErrorAlert, InputField, SubmitRow, TextareaField,
};
use frontend_kit::i18n::{t, t_string, use_i18n};
use frontend_kit::{FormState, api, api_error_message};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use shared_types::visit_links::VisitInfo;

use crate::form_input::{optional, text};
use crate::loaded::loaded;
use crate::visits_page::{VisitsPage, establishment_path};

/// Visitor information page.
#[component]
pub fn VisitInfoPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <VisitsPage
            title=move || t_string!(i18n, agent.visits.info_title)
            intro=move || t_string!(i18n, agent.visits.info_intro)
            body=|id: String| view! { <Loader establishment=id /> }
        />
    }
}

#[component]
fn Loader(establishment: String) -> impl IntoView {
    let path = establishment_path(&establishment, "visit-info");
    let get_path = path.clone();
    let info = LocalResource::new(move || {
        let path = get_path.clone();
        async move {
            // Nothing written yet: start from an empty form.
            match api::get::<Option<VisitInfo>>(&path).await {
                Err(e) if e.status() == Some(404) => Ok(None),
                other => other,
            }
        }
    });
    loaded(
        info,
        move |i: Option<VisitInfo>| view! { <InfoForm path=path.clone() info=i /> },
    )
}

#[component]
fn InfoForm(path: String, info: Option<VisitInfo>) -> impl IntoView {
    let i18n = use_i18n();
    let info = info.unwrap_or(VisitInfo {
        address: String::new(),
        phone: None,
        opening_hours: String::new(),
        access: String::new(),
        what_to_bring: String::new(),
        accessibility: String::new(),
    });
    let address = RwSignal::new(info.address);
    let phone = RwSignal::new(info.phone.unwrap_or_default());
    let hours = RwSignal::new(info.opening_hours);
    let access = RwSignal::new(info.access);
    let bring = RwSignal::new(info.what_to_bring);
    let accessibility = RwSignal::new(info.accessibility);
    let saved = RwSignal::new(false);
    let form = FormState::new();
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        saved.set(false);
        let body = VisitInfo {
            address: text(address),
            phone: optional(phone),
            opening_hours: text(hours),
            access: text(access),
            what_to_bring: text(bring),
            accessibility: text(accessibility),
        };
        let check = body.validate();
        let path = path.clone();
        form.submit(
            check,
            move || async move { api::put::<_, VisitInfo>(&path, &body).await },
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
            <TextareaField id="address" label=move || t_string!(i18n, agent.visits.address)
                rows=2 value=address error=form.field_error("address") />
            <InputField id="phone" label=move || t_string!(i18n, agent.visits.phone)
                input_type="tel" value=phone error=form.field_error("phone") />
            <TextareaField id="opening_hours" label=move || t_string!(i18n, agent.visits.opening_hours)
                value=hours error=form.field_error("opening_hours") />
            <TextareaField id="access" label=move || t_string!(i18n, agent.visits.access)
                value=access error=form.field_error("access") />
            <TextareaField id="what_to_bring" label=move || t_string!(i18n, agent.visits.what_to_bring)
                value=bring error=form.field_error("what_to_bring") />
            <TextareaField id="accessibility" label=move || t_string!(i18n, agent.visits.accessibility)
                value=accessibility error=form.field_error("accessibility") />
            <SubmitRow pending=form.pending>{t!(i18n, agent.visits.save_info)}</SubmitRow>
        </form>
    }
}
