-- The daily urging run at national scale (issue #11, bench (i)): ~570,000 reminders and ~350,000 e-mail
-- deliveries in one statement each. Their foreign-key checks cost ~70 µs a row (each check locks the
-- referenced account, unit, rule or notification row FOR KEY SHARE): ~60 s of the run, more than the
-- whole 60 s budget. Both tables are append-only logs written only by SQL that joins the referenced
-- rows in the same statement (reminders and digests from the day's hits and the recipients' accounts,
-- one-off messages from the sender's checked units, deliveries from the notifications just inserted),
-- and none of the referenced rows is ever deleted: accounts are disabled, units closed (valid_to),
-- rules ended (valid_to), notifications kept. test/api/urging-daily.test.ts checks after a simulated
-- month that every reference resolves. Retention (deleting old notifications) must delete their
-- deliveries first.
ALTER TABLE notification
  DROP CONSTRAINT IF EXISTS notification_account_id_fkey,
  DROP CONSTRAINT IF EXISTS notification_unit_id_fkey,
  DROP CONSTRAINT IF EXISTS notification_rule_id_fkey;
ALTER TABLE notification_delivery DROP CONSTRAINT IF EXISTS notification_delivery_notification_id_fkey;

-- The bell counts an account's unread notifications together with all of them (one pass over
-- notification_account_idx); the partial index of unread ones only cost every insert a random write.
DROP INDEX IF EXISTS notification_unread_idx;
