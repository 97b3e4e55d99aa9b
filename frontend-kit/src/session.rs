//! "Who is signed in" for one portal: loaded once at start, updated by sign-in and sign-out.

use leptos::prelude::*;
use leptos::task::spawn_local;
use serde::de::DeserializeOwned;

use crate::api::{self, ApiError};
use crate::components::{Button, ButtonKind, ErrorAlert, Loading};
use crate::i18n::{t, use_i18n};
use crate::locale::api_error_message;
use crate::paths::use_go;

/// Where the session of a portal stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SessionState<T> {
    /// Asking the API.
    Loading,
    /// Signed in as this person.
    SignedIn(T),
    /// Not signed in (the API answered 401, or the person signed out).
    SignedOut,
    /// The API could not tell (network down, server error).
    Failed(ApiError),
}

/// Bound shared by every "me" type (`VisitorMe`, `DetaineeMe`, `AgentMe`).
pub trait Me: Clone + PartialEq + Send + Sync + DeserializeOwned + 'static {}
impl<T: Clone + PartialEq + Send + Sync + DeserializeOwned + 'static> Me for T {}

/// The session of one portal, shared through context; `path` is e.g. `/api/public/session`.
pub struct Session<T: Me> {
    state: RwSignal<SessionState<T>>,
    path: &'static str,
}

impl<T: Me> Clone for Session<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T: Me> Copy for Session<T> {}

impl<T: Me> Session<T> {
    /// Creates the session, provides it to descendants and starts loading it.
    pub fn provide(path: &'static str) -> Self {
        let session = Self {
            state: RwSignal::new(SessionState::Loading),
            path,
        };
        provide_context(session);
        session.refresh();
        session
    }

    /// The session provided by an ancestor.
    pub fn expect() -> Self {
        expect_context::<Self>()
    }

    /// Current state, reactive; only notifies when it really changes.
    pub fn state(self) -> Memo<SessionState<T>> {
        let state = self.state;
        Memo::new(move |_| state.get())
    }

    /// The signed-in person, if any (reactive).
    pub fn me(self) -> Signal<Option<T>> {
        let state = self.state;
        Signal::derive(move || match state.get() {
            SessionState::SignedIn(me) => Some(me),
            _ => None,
        })
    }

    /// Asks the API again who is signed in.
    pub fn refresh(self) {
        spawn_local(async move {
            let state = match api::get::<T>(self.path).await {
                Ok(me) => SessionState::SignedIn(me),
                Err(e) if e.is_unauthorized() => SessionState::SignedOut,
                Err(e) => SessionState::Failed(e),
            };
            self.state.try_set(state);
        });
    }

    /// Records the person a sign-in call returned.
    pub fn signed_in(self, me: T) {
        self.state.set(SessionState::SignedIn(me));
    }

    /// Records that the session ended on the server (idle timeout, 401 on a call).
    pub fn ended(self) {
        self.state.try_set(SessionState::SignedOut);
    }

    /// Ends the session on the server, then locally whatever the answer: on a shared device
    /// the screen must not stay signed in, and the server expires idle sessions anyway.
    pub async fn sign_out(self) {
        if let Err(e) = api::delete(self.path).await {
            leptos::logging::warn!("sign-out call failed: {e:?}");
        }
        self.ended();
    }
}

/// Shows `view` with the signed-in person; sends signed-out visitors to `sign_in_path`.
#[component]
pub fn RequireSession<T, F, V>(
    session: Session<T>,
    /// In-portal path of the sign-in page, e.g. `/connexion`.
    sign_in_path: &'static str,
    view: F,
) -> impl IntoView
where
    T: Me,
    F: Fn(T) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let i18n = use_i18n();
    let state = session.state();
    let go = use_go();
    Effect::new(move |_| {
        if state.with(|s| matches!(s, SessionState::SignedOut)) {
            go(sign_in_path, true);
        }
    });
    move || match state.get() {
        SessionState::Loading | SessionState::SignedOut => view! { <Loading /> }.into_any(),
        SessionState::SignedIn(me) => view(me).into_any(),
        SessionState::Failed(error) => {
            let message = api_error_message(i18n, &error);
            view! {
                <ErrorAlert message=Some(message) />
                <Button kind=ButtonKind::Secondary plain=true on_click=move |_| session.refresh()>
                    {t!(i18n, common.retry)}
                </Button>
            }
            .into_any()
        }
    }
}

/// Sends already signed-in people from a sign-in page to the portal's home.
pub fn redirect_when_signed_in<T: Me>(session: Session<T>, home_path: &'static str) {
    let go = use_go();
    let state = session.state();
    Effect::new(move |_| {
        if state.with(|s| matches!(s, SessionState::SignedIn(_))) {
            go(home_path, true);
        }
    });
}
