//! Step 1 of a new request: one big tile per service, with its picture and its name.

use crate::requests::service_icon::ServiceIcon;
use frontend_kit::i18n::{t, t_string, use_i18n};
use frontend_kit::request_labels::service_label;
use leptos::prelude::*;
use shared_types::roles::Service;

/// The fourteen services, in the shared order; tapping one hands it to `on_chosen`.
#[component]
pub fn ServiceStep(
    /// The service chosen earlier, marked when the detainee comes back to this step.
    chosen: Option<Service>,
    #[prop(into)] on_chosen: Callback<Service>,
) -> impl IntoView {
    let i18n = use_i18n();
    let tiles = Service::ALL
        .into_iter()
        .map(|service| {
            let note = (service == Service::Health).then(|| {
                view! {
                    <p class="fr-tile__desc ned-health-note">{t!(i18n, detainee.requests.health_note)}</p>
                }
            });
            let class = if chosen == Some(service) {
                "fr-tile fr-enlarge-button ned-tile ned-service-tile ned-service-tile--chosen"
            } else {
                "fr-tile fr-enlarge-button ned-tile ned-service-tile"
            };
            view! {
                <li>
                    <div class=class>
                        <div class="fr-tile__body">
                            <div class="fr-tile__content">
                                <h3 class="fr-tile__title">
                                    <button
                                        type="button"
                                        id=format!("service-{}", service.code())
                                        aria-pressed=if chosen == Some(service) { "true" } else { "false" }
                                        on:click=move |_| on_chosen.run(service)
                                    >
                                        {move || service_label(i18n, service)}
                                    </button>
                                </h3>
                                {note}
                            </div>
                        </div>
                        <div class="fr-tile__header">
                            <ServiceIcon service=service large=true />
                        </div>
                    </div>
                </li>
            }
        })
        .collect_view();
    view! {
        <p class="fr-text--lg">{move || t_string!(i18n, detainee.requests.service_question)}</p>
        <ul class="ned-tiles ned-service-tiles" id="services">
            {tiles}
        </ul>
    }
}
