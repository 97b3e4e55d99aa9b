//! "Contester la réponse": a closed button; opened, it explains that a manager will read the
//! answer again, asks why, and sends only on "Oui, contester la réponse".

use frontend_kit::components::{Button, ButtonKind, ErrorAlert, TextareaField};
use frontend_kit::i18n::{t, t_string, use_i18n};
use leptos::ev::SubmitEvent;
use leptos::html::H2;
use leptos::prelude::*;
use shared_types::requests::{RequestDetail, TEXT_MAX};

use crate::endpoints;
use crate::requests::message_send::MessageSend;

/// The contest button and form; the updated request and a confirmation go to `on_sent`.
#[component]
pub fn ContestForm(
    id: String,
    #[prop(into)] on_sent: Callback<(RequestDetail, String)>,
) -> impl IntoView {
    let i18n = use_i18n();
    let open = RwSignal::new(false);
    let send = MessageSend::new();
    let title = NodeRef::<H2>::new();
    // The button that opened the form is gone: the focus goes to the form's title.
    Effect::new(move |_| {
        if let Some(h2) = title.get() {
            let _ = h2.focus();
        }
    });
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        send.send(endpoints::request_contest(&id), move |detail| {
            let done = t_string!(i18n, detainee.requests.contest_sent).to_string();
            on_sent.run((detail, done));
        });
    };
    move || {
        if !open.get() {
            return view! {
                <div class="ned-actions fr-mt-3w">
                    <Button kind=ButtonKind::Secondary plain=true large=true on_click=move |_| open.set(true)>
                        <span class="fr-icon-questionnaire-line fr-mr-1w" aria-hidden="true"></span>
                        {t!(i18n, detainee.requests.contest)}
                    </Button>
                </div>
            }
            .into_any();
        }
        let on_submit = on_submit.clone();
        view! {
            <section class="fr-mt-3w ned-contest" aria-labelledby="contest-title">
                <h2 class="fr-h4" id="contest-title" tabindex="-1" node_ref=title>
                    {t!(i18n, detainee.requests.contest_title)}
                </h2>
                <p class="fr-text--lg">{t!(i18n, detainee.requests.contest_explain)}</p>
                <form class="ned-form" novalidate=true on:submit=on_submit>
                    <ErrorAlert message=send.alert(i18n) />
                    <TextareaField
                        id="contest-text"
                        label=move || t_string!(i18n, detainee.requests.contest_label)
                        value=send.text
                        error=send.form.field_error("text")
                        rows=4
                        max_chars=TEXT_MAX
                    />
                    <div class="ned-actions">
                        <Button large=true disabled=send.form.pending>
                            {t!(i18n, detainee.requests.contest_send)}
                        </Button>
                        <Button
                            kind=ButtonKind::Secondary
                            plain=true
                            large=true
                            disabled=send.form.pending
                            on_click=move |_| {
                                send.form.reset();
                                open.set(false);
                            }
                        >
                            {t!(i18n, detainee.requests.contest_cancel)}
                        </Button>
                    </div>
                </form>
            </section>
        }
        .into_any()
    }
}
