-- Requests: every change is a compare-and-set on a version; one contest per answer, kept in the
-- database (the contest names the answer it contests, once); one live template per title.
-- Same portable types as 0001: INTEGER and TEXT only.

ALTER TABLE requests ADD COLUMN version INTEGER NOT NULL DEFAULT 0;

ALTER TABLE request_messages ADD COLUMN contested_answer_id TEXT REFERENCES request_messages (id);

-- Contests written before: each names the latest answer before it, and only the first contest
-- of an answer keeps the name (the later ones were the defect this migration closes).
UPDATE request_messages SET contested_answer_id = (
    SELECT a.id FROM request_messages a
    WHERE a.request_id = request_messages.request_id AND a.kind = 'answer'
      AND (a.created_at < request_messages.created_at
           OR (a.created_at = request_messages.created_at AND a.id < request_messages.id))
    ORDER BY a.created_at DESC, a.id DESC LIMIT 1
) WHERE kind = 'contest';
UPDATE request_messages SET contested_answer_id = NULL
WHERE kind = 'contest' AND contested_answer_id IS NOT NULL AND EXISTS (
    SELECT 1 FROM request_messages o
    WHERE o.kind = 'contest' AND o.contested_answer_id = request_messages.contested_answer_id
      AND (o.created_at < request_messages.created_at
           OR (o.created_at = request_messages.created_at AND o.id < request_messages.id))
);

CREATE UNIQUE INDEX request_messages_one_contest_per_answer
    ON request_messages (contested_answer_id);

-- Templates removed earlier with the same title as a live one stay; two live ones with one title
-- are kept by renaming the later ones (the double click this index now refuses).
UPDATE request_templates SET title = title || ' (' || id || ')'
WHERE deleted_at IS NULL AND EXISTS (
    SELECT 1 FROM request_templates o
    WHERE o.deleted_at IS NULL AND o.establishment_id = request_templates.establishment_id
      AND o.service = request_templates.service AND o.title = request_templates.title
      AND o.id < request_templates.id
);

CREATE UNIQUE INDEX request_templates_one_live_title
    ON request_templates (establishment_id, service, title) WHERE deleted_at IS NULL;

-- Partner keys: one live key of a name per agent who made it (a double click makes one key;
-- the secret is shown once, a second key nobody saw would stay live unnoticed).
UPDATE partner_keys SET name = name || ' (' || prefix || ')'
WHERE revoked_at IS NULL AND EXISTS (
    SELECT 1 FROM partner_keys o
    WHERE o.revoked_at IS NULL AND o.created_by = partner_keys.created_by
      AND o.name = partner_keys.name AND o.id < partner_keys.id
);

CREATE UNIQUE INDEX partner_keys_one_live_name
    ON partner_keys (created_by, name) WHERE revoked_at IS NULL;
