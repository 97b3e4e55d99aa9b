//! Agents' roles and the permissions each grants. The server checks permissions; the console
//! uses the same table to show only what an agent may do.

use serde::{Deserialize, Serialize};

/// A prison service that receives detainees' requests.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Service {
    Registry,
    Probation,
    Health,
    Work,
    Training,
    Education,
    Activities,
    Worship,
    Visits,
    Canteen,
    Mail,
    Building,
    Library,
    Other,
}

impl Service {
    /// Every service, in display order.
    pub const ALL: [Service; 14] = [
        Self::Registry,
        Self::Probation,
        Self::Health,
        Self::Work,
        Self::Training,
        Self::Education,
        Self::Activities,
        Self::Worship,
        Self::Visits,
        Self::Canteen,
        Self::Mail,
        Self::Building,
        Self::Library,
        Self::Other,
    ];

    /// Stable code stored in the database.
    pub fn code(self) -> &'static str {
        match self {
            Self::Registry => "registry",
            Self::Probation => "probation",
            Self::Health => "health",
            Self::Work => "work",
            Self::Training => "training",
            Self::Education => "education",
            Self::Activities => "activities",
            Self::Worship => "worship",
            Self::Visits => "visits",
            Self::Canteen => "canteen",
            Self::Mail => "mail",
            Self::Building => "building",
            Self::Library => "library",
            Self::Other => "other",
        }
    }

    /// Parses a database code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// A role an agent holds. Request handlers hold it for one service.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "role", content = "service", rename_all = "snake_case")]
pub enum Role {
    NationalAdmin,
    EstablishmentAdmin,
    VisitsOfficer,
    CanteenManager,
    AccountsOfficer,
    RequestHandler(Service),
    HealthStaff,
    Teacher,
}

/// Something an agent may do within their scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Permission {
    ViewEstablishment,
    ManageEstablishment,
    ManageAgents,
    ManageTerminals,
    ViewDetainees,
    ManageDetainees,
    ManageVisits,
    ManageCanteen,
    ManageAccounts,
    HandleRequests,
    /// Read and answer health-unit requests. Only health staff: not even administrators.
    HandleHealthRequests,
    /// Answer contested requests and see every service's inbox but health.
    SuperviseRequests,
    ManageLearning,
    ManagePages,
    ViewAudit,
    ManageDeployment,
}

use Permission as P;

impl Role {
    /// The role's code as stored in the database (the service is stored beside it).
    pub fn code(self) -> &'static str {
        match self {
            Self::NationalAdmin => "national_admin",
            Self::EstablishmentAdmin => "establishment_admin",
            Self::VisitsOfficer => "visits_officer",
            Self::CanteenManager => "canteen_manager",
            Self::AccountsOfficer => "accounts_officer",
            Self::RequestHandler(_) => "request_handler",
            Self::HealthStaff => "health_staff",
            Self::Teacher => "teacher",
        }
    }

    /// Rebuilds a role from its stored code and optional service.
    pub fn from_code(code: &str, service: Option<&str>) -> Option<Self> {
        Some(match code {
            "national_admin" => Self::NationalAdmin,
            "establishment_admin" => Self::EstablishmentAdmin,
            "visits_officer" => Self::VisitsOfficer,
            "canteen_manager" => Self::CanteenManager,
            "accounts_officer" => Self::AccountsOfficer,
            "request_handler" => Self::RequestHandler(Service::from_code(service?)?),
            "health_staff" => Self::HealthStaff,
            "teacher" => Self::Teacher,
            _ => return None,
        })
    }

    /// The permissions this role grants.
    pub fn permissions(self) -> &'static [Permission] {
        match self {
            Self::NationalAdmin => &[
                P::ViewEstablishment,
                P::ManageEstablishment,
                P::ManageAgents,
                P::ManageTerminals,
                P::ViewDetainees,
                P::ManageDetainees,
                P::ManageVisits,
                P::ManageCanteen,
                P::ManageAccounts,
                P::HandleRequests,
                P::SuperviseRequests,
                P::ManageLearning,
                P::ManagePages,
                P::ViewAudit,
                P::ManageDeployment,
            ],
            Self::EstablishmentAdmin => &[
                P::ViewEstablishment,
                P::ManageEstablishment,
                P::ManageAgents,
                P::ManageTerminals,
                P::ViewDetainees,
                P::ManageDetainees,
                P::SuperviseRequests,
                P::ManagePages,
                P::ViewAudit,
            ],
            Self::VisitsOfficer => &[P::ViewEstablishment, P::ViewDetainees, P::ManageVisits],
            Self::CanteenManager => &[P::ViewEstablishment, P::ViewDetainees, P::ManageCanteen],
            Self::AccountsOfficer => &[P::ViewEstablishment, P::ViewDetainees, P::ManageAccounts],
            Self::RequestHandler(_) => &[P::ViewEstablishment, P::ViewDetainees, P::HandleRequests],
            Self::HealthStaff => &[
                P::ViewEstablishment,
                P::ViewDetainees,
                P::HandleHealthRequests,
            ],
            Self::Teacher => &[P::ViewEstablishment, P::ManageLearning],
        }
    }

    /// Whether this role grants `permission`.
    pub fn grants(self, permission: Permission) -> bool {
        self.permissions().contains(&permission)
    }
}

