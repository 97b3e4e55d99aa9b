//! How visits move: one pure `decide` per transition, from the state loaded and the command to
//! the new state or the refusal. The API loads, decides with these, then writes with a
//! conditional `UPDATE … WHERE status = $expected`; zero rows means someone else moved first.

use super::{ADULT_AGE, BookingStatus, Companion, LinkStatus, VisitRules};
use crate::date::Date;
use crate::refusals::visits::Visits as R;
use crate::visit_links::WaitlistStatus;

/// The shortest offer worth making: a place held for less is not held, it is released.
pub const MIN_OFFER_SECONDS: i64 = 15 * 60;
/// Staff may check a visitor in (or mark them absent) from this long before the visit.
pub const DESK_OPENS_SECONDS: i64 = 2 * 3_600;

/// Where `now` stands in the booking window of a visit starting at `starts_at`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Window {
    Open,
    /// Booking has not opened yet.
    TooEarly,
    /// The deadline before the visit has passed.
    TooLate,
}

/// Where `now` stands in the booking window of a visit starting at `starts_at`.
pub fn window(rules: &VisitRules, now: i64, starts_at: i64) -> Window {
    let until_visit = starts_at - now;
    if until_visit < i64::from(rules.closes_hours_before) * 3_600 {
        Window::TooLate
    } else if until_visit > i64::from(rules.opens_days_before) * 86_400 {
        Window::TooEarly
    } else {
        Window::Open
    }
}

/// Who acts on a booking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Actor {
    /// The booking's visitor, bound by the deadline.
    Visitor,
    /// Staff of the establishment.
    Staff,
}

/// Something done to an existing booking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BookingCommand {
    /// Cancelled (a change cancels the old booking first, as its visitor).
    Cancel(Actor),
    /// The visitor arrived.
    CheckIn,
    /// The visitor did not come.
    NoShow,
}

/// The booking's status after `command`, or why it is refused.
pub fn decide_booking(
    status: BookingStatus,
    starts_at: i64,
    now: i64,
    rules: &VisitRules,
    command: BookingCommand,
) -> Result<BookingStatus, R> {
    if status != BookingStatus::Booked {
        return Err(R::NotBooked);
    }
    match command {
        BookingCommand::Cancel(Actor::Visitor)
            if window(rules, now, starts_at) == Window::TooLate =>
        {
            Err(R::DeadlinePassed)
        }
        BookingCommand::Cancel(_) => Ok(BookingStatus::Cancelled),
        BookingCommand::CheckIn | BookingCommand::NoShow
            if starts_at - DESK_OPENS_SECONDS > now =>
        {
            Err(R::CheckInNotAllowed)
        }
        BookingCommand::CheckIn => Ok(BookingStatus::CheckedIn),
        BookingCommand::NoShow => Ok(BookingStatus::NoShow),
    }
}

/// Whether a new booking of a slot starting at `starts_at` may be made now. Staff booking for a
/// visitor who phoned may still book inside the deadline, until the visit starts.
pub fn decide_booking_window(
    rules: &VisitRules,
    now: i64,
    starts_at: i64,
    actor: Actor,
) -> Result<(), R> {
    match window(rules, now, starts_at) {
        Window::Open => Ok(()),
        Window::TooLate if actor == Actor::Staff && starts_at > now => Ok(()),
        Window::TooLate if starts_at <= now => Err(R::SlotPast),
        Window::TooLate => Err(R::DeadlinePassed),
        Window::TooEarly => Err(R::OutsideWindow),
    }
}

/// Why a party cannot visit together, if it cannot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartyProblem {
    /// The booking visitor is under age (a minor never books, and never comes without an adult).
    MinorAlone,
    TooManyAdults,
    TooManyPeople,
}

impl PartyProblem {
    /// The refusal code of a party problem that is a rule (the counts are field errors).
    pub fn refusal(self) -> Option<R> {
        match self {
            Self::MinorAlone => Some(R::MinorAlone),
            Self::TooManyAdults | Self::TooManyPeople => None,
        }
    }
}

/// Checks the party against the rules: the booking visitor (born `booker_birth`) must be an
/// adult on the day of the visit, so every minor comes with one; then the counts.
pub fn check_party(
    rules: &VisitRules,
    booker_birth: Date,
    companions: &[Companion],
    on: Date,
) -> Result<(), PartyProblem> {
    if booker_birth.age_on(on) < ADULT_AGE {
        return Err(PartyProblem::MinorAlone);
    }
    let minors = companions
        .iter()
        .filter(|c| Date::parse(&c.birth_date).is_some_and(|b| b.age_on(on) < ADULT_AGE))
        .count() as u32;
    let adults = 1 + companions.len() as u32 - minors;
    if adults > rules.max_adults {
        Err(PartyProblem::TooManyAdults)
    } else if adults + minors > rules.max_people {
        Err(PartyProblem::TooManyPeople)
    } else {
        Ok(())
    }
}

