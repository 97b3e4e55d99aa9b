//! A success message carried from one page to the next (e.g. "request sent" on the home page).

use frontend_kit::components::{Alert, AlertKind};
use leptos::prelude::*;

/// The message waiting to be shown on the next page.
#[derive(Clone, Copy)]
pub struct Flash(RwSignal<Option<String>>);

impl Flash {
    /// Provides an empty flash to the whole app.
    pub fn provide() {
        provide_context(Self(RwSignal::new(None)));
    }

    /// The flash provided by the app.
    pub fn expect() -> Self {
        expect_context::<Self>()
    }

    /// Keeps `message` for the next page.
    pub fn set(self, message: String) {
        self.0.set(Some(message));
    }
}

/// Shows the waiting message once, then forgets it.
#[component]
pub fn FlashAlert() -> impl IntoView {
    let message = Flash::expect().0.write_untracked().take();
    message.map(|text| view! { <Alert kind=AlertKind::Success>{text}</Alert> })
}
