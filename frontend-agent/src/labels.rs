//! Translated names of roles, establishment kinds and terminal statuses.

use frontend_kit::I18n;
use frontend_kit::i18n::t_string;
use shared_types::establishment::EstablishmentKind;
use shared_types::fleet::TerminalStatusKind;
use shared_types::roles::{Role, Service};

/// A role's name in the current language.
pub fn role(i18n: I18n, role: Role) -> String {
    match role {
        Role::NationalAdmin => t_string!(i18n, agent.roles.national_admin).to_string(),
        Role::EstablishmentAdmin => t_string!(i18n, agent.roles.establishment_admin).to_string(),
        Role::VisitsOfficer => t_string!(i18n, agent.roles.visits_officer).to_string(),
        Role::CanteenManager => t_string!(i18n, agent.roles.canteen_manager).to_string(),
        Role::AccountsOfficer => t_string!(i18n, agent.roles.accounts_officer).to_string(),
        Role::RequestHandler(s) => t_string!(
            i18n,
            agent.roles.request_handler,
            service = service(i18n, s)
        )
        .to_string(),
        Role::HealthStaff => t_string!(i18n, agent.roles.health_staff).to_string(),
        Role::Teacher => t_string!(i18n, agent.roles.teacher).to_string(),
    }
}

fn service(i18n: I18n, service: Service) -> &'static str {
    match service {
        Service::Registry => t_string!(i18n, agent.services.registry),
        Service::Probation => t_string!(i18n, agent.services.probation),
        Service::Health => t_string!(i18n, agent.services.health),
        Service::Work => t_string!(i18n, agent.services.work),
        Service::Training => t_string!(i18n, agent.services.training),
        Service::Education => t_string!(i18n, agent.services.education),
        Service::Activities => t_string!(i18n, agent.services.activities),
        Service::Worship => t_string!(i18n, agent.services.worship),
        Service::Visits => t_string!(i18n, agent.services.visits),
        Service::Canteen => t_string!(i18n, agent.services.canteen),
        Service::Mail => t_string!(i18n, agent.services.mail),
        Service::Building => t_string!(i18n, agent.services.building),
        Service::Library => t_string!(i18n, agent.services.library),
        Service::Other => t_string!(i18n, agent.services.other),
    }
}

/// An establishment kind's name in the current language.
pub fn kind(i18n: I18n, kind: EstablishmentKind) -> &'static str {
    match kind {
        EstablishmentKind::RemandPrison => t_string!(i18n, agent.kinds.remand_prison),
        EstablishmentKind::DetentionCentre => t_string!(i18n, agent.kinds.detention_centre),
        EstablishmentKind::HighSecurity => t_string!(i18n, agent.kinds.high_security),
        EstablishmentKind::MultiWingCentre => t_string!(i18n, agent.kinds.multi_wing_centre),
        EstablishmentKind::YouthPrison => t_string!(i18n, agent.kinds.youth_prison),
        EstablishmentKind::SemiLibertyCentre => t_string!(i18n, agent.kinds.semi_liberty_centre),
    }
}

/// A terminal status in the current language.
pub fn status(i18n: I18n, status: TerminalStatusKind) -> &'static str {
    match status {
        TerminalStatusKind::Stock => t_string!(i18n, agent.statuses.stock),
        TerminalStatusKind::Pending => t_string!(i18n, agent.statuses.pending),
        TerminalStatusKind::Enrolled => t_string!(i18n, agent.statuses.enrolled),
        TerminalStatusKind::Deployed => t_string!(i18n, agent.statuses.deployed),
        TerminalStatusKind::Faulty => t_string!(i18n, agent.statuses.faulty),
        TerminalStatusKind::Repair => t_string!(i18n, agent.statuses.repair),
        TerminalStatusKind::Retired => t_string!(i18n, agent.statuses.retired),
    }
}
