//! `/detenu/`: the signed-in detainee's home.

use frontend_kit::i18n::{t, t_string, use_i18n};
use frontend_kit::{RequireSession, Session};
use leptos::prelude::*;
use shared_types::auth::DetaineeMe;

use crate::app::SIGN_IN;

/// Home page; signed-out people go to the sign-in page.
#[component]
pub fn Home() -> impl IntoView {
    let session = Session::<DetaineeMe>::expect();
    view! {
        <RequireSession
            session=session
            sign_in_path=SIGN_IN
            view=|me: DetaineeMe| view! { <Welcome me=me /> }
        />
    }
}

#[component]
fn Welcome(me: DetaineeMe) -> impl IntoView {
    let i18n = use_i18n();
    let DetaineeMe {
        first_name,
        establishment,
        cell,
        ..
    } = me;
    view! {
        <h1>
            {move || t_string!(i18n, detainee.hello, name = first_name.clone()).to_string()}
        </h1>
        <dl class="ned-facts">
            <dt>{t!(i18n, detainee.establishment)}</dt>
            <dd class="fr-text--lg">{establishment.name}</dd>
            <dt>{t!(i18n, detainee.cell)}</dt>
            <dd class="fr-text--lg">{cell}</dd>
        </dl>
        <p>{t!(i18n, detainee.home_intro)}</p>
    }
}
