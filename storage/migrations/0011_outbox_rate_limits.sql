-- csibot schema 11: when the platform first answered a pending outbox row with a rate limit (HTTP 429).
-- Shipped migrations are never edited: add 0012_*.sql instead. Timestamps are integer milliseconds, UTC.

-- A 429 is the platform saying "later", not a failed attempt, so it does not add to `attempts`; what
-- bounds a row that is rate-limited again and again is the time since its first 429 (docs/slack.md).
-- NULL while the row has never been rate-limited.
ALTER TABLE outbox ADD COLUMN rate_limited_since INTEGER;
