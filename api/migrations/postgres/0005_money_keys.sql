-- Money keyed to its cause (issue 10): a refund, a release or a reversal can happen once, whatever
-- the code does, because the database refuses a second one.
--
-- `cause` names what made an entry: `delivery:<line id>` (a refund at delivery), `dispute:<line
-- id>` (a refund granted on a dispute), `reversal:<operation id>` (the exact opposite of an
-- operation). One entry per cause and part. `line_id` ties canteen refunds to the order line they
-- give money back for, so `verify-ledger` can check that no line refunds more than it cost.
ALTER TABLE ledger_entries ADD COLUMN line_id TEXT REFERENCES canteen_order_lines (id);
ALTER TABLE ledger_entries ADD COLUMN cause TEXT;
CREATE UNIQUE INDEX ledger_entries_one_per_cause ON ledger_entries (cause, part) WHERE cause IS NOT NULL;
CREATE INDEX ledger_entries_by_line ON ledger_entries (line_id) WHERE line_id IS NOT NULL;
CREATE INDEX ledger_entries_by_corrected ON ledger_entries (corrects_operation_id) WHERE corrects_operation_id IS NOT NULL;

-- Orders change under a version: a change or a cancel writes `WHERE version = $read`, so two
-- terminals changing one order at once cannot both move its hold.
ALTER TABLE canteen_orders ADD COLUMN version BIGINT NOT NULL DEFAULT 0;

-- The price a product had when it went into the basket, so the tablet can show a change
-- ("1,89 € → 1,94 €") before the order is placed.
ALTER TABLE canteen_baskets ADD COLUMN unit_price_cents BIGINT;
