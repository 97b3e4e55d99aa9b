-- Money and the canteen: the detainee's account (compte nominatif) as an immutable ledger, the
-- internal shop's catalogue, weekly ordering windows, orders that hold money, delivery, disputes,
-- disciplinary suspensions and the delegated-management partners' API keys.
-- Same portable types as 0001: INTEGER and TEXT only, times in Unix seconds UTC, money in cents.

-- The account's three parts, kept in step with the ledger inside the same transaction.
-- `held_cents` is what placed canteen orders hold on the available part: spendable money is
-- available minus held, and the CHECKs make overspending impossible whatever the code does.
CREATE TABLE accounts (
    detainee_id TEXT PRIMARY KEY REFERENCES detainees (id),
    establishment_id TEXT NOT NULL REFERENCES establishments (id),
    available_cents INTEGER NOT NULL DEFAULT 0,
    civil_parties_cents INTEGER NOT NULL DEFAULT 0,
    savings_cents INTEGER NOT NULL DEFAULT 0,
    held_cents INTEGER NOT NULL DEFAULT 0,
    updated_at INTEGER NOT NULL,
    CHECK (held_cents >= 0),
    CHECK (available_cents >= held_cents),
    CHECK (civil_parties_cents >= 0),
    CHECK (savings_cents >= 0)
);
CREATE INDEX accounts_by_establishment ON accounts (establishment_id);

-- One posting (a credit and its split, a purchase, a refund, a correction); the key makes a
-- repeated submission harmless.
CREATE TABLE account_operations (
    id TEXT PRIMARY KEY,
    detainee_id TEXT NOT NULL REFERENCES detainees (id),
    idempotency_key TEXT,
    created_at INTEGER NOT NULL,
    UNIQUE (detainee_id, idempotency_key)
);

-- Every movement of money, one row per part touched. Never updated, never deleted: a
-- correction is a new operation that points at the one it corrects.
CREATE TABLE ledger_entries (
    id TEXT PRIMARY KEY,
    operation_id TEXT NOT NULL REFERENCES account_operations (id),
    detainee_id TEXT NOT NULL REFERENCES detainees (id),
    establishment_id TEXT NOT NULL REFERENCES establishments (id),
    part TEXT NOT NULL,
    amount_cents INTEGER NOT NULL,
    kind TEXT NOT NULL,
    label TEXT NOT NULL,
    order_id TEXT,
    corrects_operation_id TEXT,
    agent_id TEXT REFERENCES agents (id),
    created_at INTEGER NOT NULL
);
CREATE INDEX ledger_by_detainee ON ledger_entries (detainee_id, created_at);
CREATE INDEX ledger_by_operation ON ledger_entries (operation_id);
CREATE INDEX ledger_by_order ON ledger_entries (order_id);

CREATE TRIGGER ledger_entries_no_update BEFORE UPDATE ON ledger_entries
BEGIN
    SELECT RAISE(ABORT, 'ledger entries are immutable');
END;
CREATE TRIGGER ledger_entries_no_delete BEFORE DELETE ON ledger_entries
BEGIN
    SELECT RAISE(ABORT, 'ledger entries are immutable');
END;

-- How incoming money is split, per establishment; no row means the documented defaults
-- (shared-types accounts::SplitRules::default).
CREATE TABLE account_split_rules (
    establishment_id TEXT PRIMARY KEY REFERENCES establishments (id),
    band1_from_cents INTEGER NOT NULL,
    band1_rate_bp INTEGER NOT NULL,
    band2_from_cents INTEGER NOT NULL,
    band2_rate_bp INTEGER NOT NULL,
    band3_from_cents INTEGER NOT NULL,
    band3_rate_bp INTEGER NOT NULL,
    savings_rate_bp INTEGER NOT NULL,
    savings_cap_cents INTEGER NOT NULL,
    levy_family_transfer INTEGER NOT NULL,
    levy_wages INTEGER NOT NULL,
    levy_allowance INTEGER NOT NULL,
    updated_by TEXT REFERENCES agents (id),
    updated_at INTEGER NOT NULL
);

-- The shop's weekly rhythm per establishment, in Paris time.
CREATE TABLE canteen_settings (
    establishment_id TEXT PRIMARY KEY REFERENCES establishments (id),
    close_weekday INTEGER NOT NULL,
    close_minute INTEGER NOT NULL,
    delivery_weekday INTEGER NOT NULL,
    dispute_days INTEGER NOT NULL,
    updated_by TEXT REFERENCES agents (id),
    updated_at INTEGER NOT NULL
);

-- One ordering window per establishment and week. Orders take a row lock on their window
-- (order_count + 1 where status = 'open'), so an order racing the closing is either in the
-- window before it locks, or refused.
CREATE TABLE canteen_windows (
    id TEXT PRIMARY KEY,
    establishment_id TEXT NOT NULL REFERENCES establishments (id),
    opens_at INTEGER NOT NULL,
    closes_at INTEGER NOT NULL,
    delivery_date TEXT NOT NULL,
    status TEXT NOT NULL,
    order_count INTEGER NOT NULL DEFAULT 0,
    locked_at INTEGER,
    locked_by TEXT REFERENCES agents (id),
    UNIQUE (establishment_id, closes_at)
);
CREATE INDEX canteen_windows_by_status ON canteen_windows (status, closes_at);

CREATE TABLE canteen_categories (
    id TEXT PRIMARY KEY,
    establishment_id TEXT NOT NULL REFERENCES establishments (id),
    name TEXT NOT NULL,
    position INTEGER NOT NULL,
    UNIQUE (establishment_id, name)
);

