//! Visits: bookings, the waiting list and link requests, and who moves them.

use super::{code, table};
use crate::date::Date;
use crate::refusals::Refusal;
use crate::refusals::visits::Visits;
use crate::visit_links::WaitlistStatus;
use crate::visits::rules::{
    Actor, BookingCommand, SlotState, WaitlistCommand, decide_booking, decide_join, decide_link,
    decide_waitlist,
};
use crate::visits::{BookingStatus, LinkStatus, VisitRules, check_party};

const BOOKING: [BookingStatus; 4] = [
    BookingStatus::Booked,
    BookingStatus::Cancelled,
    BookingStatus::CheckedIn,
    BookingStatus::NoShow,
];
const WAITLIST: [WaitlistStatus; 6] = [
    WaitlistStatus::Waiting,
    WaitlistStatus::Offered,
    WaitlistStatus::Accepted,
    WaitlistStatus::Expired,
    WaitlistStatus::Left,
    WaitlistStatus::Closed,
];
const LINK: [LinkStatus; 3] = [
    LinkStatus::Pending,
    LinkStatus::Approved,
    LinkStatus::Rejected,
];

/// A new status added to one of the enums must be added to the lists above.
#[allow(dead_code)]
fn lists_are_complete(b: BookingStatus, w: WaitlistStatus, l: LinkStatus) {
    use BookingStatus as B;
    use WaitlistStatus as W;
    match b {
        B::Booked | B::Cancelled | B::CheckedIn | B::NoShow => {}
    }
    match w {
        W::Waiting | W::Offered | W::Accepted | W::Expired | W::Left | W::Closed => {}
    }
    match l {
        LinkStatus::Pending | LinkStatus::Approved | LinkStatus::Rejected => {}
    }
}

const HOUR: i64 = 3_600;

fn verdict<T>(r: Result<T, Visits>, show: impl Fn(T) -> String) -> String {
    match r {
        Ok(t) => show(t),
        Err(e) => code(e.code()),
    }
}

fn bookings() -> String {
    let rules = VisitRules::default();
    let now = 0;
    let far = 3 * 24 * HOUR;
    let soon = 3 * HOUR;
    let today = HOUR;
    let columns: [(&str, i64, BookingCommand); 6] = [
        (
            "cancel (visitor, before the deadline)",
            far,
            BookingCommand::Cancel(Actor::Visitor),
        ),
        (
            "cancel (visitor, after the deadline)",
            soon,
            BookingCommand::Cancel(Actor::Visitor),
        ),
        ("cancel (staff)", soon, BookingCommand::Cancel(Actor::Staff)),
        (
            "check in (staff, on the day)",
            today,
            BookingCommand::CheckIn,
        ),
        ("check in (staff, days ahead)", far, BookingCommand::CheckIn),
        ("no-show (staff, on the day)", today, BookingCommand::NoShow),
    ];
    let rows: Vec<Vec<String>> = BOOKING
        .iter()
        .map(|s| {
            let mut row = vec![code(s.code())];
            row.extend(columns.iter().map(|(_, starts_in, c)| {
                verdict(decide_booking(*s, now + starts_in, now, &rules, *c), |n| {
                    format!("→ {}", code(n.code()))
                })
            }));
            row
        })
        .collect();
    let mut head = vec!["status"];
    head.extend(columns.iter().map(|(name, _, _)| *name));
    table(&head, &rows)
}

fn waitlist() -> String {
    let columns: [(&str, Option<i64>, WaitlistCommand); 5] = [
        ("leave (visitor)", Some(60), WaitlistCommand::Leave),
        (
            "accept (visitor, offer running)",
            Some(60),
            WaitlistCommand::Accept,
        ),
        (
            "accept (visitor, offer ran out)",
            Some(-60),
            WaitlistCommand::Accept,
        ),
        (
            "expire (job, offer ran out)",
            Some(-60),
            WaitlistCommand::Expire,
        ),
        ("slot closed (staff)", None, WaitlistCommand::Close),
    ];
    let rows: Vec<Vec<String>> = WAITLIST
        .iter()
        .map(|s| {
            let mut row = vec![code(s.code())];
            row.extend(columns.iter().map(|(_, expires, c)| {
                verdict(decide_waitlist(*s, *expires, 0, *c), |n| {
                    format!("→ {}", code(n.code()))
                })
            }));
            row
        })
        .collect();
    let mut head = vec!["status"];
    head.extend(columns.iter().map(|(name, _, _)| *name));
    table(&head, &rows)
}

