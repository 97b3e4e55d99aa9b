-- Visits: rules per establishment, rooms, weekly slot templates, slots, visit permits, link
-- requests, bookings with companions, the per-detainee weekly counter that serialises bookings,
-- the waiting list, and the outbox of messages to visitors.

CREATE TABLE visit_rules (
    establishment_id TEXT PRIMARY KEY REFERENCES establishments (id),
    opens_days_before INTEGER NOT NULL,
    closes_hours_before INTEGER NOT NULL,
    weekly_remand INTEGER NOT NULL,
    weekly_convicted INTEGER NOT NULL,
    max_adults INTEGER NOT NULL,
    max_people INTEGER NOT NULL,
    offer_minutes INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);

CREATE TABLE visit_rooms (
    id TEXT PRIMARY KEY,
    establishment_id TEXT NOT NULL REFERENCES establishments (id),
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    capacity INTEGER NOT NULL,
    archived_at INTEGER,
    created_at INTEGER NOT NULL
);
CREATE INDEX visit_rooms_by_establishment ON visit_rooms (establishment_id);

-- Weekday 1 = Monday … 7 = Sunday; start_minute is minutes after midnight, Paris time.
CREATE TABLE slot_templates (
    id TEXT PRIMARY KEY,
    establishment_id TEXT NOT NULL REFERENCES establishments (id),
    room_id TEXT NOT NULL REFERENCES visit_rooms (id),
    weekday INTEGER NOT NULL,
    start_minute INTEGER NOT NULL,
    duration_minutes INTEGER NOT NULL,
    valid_from TEXT NOT NULL,
    valid_until TEXT,
    archived_at INTEGER,
    created_at INTEGER NOT NULL
);
CREATE INDEX slot_templates_by_room ON slot_templates (room_id);

-- `booked` is kept in step with the bookings in the same transaction; the conditional update
-- `booked < capacity` is what prevents overbooking.
CREATE TABLE visit_slots (
    id TEXT PRIMARY KEY,
    establishment_id TEXT NOT NULL REFERENCES establishments (id),
    room_id TEXT NOT NULL REFERENCES visit_rooms (id),
    template_id TEXT REFERENCES slot_templates (id),
    starts_at INTEGER NOT NULL,
    ends_at INTEGER NOT NULL,
    capacity INTEGER NOT NULL,
    booked INTEGER NOT NULL DEFAULT 0,
    blocked_at INTEGER,
    block_reason TEXT,
    created_at INTEGER NOT NULL,
    UNIQUE (room_id, starts_at),
    CHECK (booked >= 0 AND booked <= capacity)
);
CREATE INDEX visit_slots_by_establishment ON visit_slots (establishment_id, starts_at);

-- A permit authorises one person (with or without a family-portal account) to visit one detainee.
CREATE TABLE visit_permits (
    id TEXT PRIMARY KEY,
    establishment_id TEXT NOT NULL REFERENCES establishments (id),
    detainee_id TEXT NOT NULL REFERENCES detainees (id),
    visitor_id TEXT REFERENCES visitors (id),
    number TEXT NOT NULL,
    issuer TEXT NOT NULL,
    holder_first_name TEXT NOT NULL,
    holder_last_name TEXT NOT NULL,
    holder_birth_date TEXT NOT NULL,
    valid_from TEXT NOT NULL,
    valid_until TEXT,
    suspended_at INTEGER,
    suspension_reason TEXT,
    created_at INTEGER NOT NULL,
    UNIQUE (establishment_id, number)
);
CREATE INDEX visit_permits_by_detainee ON visit_permits (detainee_id);
CREATE INDEX visit_permits_by_visitor ON visit_permits (visitor_id);

CREATE TABLE link_requests (
    id TEXT PRIMARY KEY,
    establishment_id TEXT NOT NULL REFERENCES establishments (id),
    visitor_id TEXT NOT NULL REFERENCES visitors (id),
    detainee_first_name TEXT NOT NULL,
    detainee_last_name TEXT NOT NULL,
    detainee_birth_date TEXT NOT NULL,
    permit_number TEXT,
    status TEXT NOT NULL,
    detainee_id TEXT REFERENCES detainees (id),
    permit_id TEXT REFERENCES visit_permits (id),
    decided_by TEXT REFERENCES agents (id),
    decided_at INTEGER,
    rejection_reason TEXT,
    created_at INTEGER NOT NULL
);
CREATE INDEX link_requests_by_establishment ON link_requests (establishment_id, status);
CREATE INDEX link_requests_by_visitor ON link_requests (visitor_id);

-- Restrictions on a detainee's visits: separated visits only, or one visitor banned.
CREATE TABLE visit_restrictions (
    id TEXT PRIMARY KEY,
    establishment_id TEXT NOT NULL REFERENCES establishments (id),
    detainee_id TEXT NOT NULL REFERENCES detainees (id),
    kind TEXT NOT NULL,
    permit_id TEXT REFERENCES visit_permits (id),
    reason TEXT NOT NULL,
    valid_until TEXT,
    lifted_at INTEGER,
    created_at INTEGER NOT NULL
);
CREATE INDEX visit_restrictions_by_detainee ON visit_restrictions (detainee_id);

