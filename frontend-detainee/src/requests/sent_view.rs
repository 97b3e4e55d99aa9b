//! What the detainee sees after "Envoyer": sent, or kept on the tablet until the network is back.

use frontend_kit::components::{Button, ButtonKind, PageTitle};
use frontend_kit::href;
use frontend_kit::i18n::{t, use_i18n};
use leptos::prelude::*;

use crate::app::{REQUESTS_PAGE, request_page};
use crate::requests::queue::Waiting;
use crate::requests::queue_store::Sent;

/// The confirmation, with the way to the request (or to the list where it waits).
#[component]
pub fn SentView(sent: Sent, #[prop(into)] on_write_another: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let (title, message, link) = match sent {
        Sent::Delivered(detail) => (
            t!(i18n, detainee.requests.sent_title).into_any(),
            view! {
                <div class="fr-alert fr-alert--success fr-mb-3w" role="status" id="request-sent">
                    <p class="fr-text--lg">{t!(i18n, detainee.requests.sent_text)}</p>
                </div>
            }
            .into_any(),
            view! {
                <a class="fr-btn fr-btn--lg" href=href(&request_page(&detail.request.id))>
                    {t!(i18n, detainee.requests.see_request)}
                </a>
            }
            .into_any(),
        ),
        Sent::Kept(waiting) => {
            let text = if matches!(waiting, Waiting::DailyLimit { .. }) {
                t!(i18n, detainee.requests.kept_limit).into_any()
            } else {
                t!(i18n, detainee.requests.kept_network).into_any()
            };
            (
                t!(i18n, detainee.requests.kept_title).into_any(),
                view! {
                    <div class="fr-alert fr-alert--warning fr-mb-3w" role="status" id="request-kept">
                        <p class="fr-text--lg">{text}</p>
                    </div>
                }
                .into_any(),
                view! {
                    <a class="fr-btn fr-btn--lg" href=href(REQUESTS_PAGE)>
                        {t!(i18n, detainee.requests.back_to_list)}
                    </a>
                }
                .into_any(),
            )
        }
    };
    view! {
        <PageTitle>{title}</PageTitle>
        {message}
        <div class="ned-actions">
            {link}
            <Button kind=ButtonKind::Secondary plain=true large=true on_click=move |_| on_write_another.run(())>
                {t!(i18n, detainee.requests.write_another)}
            </Button>
        </div>
    }
}
