//! "Étape 2 sur 3 — Choisir le sujet": the DSFR stepper above a new request's current step.

use frontend_kit::i18n::{t, t_string, use_i18n};
use leptos::html::H2;
use leptos::prelude::*;

/// The steps of a new request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Service,
    Subject,
    Text,
}

impl Step {
    fn number(self) -> u8 {
        match self {
            Self::Service => 1,
            Self::Subject => 2,
            Self::Text => 3,
        }
    }
}

/// The stepper; its title takes the focus when the step changes, so screen-reader users hear
/// where they are (the button they pressed is gone).
#[component]
pub fn StepTitle(#[prop(into)] step: Signal<Step>) -> impl IntoView {
    let i18n = use_i18n();
    let title = NodeRef::<H2>::new();
    Effect::new(move |previous: Option<Step>| {
        let now = step.get();
        if previous.is_some_and(|p| p != now)
            && let Some(h2) = title.get_untracked()
        {
            let _ = h2.focus();
        }
        now
    });
    let name = move |s: Step| match s {
        Step::Service => t_string!(i18n, detainee.requests.step_service).to_string(),
        Step::Subject => t_string!(i18n, detainee.requests.step_subject).to_string(),
        Step::Text => t_string!(i18n, detainee.requests.step_text).to_string(),
    };
    let next = move || match step.get() {
        Step::Service => Some(name(Step::Subject)),
        Step::Subject => Some(name(Step::Text)),
        Step::Text => None,
    };
    view! {
        <div class="fr-stepper fr-mt-2w">
            <h2 class="fr-stepper__title" tabindex="-1" node_ref=title id="step-title">
                {move || name(step.get())}
                <span class="fr-stepper__state">
                    {move || {
                        t_string!(i18n, detainee.requests.step_of, step = step.get().number())
                            .to_string()
                    }}
                </span>
            </h2>
            <div
                class="fr-stepper__steps"
                data-fr-current-step=move || step.get().number().to_string()
                data-fr-steps="3"
            ></div>
            {move || {
                next()
                    .map(|n| {
                        view! {
                            <p class="fr-stepper__details">
                                <span class="fr-text--bold">{t!(i18n, detainee.requests.next_step)}</span>
                                " "
                                {n}
                            </p>
                        }
                    })
            }}
        </div>
    }
}
