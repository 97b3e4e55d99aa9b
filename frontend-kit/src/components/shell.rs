//! The page frame every portal shares: skip link, header, `<main id="contenu">`, footer.

use leptos::prelude::*;

use super::{Footer, Header, Loading, NavLink};
use crate::i18n::{t, t_string, use_i18n};
use crate::paths::use_go;

/// Which device a portal is laid out for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// Family portal: a narrow single column, phone first.
    Phone,
    /// Detainee portal: 10" touch tablet, large text and targets.
    Tablet,
    /// Agents' console: desktop width.
    Desktop,
}

impl Layout {
    fn class(self) -> &'static str {
        match self {
            Self::Phone => "ned-app ned-app--phone",
            Self::Tablet => "ned-app ned-app--tablet",
            Self::Desktop => "ned-app ned-app--desktop",
        }
    }
}

/// Skip link, header, main content and footer. Pages put exactly one `<h1>` in `children`.
#[component]
pub fn AppShell(
    layout: Layout,
    #[prop(into)] service_name: TextProp,
    #[prop(optional, into)] tagline: Option<TextProp>,
    home_href: &'static str,
    #[prop(optional, into)] actions: Option<ViewFn>,
    #[prop(optional, into)] nav: Option<Signal<Vec<NavLink>>>,
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    let title = service_name.clone();
    Effect::new(move |_| document().set_title(&title.get()));
    view! {
        <div class=layout.class()>
            <div class="fr-skiplinks">
                <nav
                    class="fr-container"
                    role="navigation"
                    aria-label=move || t_string!(i18n, common.skip_links_label)
                >
                    <ul class="fr-skiplinks__list">
                        <li>
                            <a class="fr-link" href="#contenu">
                                {t!(i18n, common.skip_to_content)}
                            </a>
                        </li>
                    </ul>
                </nav>
            </div>
            <Header
                service_name=service_name
                tagline=tagline
                home_href=home_href
                actions=actions
                nav=nav
            />
            <main id="contenu" tabindex="-1" class="fr-container ned-main">
                <div class="ned-page">{children()}</div>
            </main>
            <Footer />
        </div>
    }
}

/// The page shown for an unknown address; the bare base (`/detenu` without its slash) is
/// sent on to the portal's home instead.
#[component]
pub fn NotFound(home_href: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    let pathname = leptos_router::hooks::use_location()
        .pathname
        .get_untracked();
    let bare_base = format!("{pathname}/") == home_href;
    let go = use_go();
    Effect::new(move |_| {
        if bare_base {
            go("/", true);
        }
    });
    if bare_base {
        return view! { <Loading /> }.into_any();
    }
    view! {
        <h1>{t!(i18n, common.not_found_title)}</h1>
        <p>{t!(i18n, common.not_found_text)}</p>
        <a class="fr-link" href=home_href>
            {t!(i18n, common.back_home)}
        </a>
    }
    .into_any()
}
