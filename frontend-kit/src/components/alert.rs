//! Alerts (`fr-alert`) and the loading indicator.

use leptos::prelude::*;

use crate::i18n::{t, use_i18n};

/// Which DSFR alert colour and role to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AlertKind {
    /// Red, announced at once by screen readers (`role="alert"`).
    #[default]
    Error,
    /// Green, announced politely.
    Success,
    /// Blue, announced politely.
    Info,
}

impl AlertKind {
    fn class(self) -> &'static str {
        match self {
            Self::Error => "fr-alert fr-alert--sm fr-alert--error",
            Self::Success => "fr-alert fr-alert--sm fr-alert--success",
            Self::Info => "fr-alert fr-alert--sm fr-alert--info",
        }
    }

    fn role(self) -> &'static str {
        match self {
            Self::Error => "alert",
            Self::Success | Self::Info => "status",
        }
    }
}

/// A small DSFR alert holding one paragraph.
#[component]
pub fn Alert(#[prop(optional)] kind: AlertKind, children: Children) -> impl IntoView {
    view! {
        <div class=format!("{} fr-mb-3w", kind.class()) role=kind.role()>
            <p>{children()}</p>
        </div>
    }
}

/// An error alert shown only while `message` holds something.
#[component]
pub fn ErrorAlert(#[prop(into)] message: Signal<Option<String>>) -> impl IntoView {
    move || {
        message
            .get()
            .map(|text| view! { <Alert kind=AlertKind::Error>{text}</Alert> })
    }
}

/// "Loading" text with a spinner, announced politely.
#[component]
pub fn Loading() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p class="ned-loading" role="status">
            <span class="ned-loading__spinner" aria-hidden="true"></span>
            {t!(i18n, common.loading)}
        </p>
    }
}
