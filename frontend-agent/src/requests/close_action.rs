//! Closing a request, after a confirmation: nothing more can be written on it afterwards.

use frontend_kit::components::{ConfirmButton, ErrorAlert};
use frontend_kit::i18n::{t_string, use_i18n};
use frontend_kit::{FormState, api, api_error_message};
use leptos::prelude::*;
use shared_types::requests::console::AgentRequestDetail;

use super::request_path;

/// "Clore la demande", then "Oui" / "Non".
#[component]
pub fn CloseAction(
    request_id: String,
    #[prop(into)] on_done: Callback<AgentRequestDetail>,
) -> impl IntoView {
    let i18n = use_i18n();
    let path = StoredValue::new(request_path(&request_id, "/close"));
    let form = FormState::new();
    let close = move |()| {
        let path = path.get_value();
        form.submit(
            Ok(()),
            move || async move { api::post_empty::<AgentRequestDetail>(&path).await },
            move |detail| on_done.run(detail),
        );
    };
    let alert = Signal::derive(move || form.error.get().map(|e| api_error_message(i18n, &e)));
    view! {
        <section class="fr-mt-4w">
            <ErrorAlert message=alert />
            <ConfirmButton
                label=move || t_string!(i18n, agent.requests.close)
                question=move || t_string!(i18n, agent.requests.close_question)
                yes=move || t_string!(i18n, agent.requests.close_yes)
                no=move || t_string!(i18n, agent.requests.close_no)
                pending=form.pending
                on_confirm=close
            />
        </section>
    }
}
