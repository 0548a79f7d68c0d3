import type { UnitKind } from '../../../shared/domain/units';
import { type DeliveryStatus, type ItemKind, type NotificationKind, type ReminderStage, ruleState } from '../../../shared/domain/urging';
import type { Notification, ReminderRule, SentItem } from '../../../shared/schemas/urging';

export interface RuleRow {
  id: number;
  root_unit_id: number;
  root_name: string;
  root_kind: string;
  root_path: string;
  year: number;
  item_kind: string;
  days_before: number | null;
  on_due: boolean;
  days_after: number | null;
  digest_to_parent: boolean;
  valid_from: string;
  valid_to: string | null;
  version: number;
  created_by_name: string | null;
}

export function presentRule(row: RuleRow, today: string, can: ReminderRule['can']): ReminderRule {
  return {
    id: row.id,
    rootUnit: { id: row.root_unit_id, name: row.root_name, kind: row.root_kind as UnitKind },
    year: row.year,
    itemKind: row.item_kind as ItemKind,
    daysBefore: row.days_before,
    onDue: row.on_due,
    daysAfter: row.days_after,
    digestToParent: row.digest_to_parent,
    validFrom: row.valid_from,
    validTo: row.valid_to,
    state: ruleState({ validFrom: row.valid_from, validTo: row.valid_to }, today),
    createdBy: row.created_by_name,
    version: row.version,
    can,
  };
}

/** The audited picture of a rule. */
export function auditedRule(row: Omit<RuleRow, 'root_name' | 'root_kind' | 'root_path' | 'created_by_name' | 'version'>) {
  return {
    rootUnitId: row.root_unit_id,
    year: row.year,
    itemKind: row.item_kind,
    daysBefore: row.days_before,
    onDue: row.on_due,
    daysAfter: row.days_after,
    digestToParent: row.digest_to_parent,
    validFrom: row.valid_from,
    validTo: row.valid_to,
  };
}

export interface NotificationRow {
  id: number;
  kind: string;
  item_kind: string | null;
  unit_id: number;
  unit_name: string;
  unit_kind: string;
  stage: string | null;
  due_on: string | null;
  business_date: string;
  title: string;
  body: string;
  link: string | null;
  created_at: Date;
  read_at: Date | null;
}

export function presentNotification(row: NotificationRow): Notification {
  return {
    id: row.id,
    kind: row.kind as NotificationKind,
    itemKind: row.item_kind as ItemKind | null,
    unit: { id: row.unit_id, name: row.unit_name, kind: row.unit_kind as UnitKind },
    stage: row.stage as ReminderStage | null,
    dueOn: row.due_on,
    businessDate: row.business_date,
    title: row.title,
    body: row.body,
    link: row.link,
    createdAt: row.created_at.toISOString(),
    readAt: row.read_at ? row.read_at.toISOString() : null,
  };
}

export interface SentRow extends NotificationRow {
  recipient_id: number;
  recipient_username: string;
  recipient_name: string;
  sender_name: string | null;
  delivery_email: string | null;
  delivery_status: string | null;
  delivery_attempts: number | null;
  delivery_error: string | null;
  delivery_sent_at: Date | null;
}

export function presentSent(row: SentRow): SentItem {
  return {
    id: row.id,
    kind: row.kind as NotificationKind,
    itemKind: row.item_kind as ItemKind | null,
    unit: { id: row.unit_id, name: row.unit_name, kind: row.unit_kind as UnitKind },
    recipient: { id: row.recipient_id, username: row.recipient_username, displayName: row.recipient_name },
    sender: row.sender_name,
    stage: row.stage as ReminderStage | null,
    dueOn: row.due_on,
    businessDate: row.business_date,
    title: row.title,
    createdAt: row.created_at.toISOString(),
    readAt: row.read_at ? row.read_at.toISOString() : null,
    delivery:
      row.delivery_email === null
        ? null
        : {
            email: row.delivery_email,
            status: (row.delivery_status ?? 'pending') as DeliveryStatus,
            attempts: row.delivery_attempts ?? 0,
            lastError: row.delivery_error,
            sentAt: row.delivery_sent_at ? row.delivery_sent_at.toISOString() : null,
          },
  };
}
