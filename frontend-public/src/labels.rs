//! Plain French words for the visit codes.

use frontend_kit::I18n;
use frontend_kit::i18n::t_string;
use shared_types::visits::{BookingStatus, RoomKind};

/// The kind of room: "parloir", "salon familial"…
pub fn room_kind(i18n: I18n, kind: RoomKind) -> String {
    match kind {
        RoomKind::Standard => t_string!(i18n, public.room_standard),
        RoomKind::Separated => t_string!(i18n, public.room_separated),
        RoomKind::FamilyRoom => t_string!(i18n, public.room_family_room),
        RoomKind::FamilyUnit => t_string!(i18n, public.room_family_unit),
    }
    .to_string()
}

/// The room in words: "Parloir (Parloir 1)", or just "Salon familial" when its name says it.
pub fn room(i18n: I18n, kind: RoomKind, name: &str) -> String {
    let kind = room_kind(i18n, kind);
    if name.trim().eq_ignore_ascii_case(&kind) {
        kind
    } else {
        format!("{kind} ({name})")
    }
}

/// Places left in a slot: "1 place", "3 places".
pub fn places(i18n: I18n, count: u32) -> String {
    if count == 1 {
        t_string!(i18n, public.place_one).to_string()
    } else {
        t_string!(i18n, public.places, count = count).to_string()
    }
}

/// The status of a past or cancelled booking; `None` for a booking still planned.
pub fn booking_status(i18n: I18n, status: BookingStatus) -> Option<String> {
    Some(
        match status {
            BookingStatus::Booked => return None,
            BookingStatus::Cancelled => t_string!(i18n, public.status_cancelled),
            BookingStatus::CheckedIn => t_string!(i18n, public.status_checked_in),
            BookingStatus::NoShow => t_string!(i18n, public.status_no_show),
        }
        .to_string(),
    )
}