CREATE TABLE canteen_products (
    id TEXT PRIMARY KEY,
    establishment_id TEXT NOT NULL REFERENCES establishments (id),
    category_id TEXT NOT NULL REFERENCES canteen_categories (id),
    name TEXT NOT NULL,
    unit TEXT NOT NULL,
    price_cents INTEGER NOT NULL,
    max_per_order INTEGER NOT NULL,
    available INTEGER NOT NULL,
    only_legal_status TEXT,
    only_regime TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    CHECK (price_cents > 0),
    CHECK (max_per_order > 0)
);
CREATE INDEX canteen_products_by_establishment ON canteen_products (establishment_id, category_id);

CREATE TABLE canteen_price_changes (
    id TEXT PRIMARY KEY,
    product_id TEXT NOT NULL REFERENCES canteen_products (id),
    old_price_cents INTEGER NOT NULL,
    new_price_cents INTEGER NOT NULL,
    changed_by TEXT REFERENCES agents (id),
    changed_at INTEGER NOT NULL
);
CREATE INDEX canteen_price_changes_by_product ON canteen_price_changes (product_id, changed_at);

-- The basket lives on the server so it survives sign-out, idle sign-out and a change of terminal.
CREATE TABLE canteen_baskets (
    detainee_id TEXT NOT NULL REFERENCES detainees (id),
    product_id TEXT NOT NULL REFERENCES canteen_products (id),
    quantity INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (detainee_id, product_id),
    CHECK (quantity > 0)
);

CREATE TABLE canteen_orders (
    id TEXT PRIMARY KEY,
    establishment_id TEXT NOT NULL REFERENCES establishments (id),
    detainee_id TEXT NOT NULL REFERENCES detainees (id),
    window_id TEXT NOT NULL REFERENCES canteen_windows (id),
    status TEXT NOT NULL,
    total_cents INTEGER NOT NULL,
    refunded_cents INTEGER NOT NULL DEFAULT 0,
    idempotency_key TEXT NOT NULL,
    placed_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    UNIQUE (detainee_id, idempotency_key)
);
CREATE INDEX canteen_orders_by_window ON canteen_orders (window_id, status);
CREATE INDEX canteen_orders_by_detainee ON canteen_orders (detainee_id, placed_at);

-- A line keeps the name, unit and price of the moment it was ordered.
CREATE TABLE canteen_order_lines (
    id TEXT PRIMARY KEY,
    order_id TEXT NOT NULL REFERENCES canteen_orders (id),
    product_id TEXT NOT NULL REFERENCES canteen_products (id),
    product_name TEXT NOT NULL,
    unit TEXT NOT NULL,
    unit_price_cents INTEGER NOT NULL,
    quantity INTEGER NOT NULL,
    outcome TEXT,
    delivered_quantity INTEGER,
    substitute_name TEXT,
    substitute_price_cents INTEGER,
    refund_cents INTEGER NOT NULL DEFAULT 0,
    recorded_at INTEGER,
    recorded_by TEXT,
    CHECK (quantity > 0)
);
CREATE INDEX canteen_order_lines_by_order ON canteen_order_lines (order_id);

CREATE TABLE canteen_disputes (
    id TEXT PRIMARY KEY,
    line_id TEXT NOT NULL UNIQUE REFERENCES canteen_order_lines (id),
    order_id TEXT NOT NULL REFERENCES canteen_orders (id),
    detainee_id TEXT NOT NULL REFERENCES detainees (id),
    establishment_id TEXT NOT NULL REFERENCES establishments (id),
    message TEXT NOT NULL,
    status TEXT NOT NULL,
    answer TEXT,
    refund_cents INTEGER NOT NULL DEFAULT 0,
    answered_by TEXT REFERENCES agents (id),
    created_at INTEGER NOT NULL,
    answered_at INTEGER
);
CREATE INDEX canteen_disputes_by_establishment ON canteen_disputes (establishment_id, status);

-- Disciplinary suspension of the canteen, from one date to another (inclusive, Paris dates).
CREATE TABLE canteen_suspensions (
    id TEXT PRIMARY KEY,
    establishment_id TEXT NOT NULL REFERENCES establishments (id),
    detainee_id TEXT NOT NULL REFERENCES detainees (id),
    starts_on TEXT NOT NULL,
    ends_on TEXT NOT NULL,
    reason TEXT NOT NULL,
    created_by TEXT REFERENCES agents (id),
    created_at INTEGER NOT NULL,
    lifted_at INTEGER
);
CREATE INDEX canteen_suspensions_by_detainee ON canteen_suspensions (detainee_id, ends_on);

-- A detainee's regime: some products are sold only to one regime.
ALTER TABLE detainees ADD COLUMN regime TEXT NOT NULL DEFAULT 'standard';

-- API keys of delegated-management partners. Only the SHA-256 of a key is kept.
CREATE TABLE partner_keys (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    prefix TEXT NOT NULL,
    key_hash TEXT NOT NULL UNIQUE,
    created_by TEXT REFERENCES agents (id),
    created_at INTEGER NOT NULL,
    last_used_at INTEGER,
    revoked_at INTEGER
);

CREATE TABLE partner_key_scopes (
    key_id TEXT NOT NULL REFERENCES partner_keys (id),
    establishment_id TEXT NOT NULL REFERENCES establishments (id),
    PRIMARY KEY (key_id, establishment_id)
);
