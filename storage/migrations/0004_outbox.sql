-- csibot schema 4: the outbox (ARCHITECTURE §6): every reply is written here in the transaction that
-- handled its event, and sent after that commit. Shipped migrations are never edited: add 0005_*.sql
-- instead. Timestamps are integer milliseconds since the Unix epoch, UTC.

-- One row per message to send. `body` is core::message as JSON text (storage/message_json.cpp).
-- `reply_to` is a platform handle for answering (Slack's response_url), '' when there is none.
-- `platform_message_id` is what the platform returned (Slack's ts), needed to update the message later.
-- AUTOINCREMENT, not a plain rowid: the sender loads new rows by "id greater than the last one seen",
-- so an id must never be handed out twice, even after the newest rows were purged (~0.3 µs per row).
-- The CHECKs are spelled with OR: `IN` with 3 or more values builds a temporary table each time the
-- CHECK runs, 2-4 µs per INSERT measured here, about as much as the INSERT itself.
CREATE TABLE outbox (
  id                  INTEGER PRIMARY KEY AUTOINCREMENT,
  platform            TEXT NOT NULL,
  kind                TEXT NOT NULL
                      CHECK (kind = 'ephemeral' OR kind = 'channel' OR kind = 'direct' OR kind = 'update'),
  channel             TEXT NOT NULL DEFAULT '',
  user                TEXT NOT NULL DEFAULT '',
  replaces            TEXT NOT NULL DEFAULT '',
  reply_to            TEXT NOT NULL DEFAULT '',
  body                TEXT NOT NULL,
  created_at          INTEGER NOT NULL,
  attempts            INTEGER NOT NULL DEFAULT 0,
  next_attempt_at     INTEGER NOT NULL,
  state               TEXT NOT NULL DEFAULT 'pending'
                      CHECK (state = 'pending' OR state = 'sent' OR state = 'failed'),
  last_error          TEXT NOT NULL DEFAULT '',
  platform_message_id TEXT NOT NULL DEFAULT '',
  sent_at             INTEGER
);
-- Only pending rows are looked up by the sender; the partial index stays as small as the backlog, so a
-- restart does not walk the days of sent rows kept behind it.
CREATE INDEX outbox_pending ON outbox (id) WHERE state = 'pending';
-- The housekeeping purge of old sent rows.
CREATE INDEX outbox_sent ON outbox (sent_at) WHERE state = 'sent';
