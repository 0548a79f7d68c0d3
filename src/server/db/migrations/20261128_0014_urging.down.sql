DROP TABLE IF EXISTS notification_preference, notification_delivery, notification, urging_message, reminder_rule;
ALTER TABLE account DROP COLUMN IF EXISTS email;
