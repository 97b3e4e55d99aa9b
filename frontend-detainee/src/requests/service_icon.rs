//! A picture beside each service's name, for people who read little (the kit's DSFR icons).

use frontend_kit::request_labels::service_icon_class;
use leptos::prelude::*;
use shared_types::roles::Service;

/// The service's icon, decorative (always beside its name); `large` on the service tiles.
#[component]
pub fn ServiceIcon(service: Service, #[prop(optional)] large: bool) -> impl IntoView {
    let size = if large {
        "ned-tile__icon"
    } else {
        "ned-service-icon"
    };
    view! { <span class=format!("{} {size}", service_icon_class(service)) aria-hidden="true"></span> }
}
