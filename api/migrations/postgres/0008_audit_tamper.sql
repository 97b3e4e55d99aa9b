-- The audit log is append-only: events can be neither changed nor deleted, and a chain's head
-- (its last seq and hash, checked by `ned-api verify-audit`) can neither go back nor disappear.
-- Indexes for searching the log by actor and by date. Same portable types as 0001.

CREATE INDEX audit_by_actor ON audit_events (actor_id, at);
CREATE INDEX audit_by_at ON audit_events (at);

CREATE FUNCTION audit_events_immutable() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit events are immutable';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_events_no_change BEFORE UPDATE OR DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_events_immutable();
-- TRUNCATE skips row triggers: it gets a statement trigger of its own.
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
    FOR EACH STATEMENT EXECUTE FUNCTION audit_events_immutable();

CREATE FUNCTION audit_chains_forward_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        IF NEW.seq >= OLD.seq AND NEW.chain = OLD.chain THEN
            RETURN NEW;
        END IF;
    END IF;
    RAISE EXCEPTION 'audit chain heads only move forward';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_chains_forward_only BEFORE UPDATE OR DELETE ON audit_chains
    FOR EACH ROW EXECUTE FUNCTION audit_chains_forward_only();
CREATE TRIGGER audit_chains_no_truncate BEFORE TRUNCATE ON audit_chains
    FOR EACH STATEMENT EXECUTE FUNCTION audit_chains_forward_only();
