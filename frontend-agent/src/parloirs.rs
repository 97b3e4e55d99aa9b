//! `/agent/parloirs`: rooms, weekly slots, slot generation, closures and booking rules.

use frontend_kit::ApiError;
use frontend_kit::api;
use frontend_kit::i18n::{t_string, use_i18n};
use leptos::prelude::*;
use shared_types::visits::Room;

use crate::closures::Closures;
use crate::rooms::Rooms;
use crate::slot_generation::SlotGeneration;
use crate::slot_templates::SlotTemplates;
use crate::visit_rules::VisitRulesForm;
use crate::visits_page::{VisitsPage, establishment_path};

/// Rooms of an establishment, shared by the sections that list or choose them.
pub type RoomsResource = LocalResource<Result<Vec<Room>, ApiError>>;

/// Parloirs page.
#[component]
pub fn Parloirs() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <VisitsPage
            title=move || t_string!(i18n, agent.visits.parloirs_title)
            intro=move || t_string!(i18n, agent.visits.parloirs_intro)
            body=|id: String| view! { <Sections establishment=id /> }
        />
    }
}

#[component]
fn Sections(establishment: String) -> impl IntoView {
    let path = establishment_path(&establishment, "visit-rooms");
    let rooms: RoomsResource = LocalResource::new(move || {
        let path = path.clone();
        async move { api::get::<Vec<Room>>(&path).await }
    });
    view! {
        <Rooms establishment=establishment.clone() rooms=rooms />
        <SlotTemplates establishment=establishment.clone() rooms=rooms />
        <div class="fr-grid-row fr-grid-row--gutters fr-mt-4w">
            <div class="fr-col-12 fr-col-lg-6">
                <SlotGeneration establishment=establishment.clone() />
            </div>
            <div class="fr-col-12 fr-col-lg-6">
                <Closures establishment=establishment.clone() rooms=rooms />
            </div>
        </div>
        <VisitRulesForm establishment=establishment />
    }
}

/// The rooms as select options.
pub fn room_options(rooms: RoomsResource) -> Signal<Vec<frontend_kit::components::SelectOption>> {
    Signal::derive(move || {
        rooms
            .get()
            .and_then(Result::ok)
            .unwrap_or_default()
            .into_iter()
            .map(|r| frontend_kit::components::SelectOption {
                value: r.id,
                label: r.name,
            })
            .collect()
    })
}
