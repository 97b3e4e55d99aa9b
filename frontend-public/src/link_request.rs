//! `/lien`: a visitor asks to be linked to a relative in detention.

use frontend_kit::components::{ErrorAlert, InputField, SelectField, SelectOption, SubmitRow};
use frontend_kit::i18n::{t, t_string, use_i18n};
use frontend_kit::paths::use_go;
use frontend_kit::{FormState, RequireSession, Session, api, api_error_message, href};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use shared_types::auth::VisitorMe;
use shared_types::establishment::EstablishmentSummary;
use shared_types::profile::{LinkPrerequisite, link_prerequisite};
use shared_types::visit_links::LinkView;
use shared_types::visits::NewLinkRequest;

use crate::app::SIGN_IN;
use crate::endpoints::{ESTABLISHMENTS, LINKS};
use crate::flash::Flash;
use crate::page_title::PageTitle;
use crate::resend_link::ResendLink;

/// The link request page: the form once the account is ready, otherwise what to do first.
#[component]
pub fn LinkRequestPage() -> impl IntoView {
    let session = Session::<VisitorMe>::expect();
    view! {
        <RequireSession
            session=session
            sign_in_path=SIGN_IN
            view=|me: VisitorMe| {
                match link_prerequisite(me.email_confirmed, me.profile_complete) {
                    None => view! { <LinkRequestForm /> }.into_any(),
                    Some(missing) => view! { <NotYet missing=missing email=me.email /> }.into_any(),
                }
            }
        />
    }
}

/// Why the form is not shown yet, and the way forward.
#[component]
fn NotYet(missing: LinkPrerequisite, email: String) -> impl IntoView {
    let i18n = use_i18n();
    let next = match missing {
        LinkPrerequisite::ConfirmEmail => view! {
            <div class="fr-alert fr-alert--warning fr-mb-3w">
                <p class="fr-mb-2w">
                    {move || {
                        t_string!(i18n, public.link_needs_confirmation, email = email.clone())
                            .to_string()
                    }}
                </p>
                <ResendLink />
            </div>
        }
        .into_any(),
        LinkPrerequisite::CompleteProfile => view! {
            <div class="fr-alert fr-alert--info fr-mb-3w">
                <p>{t!(i18n, public.link_needs_birth_date)}</p>
                <p>
                    <a class="fr-link" href=href("/profil")>
                        {t!(i18n, public.complete_profile)}
                    </a>
                </p>
            </div>
        }
        .into_any(),
    };
    view! {
        <PageTitle>{t!(i18n, public.link_title)}</PageTitle>
        {next}
        <p class="fr-mt-4w">
            <a class="fr-link" href=href("/")>
                {t!(i18n, common.back_home)}
            </a>
        </p>
    }
}

#[component]
fn LinkRequestForm() -> impl IntoView {
    let i18n = use_i18n();
    let go = use_go();
    let flash = Flash::expect();
    let establishments =
        LocalResource::new(|| api::get::<Vec<EstablishmentSummary>>(ESTABLISHMENTS));
    let options = Signal::derive(move || match establishments.get() {
        Some(Ok(list)) => list
            .into_iter()
            .map(|e| SelectOption {
                label: format!("{} ({})", e.name, e.city),
                value: e.id,
            })
            .collect(),
        _ => Vec::new(),
    });
    let establishment = RwSignal::new(String::new());
    let first_name = RwSignal::new(String::new());
    let last_name = RwSignal::new(String::new());
    let birth_date = RwSignal::new(String::new());
    let permit = RwSignal::new(String::new());
    let form = FormState::new();

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let permit = permit.get_untracked().trim().to_owned();
        let body = NewLinkRequest {
            establishment_id: establishment.get_untracked(),
            detainee_first_name: first_name.get_untracked().trim().to_owned(),
            detainee_last_name: last_name.get_untracked().trim().to_owned(),
            detainee_birth_date: birth_date.get_untracked(),
            permit_number: (!permit.is_empty()).then_some(permit),
        };
        let check = body.validate();
        let go = go.clone();
        form.submit(
            check,
            move || async move { api::post::<_, LinkView>(LINKS, &body).await },
            move |_| {
                flash.set(t_string!(i18n, public.link_request_sent).to_string());
                go("/", false);
            },
        );
    };
    let alert = Signal::derive(move || {
        form.error
            .get()
            .or_else(|| match establishments.get() {
                Some(Err(e)) => Some(e),
                _ => None,
            })
            .map(|e| api_error_message(i18n, &e))
    });

    view! {
        <PageTitle>{t!(i18n, public.link_title)}</PageTitle>
        <p>{t!(i18n, public.link_intro)}</p>
        <p>{t!(i18n, common.required_fields)}</p>
        <ErrorAlert message=alert />
        <form class="ned-form" novalidate=true on:submit=on_submit>
            <SelectField
                id="establishment_id"
                label=move || t_string!(i18n, public.establishment)
                placeholder=move || t_string!(i18n, public.establishment_placeholder)
                options=options
                value=establishment
                error=form.field_error("establishment_id")
            />
            <InputField
                id="detainee_first_name"
                label=move || t_string!(i18n, public.detainee_first_name)
                value=first_name
                error=form.field_error("detainee_first_name")
            />
            <InputField
                id="detainee_last_name"
                label=move || t_string!(i18n, public.detainee_last_name)
                value=last_name
                error=form.field_error("detainee_last_name")
            />
            <InputField
                id="detainee_birth_date"
                label=move || t_string!(i18n, public.detainee_birth_date)
                input_type="date"
                value=birth_date
                error=form.field_error("detainee_birth_date")
            />
            <InputField
                id="permit_number"
                label=move || t_string!(i18n, public.permit_number_optional)
                hint=move || t_string!(i18n, public.permit_number_hint)
                value=permit
                error=form.field_error("permit_number")
            />
            <SubmitRow pending=form.pending>{t!(i18n, public.send_link_request)}</SubmitRow>
        </form>
        <p class="fr-mt-4w">
            <a class="fr-link" href=href("/")>
                {t!(i18n, common.back_home)}
            </a>
        </p>
    }
}
