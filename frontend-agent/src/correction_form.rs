//! Correcting a part of the account: a new signed entry with its reason, optionally tied to the
//! operation it corrects. The history is never edited.

use frontend_kit::components::{
    Alert, AlertKind, ErrorAlert, InputField, SelectField, SelectOption, SubmitRow,
};
use frontend_kit::i18n::{t, t_string, use_i18n};
use frontend_kit::{FormState, api, api_error_message};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use shared_types::accounts::{LedgerLine, NewCorrection, Part, Posted};
use shared_types::{ErrorCode, FieldError};

use crate::account_view::{operation_label, operations};
use crate::credit_form::new_key;
use crate::form_input::{checked, euros, text};
use crate::money_labels::{code_options, part};

/// The value of "no operation in particular".
const NONE: &str = "none";

/// The form; posts to `path` (the detainee's corrections), then `on_done`. `history` offers
/// the operations it may correct.
#[component]
pub fn CorrectionForm(
    path: String,
    #[prop(into)] history: Signal<Vec<LedgerLine>>,
    #[prop(into)] on_done: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let which = RwSignal::new(String::new());
    let amount = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let corrects = RwSignal::new(NONE.to_owned());
    let key = StoredValue::new(new_key());
    let done = RwSignal::new(false);
    let form = FormState::new();
    let parts = Signal::derive(move || code_options(Part::ALL, Part::code, |p| part(i18n, p)));
    let operation_options = Signal::derive(move || {
        let operations = operations(&history.get());
        let mut list = vec![SelectOption {
            value: NONE.into(),
            label: t_string!(i18n, agent.accounts.corrects_none).into(),
        }];
        list.extend(operations.into_iter().map(|(o, total)| SelectOption {
            label: operation_label(i18n, &o, total),
            value: o.operation_id,
        }));
        list
    });
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        done.set(false);
        let mut errors = Vec::new();
        let chosen = Part::from_code(&which.get_untracked()).unwrap_or_else(|| {
            errors.push(FieldError::new("part", ErrorCode::Required));
            Part::Available
        });
        let operation = corrects.get_untracked();
        let body = NewCorrection {
            part: chosen,
            amount_cents: euros(&mut errors, "amount_cents", amount),
            reason: text(reason),
            corrects_operation_id: (operation != NONE && !operation.is_empty())
                .then_some(operation),
            idempotency_key: key.get_value(),
        };
        let check = checked(errors, body.validate());
        let path = path.clone();
        form.submit(
            check,
            move || async move { api::post::<_, Posted>(&path, &body).await },
            move |_| {
                key.set_value(new_key());
                for field in [amount, reason] {
                    field.try_set(String::new());
                }
                corrects.try_set(NONE.to_owned());
                done.try_set(true);
                on_done.run(());
            },
        );
    };
    let alert = Signal::derive(move || form.error.get().map(|e| api_error_message(i18n, &e)));
    view! {
        <Show when=move || done.get()>
            <Alert kind=AlertKind::Success>{t!(i18n, agent.accounts.correction_posted)}</Alert>
        </Show>
        <ErrorAlert message=alert />
        <form class="ned-form" novalidate=true on:submit=on_submit>
            <SelectField id="correction-part" label=move || t_string!(i18n, agent.accounts.col_part)
                placeholder=move || t_string!(i18n, agent.accounts.choose_part)
                options=parts value=which error=form.field_error("part") />
            <InputField id="correction-amount" label=move || t_string!(i18n, agent.accounts.signed_amount)
                hint=move || t_string!(i18n, agent.accounts.signed_amount_hint) inputmode="decimal"
                autocomplete="off" value=amount error=form.field_error("amount_cents") />
            <InputField id="correction-reason" label=move || t_string!(i18n, agent.desk.col_reason)
                hint=move || t_string!(i18n, agent.accounts.correction_reason_hint) autocomplete="off"
                value=reason error=form.field_error("reason") />
            <SelectField id="correction-of" label=move || t_string!(i18n, agent.accounts.corrects_label)
                placeholder=move || t_string!(i18n, agent.accounts.corrects_none)
                options=operation_options value=corrects error=form.field_error("corrects_operation_id") />
            <SubmitRow pending=form.pending>{t!(i18n, agent.accounts.post_correction)}</SubmitRow>
        </form>
    }
}