/// A slot as the waiting list sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SlotState {
    pub starts_at: i64,
    pub capacity: i64,
    pub booked: i64,
    pub blocked: bool,
}

/// Whether a visitor may join the waiting list of `slot`: only a full, open slot still outside
/// the booking deadline (a place freed later could not be accepted), and never a slot the
/// visitor already booked.
pub fn decide_join(
    rules: &VisitRules,
    now: i64,
    slot: SlotState,
    already_booked: bool,
) -> Result<WaitlistStatus, R> {
    if slot.blocked {
        return Err(R::SlotClosed);
    }
    if slot.starts_at <= now {
        return Err(R::SlotPast);
    }
    if already_booked {
        return Err(R::AlreadyWaiting);
    }
    match window(rules, now, slot.starts_at) {
        Window::TooLate => return Err(R::WaitlistTooLate),
        Window::TooEarly => return Err(R::OutsideWindow),
        Window::Open => {}
    }
    if slot.booked < slot.capacity {
        return Err(R::SlotNotFull);
    }
    Ok(WaitlistStatus::Waiting)
}

/// Until when a place freed now may be held for the next visitor waiting: the offer time, cut at
/// the booking deadline (after it, accepting would be refused). `None`: too late to offer, the
/// place goes back on sale (staff can still book it for a caller).
pub fn offer_until(rules: &VisitRules, now: i64, starts_at: i64) -> Option<i64> {
    let deadline = starts_at - i64::from(rules.closes_hours_before) * 3_600;
    let until = (now + i64::from(rules.offer_minutes) * 60).min(deadline);
    (until - now >= MIN_OFFER_SECONDS).then_some(until)
}

/// Something done to a waiting-list entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WaitlistCommand {
    /// The visitor leaves the list (an offered place passes on).
    Leave,
    /// The visitor takes the place offered.
    Accept,
    /// The offer's time ran out (the scheduled job).
    Expire,
    /// The slot was closed by the establishment.
    Close,
}

/// The entry's status after `command`, or why it is refused.
pub fn decide_waitlist(
    status: WaitlistStatus,
    offer_expires_at: Option<i64>,
    now: i64,
    command: WaitlistCommand,
) -> Result<WaitlistStatus, R> {
    use WaitlistStatus as W;
    let expired = offer_expires_at.is_none_or(|t| t <= now);
    match (command, status) {
        (WaitlistCommand::Leave, W::Waiting | W::Offered) => Ok(W::Left),
        (WaitlistCommand::Close, W::Waiting | W::Offered) => Ok(W::Closed),
        (WaitlistCommand::Accept, W::Offered) if expired => Err(R::OfferExpired),
        (WaitlistCommand::Accept, W::Offered) => Ok(W::Accepted),
        (WaitlistCommand::Accept, W::Expired) => Err(R::OfferExpired),
        (WaitlistCommand::Expire, W::Offered) if expired => Ok(W::Expired),
        _ => Err(R::WaitlistNotActive),
    }
}

/// Staff decide a link request: only a pending one.
pub fn decide_link(status: LinkStatus, to: LinkStatus) -> Result<LinkStatus, R> {
    match (status, to) {
        (LinkStatus::Pending, LinkStatus::Approved | LinkStatus::Rejected) => Ok(to),
        _ => Err(R::LinkDecided),
    }
}

/// Staff suspend a permit: only one not suspended yet.
pub fn decide_suspend(suspended: bool) -> Result<(), R> {
    if suspended {
        Err(R::PermitState)
    } else {
        Ok(())
    }
}

