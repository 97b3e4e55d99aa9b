//! The form that changes the visitor's profile; a new e-mail address gets a confirmation link.

use frontend_kit::components::{Button, ButtonKind, ErrorAlert, InputField, SubmitRow};
use frontend_kit::i18n::{t, t_string, use_i18n};
use frontend_kit::paris_time::paris_today;
use frontend_kit::{FormState, Session, api, api_error_message};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use shared_types::auth::VisitorMe;
use shared_types::profile::{ProfileUpdate, VisitorProfile};
use shared_types::validation::display_phone;

use crate::endpoints::PROFILE;
use crate::field_messages::field_message;

/// The edit form, filled with `profile`; `on_saved` gets the message to show.
#[component]
pub fn ProfileForm(
    profile: VisitorProfile,
    on_saved: Callback<String>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = Session::<VisitorMe>::expect();
    let old_email = profile.email.clone();
    let first_name = RwSignal::new(profile.first_name);
    let last_name = RwSignal::new(profile.last_name);
    let birth_date = RwSignal::new(profile.birth_date.unwrap_or_default());
    let phone = RwSignal::new(
        profile
            .phone
            .as_deref()
            .map(display_phone)
            .unwrap_or_default(),
    );
    let email = RwSignal::new(profile.email);
    let form = FormState::new();

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let phone = phone.get_untracked().trim().to_owned();
        let body = ProfileUpdate {
            first_name: first_name.get_untracked().trim().to_owned(),
            last_name: last_name.get_untracked().trim().to_owned(),
            email: email.get_untracked().trim().to_owned(),
            birth_date: birth_date.get_untracked(),
            phone: (!phone.is_empty()).then_some(phone),
        };
        let check = body.validate(paris_today());
        let old_email = old_email.clone();
        form.submit(
            check,
            move || async move { api::put::<_, VisitorProfile>(PROFILE, &body).await },
            move |saved: VisitorProfile| {
                let message = if saved.email != old_email {
                    t_string!(i18n, public.profile_saved_new_email, email = saved.email).to_string()
                } else {
                    t_string!(i18n, public.profile_saved).to_string()
                };
                // The greeting and the banners on the home page follow the new profile.
                session.refresh();
                on_saved.run(message);
            },
        );
    };
    let alert = Signal::derive(move || {
        form.error.get().map(|e| match e.status() {
            Some(429) => t_string!(i18n, public.email_change_too_soon).to_string(),
            _ => api_error_message(i18n, &e),
        })
    });
    let phone_error = field_message(form, "phone", move || {
        t_string!(i18n, public.phone_invalid).to_string()
    });
    let birth_date_error = field_message(form, "birth_date", move || {
        t_string!(i18n, public.birth_date_invalid).to_string()
    });

    view! {
        <h2 class="fr-h4">{t!(i18n, public.edit_profile)}</h2>
        <p>{t!(i18n, public.required_except_optional)}</p>
        <ErrorAlert message=alert />
        <form class="ned-form" novalidate=true on:submit=on_submit>
            <InputField
                id="first_name"
                label=move || t_string!(i18n, public.first_name)
                autocomplete="given-name"
                value=first_name
                error=form.field_error("first_name")
            />
            <InputField
                id="last_name"
                label=move || t_string!(i18n, public.last_name)
                autocomplete="family-name"
                value=last_name
                error=form.field_error("last_name")
            />
            <InputField
                id="birth_date"
                label=move || t_string!(i18n, public.birth_date)
                hint=move || t_string!(i18n, public.birth_date_hint)
                input_type="date"
                autocomplete="bday"
                value=birth_date
                error=birth_date_error
            />
            <InputField
                id="phone"
                label=move || t_string!(i18n, public.phone_optional)
                hint=move || t_string!(i18n, public.phone_hint)
                input_type="tel"
                autocomplete="tel"
                inputmode="tel"
                value=phone
                error=phone_error
            />
            <InputField
                id="email"
                label=move || t_string!(i18n, public.email)
                hint=move || t_string!(i18n, public.email_change_hint)
                input_type="email"
                autocomplete="email"
                value=email
                error=form.field_error("email")
            />
            <SubmitRow pending=form.pending>{t!(i18n, public.save_profile)}</SubmitRow>
        </form>
        <Button kind=ButtonKind::Tertiary plain=true on_click=move |_| on_cancel.run(())>
            {t!(i18n, public.cancel)}
        </Button>
    }
}