fn joining() -> String {
    let rules = VisitRules::default();
    let full = SlotState {
        starts_at: 3 * 24 * HOUR,
        capacity: 4,
        booked: 4,
        blocked: false,
    };
    let cases: [(&str, SlotState, bool); 6] = [
        ("a full slot, outside the deadline", full, false),
        (
            "a slot with places left",
            SlotState { booked: 3, ..full },
            false,
        ),
        (
            "a full slot inside the deadline",
            SlotState {
                starts_at: 3 * HOUR,
                ..full
            },
            false,
        ),
        (
            "a closed slot",
            SlotState {
                blocked: true,
                ..full
            },
            false,
        ),
        (
            "a slot that has started",
            SlotState {
                starts_at: -HOUR,
                ..full
            },
            false,
        ),
        ("a slot the visitor booked", full, true),
    ];
    let rows: Vec<Vec<String>> = cases
        .iter()
        .map(|(what, slot, booked)| {
            vec![
                (*what).to_owned(),
                verdict(decide_join(&rules, 0, *slot, *booked), |n| {
                    format!("→ {}", code(n.code()))
                }),
            ]
        })
        .collect();
    table(&["joining the waiting list of", "outcome"], &rows)
}

fn links() -> String {
    let rows: Vec<Vec<String>> = LINK
        .iter()
        .map(|s| {
            let mut row = vec![format!("{s:?}").to_lowercase()];
            for to in [LinkStatus::Approved, LinkStatus::Rejected] {
                row.push(verdict(decide_link(*s, to), |n| {
                    format!("→ {}", format!("{n:?}").to_lowercase())
                }));
            }
            row
        })
        .collect();
    table(
        &["link request", "approve (staff)", "reject (staff)"],
        &rows,
    )
}

pub(super) fn section() -> String {
    let visit_day = Date::parse("2026-12-10").unwrap_or(Date::from_days(0));
    let minor = check_party(
        &VisitRules::default(),
        visit_day.add_days(-15 * 366),
        &[],
        visit_day,
    )
    .err()
    .and_then(|p| p.refusal())
    .map_or_else(|| "allowed".to_owned(), |r| code(r.code()));
    let mut out = String::from(
        "## Visits (`visits::rules`)\n\n\
         A relative books a slot of a linked detainee (permit valid on the day, no restriction, \
         within the booking window, the weekly quota and no overlap enforced in SQL, the slot's \
         places taken by a conditional `booked + 1 <= capacity`). The booking visitor is an \
         adult on the day of the visit and every minor comes with one: a 15-year-old booking \
         is refused with ",
    );
    out.push_str(&minor);
    out.push_str(
        "; a birth date in the future is a 422. Staff may book for a caller inside the \
         deadline, until the visit starts.\n\nBookings (`visit_bookings.status`, the deadline \
         24 h before by default):\n\n",
    );
    out.push_str(&bookings());
    out.push_str(
        "\nWaiting list (`waiting_list.status`): a freed place is offered to the first \
         visitor waiting, held until the offer runs out or the booking deadline, whichever \
         comes first; no offer when less than 15 minutes would remain. A closure ends the \
         entries of its slots, with one message each.\n\n",
    );
    out.push_str(&joining());
    out.push('\n');
    out.push_str(&waitlist());
    out.push_str("\nLink requests (a relative asks to visit a detainee; staff decide):\n\n");
    out.push_str(&links());
    out.push('\n');
    out
}
