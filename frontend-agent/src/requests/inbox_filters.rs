//! The inbox filters: where requests stand, how old they are, their subject.

use frontend_kit::api::query_value;
use frontend_kit::components::{SelectField, SelectOption};
use frontend_kit::i18n::{t_string, use_i18n};
use frontend_kit::request_labels::subject_label;
use leptos::prelude::*;
use shared_types::requests::console::{AgeFilter, InboxStatus};
use shared_types::requests::{FREE_SUBJECT, subjects};
use shared_types::roles::Service;

use super::labels;

/// The value of "any age" and "any subject".
const ANY: &str = "any";

/// The chosen filters, as select values.
#[derive(Clone, Copy)]
pub struct Filters {
    pub status: RwSignal<String>,
    pub age: RwSignal<String>,
    pub subject: RwSignal<String>,
    /// Which page of the list, from 0.
    pub page: RwSignal<u32>,
}

impl Filters {
    /// Pending requests of any age and subject, as the inbox opens.
    pub fn new() -> Self {
        Self {
            status: RwSignal::new(InboxStatus::Pending.code().to_owned()),
            age: RwSignal::new(ANY.to_owned()),
            subject: RwSignal::new(ANY.to_owned()),
            page: RwSignal::new(0),
        }
    }

    /// The inbox's query string for `service` (tracked: the list reloads when a filter changes).
    pub fn query(self, service: Service) -> String {
        let mut query = format!("service={}", service.code());
        if let Some(status) = self.status.with(|s| InboxStatus::from_code(s)) {
            query.push_str(&format!("&status={}", status.code()));
        }
        if let Some(age) = self.age.with(|a| AgeFilter::from_code(a)) {
            query.push_str(&format!("&age={}", age.code()));
        }
        let subject = self.subject.get();
        if subject != ANY && !subject.is_empty() {
            query.push_str(&format!("&subject={}", query_value(&subject)));
        }
        let page = self.page.get();
        if page > 0 {
            query.push_str(&format!("&page={page}"));
        }
        query
    }
}

/// The three selects; the subjects are those of `service`.
#[component]
pub fn InboxFilters(filters: Filters, service: Service) -> impl IntoView {
    let i18n = use_i18n();
    // Another service has other subjects: a subject kept from the previous one matches nothing.
    filters.subject.set(ANY.to_owned());
    let statuses = Signal::derive(move || {
        InboxStatus::ALL
            .iter()
            .map(|&s| option(s.code(), labels::inbox_status(i18n, s)))
            .collect::<Vec<_>>()
    });
    let ages = Signal::derive(move || {
        let mut list = vec![option(
            ANY,
            t_string!(i18n, agent.requests.age_any).to_string(),
        )];
        list.extend(
            AgeFilter::ALL
                .iter()
                .map(|&a| option(a.code(), labels::age(i18n, a))),
        );
        list
    });
    let topics = Signal::derive(move || {
        let mut list = vec![option(
            ANY,
            t_string!(i18n, agent.requests.subject_any).to_string(),
        )];
        list.extend(
            subjects(service)
                .iter()
                .chain(std::iter::once(&FREE_SUBJECT))
                .map(|&code| option(code, subject_label(i18n, code))),
        );
        list
    });
    let no_error = Signal::derive(|| None::<String>);
    view! {
        <div class="fr-grid-row fr-grid-row--gutters">
            <div class="fr-col-12 fr-col-md-4">
                <SelectField id="requests-status" label=move || t_string!(i18n, agent.requests.filter_status)
                    placeholder=move || t_string!(i18n, agent.requests.choose)
                    options=statuses value=filters.status error=no_error />
            </div>
            <div class="fr-col-12 fr-col-md-4">
                <SelectField id="requests-age" label=move || t_string!(i18n, agent.requests.filter_age)
                    placeholder=move || t_string!(i18n, agent.requests.choose)
                    options=ages value=filters.age error=no_error />
            </div>
            <div class="fr-col-12 fr-col-md-4">
                <SelectField id="requests-subject" label=move || t_string!(i18n, agent.requests.filter_subject)
                    placeholder=move || t_string!(i18n, agent.requests.choose)
                    options=topics value=filters.subject error=no_error />
            </div>
        </div>
    }
}

fn option(value: &str, label: String) -> SelectOption {
    SelectOption {
        value: value.to_owned(),
        label,
    }
}
