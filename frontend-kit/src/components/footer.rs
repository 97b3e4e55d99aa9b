//! The DSFR footer, which also holds the language switch.

use leptos::prelude::*;

use crate::i18n::{t, use_i18n};
use crate::locale::LanguageSwitch;

/// The page footer.
#[component]
pub fn Footer() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <footer class="fr-footer" role="contentinfo" id="pied-de-page">
            <div class="fr-container">
                <div class="fr-footer__body">
                    <div class="fr-footer__brand">
                        <p class="fr-logo">
                            {t!(i18n, common.republic_1)}
                            <br />
                            {t!(i18n, common.republic_2)}
                        </p>
                    </div>
                    <div class="fr-footer__content">
                        <p class="fr-footer__content-desc">{t!(i18n, common.footer_desc)}</p>
                    </div>
                </div>
                <div class="fr-footer__bottom">
                    <ul class="fr-footer__bottom-list">
                        <li class="fr-footer__bottom-item">
                            <LanguageSwitch />
                        </li>
                    </ul>
                    <div class="fr-footer__bottom-copy">
                        <p>{t!(i18n, common.footer_licence)}</p>
                    </div>
                </div>
            </div>
        </footer>
    }
}
