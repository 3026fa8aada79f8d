-- csibot schema 3: digest subscriptions and the ledger of digests posted (SPEC §7). Shipped
-- migrations are never edited: add 0004_*.sql instead. Timestamps are integer ms since the epoch, UTC.

-- One row per subscription: from config `[[digest]]` (origin 'config', keyed by `config_key` so that
-- a restart with the same config finds the same row and its history) or from `/csi subscribe`
-- (origin 'command'). `services` is a JSON array of service ids, ["*"] for the whole catalog.
CREATE TABLE digest_subscriptions (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  origin      TEXT NOT NULL CHECK (origin IN ('config', 'command')),
  config_key  TEXT UNIQUE,
  channel     TEXT NOT NULL,
  services    TEXT NOT NULL,
  schedule    TEXT NOT NULL,
  period      TEXT NOT NULL,
  timezone    TEXT NOT NULL,
  created_by  TEXT,
  created_at  INTEGER NOT NULL,
  active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);
CREATE INDEX digest_subscriptions_channel ON digest_subscriptions (channel, active);

-- Every scheduled slot that was posted (or deliberately skipped as superseded by a later catch-up).
-- The primary key is what makes "each (subscription, period) at most once" hold across restarts:
-- the row is written in the same transaction that hands the digest to delivery.
CREATE TABLE digest_runs (
  subscription_id INTEGER NOT NULL REFERENCES digest_subscriptions (id) ON DELETE CASCADE,
  slot            INTEGER NOT NULL,
  posted_at       INTEGER NOT NULL,
  PRIMARY KEY (subscription_id, slot)
) WITHOUT ROWID;
