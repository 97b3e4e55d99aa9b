//! Posting money received for a detainee (a money order, wages, the allowance); the answer
//! says how the rules split it between the parts.

use frontend_kit::components::{Alert, AlertKind, ErrorAlert, InputField, SelectField, SubmitRow};
use frontend_kit::i18n::{t, t_string, use_i18n};
use frontend_kit::{FormState, api, api_error_message};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use shared_types::accounts::{EntryKind, IncomeKind, NewCredit, Posted, format_euros};
use shared_types::{ErrorCode, FieldError};

use crate::form_input::{checked, euros, text};
use crate::money_labels::{code_options, entry_kind};

/// A fresh idempotency key: one per attempt, kept while the same posting is retried.
pub fn new_key() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// The form; posts to `path` (the detainee's credits), then `on_done`.
#[component]
pub fn CreditForm(path: String, #[prop(into)] on_done: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let kind = RwSignal::new(String::new());
    let amount = RwSignal::new(String::new());
    let label = RwSignal::new(String::new());
    let key = StoredValue::new(new_key());
    let posted = RwSignal::new(None::<Posted>);
    let form = FormState::new();
    let kinds = Signal::derive(move || {
        code_options(IncomeKind::ALL, IncomeKind::code, |k| {
            entry_kind(i18n, EntryKind::from(k))
        })
    });
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        posted.set(None);
        let mut errors = Vec::new();
        let chosen = IncomeKind::from_code(&kind.get_untracked()).unwrap_or_else(|| {
            errors.push(FieldError::new("kind", ErrorCode::Required));
            IncomeKind::FamilyTransfer
        });
        let body = NewCredit {
            kind: chosen,
            amount_cents: euros(&mut errors, "amount_cents", amount),
            label: text(label),
            idempotency_key: key.get_value(),
        };
        let check = checked(errors, body.validate());
        let path = path.clone();
        form.submit(
            check,
            move || async move { api::post::<_, Posted>(&path, &body).await },
            move |answer: Posted| {
                key.set_value(new_key());
                for field in [amount, label] {
                    field.try_set(String::new());
                }
                posted.try_set(Some(answer));
                on_done.run(());
            },
        );
    };
    let alert = Signal::derive(move || form.error.get().map(|e| api_error_message(i18n, &e)));
    let result = move || {
        posted.get().map(|p| {
            let s = p.split;
            let total = s.available_cents + s.civil_parties_cents + s.savings_cents;
            view! {
                <Alert kind=AlertKind::Success>
                    {t_string!(
                        i18n,
                        agent.accounts.credit_posted,
                        total = format_euros(total),
                        available = format_euros(s.available_cents),
                        civil = format_euros(s.civil_parties_cents),
                        savings = format_euros(s.savings_cents)
                    )
                    .to_string()}
                </Alert>
            }
        })
    };
    view! {
        {result}
        <ErrorAlert message=alert />
        <form class="ned-form" novalidate=true on:submit=on_submit>
            <SelectField id="credit-kind" label=move || t_string!(i18n, agent.accounts.credit_kind)
                placeholder=move || t_string!(i18n, agent.accounts.choose_kind)
                options=kinds value=kind error=form.field_error("kind") />
            <InputField id="credit-amount" label=move || t_string!(i18n, agent.accounts.amount)
                hint=move || t_string!(i18n, agent.accounts.amount_hint) inputmode="decimal"
                autocomplete="off" value=amount error=form.field_error("amount_cents") />
            <InputField id="credit-label" label=move || t_string!(i18n, agent.accounts.credit_label)
                hint=move || t_string!(i18n, agent.accounts.credit_label_hint) autocomplete="off"
                value=label error=form.field_error("label") />
            <SubmitRow pending=form.pending>{t!(i18n, agent.accounts.post_credit)}</SubmitRow>
        </form>
    }
}
