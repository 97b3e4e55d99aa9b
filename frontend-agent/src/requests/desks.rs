//! The services an agent handles in an establishment ("desks"), and the picker between them
//! shared by the inbox and the templates pages.

use frontend_kit::components::{SelectField, SelectOption};
use frontend_kit::i18n::{t_string, use_i18n};
use frontend_kit::request_labels::service_label;
use frontend_kit::{ApiError, api};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use shared_types::requests::console::{Desks, ServiceDesk};
use shared_types::roles::Service;

use crate::establishment_page::establishment_path;

/// The desks of the signed-in agent in `establishment`.
pub fn desks_of(establishment: &str) -> LocalResource<Result<Desks, ApiError>> {
    let path = establishment_path(establishment, "requests/desks");
    LocalResource::new(move || {
        let path = path.clone();
        async move { api::get::<Desks>(&path).await }
    })
}

/// The desk to show first: `?service=` when the agent has it (coming back from a request),
/// else the first one.
pub fn first_choice(desks: &[ServiceDesk]) -> String {
    let asked = use_query_map().get_untracked().get("service");
    asked
        .filter(|code| desks.iter().any(|d| d.service.code() == code))
        .or_else(|| desks.first().map(|d| d.service.code().to_owned()))
        .unwrap_or_default()
}

/// The chosen desk's service, if the code is one.
pub fn chosen(code: RwSignal<String>) -> Option<Service> {
    code.with(|c| Service::from_code(c))
}

/// A select of the agent's services, each with its pending and overdue counts.
#[component]
pub fn DeskPicker(desks: Vec<ServiceDesk>, value: RwSignal<String>) -> impl IntoView {
    let i18n = use_i18n();
    let options = Signal::derive(move || {
        desks
            .iter()
            .map(|d| SelectOption {
                value: d.service.code().to_owned(),
                label: t_string!(
                    i18n,
                    agent.requests.desk_option,
                    service = service_label(i18n, d.service),
                    pending = d.pending,
                    overdue = d.overdue
                )
                .to_string(),
            })
            .collect::<Vec<_>>()
    });
    view! {
        <div class="fr-grid-row">
            <div class="fr-col-12 fr-col-md-6 fr-mb-3w">
                <SelectField
                    id="requests-service"
                    label=move || t_string!(i18n, agent.requests.service)
                    placeholder=move || t_string!(i18n, agent.requests.choose_service)
                    options=options
                    value=value
                    error=Signal::derive(|| None::<String>)
                />
            </div>
        </div>
    }
}
