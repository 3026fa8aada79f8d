-- csibot schema 12: how many parts of a pending outbox row the platform has taken. Shipped migrations
-- are never edited: add 0013_*.sql instead.

-- A message too long for one post goes out as several (Slack: 50 blocks a message; Mattermost:
-- 16,383 characters a post). When a later part fails, the retry, also one after a restart, starts
-- at the first part not yet sent instead of showing people the first parts twice, and spends none of
-- a response_url's 5 uses on them again (docs/slack.md).
ALTER TABLE outbox ADD COLUMN parts_sent INTEGER NOT NULL DEFAULT 0;
