-- Foundation: establishments, the three populations, terminals, sessions, throttling, audit.
-- PostgreSQL twin of the SQLite schema: BIGINT where SQLite says INTEGER (sqlx Any decodes both
-- as i64); times are Unix seconds UTC, flags are 0/1, ids are UUID text.

CREATE TABLE establishments (
    id TEXT PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    management TEXT NOT NULL,
    city TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE visitors (
    id TEXT PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    first_name TEXT NOT NULL,
    last_name TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE agents (
    id TEXT PRIMARY KEY,
    login TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    display_name TEXT NOT NULL,
    national BIGINT NOT NULL DEFAULT 0,
    disabled_at BIGINT,
    created_at BIGINT NOT NULL
);

CREATE TABLE agent_roles (
    agent_id TEXT NOT NULL REFERENCES agents (id),
    role TEXT NOT NULL,
    service TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (agent_id, role, service)
);

CREATE TABLE agent_scopes (
    agent_id TEXT NOT NULL REFERENCES agents (id),
    establishment_id TEXT NOT NULL REFERENCES establishments (id),
    PRIMARY KEY (agent_id, establishment_id)
);

CREATE TABLE detainees (
    id TEXT PRIMARY KEY,
    establishment_id TEXT NOT NULL REFERENCES establishments (id),
    registration_number TEXT NOT NULL,
    first_name TEXT NOT NULL,
    last_name TEXT NOT NULL,
    birth_date TEXT NOT NULL,
    legal_status TEXT NOT NULL,
    building TEXT NOT NULL,
    wing TEXT NOT NULL,
    cell TEXT NOT NULL,
    languages TEXT NOT NULL DEFAULT 'fr',
    pin_hash TEXT NOT NULL,
    released_at BIGINT,
    created_at BIGINT NOT NULL,
    UNIQUE (establishment_id, registration_number)
);

CREATE TABLE terminals (
    id TEXT PRIMARY KEY,
    establishment_id TEXT NOT NULL REFERENCES establishments (id),
    location TEXT NOT NULL,
    status TEXT NOT NULL,
    enrolment_code_hash TEXT UNIQUE,
    enrolment_expires_at BIGINT,
    enrolment_reusable BIGINT NOT NULL DEFAULT 0,
    device_token_hash TEXT UNIQUE,
    enrolled_at BIGINT,
    last_seen_at BIGINT,
    created_at BIGINT NOT NULL
);
CREATE INDEX terminals_by_establishment ON terminals (establishment_id);

CREATE TABLE login_failures (
    subject TEXT PRIMARY KEY,
    failures BIGINT NOT NULL,
    window_start BIGINT NOT NULL,
    locked_until BIGINT
);

CREATE TABLE sessions (
    id TEXT PRIMARY KEY,
    data TEXT NOT NULL,
    expiry_date BIGINT NOT NULL
);
CREATE INDEX sessions_by_expiry ON sessions (expiry_date);

CREATE TABLE audit_chains (
    chain TEXT PRIMARY KEY,
    seq BIGINT NOT NULL,
    last_hash TEXT NOT NULL
);

CREATE TABLE audit_events (
    id TEXT PRIMARY KEY,
    chain TEXT NOT NULL,
    seq BIGINT NOT NULL,
    at BIGINT NOT NULL,
    actor_kind TEXT NOT NULL,
    actor_id TEXT,
    action TEXT NOT NULL,
    establishment_id TEXT,
    target TEXT,
    source_ip TEXT,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL,
    UNIQUE (chain, seq)
);
CREATE INDEX audit_by_establishment ON audit_events (establishment_id, at);