CREATE TABLE visit_bookings (
    id TEXT PRIMARY KEY,
    establishment_id TEXT NOT NULL REFERENCES establishments (id),
    slot_id TEXT NOT NULL REFERENCES visit_slots (id),
    detainee_id TEXT NOT NULL REFERENCES detainees (id),
    visitor_id TEXT NOT NULL REFERENCES visitors (id),
    permit_id TEXT NOT NULL REFERENCES visit_permits (id),
    week_start TEXT NOT NULL,
    starts_at INTEGER NOT NULL,
    ends_at INTEGER NOT NULL,
    status TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    booked_by_agent TEXT REFERENCES agents (id),
    cancelled_at INTEGER,
    cancel_reason TEXT,
    checked_in_at INTEGER,
    created_at INTEGER NOT NULL,
    UNIQUE (visitor_id, idempotency_key)
);
CREATE INDEX visit_bookings_by_slot ON visit_bookings (slot_id, status);
CREATE INDEX visit_bookings_by_detainee ON visit_bookings (detainee_id, week_start);
CREATE INDEX visit_bookings_by_visitor ON visit_bookings (visitor_id, starts_at);

CREATE TABLE booking_companions (
    booking_id TEXT NOT NULL REFERENCES visit_bookings (id),
    position INTEGER NOT NULL,
    minor INTEGER NOT NULL,
    first_name TEXT NOT NULL,
    last_name TEXT NOT NULL,
    birth_date TEXT NOT NULL,
    permit_id TEXT REFERENCES visit_permits (id),
    PRIMARY KEY (booking_id, position)
);

-- One row per detainee and week: every booking for that week updates it first, so bookings of
-- one detainee queue on its lock and the quota and overlap checks that follow cannot race.
CREATE TABLE detainee_visit_weeks (
    detainee_id TEXT NOT NULL REFERENCES detainees (id),
    week_start TEXT NOT NULL,
    booked INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (detainee_id, week_start),
    CHECK (booked >= 0)
);

CREATE TABLE waiting_list (
    id TEXT PRIMARY KEY,
    establishment_id TEXT NOT NULL REFERENCES establishments (id),
    slot_id TEXT NOT NULL REFERENCES visit_slots (id),
    visitor_id TEXT NOT NULL REFERENCES visitors (id),
    detainee_id TEXT NOT NULL REFERENCES detainees (id),
    permit_id TEXT NOT NULL REFERENCES visit_permits (id),
    link_id TEXT NOT NULL REFERENCES link_requests (id),
    status TEXT NOT NULL,
    offered_at INTEGER,
    offer_expires_at INTEGER,
    lease_until INTEGER,
    created_at INTEGER NOT NULL,
    UNIQUE (slot_id, visitor_id)
);
CREATE INDEX waiting_list_by_slot ON waiting_list (slot_id, status, created_at);

CREATE TABLE outbox (
    id TEXT PRIMARY KEY,
    establishment_id TEXT REFERENCES establishments (id),
    channel TEXT NOT NULL,
    recipient TEXT NOT NULL,
    kind TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    attachment_name TEXT,
    attachment TEXT,
    dedupe_key TEXT UNIQUE,
    created_at INTEGER NOT NULL,
    sent_at INTEGER,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    lease_until INTEGER
);
CREATE INDEX outbox_unsent ON outbox (sent_at, created_at);

-- Closures (closed days or rooms), kept so that slots generated later inside one are closed too.
CREATE TABLE visit_closures (
    id TEXT PRIMARY KEY,
    establishment_id TEXT NOT NULL REFERENCES establishments (id),
    room_id TEXT REFERENCES visit_rooms (id),
    from_date TEXT NOT NULL,
    until_date TEXT NOT NULL,
    starts_at INTEGER NOT NULL,
    ends_at INTEGER NOT NULL,
    reason TEXT NOT NULL,
    created_by TEXT REFERENCES agents (id),
    created_at INTEGER NOT NULL
);
CREATE INDEX visit_closures_by_establishment ON visit_closures (establishment_id, starts_at);

-- What visitors need to know before coming, edited by the establishment's staff.
CREATE TABLE establishment_visit_info (
    establishment_id TEXT PRIMARY KEY REFERENCES establishments (id),
    address TEXT NOT NULL,
    phone TEXT,
    opening_hours TEXT NOT NULL,
    access TEXT NOT NULL,
    what_to_bring TEXT NOT NULL,
    accessibility TEXT NOT NULL,
    updated_by TEXT REFERENCES agents (id),
    updated_at INTEGER NOT NULL
);

-- The identity a prison needs of a visitor, and e-mail confirmation.
ALTER TABLE visitors ADD COLUMN birth_date TEXT;
ALTER TABLE visitors ADD COLUMN phone TEXT;
ALTER TABLE visitors ADD COLUMN email_confirmed_at INTEGER;
ALTER TABLE visitors ADD COLUMN email_token_hash TEXT;
