//! A picture beside each service's name, for people who read little. DSFR icons rather than
//! the kit's emoji: the tablets' browser may have no emoji font, and these always draw.

use leptos::prelude::*;
use shared_types::roles::Service;

/// The DSFR icon class of a service.
pub fn service_icon_class(service: Service) -> &'static str {
    match service {
        Service::Registry => "fr-icon-file-text-line",
        Service::Probation => "fr-icon-compass-3-line",
        Service::Health => "fr-icon-stethoscope-line",
        Service::Work => "fr-icon-tools-line",
        Service::Training => "fr-icon-award-line",
        Service::Education => "fr-icon-school-line",
        Service::Activities => "fr-icon-palette-line",
        Service::Worship => "fr-icon-leaf-line",
        Service::Visits => "fr-icon-parent-line",
        Service::Canteen => "fr-icon-shopping-cart-2-line",
        Service::Mail => "fr-icon-mail-line",
        Service::Building => "fr-icon-building-line",
        Service::Library => "fr-icon-book-2-line",
        Service::Other => "fr-icon-chat-3-line",
    }
}

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