/// Staff lift a restriction: only one still in force.
pub fn decide_lift(lifted: bool) -> Result<(), R> {
    if lifted {
        Err(R::RestrictionLifted)
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const VISIT: i64 = 1_000_000_000;

    fn rules() -> VisitRules {
        VisitRules {
            opens_days_before: 14,
            closes_hours_before: 24,
            offer_minutes: 240,
            ..VisitRules::default()
        }
    }

    #[test]
    fn window_opens_and_closes() {
        let r = rules();
        assert_eq!(window(&r, VISIT - 15 * 86_400, VISIT), Window::TooEarly);
        assert_eq!(window(&r, VISIT - 14 * 86_400, VISIT), Window::Open);
        assert_eq!(window(&r, VISIT - 24 * 3_600, VISIT), Window::Open);
        assert_eq!(window(&r, VISIT - 24 * 3_600 + 1, VISIT), Window::TooLate);
    }

    #[test]
    fn a_visitor_cancels_until_the_deadline_staff_until_the_end() {
        let r = rules();
        let late = VISIT - 3_600;
        let cancel = |by| BookingCommand::Cancel(by);
        assert_eq!(
            decide_booking(
                BookingStatus::Booked,
                VISIT,
                late,
                &r,
                cancel(Actor::Visitor)
            ),
            Err(R::DeadlinePassed)
        );
        assert_eq!(
            decide_booking(BookingStatus::Booked, VISIT, late, &r, cancel(Actor::Staff)),
            Ok(BookingStatus::Cancelled)
        );
        assert_eq!(
            decide_booking(
                BookingStatus::Booked,
                VISIT,
                VISIT - 2 * 86_400,
                &r,
                cancel(Actor::Visitor)
            ),
            Ok(BookingStatus::Cancelled)
        );
        for done in [
            BookingStatus::Cancelled,
            BookingStatus::CheckedIn,
            BookingStatus::NoShow,
        ] {
            assert_eq!(
                decide_booking(done, VISIT, late, &r, cancel(Actor::Staff)),
                Err(R::NotBooked)
            );
        }
    }

    #[test]
    fn the_desk_checks_in_from_two_hours_before_and_only_once() {
        let r = rules();
        assert_eq!(
            decide_booking(
                BookingStatus::Booked,
                VISIT,
                VISIT - 3 * 3_600,
                &r,
                BookingCommand::CheckIn
            ),
            Err(R::CheckInNotAllowed)
        );
        assert_eq!(
            decide_booking(
                BookingStatus::Booked,
                VISIT,
                VISIT - 60,
                &r,
                BookingCommand::CheckIn
            ),
            Ok(BookingStatus::CheckedIn)
        );
        assert_eq!(
            decide_booking(
                BookingStatus::Booked,
                VISIT,
                VISIT + 60,
                &r,
                BookingCommand::NoShow
            ),
            Ok(BookingStatus::NoShow)
        );
        assert_eq!(
            decide_booking(
                BookingStatus::CheckedIn,
                VISIT,
                VISIT,
                &r,
                BookingCommand::NoShow
            ),
            Err(R::NotBooked)
        );
    }

    #[test]
    fn staff_book_inside_the_deadline_visitors_do_not() {
        let r = rules();
        let late = VISIT - 3_600;
        assert_eq!(
            decide_booking_window(&r, late, VISIT, Actor::Visitor),
            Err(R::DeadlinePassed)
        );
        assert_eq!(decide_booking_window(&r, late, VISIT, Actor::Staff), Ok(()));
        assert_eq!(
            decide_booking_window(&r, VISIT + 1, VISIT, Actor::Staff),
            Err(R::SlotPast)
        );
        assert_eq!(
            decide_booking_window(&r, VISIT - 20 * 86_400, VISIT, Actor::Visitor),
            Err(R::OutsideWindow)
        );
    }

    fn born(s: &str) -> Date {
        Date::parse(s).expect("date")
    }

    #[test]
    fn a_minor_never_books_and_minors_count_apart() {
        let on = born("2026-12-01");
        let child = Companion {
            birth_date: "2018-05-01".into(),
            ..Companion::default()
        };
        let adult = Companion {
            birth_date: "1990-01-01".into(),
            ..Companion::default()
        };
        let r = VisitRules {
            max_adults: 2,
            max_people: 3,
            ..VisitRules::default()
        };
        // Fifteen: refused alone, and refused with an adult companion too (the booker answers
        // for the visit).
        assert_eq!(
            check_party(&r, born("2011-06-01"), &[], on),
            Err(PartyProblem::MinorAlone)
        );
        assert_eq!(
            check_party(&r, born("2011-06-01"), std::slice::from_ref(&adult), on),
            Err(PartyProblem::MinorAlone)
        );
        // Eighteen on the day of the visit is enough.
        assert_eq!(check_party(&r, born("2008-12-01"), &[], on), Ok(()));
        assert_eq!(check_party(&r, born("2008-12-02"), &[], on).ok(), None);
        let adult_booker = born("1980-01-01");
        assert_eq!(
            check_party(&r, adult_booker, &[adult.clone(), child.clone()], on),
            Ok(())
        );
        assert_eq!(
            check_party(&r, adult_booker, &[adult.clone(), adult.clone()], on),
            Err(PartyProblem::TooManyAdults)
        );
        assert_eq!(
            check_party(&r, adult_booker, &[adult, child.clone(), child], on),
            Err(PartyProblem::TooManyPeople)
        );
        assert_eq!(PartyProblem::MinorAlone.refusal(), Some(R::MinorAlone));
    }

    fn full() -> SlotState {
        SlotState {
            starts_at: VISIT,
            capacity: 2,
            booked: 2,
            blocked: false,
        }
    }

    #[test]
    fn the_waiting_list_is_for_full_slots_outside_the_deadline() {
        let r = rules();
        let early = VISIT - 3 * 86_400;
        assert_eq!(
            decide_join(&r, early, full(), false),
            Ok(WaitlistStatus::Waiting)
        );
        assert_eq!(
            decide_join(&r, VISIT - 23 * 3_600, full(), false),
            Err(R::WaitlistTooLate)
        );
        assert_eq!(decide_join(&r, early, full(), true), Err(R::AlreadyWaiting));
        let free = SlotState {
            booked: 1,
            ..full()
        };
        assert_eq!(decide_join(&r, early, free, false), Err(R::SlotNotFull));
        let closed = SlotState {
            blocked: true,
            ..full()
        };
        assert_eq!(decide_join(&r, early, closed, false), Err(R::SlotClosed));
        assert_eq!(decide_join(&r, VISIT, full(), false), Err(R::SlotPast));
    }

    #[test]
    fn an_offer_ends_at_the_deadline_and_is_not_made_after_it() {
        let r = rules();
        let deadline = VISIT - 24 * 3_600;
        // Well before: the full offer time.
        assert_eq!(
            offer_until(&r, VISIT - 3 * 86_400, VISIT),
            Some(VISIT - 3 * 86_400 + 240 * 60)
        );
        // Two hours before the deadline: held until the deadline only.
        assert_eq!(offer_until(&r, deadline - 7_200, VISIT), Some(deadline));
        // Ten minutes before it, or past it: no offer.
        assert_eq!(offer_until(&r, deadline - 600, VISIT), None);
        assert_eq!(offer_until(&r, VISIT - 3_600, VISIT), None);
    }

    #[test]
    fn an_offer_is_accepted_once_and_before_it_expires() {
        use WaitlistCommand::*;
        use WaitlistStatus as W;
        let now = 1_000;
        assert_eq!(
            decide_waitlist(W::Offered, Some(now + 1), now, Accept),
            Ok(W::Accepted)
        );
        assert_eq!(
            decide_waitlist(W::Offered, Some(now), now, Accept),
            Err(R::OfferExpired)
        );
        assert_eq!(
            decide_waitlist(W::Expired, Some(now - 5), now, Accept),
            Err(R::OfferExpired)
        );
        assert_eq!(
            decide_waitlist(W::Accepted, Some(now + 1), now, Accept),
            Err(R::WaitlistNotActive)
        );
        assert_eq!(
            decide_waitlist(W::Offered, Some(now + 1), now, Expire),
            Err(R::WaitlistNotActive)
        );
        assert_eq!(
            decide_waitlist(W::Offered, Some(now), now, Expire),
            Ok(W::Expired)
        );
        assert_eq!(decide_waitlist(W::Waiting, None, now, Leave), Ok(W::Left));
        assert_eq!(
            decide_waitlist(W::Left, None, now, Leave),
            Err(R::WaitlistNotActive)
        );
        assert_eq!(
            decide_waitlist(W::Offered, Some(now + 1), now, Close),
            Ok(W::Closed)
        );
        assert_eq!(
            decide_waitlist(W::Accepted, None, now, Close),
            Err(R::WaitlistNotActive)
        );
    }

    #[test]
    fn links_permits_and_restrictions_are_decided_once() {
        assert_eq!(
            decide_link(LinkStatus::Pending, LinkStatus::Approved),
            Ok(LinkStatus::Approved)
        );
        assert_eq!(
            decide_link(LinkStatus::Approved, LinkStatus::Rejected),
            Err(R::LinkDecided)
        );
        assert_eq!(
            decide_link(LinkStatus::Pending, LinkStatus::Pending),
            Err(R::LinkDecided)
        );
        assert_eq!(decide_suspend(false), Ok(()));
        assert_eq!(decide_suspend(true), Err(R::PermitState));
        assert_eq!(decide_lift(false), Ok(()));
        assert_eq!(decide_lift(true), Err(R::RestrictionLifted));
    }
}
