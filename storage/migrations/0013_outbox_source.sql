-- csibot schema 13: what wrote an outbox row that answers no one. Shipped migrations are never edited:
-- add 0014_*.sql instead.

-- A scheduled digest is written by its subscription ('subscription:<id>'); every reply to an event or
-- command leaves it ''. When such a row fails for good (the channel refuses csibot, or was archived),
-- the sender tells the person who made the subscription instead of failing where no one looks.
ALTER TABLE outbox ADD COLUMN source TEXT NOT NULL DEFAULT '';
