-- csibot schema 7: the CSI register (SPEC §6, docs/improvements.md). Shipped migrations are never
-- edited: add 0008_*.sql instead. Timestamps are integer milliseconds since the epoch, UTC.

-- One row per improvement. `service` is deliberately not a foreign key: like feedback, an improvement
-- outlives a removed service. The baseline is the service's figures over the period before `add`
-- (score on its scale, happy answers, all answers); the after-figures are those from `done_at`, as
-- last checked. `verification` is 'pending' until a check decides: 'verified' (the state is then
-- 'verified' too) or 'no_effect' (a flag on a 'done' improvement: no measurable effect).
CREATE TABLE improvements (
  id                INTEGER PRIMARY KEY AUTOINCREMENT,
  service           TEXT NOT NULL,
  title             TEXT NOT NULL,
  business_function TEXT,
  expected_effect   TEXT,
  theme             TEXT,
  state             TEXT NOT NULL
                    CHECK (state IN ('proposed', 'approved', 'in_progress', 'done', 'verified', 'rejected')),
  created_by        TEXT NOT NULL,
  created_at        INTEGER NOT NULL,
  updated_at        INTEGER NOT NULL,
  baseline_score    REAL NOT NULL DEFAULT 0,
  baseline_happy    INTEGER NOT NULL DEFAULT 0,
  baseline_n        INTEGER NOT NULL DEFAULT 0,
  baseline_from     INTEGER NOT NULL,
  baseline_to       INTEGER NOT NULL,
  done_at           INTEGER,
  verification      TEXT NOT NULL DEFAULT 'pending'
                    CHECK (verification IN ('pending', 'verified', 'no_effect')),
  after_score       REAL,
  after_happy       INTEGER,
  after_n           INTEGER,
  after_from        INTEGER,
  after_to          INTEGER,
  checked_at        INTEGER
);
CREATE INDEX improvements_service ON improvements (service, id);
-- What every read checks first: done improvements still waiting for their verdict.
CREATE INDEX improvements_awaiting ON improvements (done_at) WHERE state = 'done' AND verification = 'pending';

-- Feedback an improvement answers. Feedback rows are never deleted (forget-me and retention only
-- blank them), so the link can be a foreign key.
CREATE TABLE improvement_feedback (
  improvement_id INTEGER NOT NULL REFERENCES improvements (id) ON DELETE CASCADE,
  feedback_id    INTEGER NOT NULL REFERENCES feedback (id) ON DELETE CASCADE,
  PRIMARY KEY (improvement_id, feedback_id)
) WITHOUT ROWID;
-- "Which improvements answer this feedback": where telling the person "we did …" will start.
CREATE INDEX improvement_feedback_feedback ON improvement_feedback (feedback_id);

-- Every move of an improvement: it entered `state` (on add: 'proposed'), or, with no_effect = 1, a
-- done one was found to have no measurable effect. Digests report the moves of their period.
CREATE TABLE improvement_changes (
  id             INTEGER PRIMARY KEY AUTOINCREMENT,
  improvement_id INTEGER NOT NULL REFERENCES improvements (id) ON DELETE CASCADE,
  at             INTEGER NOT NULL,
  actor          TEXT NOT NULL,
  state          TEXT NOT NULL,
  no_effect      INTEGER NOT NULL DEFAULT 0 CHECK (no_effect IN (0, 1))
);
CREATE INDEX improvement_changes_at ON improvement_changes (at);
CREATE INDEX improvement_changes_improvement ON improvement_changes (improvement_id);
