//! "Mes proches détenus" on the home page: the visitor's links and what each allows.

use frontend_kit::components::{Button, ButtonKind, ErrorAlert, Loading};
use frontend_kit::i18n::{t, t_string, use_i18n};
use frontend_kit::paths::use_go;
use frontend_kit::{api, api_error_message, href};
use leptos::prelude::*;
use shared_types::visit_links::LinkView;
use shared_types::visits::LinkStatus;

use crate::endpoints::LINKS;

/// The visitor's links, with the way to ask for a new one.
#[component]
pub fn LinksSection() -> impl IntoView {
    let i18n = use_i18n();
    let links = LocalResource::new(|| api::get::<Vec<LinkView>>(LINKS));
    let list = move || match links.get() {
        None => view! { <Loading /> }.into_any(),
        Some(Err(error)) => view! {
            <ErrorAlert message=Some(api_error_message(i18n, &error)) />
            <Button kind=ButtonKind::Secondary plain=true on_click=move |_| links.refetch()>
                {t!(i18n, common.retry)}
            </Button>
        }
        .into_any(),
        Some(Ok(list)) if list.is_empty() => {
            view! { <p>{t!(i18n, public.links_empty)}</p> }.into_any()
        }
        Some(Ok(list)) => view! {
            <ul class="fr-raw-list">
                {list.into_iter().map(|link| view! { <LinkCard link=link /> }).collect_view()}
            </ul>
        }
        .into_any(),
    };
    view! {
        <section class="fr-mt-4w" aria-labelledby="links-title">
            <h2 class="fr-h4" id="links-title">
                {t!(i18n, public.links_title)}
            </h2>
            {list}
            <a class="fr-link fr-icon-add-line fr-link--icon-left" href=href("/lien")>
                {t!(i18n, public.link_request_cta)}
            </a>
        </section>
    }
}

#[component]
fn LinkCard(link: LinkView) -> impl IntoView {
    let i18n = use_i18n();
    let go = use_go();
    let LinkView {
        id,
        establishment,
        detainee_name,
        status,
        rejection_reason,
        permit_valid_until,
        can_book,
    } = link;
    let (badge_class, badge) = match status {
        LinkStatus::Pending => (
            "fr-badge fr-badge--info",
            t_string!(i18n, public.link_pending),
        ),
        LinkStatus::Approved => (
            "fr-badge fr-badge--success",
            t_string!(i18n, public.link_approved),
        ),
        LinkStatus::Rejected => (
            "fr-badge fr-badge--error",
            t_string!(i18n, public.link_rejected),
        ),
    };
    let details = match status {
        LinkStatus::Pending => view! { <p>{t!(i18n, public.link_pending_hint)}</p> }.into_any(),
        LinkStatus::Rejected => rejection_reason
            .map(|reason| {
                view! { <p>{t_string!(i18n, public.reason, reason = reason).to_string()}</p> }
            })
            .into_any(),
        LinkStatus::Approved if can_book => {
            let until = permit_valid_until.map(|date| {
                view! { <p>{t_string!(i18n, public.permit_until, date = date).to_string()}</p> }
            });
            let target = format!("/reserver/{id}");
            view! {
                {until}
                <Button plain=true on_click=move |_| go(&target, false)>
                    {t!(i18n, public.book_visit)}
                </Button>
            }
            .into_any()
        }
        LinkStatus::Approved => view! { <p>{t!(i18n, public.cannot_book)}</p> }.into_any(),
    };
    let info_href = href(&format!("/infos/{}", establishment.id));
    view! {
        <li class="fr-mb-3w fr-p-2w ned-card">
            <h3 class="fr-h6 fr-mb-1w">{detainee_name}</h3>
            <p class="fr-mb-1w">{establishment.name}</p>
            <p class="fr-mb-1w">
                <span class=badge_class>{badge.to_string()}</span>
            </p>
            {details}
            <p class="fr-mt-1w fr-mb-0">
                <a class="fr-link" href=info_href>
                    {t!(i18n, public.practical_info)}
                </a>
            </p>
        </li>
    }
}
