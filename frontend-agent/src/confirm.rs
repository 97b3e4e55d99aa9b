//! Asking before a destructive action (closing rooms, rejecting a request, deleting).

use frontend_kit::components::{Button, ButtonKind};
use frontend_kit::i18n::{t, use_i18n};
use leptos::prelude::*;

/// Shown while `asking`: the question, then "Confirmer" (runs `on_confirm`) and "Annuler".
#[component]
pub fn ConfirmPanel(
    asking: RwSignal<bool>,
    #[prop(into)] message: TextProp,
    #[prop(into)] on_confirm: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let message = message.clone();
        asking.get().then(|| {
            view! {
                <div class="fr-alert fr-alert--sm fr-alert--warning fr-mt-2w" role="alert">
                    <p>{move || message.get()}</p>
                    <div class="ned-actions fr-mt-1w">
                        <Button
                            plain=true
                            on_click=move |_| {
                                asking.set(false);
                                on_confirm.run(());
                            }
                        >
                            {t!(i18n, agent.visits.confirm)}
                        </Button>
                        <Button kind=ButtonKind::Secondary plain=true on_click=move |_| asking.set(false)>
                            {t!(i18n, agent.visits.cancel)}
                        </Button>
                    </div>
                </div>
            }
        })
    }
}
