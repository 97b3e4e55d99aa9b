//! `/agent/requetes/modeles`: the answer templates each service keeps, to start an answer from.

use frontend_kit::components::{ConfirmButton, ErrorAlert};
use frontend_kit::i18n::{t, t_string, use_i18n};
use frontend_kit::request_labels::service_label;
use frontend_kit::{ApiError, FormState, api, api_error_message};
use leptos::prelude::*;
use shared_types::requests::console::{Desks, Template};
use shared_types::roles::Service;

use super::HANDLERS;
use super::desks::{DeskPicker, chosen, desks_of, first_choice};
use super::template_form::TemplateForm;
use crate::establishment_page::{EstablishmentPage, establishment_path};
use crate::loaded::loaded;

type TemplatesResource = LocalResource<Result<Vec<Template>, ApiError>>;

/// The templates page.
#[component]
pub fn TemplatesPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <EstablishmentPage
            title=move || t_string!(i18n, agent.requests.templates_title)
            intro=move || t_string!(i18n, agent.requests.templates_intro)
            permission=HANDLERS
            not_allowed=move || t_string!(i18n, agent.requests.not_allowed)
            body=|id: String| view! { <TemplatesOf establishment=id /> }
        />
    }
}

#[component]
fn TemplatesOf(establishment: String) -> impl IntoView {
    let desks = desks_of(&establishment);
    loaded(desks, move |desks: Desks| {
        view! { <DeskTemplates establishment=establishment.clone() desks=desks /> }
    })
}

#[component]
fn DeskTemplates(establishment: String, desks: Desks) -> impl IntoView {
    let i18n = use_i18n();
    if desks.desks.is_empty() {
        return view! { <p>{t!(i18n, agent.requests.no_desk)}</p> }.into_any();
    }
    let service = RwSignal::new(first_choice(&desks.desks));
    let base = establishment_path(&establishment, "requests/templates");
    view! {
        <DeskPicker desks=desks.desks value=service />
        {move || chosen(service).map(|s| view! { <ServiceTemplates base=base.clone() service=s /> })}
    }
    .into_any()
}

#[component]
fn ServiceTemplates(base: String, service: Service) -> impl IntoView {
    let i18n = use_i18n();
    let path = format!("{base}?service={}", service.code());
    let templates: TemplatesResource = LocalResource::new(move || {
        let path = path.clone();
        async move { api::get::<Vec<Template>>(&path).await }
    });
    let list = loaded(templates, move |list: Vec<Template>| {
        if list.is_empty() {
            return view! { <p>{t!(i18n, agent.requests.no_template)}</p> }.into_any();
        }
        let cards = list
            .into_iter()
            .map(|t| view! { <TemplateCard template=t templates=templates /> })
            .collect_view();
        view! { <ul class="fr-raw-list">{cards}</ul> }.into_any()
    });
    view! {
        <h2 class="fr-h4 fr-mt-4w">
            {move || t_string!(i18n, agent.requests.templates_of, service = service_label(i18n, service)).to_string()}
        </h2>
        {list}
        <TemplateForm base=base service=service on_done=move |()| templates.refetch() />
    }
}

#[component]
fn TemplateCard(template: Template, templates: TemplatesResource) -> impl IntoView {
    let i18n = use_i18n();
    let form = FormState::new();
    let path = StoredValue::new(format!("/api/agent/requests/templates/{}", template.id));
    let delete = move |()| {
        let path = path.get_value();
        form.submit(
            Ok(()),
            move || async move { api::delete(&path).await },
            move |()| templates.refetch(),
        );
    };
    let alert = Signal::derive(move || form.error.get().map(|e| api_error_message(i18n, &e)));
    let title = template.title.clone();
    view! {
        <li class="ned-card fr-p-2w fr-mb-2w">
            <h3 class="fr-h6 fr-mb-1w">{template.title}</h3>
            <p class="ned-message-body">{template.text}</p>
            <ErrorAlert message=alert />
            <ConfirmButton
                label=move || t_string!(i18n, agent.requests.template_delete, title = title.clone()).to_string()
                question=move || t_string!(i18n, agent.requests.template_delete_question)
                yes=move || t_string!(i18n, agent.requests.template_delete_yes)
                no=move || t_string!(i18n, agent.requests.close_no)
                pending=form.pending
                on_confirm=delete
            />
        </li>
    }
}
