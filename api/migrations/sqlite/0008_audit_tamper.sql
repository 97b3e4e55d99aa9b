-- The audit log is append-only: events can be neither changed nor deleted, and a chain's head
-- (its last seq and hash, checked by `ned-api verify-audit`) can neither go back nor disappear.
-- Indexes for searching the log by actor and by date. Same portable types as 0001.

CREATE INDEX audit_by_actor ON audit_events (actor_id, at);
CREATE INDEX audit_by_at ON audit_events (at);

CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
BEGIN
    SELECT RAISE(ABORT, 'audit events are immutable');
END;
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN
    SELECT RAISE(ABORT, 'audit events are immutable');
END;
CREATE TRIGGER audit_chains_no_rewind BEFORE UPDATE ON audit_chains
WHEN NEW.seq < OLD.seq OR NEW.chain <> OLD.chain
BEGIN
    SELECT RAISE(ABORT, 'audit chain heads only move forward');
END;
CREATE TRIGGER audit_chains_no_delete BEFORE DELETE ON audit_chains
BEGIN
    SELECT RAISE(ABORT, 'audit chain heads only move forward');
END;
