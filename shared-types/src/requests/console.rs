//! Requests as the console handles them: the inbox per service, a request with its internal
//! notes, answer templates, deadlines and the dashboard.

use serde::{Deserialize, Serialize};

use super::{ANSWER_MAX, MessageKind, RequestStatus, check_text};
use crate::FieldError;
use crate::codes::coded_enum;
use crate::problem::ErrorCode;
use crate::roles::Service;
use crate::validation::{self, Errors};

/// Longest template title.
pub const TEMPLATE_TITLE_MAX: usize = 80;
/// Most requests one inbox page lists.
pub const INBOX_LIMIT: usize = 200;
/// The dashboard looks at requests written in the last this many days.
pub const DASHBOARD_DAYS: i64 = 90;

coded_enum! {
    /// Which requests the inbox shows.
    pub enum InboxStatus {
        /// Waiting for the service: sent, received or in progress.
        Pending => "pending",
        /// Pending and past the service's deadline.
        Overdue => "overdue",
        /// An answer was contested and waits for a supervisor.
        Contested => "contested",
        Sent => "sent",
        Received => "received",
        InProgress => "in_progress",
        Answered => "answered",
        Closed => "closed",
        All => "all",
    }
}

coded_enum! {
    /// How old the requests the inbox shows are.
    pub enum AgeFilter {
        /// Written in the last 24 hours.
        Day => "day",
        /// Written in the last 7 days.
        Week => "week",
        /// Written more than 7 days ago.
        Older => "older",
    }
}

/// The inbox filters (query string).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct InboxQuery {
    pub service: Service,
    /// Default: pending.
    #[serde(default)]
    pub status: Option<InboxStatus>,
    #[serde(default)]
    pub age: Option<AgeFilter>,
    /// A subject code of the service, or `free`.
    #[serde(default)]
    pub subject: Option<String>,
    /// Which [`INBOX_LIMIT`] rows, from 0.
    #[serde(default)]
    pub page: Option<u32>,
}

/// The detainee who wrote a request, as the console shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RequestAuthor {
    pub id: String,
    pub registration_number: String,
    pub first_name: String,
    pub last_name: String,
    pub cell: String,
}

/// An agent, as a name to show or pick.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AgentRef {
    pub id: String,
    pub display_name: String,
}

/// One row of the inbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InboxItem {
    pub id: String,
    pub establishment_id: String,
    pub detainee: RequestAuthor,
    pub service: Service,
    pub subject: String,
    pub free_subject: Option<String>,
    pub status: RequestStatus,
    pub contested: bool,
    pub assigned: Option<AgentRef>,
    pub created_at: i64,
    pub updated_at: i64,
    /// When the service should have answered by.
    pub due_at: i64,
    /// Still pending after `due_at`.
    pub overdue: bool,
}

/// The inbox: the first [`INBOX_LIMIT`] matching requests, oldest deadline first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Inbox {
    pub items: Vec<InboxItem>,
    /// How many requests match in all.
    pub total: u32,
}

/// A service the agent may handle in an establishment, with its counters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ServiceDesk {
    pub service: Service,
    pub deadline_days: u32,
    pub pending: u32,
    pub overdue: u32,
    pub contested: u32,
}

/// The request desks an agent has in an establishment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Desks {
    pub desks: Vec<ServiceDesk>,
    /// The agent answers contested requests (all services but health).
    pub supervisor: bool,
    /// The agent may change each service's deadline.
    pub can_set_deadlines: bool,
}

/// A message of the thread as the console shows it, internal notes included.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AgentMessage {
    pub id: String,
    pub kind: MessageKind,
    pub text: String,
    pub at: i64,
    /// The agent who wrote it; none for the detainee's messages.
    pub author: Option<String>,
}

/// An answer template a service keeps.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Template {
    pub id: String,
    pub service: Service,
    pub title: String,
    pub text: String,
}

/// A request opened in the console.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AgentRequestDetail {
    pub request: InboxItem,
    pub messages: Vec<AgentMessage>,
    /// Agents who may be assigned (they handle this service here).
    pub handlers: Vec<AgentRef>,
    pub templates: Vec<Template>,
    /// The signed-in agent may answer and close now (a contested request needs a supervisor
    /// who did not write the contested answer).
    pub may_answer: bool,
    /// Why not, when `may_answer` is false: the refusal's code (`request.closed`,
    /// `request.supervisor_needed`, `request.own_answer_contested`…), for the console to say.
    #[serde(default)]
    pub answer_refused: Option<String>,
}

/// An answer or an internal note written in the console.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AgentText {
    pub text: String,
    pub idempotency_key: String,
}

impl AgentText {
    /// Field errors, if any.
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        check_text(&mut e, "text", &self.text, ANSWER_MAX);
        validation::required_text(&mut e, "idempotency_key", &self.idempotency_key, 100);
        e.finish()
    }
}

/// Assigns a request to an agent, or to nobody.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Assignment {
    pub agent_id: Option<String>,
}

/// A new answer template.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewTemplate {
    pub service: Service,
    pub title: String,
    pub text: String,
}

impl NewTemplate {
    /// Field errors, if any.
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        validation::required_text(&mut e, "title", &self.title, TEMPLATE_TITLE_MAX);
        check_text(&mut e, "text", &self.text, ANSWER_MAX);
        e.finish()
    }
}

/// A service's deadline to answer, in days.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct DeadlinePut {
    pub days: u32,
}

impl DeadlinePut {
    /// Field errors, if any.
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        if !(1..=super::MAX_DEADLINE_DAYS).contains(&self.days) {
            e.add_message(
                "days",
                ErrorCode::InvalidFormat,
                "Le délai doit être compris entre 1 et 60 jours.",
            );
        }
        e.finish()
    }
}

/// How many requests of a service stand in each status.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StatusCounts {
    pub sent: u32,
    pub received: u32,
    pub in_progress: u32,
    pub answered: u32,
    pub closed: u32,
}

impl StatusCounts {
    /// Adds `n` requests in `status`.
    pub fn add(&mut self, status: RequestStatus, n: u32) {
        match status {
            RequestStatus::Sent => self.sent += n,
            RequestStatus::Received => self.received += n,
            RequestStatus::InProgress => self.in_progress += n,
            RequestStatus::Answered => self.answered += n,
            RequestStatus::Closed => self.closed += n,
        }
    }

    /// The count for `status`.
    pub fn get(&self, status: RequestStatus) -> u32 {
        match status {
            RequestStatus::Sent => self.sent,
            RequestStatus::Received => self.received,
            RequestStatus::InProgress => self.in_progress,
            RequestStatus::Answered => self.answered,
            RequestStatus::Closed => self.closed,
        }
    }

    /// All requests counted.
    pub fn total(&self) -> u32 {
        self.sent + self.received + self.in_progress + self.answered + self.closed
    }
}

/// One service's line of the dashboard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DashboardRow {
    pub service: Service,
    pub counts: StatusCounts,
    pub overdue: u32,
    /// The service's deadline to answer here, in days.
    pub deadline_days: u32,
    /// Median time from writing to the first answer, in seconds.
    pub median_answer_seconds: Option<i64>,
}

/// Requests of an establishment over the last [`DASHBOARD_DAYS`] days (counts only: no
/// content, so the whole management may read it, health included).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Dashboard {
    pub rows: Vec<DashboardRow>,
    pub totals: StatusCounts,
    pub overdue: u32,
    pub median_answer_seconds: Option<i64>,
    /// The agent may change each service's deadline.
    pub can_set_deadlines: bool,
}
