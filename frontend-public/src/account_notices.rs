//! On the home page, what the visitor must still do with their account: confirm the e-mail
//! address, give their date of birth. Both are needed before asking for a link.

use frontend_kit::href;
use frontend_kit::i18n::{t, t_string, use_i18n};
use leptos::prelude::*;
use shared_types::auth::VisitorMe;

use crate::resend_link::ResendLink;

/// The banner for the first thing missing, if any.
#[component]
pub fn AccountNotices(me: VisitorMe) -> impl IntoView {
    let i18n = use_i18n();
    if !me.email_confirmed {
        let email = me.email;
        Some(
            view! {
                <div class="fr-alert fr-alert--warning fr-mb-3w">
                    <h2 class="fr-alert__title">{t!(i18n, public.email_unconfirmed_title)}</h2>
                    <p class="fr-mb-2w">
                        {move || {
                            t_string!(i18n, public.email_unconfirmed_text, email = email.clone())
                                .to_string()
                        }}
                    </p>
                    <ResendLink />
                </div>
            }
            .into_any(),
        )
    } else if !me.profile_complete {
        Some(
            view! {
                <div class="fr-alert fr-alert--info fr-mb-3w">
                    <h2 class="fr-alert__title">{t!(i18n, public.profile_incomplete_title)}</h2>
                    <p>{t!(i18n, public.profile_incomplete_text)}</p>
                    <p>
                        <a class="fr-link" href=href("/profil")>
                            {t!(i18n, public.complete_profile)}
                        </a>
                    </p>
                </div>
            }
            .into_any(),
        )
    } else {
        None
    }
}
