-- csibot schema 2: the built-in local web chat (bot/platform/local). Shipped migrations are never
-- edited: add 0003_*.sql instead. Timestamps are integer milliseconds since the Unix epoch, UTC.

-- Channels of the local chat: "general", the local digest channels, and one "dm:<user>" per person
-- who has talked to the bot. Kept so that a channel the scheduler created survives a restart.
CREATE TABLE local_channels (
  id         TEXT PRIMARY KEY NOT NULL,
  kind       TEXT NOT NULL CHECK (kind IN ('channel', 'dm')),
  created_at INTEGER NOT NULL
) WITHOUT ROWID;

-- Every message shown in the local chat, so that a reload shows history. `body` is the rendered
-- message as JSON text (owned by the platform's codec). `visible_to` is the one user who may see an
-- ephemeral message (a command and its reply), NULL for everyone who may read the channel.
CREATE TABLE local_messages (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  channel     TEXT NOT NULL REFERENCES local_channels (id),
  author      TEXT NOT NULL,
  author_name TEXT NOT NULL,
  bot         INTEGER NOT NULL DEFAULT 0 CHECK (bot IN (0, 1)),
  body        TEXT NOT NULL,
  visible_to  TEXT,
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
);
-- History is read newest first per channel.
CREATE INDEX local_messages_channel ON local_messages (channel, id);
