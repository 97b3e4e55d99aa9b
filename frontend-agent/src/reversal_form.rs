//! Reversing money posted by mistake: the officer picks a payment received (mandat, wages,
//! allowance) not reversed yet, gives the reason and confirms; the API posts its exact opposite
//! once. The payment and its reversal both stay in the history.

use frontend_kit::components::{
    Alert, AlertKind, ErrorAlert, InputField, SelectField, SelectOption, SubmitRow,
};
use frontend_kit::i18n::{t, t_string, use_i18n};
use frontend_kit::{FormState, api, api_error_message};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use shared_types::accounts::{EntryKind, LedgerLine, NewReversal, Posted};
use shared_types::{ErrorCode, FieldError};

use crate::account_view::{operation_label, operations};
use crate::confirm::ConfirmPanel;
use crate::credit_form::new_key;
use crate::form_input::{checked, text};

/// Payments received that are not reversed yet, with their total over the parts.
fn reversible(history: &[LedgerLine]) -> Vec<(LedgerLine, i64)> {
    let reversed = |id: &str| {
        history.iter().any(|l| {
            l.kind == EntryKind::Reversal && l.corrects_operation_id.as_deref() == Some(id)
        })
    };
    operations(history)
        .into_iter()
        .filter(|(o, _)| {
            matches!(
                o.kind,
                EntryKind::FamilyTransfer | EntryKind::Wages | EntryKind::Allowance
            ) && !reversed(&o.operation_id)
        })
        .collect()
}

/// The form; posts to `{path}/operations/{id}/reversal`, then `on_done`.
#[component]
pub fn ReversalForm(
    path: String,
    #[prop(into)] history: Signal<Vec<LedgerLine>>,
    #[prop(into)] on_done: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let operation = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let key = StoredValue::new(new_key());
    let asking = RwSignal::new(false);
    let done = RwSignal::new(false);
    let form = FormState::new();
    let options = Signal::derive(move || {
        reversible(&history.get())
            .into_iter()
            .map(|(o, total)| SelectOption {
                label: operation_label(i18n, &o, total),
                value: o.operation_id,
            })
            .collect::<Vec<_>>()
    });
    let body = move || {
        let mut errors = Vec::new();
        if operation.get_untracked().is_empty() {
            errors.push(FieldError::new("operation", ErrorCode::Required));
        }
        let body = NewReversal {
            reason: text(reason),
            idempotency_key: key.get_value(),
        };
        (checked(errors, body.validate()), body)
    };
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        done.set(false);
        form.reset();
        match body() {
            (Ok(()), _) => asking.set(true),
            (Err(errors), _) => form.submit(Err(errors), || async { Ok(()) }, |()| {}),
        }
    };
    let on_confirm = move |()| {
        let (check, body) = body();
        let url = format!("{path}/operations/{}/reversal", operation.get_untracked());
        form.submit(
            check,
            move || async move { api::post::<_, Posted>(&url, &body).await },
            move |_| {
                key.set_value(new_key());
                operation.try_set(String::new());
                reason.try_set(String::new());
                done.try_set(true);
                on_done.run(());
            },
        );
    };
    let alert = Signal::derive(move || form.error.get().map(|e| api_error_message(i18n, &e)));
    view! {
        <Show when=move || done.get()>
            <Alert kind=AlertKind::Success>{t!(i18n, agent.accounts.reversal_posted)}</Alert>
        </Show>
        <ErrorAlert message=alert />
        <Show
            when=move || !options.with(Vec::is_empty)
            fallback=move || view! { <p>{t!(i18n, agent.accounts.reversal_none)}</p> }
        >
            <form class="ned-form" novalidate=true on:submit=on_submit>
                <SelectField id="reversal-of" label=move || t_string!(i18n, agent.accounts.reversal_label)
                    placeholder=move || t_string!(i18n, agent.accounts.reversal_choose)
                    options=options value=operation error=form.field_error("operation") />
                <InputField id="reversal-reason" label=move || t_string!(i18n, agent.accounts.reversal_reason)
                    hint=move || t_string!(i18n, agent.accounts.reversal_reason_hint) autocomplete="off"
                    value=reason error=form.field_error("reason") />
                <SubmitRow pending=form.pending>{t!(i18n, agent.accounts.reversal_submit)}</SubmitRow>
            </form>
        </Show>
        <ConfirmPanel asking=asking message=move || t_string!(i18n, agent.accounts.reversal_confirm)
            on_confirm=on_confirm />
    }
}
