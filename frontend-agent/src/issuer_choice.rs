//! Choosing who issued a permit: derived from the detainee's legal status by default, or named
//! (the API refuses an issuer that does not match the status, and says why).

use frontend_kit::I18n;
use frontend_kit::components::SelectOption;
use frontend_kit::i18n::t_string;
use leptos::prelude::*;
use shared_types::people::LegalStatus;
use shared_types::visits::PermitIssuer;

use crate::visit_labels::issuer;

/// Value of the "derived from the detainee's status" choice.
pub const AUTO: &str = "auto";

/// The choices: derived (naming the issuer once the status is known), judge, prison head.
pub fn issuer_options(
    i18n: I18n,
    status: Signal<Option<LegalStatus>>,
) -> Signal<Vec<SelectOption>> {
    Signal::derive(move || {
        let auto = match status.get() {
            Some(s) => format!(
                "{} ({})",
                t_string!(i18n, agent.visits.issuer_auto),
                issuer(i18n, PermitIssuer::for_status(s))
            ),
            None => t_string!(i18n, agent.visits.issuer_auto).to_owned(),
        };
        let named = [PermitIssuer::Judge, PermitIssuer::PrisonHead].map(|i| SelectOption {
            value: i.code().into(),
            label: issuer(i18n, i).into(),
        });
        std::iter::once(SelectOption {
            value: AUTO.into(),
            label: auto,
        })
        .chain(named)
        .collect()
    })
}
