//! `/profil`: the visitor's identity as the prison needs it, and the way to change it.

use frontend_kit::components::{Alert, AlertKind, Button, ButtonKind, ErrorAlert, Loading};
use frontend_kit::i18n::{t, t_string, use_i18n};
use frontend_kit::{api, api_error_message, href};
use leptos::prelude::*;
use shared_types::date::Date;
use shared_types::profile::VisitorProfile;
use shared_types::validation::display_phone;

use crate::endpoints::PROFILE;
use crate::page_title::PageTitle;
use crate::profile_form::ProfileForm;
use crate::signed_in::SignedIn;

/// The profile page.
#[component]
pub fn ProfilePage() -> impl IntoView {
    view! {
        <SignedIn>
            <Profile />
        </SignedIn>
    }
}

#[component]
fn Profile() -> impl IntoView {
    let i18n = use_i18n();
    let profile = LocalResource::new(|| api::get::<VisitorProfile>(PROFILE));
    let editing = RwSignal::new(false);
    let saved = RwSignal::new(None::<String>);
    let on_saved = Callback::new(move |message: String| {
        saved.set(Some(message));
        editing.set(false);
        profile.refetch();
    });
    let on_cancel = Callback::new(move |()| editing.set(false));
    let body = move || match profile.get() {
        None => view! { <Loading /> }.into_any(),
        Some(Err(error)) => view! {
            <ErrorAlert message=Some(api_error_message(i18n, &error)) />
            <Button kind=ButtonKind::Secondary plain=true on_click=move |_| profile.refetch()>
                {t!(i18n, common.retry)}
            </Button>
        }
        .into_any(),
        Some(Ok(current)) if editing.get() => {
            view! { <ProfileForm profile=current on_saved=on_saved on_cancel=on_cancel /> }
                .into_any()
        }
        Some(Ok(current)) => view! {
            <Summary profile=current />
            <Button
                kind=ButtonKind::Secondary
                plain=true
                on_click=move |_| {
                    saved.set(None);
                    editing.set(true);
                }
            >
                {t!(i18n, public.edit_profile)}
            </Button>
        }
        .into_any(),
    };
    view! {
        <PageTitle>{t!(i18n, public.profile_title)}</PageTitle>
        <p>{t!(i18n, public.profile_intro)}</p>
        {move || saved.get().map(|m| view! { <Alert kind=AlertKind::Success>{m}</Alert> })}
        {body}
        <p class="fr-mt-4w">
            <a class="fr-link" href=href("/")>
                {t!(i18n, common.back_home)}
            </a>
        </p>
    }
}

/// A date of birth as people write it: 18/04/1975.
fn birth_date_text(value: &str) -> String {
    Date::parse(value)
        .map(|d| format!("{:02}/{:02}/{}", d.day, d.month, d.year))
        .unwrap_or_else(|| value.to_owned())
}

#[component]
fn Summary(profile: VisitorProfile) -> impl IntoView {
    let i18n = use_i18n();
    let VisitorProfile {
        email,
        email_confirmed,
        first_name,
        last_name,
        birth_date,
        phone,
    } = profile;
    let not_given = move || t_string!(i18n, public.not_given).to_string();
    let birth_date = birth_date.as_deref().map(birth_date_text);
    let phone = phone.as_deref().map(display_phone);
    let badge = if email_confirmed {
        view! {
            <span class="fr-badge fr-badge--success fr-badge--sm fr-ml-1w">
                {t!(i18n, public.email_confirmed_badge)}
            </span>
        }
        .into_any()
    } else {
        view! {
            <span class="fr-badge fr-badge--warning fr-badge--sm fr-ml-1w">
                {t!(i18n, public.email_unconfirmed_badge)}
            </span>
        }
        .into_any()
    };
    view! {
        <dl class="fr-mb-3w">
            <dt class="fr-text--bold fr-mb-0">{t!(i18n, public.first_name)}</dt>
            <dd class="fr-ml-0 fr-mb-2w">{first_name}</dd>
            <dt class="fr-text--bold fr-mb-0">{t!(i18n, public.last_name)}</dt>
            <dd class="fr-ml-0 fr-mb-2w">{last_name}</dd>
            <dt class="fr-text--bold fr-mb-0">{t!(i18n, public.birth_date)}</dt>
            <dd class="fr-ml-0 fr-mb-2w">{birth_date.unwrap_or_else(not_given)}</dd>
            <dt class="fr-text--bold fr-mb-0">{t!(i18n, public.phone)}</dt>
            <dd class="fr-ml-0 fr-mb-2w">{phone.unwrap_or_else(not_given)}</dd>
            <dt class="fr-text--bold fr-mb-0">{t!(i18n, public.email)}</dt>
            <dd class="fr-ml-0 fr-mb-2w">{email} {badge}</dd>
        </dl>
    }
}
