-- The notification log is append-only and written day by day, so its business dates follow its physical
-- order: a BRIN index answers the date filters (the sent log's from/to, the daily run's "already notified
-- today" test) at a fraction of a B-tree's cost per insert. The B-tree cost ~2 s of the 572,055
-- reminders of the national daily run (issue #11 bench (i)).
DROP INDEX IF EXISTS notification_date_idx;
CREATE INDEX notification_date_brin ON notification USING brin (business_date);
