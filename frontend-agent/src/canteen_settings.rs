//! The canteen's weekly rhythm: the day and time orders close, the delivery day and how many
//! days a detainee has to dispute a line.

use frontend_kit::components::{
    Alert, AlertKind, ErrorAlert, InputField, SelectField, SelectOption, SubmitRow,
};
use frontend_kit::i18n::{t, t_string, use_i18n};
use frontend_kit::{FormState, api, api_error_message};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use shared_types::canteen::CanteenSettings;
use shared_types::visits::{format_hh_mm, parse_hh_mm};
use shared_types::{ErrorCode, FieldError};

use crate::form_input::{checked, number};
use crate::loaded::loaded;
use crate::visit_labels::weekday;

/// Loads the settings at `path`, then the form to change them.
#[component]
pub fn CanteenSettingsForm(path: String) -> impl IntoView {
    let read_path = path.clone();
    let settings = LocalResource::new(move || {
        let path = read_path.clone();
        async move { api::get::<CanteenSettings>(&path).await }
    });
    loaded(settings, move |s: CanteenSettings| {
        view! { <SettingsFields path=path.clone() settings=s /> }
    })
}

#[component]
fn SettingsFields(path: String, settings: CanteenSettings) -> impl IntoView {
    let i18n = use_i18n();
    let close_day = RwSignal::new(settings.close_weekday.to_string());
    let close_time = RwSignal::new(format_hh_mm(settings.close_minute));
    let delivery_day = RwSignal::new(settings.delivery_weekday.to_string());
    let dispute_days = RwSignal::new(settings.dispute_days.to_string());
    let saved = RwSignal::new(false);
    let form = FormState::new();
    let days = Signal::derive(move || {
        (1..=7)
            .map(|d| SelectOption {
                value: d.to_string(),
                label: weekday(i18n, d).to_owned(),
            })
            .collect::<Vec<_>>()
    });
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        saved.set(false);
        let mut errors = Vec::new();
        let close_minute = parse_hh_mm(close_time.get_untracked().trim()).unwrap_or_else(|| {
            errors.push(FieldError::new("close_minute", ErrorCode::InvalidFormat));
            0
        });
        let body = CanteenSettings {
            close_weekday: number(&mut errors, "close_weekday", close_day),
            close_minute,
            delivery_weekday: number(&mut errors, "delivery_weekday", delivery_day),
            dispute_days: number(&mut errors, "dispute_days", dispute_days),
        };
        let check = checked(errors, body.validate());
        let path = path.clone();
        form.submit(
            check,
            move || async move { api::put::<_, CanteenSettings>(&path, &body).await },
            move |_| {
                saved.try_set(true);
            },
        );
    };
    let alert = Signal::derive(move || form.error.get().map(|e| api_error_message(i18n, &e)));
    view! {
        <ErrorAlert message=alert />
        <Show when=move || saved.get()>
            <Alert kind=AlertKind::Success>{t!(i18n, agent.canteen.settings_saved)}</Alert>
        </Show>
        <form class="ned-form" novalidate=true on:submit=on_submit>
            <SelectField id="settings-close-day" label=move || t_string!(i18n, agent.canteen.close_weekday)
                placeholder=move || t_string!(i18n, agent.visits.choose_weekday)
                options=days value=close_day error=form.field_error("close_weekday") />
            <InputField id="settings-close-time" label=move || t_string!(i18n, agent.canteen.close_time)
                hint=move || t_string!(i18n, agent.visits.start_hint) autocomplete="off"
                value=close_time error=form.field_error("close_minute") />
            <SelectField id="settings-delivery-day" label=move || t_string!(i18n, agent.canteen.delivery_weekday)
                placeholder=move || t_string!(i18n, agent.visits.choose_weekday)
                options=days value=delivery_day error=form.field_error("delivery_weekday") />
            <InputField id="settings-dispute-days" label=move || t_string!(i18n, agent.canteen.dispute_days)
                hint=move || t_string!(i18n, agent.canteen.dispute_days_hint) inputmode="numeric"
                autocomplete="off" value=dispute_days error=form.field_error("dispute_days") />
            <SubmitRow pending=form.pending>{t!(i18n, agent.canteen.save_settings)}</SubmitRow>
        </form>
    }
}
