-- csibot schema 6: what the prompt sender and the pulse runner need (docs/prompts.md). Shipped
-- migrations are never edited: add 0007_*.sql instead. Timestamps are integer milliseconds, UTC.

-- Who resolved a ticket ("platform:id" or "email:<address>"), so that the sender can apply the rule
-- "never ask the resolver" when the prompt goes out (the user may be resolved from an e-mail only then).
ALTER TABLE prompts ADD COLUMN resolver TEXT;
-- Reminders: `remind_at` is set when the policy made a reminder wait (NULL: due reminder_after after
-- sent_at); `reminder_reason` holds the policy's code when no reminder will ever go out (opted out …).
ALTER TABLE prompts ADD COLUMN remind_at INTEGER;
ALTER TABLE prompts ADD COLUMN reminder_reason TEXT;
CREATE INDEX prompts_reminder ON prompts (sent_at)
  WHERE state = 'sent' AND reminded_at IS NULL AND reminder_reason IS NULL;
-- The sender reads each platform's due prompts on its own (a platform not running here must not hold
-- up the others).
CREATE INDEX prompts_pending_platform ON prompts (platform, due_at) WHERE state = 'pending';
-- The policy's "a ticket prompt for this person is pending" (pending_ticket_due), asked for every
-- person of a pulse: without it each question scans every pending prompt (quadratic in a pulse).
CREATE INDEX prompts_user_pending ON prompts (user, kind) WHERE state = 'pending';

-- The config's [[pulse]] entries as first seen: an entry's slots before that are never run (no
-- back-fill). `key` is the entry's content (service, schedule, audience, sample): an edited entry is
-- a new pulse and starts with its next slot.
CREATE TABLE pulses (
  key        TEXT PRIMARY KEY NOT NULL,
  service    TEXT NOT NULL,
  first_seen INTEGER NOT NULL
) WITHOUT ROWID;

-- One row per pulse run: a config pulse's slot (written in the transaction that schedules its
-- prompts, so each slot runs once across restarts), or a `/csi ask` (written by the command; `pending`
-- until the runtime has listed the members of the channels named in `audience`). The prompts of run
-- N carry pulse = 'pulse#N' or 'ask#N'.
CREATE TABLE pulse_runs (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  kind         TEXT NOT NULL CHECK (kind IN ('pulse', 'ask')),
  pulse        TEXT NOT NULL,            -- pulses.key for kind 'pulse'; the service id for 'ask'
  service      TEXT NOT NULL,
  slot         INTEGER NOT NULL,         -- the cron slot (pulse) or the time of the command (ask)
  state        TEXT NOT NULL CHECK (state IN ('pending', 'done')),
  audience     TEXT NOT NULL DEFAULT '', -- the targets, one per line
  requested_by TEXT NOT NULL DEFAULT '', -- "platform:id" of who asked; '' for config pulses
  members      INTEGER NOT NULL DEFAULT 0,
  scheduled    INTEGER NOT NULL DEFAULT 0,
  held         INTEGER NOT NULL DEFAULT 0,
  started_at   INTEGER NOT NULL
);
CREATE UNIQUE INDEX pulse_runs_slot ON pulse_runs (pulse, slot) WHERE kind = 'pulse';
CREATE INDEX pulse_runs_pending ON pulse_runs (id) WHERE state = 'pending';
