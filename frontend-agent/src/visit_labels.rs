//! Translated names of room kinds, weekdays, legal statuses, permit issuers, message states,
//! booking statuses and restriction kinds.

use frontend_kit::I18n;
use frontend_kit::i18n::t_string;
use shared_types::outbox::MessageStatus;
use shared_types::people::LegalStatus;
use shared_types::visit_desk::RestrictionKind;
use shared_types::visits::{BookingStatus, PermitIssuer, RoomKind};

/// Every room kind, in the order the form offers them.
pub const ROOM_KINDS: [RoomKind; 4] = [
    RoomKind::Standard,
    RoomKind::Separated,
    RoomKind::FamilyRoom,
    RoomKind::FamilyUnit,
];

/// A room kind's name.
pub fn room_kind(i18n: I18n, kind: RoomKind) -> &'static str {
    match kind {
        RoomKind::Standard => t_string!(i18n, agent.visits.room_kinds.standard),
        RoomKind::Separated => t_string!(i18n, agent.visits.room_kinds.separated),
        RoomKind::FamilyRoom => t_string!(i18n, agent.visits.room_kinds.family_room),
        RoomKind::FamilyUnit => t_string!(i18n, agent.visits.room_kinds.family_unit),
    }
}

/// A weekday's name, 1 = Monday … 7 = Sunday.
pub fn weekday(i18n: I18n, day: u32) -> &'static str {
    match day {
        1 => t_string!(i18n, agent.visits.weekdays.mon),
        2 => t_string!(i18n, agent.visits.weekdays.tue),
        3 => t_string!(i18n, agent.visits.weekdays.wed),
        4 => t_string!(i18n, agent.visits.weekdays.thu),
        5 => t_string!(i18n, agent.visits.weekdays.fri),
        6 => t_string!(i18n, agent.visits.weekdays.sat),
        _ => t_string!(i18n, agent.visits.weekdays.sun),
    }
}

/// A detainee's legal status, as an adjective.
pub fn legal_status(i18n: I18n, status: LegalStatus) -> &'static str {
    match status {
        LegalStatus::Remand => t_string!(i18n, agent.visits.legal_statuses.remand),
        LegalStatus::Convicted => t_string!(i18n, agent.visits.legal_statuses.convicted),
    }
}

/// Who issued a permit.
pub fn issuer(i18n: I18n, issuer: PermitIssuer) -> &'static str {
    match issuer {
        PermitIssuer::Judge => t_string!(i18n, agent.visits.issuers.judge),
        PermitIssuer::PrisonHead => t_string!(i18n, agent.visits.issuers.prison_head),
    }
}

/// Where a message stands; `held` when this instance keeps it for the console to show.
pub fn message_status(i18n: I18n, status: MessageStatus, held: bool) -> &'static str {
    match status {
        MessageStatus::Pending if held => t_string!(i18n, agent.visits.message_statuses.held),
        MessageStatus::Pending => t_string!(i18n, agent.visits.message_statuses.pending),
        MessageStatus::Sent => t_string!(i18n, agent.visits.message_statuses.sent),
        MessageStatus::Failed => t_string!(i18n, agent.visits.message_statuses.failed),
    }
}

/// Where a booking stands, as the desk says it.
pub fn booking_status(i18n: I18n, status: BookingStatus) -> &'static str {
    match status {
        BookingStatus::Booked => t_string!(i18n, agent.desk.booking_statuses.booked),
        BookingStatus::CheckedIn => t_string!(i18n, agent.desk.booking_statuses.checked_in),
        BookingStatus::NoShow => t_string!(i18n, agent.desk.booking_statuses.no_show),
        BookingStatus::Cancelled => t_string!(i18n, agent.desk.booking_statuses.cancelled),
    }
}

/// Every restriction kind, in the order the form offers them.
pub const RESTRICTION_KINDS: [RestrictionKind; 2] = [
    RestrictionKind::SeparatedOnly,
    RestrictionKind::VisitorBanned,
];

/// A restriction kind's name.
pub fn restriction_kind(i18n: I18n, kind: RestrictionKind) -> &'static str {
    match kind {
        RestrictionKind::SeparatedOnly => {
            t_string!(i18n, agent.desk.restriction_kinds.separated_only)
        }
        RestrictionKind::VisitorBanned => {
            t_string!(i18n, agent.desk.restriction_kinds.visitor_banned)
        }
    }
}
