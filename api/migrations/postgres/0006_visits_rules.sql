-- Visits (issue 10): impossible states made impossible by the database, whatever the code does.
-- Duplicates a race may have left are resolved first, so the indexes can be built.

-- A visitor asks once for a given person: a second pending request for the same detainee (as
-- typed) is refused. Older duplicates are closed as such.
UPDATE link_requests SET status = 'rejected', rejection_reason = 'Demande en double'
WHERE status = 'pending' AND EXISTS (
    SELECT 1 FROM link_requests o
    WHERE o.status = 'pending' AND o.visitor_id = link_requests.visitor_id
      AND o.establishment_id = link_requests.establishment_id
      AND o.detainee_last_name = link_requests.detainee_last_name
      AND o.detainee_first_name = link_requests.detainee_first_name
      AND o.detainee_birth_date = link_requests.detainee_birth_date
      AND (o.created_at < link_requests.created_at
           OR (o.created_at = link_requests.created_at AND o.id < link_requests.id))
);
CREATE UNIQUE INDEX link_requests_one_pending
    ON link_requests (visitor_id, establishment_id, detainee_last_name, detainee_first_name, detainee_birth_date)
    WHERE status = 'pending';

-- One restriction of a kind in force per detainee (and banned permit).
UPDATE visit_restrictions SET lifted_at = created_at
WHERE lifted_at IS NULL AND EXISTS (
    SELECT 1 FROM visit_restrictions o
    WHERE o.lifted_at IS NULL AND o.detainee_id = visit_restrictions.detainee_id
      AND o.kind = visit_restrictions.kind
      AND COALESCE(o.permit_id, '') = COALESCE(visit_restrictions.permit_id, '')
      AND (o.created_at < visit_restrictions.created_at
           OR (o.created_at = visit_restrictions.created_at AND o.id < visit_restrictions.id))
);
CREATE UNIQUE INDEX visit_restrictions_one_in_force
    ON visit_restrictions (detainee_id, kind, COALESCE(permit_id, ''))
    WHERE lifted_at IS NULL;

-- A permit holder is booked at most once on a slot.
CREATE UNIQUE INDEX visit_bookings_one_per_permit_and_slot
    ON visit_bookings (permit_id, slot_id)
    WHERE status IN ('booked', 'checked_in');

-- Two rooms in use never share a name in an establishment.
UPDATE visit_rooms SET name = name || ' (' || id || ')'
WHERE archived_at IS NULL AND EXISTS (
    SELECT 1 FROM visit_rooms o
    WHERE o.archived_at IS NULL AND o.establishment_id = visit_rooms.establishment_id
      AND o.name = visit_rooms.name
      AND (o.created_at < visit_rooms.created_at
           OR (o.created_at = visit_rooms.created_at AND o.id < visit_rooms.id))
);
CREATE UNIQUE INDEX visit_rooms_one_name_in_use
    ON visit_rooms (establishment_id, name)
    WHERE archived_at IS NULL;

-- One weekly slot of a room per weekday, time and first day among templates in use.
UPDATE slot_templates SET archived_at = created_at
WHERE archived_at IS NULL AND EXISTS (
    SELECT 1 FROM slot_templates o
    WHERE o.archived_at IS NULL AND o.room_id = slot_templates.room_id
      AND o.weekday = slot_templates.weekday AND o.start_minute = slot_templates.start_minute
      AND o.valid_from = slot_templates.valid_from
      AND (o.created_at < slot_templates.created_at
           OR (o.created_at = slot_templates.created_at AND o.id < slot_templates.id))
);
CREATE UNIQUE INDEX slot_templates_one_in_use
    ON slot_templates (room_id, weekday, start_minute, valid_from)
    WHERE archived_at IS NULL;

-- A waiting-list entry holds a place only with an end to the hold.
CREATE INDEX waiting_list_offers_due ON waiting_list (status, offer_expires_at);
