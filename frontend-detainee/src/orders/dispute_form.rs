//! "Signaler un problème" on a delivered line: a short text (with a counter), sent once.

use frontend_kit::components::{Button, ButtonKind, ErrorAlert, SubmitRow, TextareaField};
use frontend_kit::i18n::{t, t_string, use_i18n};
use frontend_kit::{FormState, Session, api, api_error_message};
use leptos::ev::SubmitEvent;
use leptos::html::Button as ButtonEl;
use leptos::prelude::*;
use shared_types::auth::DetaineeMe;
use shared_types::canteen::delivery::NewDispute;
use shared_types::canteen::orders::Order;

use crate::endpoints;

/// Longest dispute message, as the API checks it.
const MAX_MESSAGE: usize = 500;

/// A closed button that opens the form; sending hands the updated order to `on_sent`.
#[component]
pub fn DisputeForm(
    order_id: String,
    line_id: String,
    product: String,
    #[prop(into)] on_sent: Callback<Order>,
) -> impl IntoView {
    let i18n = use_i18n();
    let open = RwSignal::new(false);
    let opener = NodeRef::<ButtonEl>::new();
    let product_sr = product.clone();
    move || {
        if !open.get() {
            let product = product_sr.clone();
            return view! {
                <Button
                    kind=ButtonKind::Secondary
                    plain=true
                    large=true
                    node_ref=opener
                    on_click=move |_| open.set(true)
                >
                    <span class="fr-icon-feedback-line fr-mr-1w" aria-hidden="true"></span>
                    {t!(i18n, detainee.orders.dispute)}
                    <span class="fr-sr-only">{format!(" : {product}")}</span>
                </Button>
            }
            .into_any();
        }
        view! {
            <Form
                order_id=order_id.clone()
                line_id=line_id.clone()
                product=product.clone()
                on_sent=on_sent
                on_close=move |()| open.set(false)
            />
        }
        .into_any()
    }
}

#[component]
fn Form(
    order_id: String,
    line_id: String,
    product: String,
    on_sent: Callback<Order>,
    #[prop(into)] on_close: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = Session::<DetaineeMe>::expect();
    let message = RwSignal::new(String::new());
    let form = FormState::new();
    // Each line has its own form: ids must stay unique on the page.
    let field_id = format!("dispute-{line_id}");
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let body = NewDispute {
            message: message.get_untracked().trim().to_owned(),
        };
        let check = body.validate();
        let path = endpoints::dispute(&order_id, &line_id);
        form.submit(
            check,
            move || async move { api::post::<_, Order>(&path, &body).await },
            move |order| on_sent.run(order),
        );
    };
    Effect::new(move |_| {
        if form
            .error
            .with(|e| e.as_ref().is_some_and(|e| e.is_unauthorized()))
        {
            session.ended();
        }
    });
    let alert = Signal::derive(move || {
        form.error
            .get()
            .filter(|e| e.field_errors().is_empty())
            .map(|e| api_error_message(i18n, &e))
    });
    view! {
        <form class="ned-form ned-dispute" novalidate=true on:submit=on_submit>
            <ErrorAlert message=alert />
            <TextareaField
                id=field_id
                label=move || t_string!(i18n, detainee.orders.dispute_label, name = product.clone()).to_string()
                hint=move || t_string!(i18n, detainee.orders.dispute_hint)
                value=message
                error=form.field_error("message")
                rows=3
                max_chars=MAX_MESSAGE
            />
            <div class="ned-actions">
                <SubmitRow pending=form.pending large=true>
                    {t!(i18n, detainee.orders.dispute_send)}
                </SubmitRow>
                <Button kind=ButtonKind::Tertiary plain=true large=true on_click=move |_| on_close.run(())>
                    {t!(i18n, detainee.orders.dispute_close)}
                </Button>
            </div>
        </form>
    }
}
