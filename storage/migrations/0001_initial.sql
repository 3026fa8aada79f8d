-- csibot schema 1. Shipped migrations are never edited: add 0002_*.sql instead.
-- Timestamps are integer milliseconds since the Unix epoch, UTC, everywhere.

-- The service catalog. List fields are JSON arrays of strings. `config_hash` is the hash of the
-- config entry last synced in (NULL for services created at run time), so that a sync can tell
-- "the file was edited" (overwrite) from "an admin edited it at run time" (keep).
CREATE TABLE services (
  id                 TEXT PRIMARY KEY NOT NULL,
  name               TEXT NOT NULL,
  description        TEXT NOT NULL DEFAULT '',
  purpose            TEXT NOT NULL DEFAULT '',
  criticality        TEXT NOT NULL,
  business_functions TEXT NOT NULL DEFAULT '[]',
  owners             TEXT NOT NULL DEFAULT '[]',
  customers          TEXT NOT NULL DEFAULT '[]',
  digest_channel     TEXT NOT NULL DEFAULT '',
  scale              TEXT NOT NULL,
  target             REAL,
  anonymity          TEXT NOT NULL,
  tags               TEXT NOT NULL DEFAULT '[]',
  origin             TEXT NOT NULL CHECK (origin IN ('config', 'runtime')),
  config_hash        TEXT,
  created_at         INTEGER NOT NULL,
  updated_at         INTEGER NOT NULL
);

-- Feedback. `service` is deliberately not a foreign key: feedback outlives a removed service.
-- `user` is "platform:id" (identified), "pseudo:<hash>" (pseudonymous) or NULL (anonymous).
CREATE TABLE feedback (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  service     TEXT NOT NULL,
  platform    TEXT NOT NULL,
  user        TEXT,
  rating      INTEGER,
  scale       TEXT NOT NULL,
  reason      TEXT,
  impact      TEXT,
  usage       TEXT,
  usage_asked INTEGER NOT NULL DEFAULT 0 CHECK (usage_asked IN (0, 1)),
  source      TEXT NOT NULL,
  status      TEXT NOT NULL,
  allow_reply INTEGER NOT NULL DEFAULT 0 CHECK (allow_reply IN (0, 1)),
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
);
-- rating is carried in the index so that a histogram is answered from the index alone.
CREATE INDEX feedback_service_created ON feedback (service, created_at, rating);
CREATE INDEX feedback_created ON feedback (created_at);
-- Per-person look-ups (usage asked in the last 90 days); anonymous rows have no user to index.
CREATE INDEX feedback_user ON feedback (user, service, created_at) WHERE user IS NOT NULL;

-- One open conversation per person; `state` is opaque text owned by dialog/.
CREATE TABLE conversations (
  platform   TEXT NOT NULL,
  user       TEXT NOT NULL,
  state      TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  PRIMARY KEY (platform, user)
);
CREATE INDEX conversations_expires ON conversations (expires_at);

-- Platform event ids already handled, so that a redelivery is recognised until it expires.
CREATE TABLE processed_events (
  platform   TEXT NOT NULL,
  event_id   TEXT NOT NULL,
  expires_at INTEGER NOT NULL,
  PRIMARY KEY (platform, event_id)
) WITHOUT ROWID;
CREATE INDEX processed_events_expires ON processed_events (expires_at);

CREATE TABLE audit_log (
  id      INTEGER PRIMARY KEY AUTOINCREMENT,
  at      INTEGER NOT NULL,
  actor   TEXT NOT NULL,
  action  TEXT NOT NULL,
  subject TEXT NOT NULL DEFAULT '',
  detail  TEXT NOT NULL DEFAULT ''
);

-- Installation-wide values, e.g. the pseudonymisation key (created once, never shown).
CREATE TABLE meta (
  key   TEXT PRIMARY KEY NOT NULL,
  value TEXT NOT NULL
);
