-- Requests (requêtes) from detainees to prison services: the request, its thread (the
-- detainee's messages, the service's answers, internal notes), each service's deadline and
-- answer templates. Same portable types as 0001: BIGINT and TEXT only, times in Unix seconds UTC.

CREATE TABLE requests (
    id TEXT PRIMARY KEY,
    establishment_id TEXT NOT NULL REFERENCES establishments (id),
    detainee_id TEXT NOT NULL REFERENCES detainees (id),
    service TEXT NOT NULL,
    subject TEXT NOT NULL,
    free_subject TEXT,
    status TEXT NOT NULL,
    contested BIGINT NOT NULL DEFAULT 0,
    assigned_agent_id TEXT REFERENCES agents (id),
    idempotency_key TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    due_at BIGINT NOT NULL,
    first_answered_at BIGINT,
    answered_at BIGINT,
    closed_at BIGINT,
    UNIQUE (detainee_id, idempotency_key)
);
CREATE INDEX requests_inbox ON requests (establishment_id, service, status, due_at);
CREATE INDEX requests_by_detainee ON requests (detainee_id, created_at);

-- The thread. Notes (`kind = 'note'`) are internal: never sent to the tablet.
CREATE TABLE request_messages (
    id TEXT PRIMARY KEY,
    request_id TEXT NOT NULL REFERENCES requests (id),
    kind TEXT NOT NULL,
    author_agent_id TEXT REFERENCES agents (id),
    body TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    UNIQUE (request_id, idempotency_key)
);
CREATE INDEX request_messages_thread ON request_messages (request_id, created_at);

-- A service's deadline to answer in an establishment (7 days when no row).
CREATE TABLE request_deadlines (
    establishment_id TEXT NOT NULL REFERENCES establishments (id),
    service TEXT NOT NULL,
    days BIGINT NOT NULL,
    PRIMARY KEY (establishment_id, service),
    CHECK (days BETWEEN 1 AND 60)
);

-- Answers a service keeps ready.
CREATE TABLE request_templates (
    id TEXT PRIMARY KEY,
    establishment_id TEXT NOT NULL REFERENCES establishments (id),
    service TEXT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    deleted_at BIGINT
);
CREATE INDEX request_templates_by_service ON request_templates (establishment_id, service);
