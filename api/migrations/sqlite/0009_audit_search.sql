-- Searching the audit log in the console by the record acted upon (actor, establishment and
-- date have their indexes from 0001 and 0008).

CREATE INDEX audit_by_target ON audit_events (target, at);
