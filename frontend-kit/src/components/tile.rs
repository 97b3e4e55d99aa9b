//! DSFR tiles (`fr-tile`): a big link with an icon, a title and a line of text, for home
//! pages read at a glance or tapped on a touch screen.

use leptos::prelude::*;

/// One tile; the whole tile is the link (`fr-enlarge-link`).
#[component]
pub fn Tile(
    /// Full address, base included.
    href: String,
    #[prop(into)] title: TextProp,
    #[prop(optional, into)] description: Option<TextProp>,
    /// A DSFR icon class, e.g. `fr-icon-money-euro-circle-line`.
    icon: &'static str,
    /// Heading level of the title inside the page (2 under the page's `<h1>`).
    #[prop(default = 2)]
    level: u8,
) -> impl IntoView {
    let link = view! {
        <a href=href>{move || title.get()}</a>
    };
    let heading = match level {
        3 => view! { <h3 class="fr-tile__title">{link}</h3> }.into_any(),
        _ => view! { <h2 class="fr-tile__title">{link}</h2> }.into_any(),
    };
    view! {
        <div class="fr-tile fr-enlarge-link ned-tile">
            <div class="fr-tile__body">
                <div class="fr-tile__content">
                    {heading}
                    {description
                        .map(|d| view! { <p class="fr-tile__desc">{move || d.get()}</p> })}
                </div>
            </div>
            <div class="fr-tile__header">
                <span class=format!("ned-tile__icon {icon}") aria-hidden="true"></span>
            </div>
        </div>
    }
}
