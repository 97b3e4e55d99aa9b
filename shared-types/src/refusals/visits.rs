//! Refusals of visits: links, permits, bookings, waiting list, rooms and slots.

use super::refusals;

refusals! {
    /// Why a visits command was refused.
    pub enum Visits {
        /// The slot has no place left.
        SlotFull => "slot.full", "Ce créneau est complet.",
        /// The slot is closed or cancelled.
        SlotClosed => "slot.closed", "Ce créneau n'est plus ouvert.",
        /// The slot has started or passed.
        SlotPast => "slot.past", "Ce créneau est passé.",
        /// Outside the booking window (too soon or too far ahead).
        OutsideWindow => "visit.outside_window", "Ce créneau n'est pas réservable à cette date.",
        /// The weekly quota of visits is used.
        QuotaReached => "visit.quota_reached", "Le nombre de visites de la semaine est atteint.",
        /// Another visit at the same time.
        Overlap => "visit.overlap", "Une autre visite a lieu au même moment.",
        /// The booking is no longer booked.
        NotBooked => "visit.not_booked", "Cette visite n'est plus réservée.",
        /// Too late to cancel or change.
        DeadlinePassed => "visit.deadline_passed", "Le délai pour modifier ou annuler est passé.",
        /// The booking visitor is under age.
        MinorAlone => "visit.minor_alone", "Une personne mineure ne peut pas réserver seule ni venir sans adulte.",
        /// No valid permit for the visit's date.
        NoPermit => "visit.no_permit", "Aucun permis de visite valable à cette date.",
        /// The visitor is banned from visits.
        Restricted => "visit.restricted", "Les visites sont suspendues pour cette personne.",
        /// Already on the waiting list of that slot, or already booked on it.
        AlreadyWaiting => "waitlist.already", "Vous êtes déjà inscrit(e) sur ce créneau.",
        /// No waiting list inside the booking deadline.
        WaitlistTooLate => "waitlist.too_late", "Trop tard pour la liste d'attente de ce créneau.",
        /// The waiting-list entry is not waiting or offered any more.
        WaitlistNotActive => "waitlist.not_active", "Cette inscription sur liste d'attente n'est plus active.",
        /// The offer expired.
        OfferExpired => "waitlist.offer_expired", "La place proposée n'est plus réservée pour vous.",
        /// The slot still has places: book it directly.
        SlotNotFull => "waitlist.slot_not_full", "Ce créneau a encore des places : réservez-le directement.",
        /// The link was decided already.
        LinkDecided => "link.decided", "Cette demande a déjà été traitée.",
        /// The visitor already asked for a link to this detainee.
        LinkExists => "link.exists", "Une demande existe déjà pour cette personne.",
        /// The permit is not in a state that allows this.
        PermitState => "permit.state", "Ce permis ne le permet pas dans son état actuel.",
        /// The visit cannot be checked in (state or day).
        CheckInNotAllowed => "visit.check_in_not_allowed", "Cette visite ne peut pas être pointée.",
        /// The restriction was lifted already.
        RestrictionLifted => "restriction.lifted", "Cette restriction est déjà levée.",
        /// The same restriction is already in force.
        RestrictionExists => "restriction.exists", "Cette restriction est déjà en vigueur.",
        /// The link request is not approved (yet).
        LinkNotApproved => "link.not_approved", "Votre demande de lien n'a pas encore été acceptée par l'établissement.",
        /// Too many link requests waiting.
        LinkTooMany => "link.too_many", "Vous avez déjà 10 demandes en attente.",
        /// A permit number already given to someone else.
        PermitTaken => "permit.taken", "Ce numéro de permis est déjà attribué.",
        /// The room was archived.
        RoomArchived => "room.archived", "Ce parloir n'est plus utilisé.",
        /// The slot template was archived already.
        TemplateArchived => "slot_template.archived", "Ce modèle de créneau est déjà supprimé.",
        /// The same weekly slot already exists for the room.
        TemplateExists => "slot_template.exists", "Ce créneau hebdomadaire existe déjà pour ce parloir.",
        /// Another room in use has that name.
        RoomExists => "room.exists", "Un parloir porte déjà ce nom.",
        /// A room or slot with bookings cannot be removed or shrunk.
        HasBookings => "room.has_bookings", "Des visites sont réservées : réduisez ou fermez d'abord.",
    }
}