/// Whether an agent with `roles` reads and answers `service`'s requests. Health-unit requests
/// are sealed: health staff only, whatever else the agent may do. Other services: their
/// handlers, and supervisors (who answer contested requests).
pub fn handles_service(roles: &[Role], service: Service) -> bool {
    if service == Service::Health {
        return roles.contains(&Role::HealthStaff);
    }
    roles
        .iter()
        .any(|r| *r == Role::RequestHandler(service) || r.grants(Permission::SuperviseRequests))
}

/// Whether an agent with `roles` answers contested requests of `service` (health staff for
/// health, supervisors for the rest).
pub fn supervises_service(roles: &[Role], service: Service) -> bool {
    if service == Service::Health {
        return roles.contains(&Role::HealthStaff);
    }
    roles
        .iter()
        .any(|r| r.grants(Permission::SuperviseRequests))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nobody_but_health_staff_handles_health_requests() {
        let roles = [
            Role::NationalAdmin,
            Role::EstablishmentAdmin,
            Role::VisitsOfficer,
            Role::CanteenManager,
            Role::AccountsOfficer,
            Role::RequestHandler(Service::Health),
            Role::Teacher,
        ];
        for role in roles {
            assert!(!role.grants(Permission::HandleHealthRequests), "{role:?}");
        }
        assert!(Role::HealthStaff.grants(Permission::HandleHealthRequests));
    }

    #[test]
    fn health_requests_reach_health_staff_only() {
        for role in [
            Role::NationalAdmin,
            Role::EstablishmentAdmin,
            Role::RequestHandler(Service::Health),
            Role::RequestHandler(Service::Canteen),
        ] {
            assert!(!handles_service(&[role], Service::Health), "{role:?}");
            assert!(!supervises_service(&[role], Service::Health), "{role:?}");
        }
        assert!(handles_service(&[Role::HealthStaff], Service::Health));
        assert!(!handles_service(&[Role::HealthStaff], Service::Canteen));
    }

    #[test]
    fn a_handler_has_their_service_and_a_supervisor_all_others() {
        let canteen = [Role::RequestHandler(Service::Canteen)];
        assert!(handles_service(&canteen, Service::Canteen));
        assert!(!handles_service(&canteen, Service::Registry));
        assert!(!supervises_service(&canteen, Service::Canteen));
        let admin = [Role::EstablishmentAdmin];
        assert!(handles_service(&admin, Service::Registry));
        assert!(supervises_service(&admin, Service::Canteen));
    }

    #[test]
    fn role_codes_round_trip() {
        let all = [
            Role::NationalAdmin,
            Role::EstablishmentAdmin,
            Role::VisitsOfficer,
            Role::CanteenManager,
            Role::AccountsOfficer,
            Role::RequestHandler(Service::Canteen),
            Role::HealthStaff,
            Role::Teacher,
        ];
        for role in all {
            let service = match role {
                Role::RequestHandler(s) => Some(s.code()),
                _ => None,
            };
            assert_eq!(Role::from_code(role.code(), service), Some(role));
        }
        assert_eq!(Role::from_code("request_handler", None), None);
        assert_eq!(Role::from_code("janitor", None), None);
    }

    #[test]
    fn teachers_cannot_see_the_detainee_registry() {
        assert!(!Role::Teacher.grants(Permission::ViewDetainees));
        assert!(Role::VisitsOfficer.grants(Permission::ViewDetainees));
    }
}
