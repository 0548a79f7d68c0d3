DROP INDEX IF EXISTS notification_date_brin;
CREATE INDEX notification_date_idx ON notification (business_date);
