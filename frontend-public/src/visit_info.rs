//! `/infos/:establishment_id`: what to know before visiting an establishment.

use frontend_kit::components::{Button, ButtonKind, ErrorAlert, Loading};
use frontend_kit::i18n::{t, use_i18n};
use frontend_kit::{api, api_error_message, href};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use shared_types::establishment::EstablishmentSummary;
use shared_types::visit_links::VisitInfo;

use crate::endpoints::{self, ESTABLISHMENTS};
use crate::page_title::PageTitle;
use crate::signed_in::SignedIn;

/// The practical information page.
#[component]
pub fn VisitInfoPage() -> impl IntoView {
    view! {
        <SignedIn>
            <Info />
        </SignedIn>
    }
}

#[component]
fn Info() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = move || params.read().get("establishment_id").unwrap_or_default();
    let info = LocalResource::new(move || {
        let id = id();
        async move { api::get::<VisitInfo>(&endpoints::visit_info(&id)).await }
    });
    let establishments =
        LocalResource::new(|| api::get::<Vec<EstablishmentSummary>>(ESTABLISHMENTS));
    let name = move || match establishments.get() {
        Some(Ok(list)) => list.into_iter().find(|e| e.id == id()).map(|e| e.name),
        _ => None,
    };
    let body = move || match info.get() {
        None => view! { <Loading /> }.into_any(),
        Some(Err(error)) => view! {
            <ErrorAlert message=Some(api_error_message(i18n, &error)) />
            <Button kind=ButtonKind::Secondary plain=true on_click=move |_| info.refetch()>
                {t!(i18n, common.retry)}
            </Button>
        }
        .into_any(),
        Some(Ok(info)) => view! { <Sections info=info /> }.into_any(),
    };
    view! {
        <PageTitle>{t!(i18n, public.info_title)}</PageTitle>
        {move || name().map(|n| view! { <p class="fr-text--lead">{n}</p> })}
        {body}
        <p class="fr-mt-4w">
            <a class="fr-link" href=href("/")>
                {t!(i18n, common.back_home)}
            </a>
        </p>
    }
}

/// Staff write these texts with line breaks: one paragraph per line.
fn paragraphs(text: String) -> impl IntoView {
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| view! { <p class="fr-mb-1w">{l.to_owned()}</p> })
        .collect_view()
}

#[component]
fn Sections(info: VisitInfo) -> impl IntoView {
    let i18n = use_i18n();
    let VisitInfo {
        address,
        phone,
        opening_hours,
        access,
        what_to_bring,
        accessibility,
    } = info;
    let phone = phone.map(|p| {
        let tel = format!("tel:{}", p.replace(' ', ""));
        view! {
            <h2 class="fr-h5">{t!(i18n, public.phone)}</h2>
            <p>
                <a class="fr-link" href=tel>
                    {p}
                </a>
            </p>
        }
    });
    view! {
        <h2 class="fr-h5">{t!(i18n, public.address)}</h2>
        {paragraphs(address)}
        {phone}
        <h2 class="fr-h5 fr-mt-3w">{t!(i18n, public.opening_hours)}</h2>
        {paragraphs(opening_hours)}
        <h2 class="fr-h5 fr-mt-3w">{t!(i18n, public.access)}</h2>
        {paragraphs(access)}
        <h2 class="fr-h5 fr-mt-3w">{t!(i18n, public.what_to_bring)}</h2>
        {paragraphs(what_to_bring)}
        <h2 class="fr-h5 fr-mt-3w">{t!(i18n, public.accessibility)}</h2>
        {paragraphs(accessibility)}
    }
}
