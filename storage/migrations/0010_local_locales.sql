-- csibot schema 10: the language each person of the local web chat last gave in their hello (their
-- browser's), so that what someone else causes (a report back, a pulse question) reaches them in it
-- after a restart too, before they connect again (SPEC §10). Bounded by the platform (10,000 people,
-- the least recently seen go first); /csi forget-me deletes a person's row.
CREATE TABLE local_locales (
  user       TEXT PRIMARY KEY NOT NULL,
  locale     TEXT NOT NULL,
  updated_at INTEGER NOT NULL
) WITHOUT ROWID;
-- The bound drops the least recently seen first (`updated_at` is the latest hello).
CREATE INDEX local_locales_updated ON local_locales (updated_at);
