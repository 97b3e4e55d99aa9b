//! Language choice (French by default, English on request) and translated messages for codes.

use leptos::prelude::*;
use leptos_i18n::I18nContext;
use shared_types::ErrorCode;

use crate::api::ApiError;
use crate::i18n::{I18nSubContextProvider, Locale, t, t_string, use_i18n};

/// The translation context every component reads.
pub type I18n = I18nContext<Locale>;

const STORAGE_KEY: &str = "ned.locale";

/// The language the person chose earlier on this device, else French.
///
/// The browser's own language is deliberately ignored: this is a French public service, and a
/// shared terminal must not switch language because of how its browser was installed.
fn remembered_locale() -> Locale {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
        .and_then(|v| v.parse::<Locale>().ok())
        .unwrap_or(Locale::fr)
}

fn remember_locale(locale: Locale) {
    if let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        // Private browsing may refuse storage; the choice then lasts for this page only.
        let _ = storage.set_item(STORAGE_KEY, locale_code(locale));
    }
}

fn locale_code(locale: Locale) -> &'static str {
    match locale {
        Locale::fr => "fr",
        Locale::en => "en",
    }
}

/// Provides the translation context to `children` and keeps `<html lang>` in step with it.
#[component]
pub fn I18nRoot(children: Children) -> impl IntoView {
    let initial = remembered_locale();
    view! {
        <I18nSubContextProvider initial_locale=Signal::stored(initial)>
            <LocaleSync />
            {children()}
        </I18nSubContextProvider>
    }
}

#[component]
fn LocaleSync() -> impl IntoView {
    let i18n = use_i18n();
    Effect::new(move |_| {
        let locale = i18n.get_locale();
        remember_locale(locale);
        if let Some(html) = document().document_element() {
            let _ = html.set_attribute("lang", locale_code(locale));
        }
    });
}

/// A button that switches between French and English, labelled in the language it switches to.
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let other = move || match i18n.get_locale() {
        Locale::fr => Locale::en,
        Locale::en => Locale::fr,
    };
    view! {
        <button
            type="button"
            class="fr-btn fr-btn--tertiary-no-outline fr-btn--sm"
            lang=move || locale_code(other())
            title=move || t_string!(i18n, common.switch_language_title)
            on:click=move |_| i18n.set_locale(other())
        >
            {t!(i18n, common.switch_language)}
        </button>
    }
}

/// The message for a field error code, in the current language.
pub fn error_code_message(i18n: I18n, code: ErrorCode) -> String {
    match code {
        ErrorCode::Required => t_string!(i18n, common.errors.required),
        ErrorCode::TooShort => t_string!(i18n, common.errors.too_short),
        ErrorCode::TooLong => t_string!(i18n, common.errors.too_long),
        ErrorCode::InvalidEmail => t_string!(i18n, common.errors.invalid_email),
        ErrorCode::InvalidFormat => t_string!(i18n, common.errors.invalid_format),
        ErrorCode::InvalidType => t_string!(i18n, common.errors.invalid_type),
        ErrorCode::UnknownField => t_string!(i18n, common.errors.unknown_field),
    }
    .to_string()
}

/// A general message for a failed call; pages handle the statuses that mean something to them
/// (wrong credentials, unenrolled terminal) before falling back to this.
pub fn api_error_message(i18n: I18n, error: &ApiError) -> String {
    match error {
        ApiError::Network(_) => t_string!(i18n, common.network_error).to_string(),
        ApiError::Decode(_) => t_string!(i18n, common.unexpected_error).to_string(),
        ApiError::Problem(p) if p.status == 429 => {
            t_string!(i18n, common.too_many_attempts).to_string()
        }
        ApiError::Problem(p) if p.status == 403 && error.detail().is_none() => {
            t_string!(i18n, common.forbidden).to_string()
        }
        // The API writes its details in French; they are specific and safe to show.
        ApiError::Problem(p) if p.status < 500 => error
            .detail()
            .map(str::to_owned)
            .unwrap_or_else(|| t_string!(i18n, common.unexpected_error).to_string()),
        ApiError::Problem(_) => t_string!(i18n, common.unexpected_error).to_string(),
    }
}
