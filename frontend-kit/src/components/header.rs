//! The DSFR header: the State's block "République Française", the service name, actions, menu.

use leptos::prelude::*;

use crate::i18n::{t, t_string, use_i18n};

/// One entry of the header's main menu.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NavLink {
    /// Full path, base included.
    pub href: String,
    /// Shown text.
    pub label: String,
}

/// The page header. `actions` stay visible on every screen size (unlike DSFR's tool links,
/// hidden on phones behind a JS menu), so the sign-out button is always reachable.
#[component]
pub fn Header(
    #[prop(into)] service_name: TextProp,
    #[prop(optional_no_strip)] tagline: Option<TextProp>,
    /// Where the service name links to (the portal's home).
    home_href: &'static str,
    /// Buttons shown at the right of the header, e.g. sign-out.
    #[prop(optional_no_strip)]
    actions: Option<ViewFn>,
    /// Main menu entries, shown under the header body.
    #[prop(optional_no_strip)]
    nav: Option<Signal<Vec<NavLink>>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let title_name = service_name.clone();
    view! {
        <header role="banner" class="fr-header">
            <div class="fr-header__body">
                <div class="fr-container">
                    <div class="fr-header__body-row ned-header__row">
                        <div class="fr-header__brand fr-enlarge-link">
                            <div class="fr-header__brand-top">
                                <div class="fr-header__logo">
                                    <p class="fr-logo">
                                        {t!(i18n, common.republic_1)}
                                        <br />
                                        {t!(i18n, common.republic_2)}
                                    </p>
                                </div>
                            </div>
                            <div class="fr-header__service">
                                <a
                                    href=home_href
                                    title=move || {
                                        t_string!(i18n, common.home_link_title, service = title_name.get())
                                            .to_string()
                                    }
                                >
                                    <p class="fr-header__service-title">
                                        {move || service_name.get()}
                                    </p>
                                </a>
                                {tagline
                                    .map(|t| {
                                        view! {
                                            <p class="fr-header__service-tagline">
                                                {move || t.get()}
                                            </p>
                                        }
                                    })}
                            </div>
                        </div>
                        <div class="ned-header__actions">{actions.map(|a| a.run())}</div>
                    </div>
                </div>
            </div>
            {nav.map(|links| view! { <MainNav links=links /> })}
        </header>
    }
}

#[component]
fn MainNav(links: Signal<Vec<NavLink>>) -> impl IntoView {
    let i18n = use_i18n();
    let location = leptos_router::hooks::use_location();
    view! {
        <div class="ned-header__menu">
            <div class="fr-container">
                <nav class="fr-nav" aria-label=move || t_string!(i18n, common.main_nav_label)>
                    <ul class="fr-nav__list">
                        <For
                            each=move || links.get()
                            key=|l| (l.href.clone(), l.label.clone())
                            children=move |link| {
                                let href = link.href.clone();
                                let current = move || {
                                    let path = location.pathname.get();
                                    (path.trim_end_matches('/') == href.trim_end_matches('/'))
                                        .then_some("page")
                                };
                                view! {
                                    <li class="fr-nav__item">
                                        <a class="fr-nav__link" href=link.href aria-current=current>
                                            {link.label}
                                        </a>
                                    </li>
                                }
                            }
                        />
                    </ul>
                </nav>
            </div>
        </div>
    }
}
