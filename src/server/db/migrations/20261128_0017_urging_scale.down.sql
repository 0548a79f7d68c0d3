ALTER TABLE notification
  ADD CONSTRAINT notification_account_id_fkey FOREIGN KEY (account_id) REFERENCES account (id),
  ADD CONSTRAINT notification_unit_id_fkey FOREIGN KEY (unit_id) REFERENCES unit (id),
  ADD CONSTRAINT notification_rule_id_fkey FOREIGN KEY (rule_id) REFERENCES reminder_rule (id);
ALTER TABLE notification_delivery
  ADD CONSTRAINT notification_delivery_notification_id_fkey FOREIGN KEY (notification_id) REFERENCES notification (id);
CREATE INDEX IF NOT EXISTS notification_unread_idx ON notification (account_id) WHERE read_at IS NULL;
