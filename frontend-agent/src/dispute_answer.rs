//! Answering a detainee's dispute: accept with a refund (at most what the line can still give
//! back) or reject, with the answer the detainee will read.

use frontend_kit::components::{
    ErrorAlert, InputField, SelectField, SelectOption, SubmitRow, TextareaField,
};
use frontend_kit::i18n::{t, t_string, use_i18n};
use frontend_kit::{FormState, api, api_error_message};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use shared_types::accounts::{euros_for_input, format_euros};
use shared_types::canteen::delivery::{DisputeAnswer, DisputeCase};

use crate::form_input::{checked, euros, text};

const ACCEPT: &str = "accept";
const REJECT: &str = "reject";

/// The form for `case`, posted under `base` (the establishment's canteen path).
#[component]
pub fn DisputeAnswerForm(
    base: String,
    case: DisputeCase,
    #[prop(into)] on_done: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = format!("dispute-{}", case.dispute.id);
    let refundable = case.refundable_cents;
    let decision = RwSignal::new(String::new());
    let refund = RwSignal::new(euros_for_input(refundable));
    let answer = RwSignal::new(String::new());
    let form = FormState::new();
    let decisions = Signal::derive(move || {
        vec![
            SelectOption {
                value: ACCEPT.into(),
                label: t_string!(i18n, agent.canteen.accept).into(),
            },
            SelectOption {
                value: REJECT.into(),
                label: t_string!(i18n, agent.canteen.reject).into(),
            },
        ]
    });
    let path = format!("{base}/disputes/{}/answer", case.dispute.id);
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let mut errors = Vec::new();
        let accept = decision.get_untracked() == ACCEPT;
        if decision.get_untracked().is_empty() {
            errors.push(shared_types::FieldError::new(
                "accept",
                shared_types::ErrorCode::Required,
            ));
        }
        let body = DisputeAnswer {
            accept,
            answer: text(answer),
            refund_cents: if accept {
                euros(&mut errors, "refund_cents", refund)
            } else {
                0
            },
        };
        let check = checked(errors, body.validate(refundable));
        let path = path.clone();
        form.submit(
            check,
            move || async move { api::post::<_, DisputeCase>(&path, &body).await },
            move |_| on_done.run(()),
        );
    };
    let alert = Signal::derive(move || form.error.get().map(|e| api_error_message(i18n, &e)));
    let refund_field = {
        let id = id.clone();
        move || {
            (decision.get() == ACCEPT).then(|| {
                view! {
                    <InputField id=format!("{id}-refund") label=move || t_string!(i18n, agent.canteen.refund)
                        hint=move || {
                            t_string!(i18n, agent.canteen.refund_hint, max = format_euros(refundable))
                                .to_string()
                        }
                        inputmode="decimal" autocomplete="off" value=refund
                        error=form.field_error("refund_cents") />
                }
            })
        }
    };
    view! {
        <ErrorAlert message=alert />
        <form class="ned-form" novalidate=true on:submit=on_submit>
            <SelectField id=format!("{id}-decision") label=move || t_string!(i18n, agent.canteen.decision)
                placeholder=move || t_string!(i18n, agent.canteen.choose_decision)
                options=decisions value=decision error=form.field_error("accept") />
            {refund_field}
            <TextareaField id=format!("{id}-answer") label=move || t_string!(i18n, agent.canteen.answer)
                hint=move || t_string!(i18n, agent.canteen.answer_hint) rows=2 value=answer
                error=form.field_error("answer") />
            <SubmitRow pending=form.pending>{t!(i18n, agent.canteen.send_answer)}</SubmitRow>
        </form>
    }
}
