//! The sign-out button every portal puts in its header.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::{Button, ButtonKind};
use crate::paths::use_go;
use crate::session::{Me, Session};

/// Shown only while someone is signed in; ends the session and goes to `sign_in_path`.
#[component]
pub fn SignOutButton<T: Me>(
    session: Session<T>,
    #[prop(into)] label: TextProp,
    /// In-portal path of the sign-in page.
    sign_in_path: &'static str,
    /// Large target for touch screens.
    #[prop(optional)]
    large: bool,
) -> impl IntoView {
    let go = use_go();
    let busy = RwSignal::new(false);
    let signed_in = move || session.me().with(Option::is_some);
    let text = move || label.get();
    let on_click = move |_| {
        busy.set(true);
        let go = go.clone();
        spawn_local(async move {
            session.sign_out().await;
            busy.try_set(false);
            go(sign_in_path, true);
        });
    };
    let button = move || {
        let text = text.clone();
        let on_click = on_click.clone();
        view! {
            <Button
                kind=ButtonKind::Secondary
                plain=true
                large=large
                disabled=busy
                on_click=on_click
            >
                {text}
            </Button>
        }
    };
    view! { <Show when=signed_in>{button.clone()}</Show> }
}
