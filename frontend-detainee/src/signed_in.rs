//! Pages for signed-in detainees only.

use frontend_kit::{RequireSession, Session};
use leptos::prelude::*;
use shared_types::auth::DetaineeMe;

use crate::app::SIGN_IN;

/// Shows `children` to a signed-in detainee; others go to the sign-in page.
#[component]
pub fn SignedIn(children: ChildrenFn) -> impl IntoView {
    let session = Session::<DetaineeMe>::expect();
    view! {
        <RequireSession session=session sign_in_path=SIGN_IN view=move |_: DetaineeMe| children() />
    }
}
