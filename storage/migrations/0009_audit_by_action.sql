-- The newest audit entry of one kind (`/csi admin status`: the last backup) without reading the
-- whole log: ticket webhooks and catalog changes write entries all day.
CREATE INDEX audit_log_action ON audit_log (action, id);
