//! `/inscription`: a visitor creates an account, then is signed in with the same credentials.

use frontend_kit::components::{ErrorAlert, InputField, SubmitRow};
use frontend_kit::i18n::{t, t_string, use_i18n};
use frontend_kit::paris_time::paris_today;
use frontend_kit::{FormState, Session, api, api_error_message, href, redirect_when_signed_in};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use shared_types::auth::{SignUpAccepted, VisitorMe, VisitorSignIn, VisitorSignUp};

use crate::app::{ACCOUNT_PATH, SESSION_PATH};
use crate::field_messages::field_message;

/// Sign-up page.
#[component]
pub fn SignUp() -> impl IntoView {
    let i18n = use_i18n();
    let session = Session::<VisitorMe>::expect();
    redirect_when_signed_in(session, "/");
    let first_name = RwSignal::new(String::new());
    let last_name = RwSignal::new(String::new());
    let birth_date = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let form = FormState::new();
    // The API answers the same whether or not the address was known (no account
    // enumeration), so a refused sign-in right after means "you already had an account".
    let accepted = RwSignal::new(false);

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let phone = phone.get_untracked().trim().to_owned();
        let body = VisitorSignUp {
            email: email.get_untracked().trim().to_owned(),
            password: password.get_untracked(),
            first_name: first_name.get_untracked().trim().to_owned(),
            last_name: last_name.get_untracked().trim().to_owned(),
            // Asked here so that the account is ready for a link request; only the API
            // clients that predate it may leave it out.
            birth_date: Some(birth_date.get_untracked()),
            phone: (!phone.is_empty()).then_some(phone),
        };
        let check = body.validate(paris_today());
        accepted.set(false);
        form.submit(
            check,
            move || async move {
                api::post::<_, SignUpAccepted>(ACCOUNT_PATH, &body).await?;
                accepted.try_set(true);
                let credentials = VisitorSignIn {
                    email: body.email,
                    password: body.password,
                };
                api::post::<_, VisitorMe>(SESSION_PATH, &credentials).await
            },
            move |me| session.signed_in(me),
        );
    };
    let alert = Signal::derive(move || {
        form.error.get().map(|e| match e.status() {
            Some(401) if accepted.get() => {
                t_string!(i18n, public.sign_up_then_sign_in_failed).to_string()
            }
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
        <h1>{t!(i18n, public.sign_up_title)}</h1>
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
                hint=move || t_string!(i18n, public.email_hint)
                input_type="email"
                autocomplete="email"
                value=email
                error=form.field_error("email")
            />
            <InputField
                id="password"
                label=move || t_string!(i18n, public.password)
                hint=move || t_string!(i18n, public.new_password_hint)
                input_type="password"
                autocomplete="new-password"
                value=password
                error=form.field_error("password")
            />
            <SubmitRow pending=form.pending>{t!(i18n, public.sign_up)}</SubmitRow>
        </form>
        <hr class="fr-mt-4w" />
        <h2 class="fr-h5">{t!(i18n, public.have_account)}</h2>
        <a class="fr-link" href=href("/connexion")>
            {t!(i18n, public.go_sign_in)}
        </a>
    }
}
