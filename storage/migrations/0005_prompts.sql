-- csibot schema 5: proactive prompts and opt-outs (SPEC §4). Shipped migrations are never edited: add
-- 0006_*.sql instead. Timestamps are integer milliseconds since the Unix epoch, UTC.

-- One row per prompt the bot means to send, from a ticket webhook or a pulse run. `user` is the whole
-- "platform:id" reference and `platform` its first part (the sender groups by platform). `reason` is
-- the policy's machine-stable code for the latest decision (dialog/prompt_policy: 'quiet_hours', …).
-- A prompt moves pending → sent → answered, or pending → cancelled (ticket reopened) | skipped
-- (the policy said never). Only sent and answered rows count as asked.
CREATE TABLE prompts (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  platform    TEXT NOT NULL,
  user        TEXT NOT NULL,
  service     TEXT NOT NULL,
  kind        TEXT NOT NULL CHECK (kind IN ('ticket', 'pulse')),
  ticket      TEXT,
  pulse       TEXT,
  due_at      INTEGER NOT NULL,
  state       TEXT NOT NULL DEFAULT 'pending'
              CHECK (state IN ('pending', 'sent', 'answered', 'cancelled', 'skipped')),
  reason      TEXT NOT NULL DEFAULT '',
  sent_at     INTEGER,
  answered_at INTEGER,
  reminded_at INTEGER,
  created_at  INTEGER NOT NULL,
  CHECK ((kind = 'ticket') = (ticket IS NOT NULL))
);
-- One prompt per ticket: ITSM tools and their webhook retries send "resolved" more than once.
CREATE UNIQUE INDEX prompts_ticket ON prompts (service, ticket) WHERE ticket IS NOT NULL;
-- One prompt per person per pulse run: a restarted pulse scheduler must not ask twice.
CREATE UNIQUE INDEX prompts_pulse ON prompts (pulse, user) WHERE pulse IS NOT NULL;
-- The scheduler's "what is due" scan; as small as the backlog.
CREATE INDEX prompts_pending ON prompts (due_at) WHERE state = 'pending';
-- The policy's history of one person, and the response rate of one service.
CREATE INDEX prompts_user_sent ON prompts (user, sent_at) WHERE sent_at IS NOT NULL;
CREATE INDEX prompts_service_sent ON prompts (service, sent_at) WHERE sent_at IS NOT NULL;

-- People who said `/csi optout`: no proactive prompt reaches them until `/csi optin` removes the row.
CREATE TABLE prompt_optouts (
  user  TEXT PRIMARY KEY NOT NULL,
  since INTEGER NOT NULL
) WITHOUT ROWID;
