-- csibot schema 8: owners answering feedback and people hearing back (SPEC §6, docs/improvements.md).
-- Shipped migrations are never edited: add 0009_*.sql instead. Timestamps are integer ms, UTC.

-- The one link from a pseudonymous or anonymous answer to the person who gave it. Written only when
-- that person clicked "Let the owner answer me" under their thanks (feedback.allow_reply is set in
-- the same transaction), so that an owner's answer and the "we did …" report can reach them; nobody
-- sees it. Identified answers need none: their feedback row names the person. `/csi forget-me`
-- deletes a person's links, and data retention deletes them with the comments of their feedback.
-- `user` is the platform's own id (no "platform:" prefix), as in `conversations`.
CREATE TABLE reply_links (
  feedback_id INTEGER PRIMARY KEY NOT NULL REFERENCES feedback (id) ON DELETE CASCADE,
  platform    TEXT NOT NULL,
  user        TEXT NOT NULL
);
-- `/csi forget-me` finds a person's links.
CREATE INDEX reply_links_person ON reply_links (platform, user);

-- Every answer `/csi reply` relayed, so that one piece of feedback gets at most a few. Who answered
-- and when, never the text (the audit log keeps the same, with the length).
CREATE TABLE feedback_replies (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  feedback_id INTEGER NOT NULL REFERENCES feedback (id) ON DELETE CASCADE,
  replied_by  TEXT NOT NULL,
  replied_at  INTEGER NOT NULL
);
CREATE INDEX feedback_replies_feedback ON feedback_replies (feedback_id);
