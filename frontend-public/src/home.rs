//! `/`: the signed-in visitor's home: their relatives in detention and upcoming visits.

use frontend_kit::i18n::{t, t_string, use_i18n};
use frontend_kit::{RequireSession, Session, href};
use leptos::prelude::*;
use shared_types::auth::VisitorMe;

use crate::account_notices::AccountNotices;
use crate::app::SIGN_IN;
use crate::flash::FlashAlert;
use crate::links::LinksSection;
use crate::page_title::PageTitle;
use crate::upcoming::UpcomingSection;

/// Home page; signed-out visitors go to the sign-in page.
#[component]
pub fn Home() -> impl IntoView {
    let session = Session::<VisitorMe>::expect();
    view! {
        <RequireSession
            session=session
            sign_in_path=SIGN_IN
            view=|me: VisitorMe| view! { <Welcome me=me /> }
        />
    }
}

#[component]
fn Welcome(me: VisitorMe) -> impl IntoView {
    let i18n = use_i18n();
    let notices = view! { <AccountNotices me=me.clone() /> };
    let VisitorMe {
        first_name, email, ..
    } = me;
    view! {
        <PageTitle>
            {move || t_string!(i18n, public.hello, name = first_name.clone()).to_string()}
        </PageTitle>
        <p class="fr-text--lead">{t!(i18n, public.home_intro)}</p>
        <FlashAlert />
        {notices}
        <LinksSection />
        <UpcomingSection />
        <h2 class="fr-h5 fr-mt-6w">{t!(i18n, public.your_account)}</h2>
        <p>{move || t_string!(i18n, public.signed_in_as, email = email.clone()).to_string()}</p>
        <p>
            <a class="fr-link fr-icon-user-line fr-link--icon-left" href=href("/profil")>
                {t!(i18n, public.profile_link)}
            </a>
        </p>
    }
}
