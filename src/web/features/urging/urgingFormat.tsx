import { Tag } from 'antd';
import { formatDate } from '../../../shared/domain/text';
import { DELIVERY_STATUS_LABELS, NOTIFICATION_KIND_LABELS, REMINDER_STAGE_LABELS } from '../../../shared/domain/urging';
import type { DeliveryStatus, NotificationKind, ReminderStage } from '../../../shared/domain/urging';
import type { ReminderRule } from '../../api/urging';

/** Short labels where space is tight (the bell's list, phone rows). */
export const KIND_SHORT_LABELS: Record<NotificationKind, string> = { reminder: 'Nhắc hạn', digest: 'Tổng hợp', urging: 'Đôn đốc' };

const KIND_COLORS: Record<NotificationKind, string> = { reminder: 'blue', digest: 'purple', urging: 'volcano' };
const STAGE_COLORS: Record<ReminderStage, string> = { before: 'gold', due: 'orange', after: 'red' };
const DELIVERY_COLORS: Record<DeliveryStatus, string> = { pending: 'processing', sent: 'success', failed: 'error', cancelled: 'default' };

export function KindTag({ kind, short = false }: { kind: NotificationKind; short?: boolean }) {
  return (
    <Tag color={KIND_COLORS[kind]} title={NOTIFICATION_KIND_LABELS[kind]}>
      {short ? KIND_SHORT_LABELS[kind] : NOTIFICATION_KIND_LABELS[kind]}
    </Tag>
  );
}

export function StageTag({ stage }: { stage: ReminderStage | null }) {
  if (!stage) return null;
  return <Tag color={STAGE_COLORS[stage]}>{REMINDER_STAGE_LABELS[stage]}</Tag>;
}

export function DeliveryTag({ status }: { status: DeliveryStatus }) {
  return <Tag color={DELIVERY_COLORS[status]}>{DELIVERY_STATUS_LABELS[status]}</Tag>;
}

/** "Trước hạn 3 ngày · Đúng ngày hạn · Quá hạn: nhắc lại mỗi 7 ngày" */
export function offsetsText(rule: Pick<ReminderRule, 'daysBefore' | 'onDue' | 'daysAfter'>): string {
  const parts: string[] = [];
  if (rule.daysBefore !== null) parts.push(rule.daysBefore === 0 ? 'Đúng ngày hạn' : `Trước hạn ${rule.daysBefore} ngày`);
  if (rule.onDue && rule.daysBefore !== 0) parts.push('Đúng ngày hạn');
  if (rule.daysAfter !== null) parts.push(`Quá hạn: nhắc lại mỗi ${rule.daysAfter} ngày`);
  return parts.length > 0 ? parts.join(' · ') : 'Không nhắc';
}

/** "01/01/2012 – 31/12/2012", or "từ 01/01/2012" without an end. */
export function validityText(rule: Pick<ReminderRule, 'validFrom' | 'validTo'>): string {
  return rule.validTo ? `${formatDate(rule.validFrom)} – ${formatDate(rule.validTo)}` : `Từ ${formatDate(rule.validFrom)}`;
}

/** A notification's link, only when it is a path inside this app (never another site). */
export function safeLink(link: string | null): string | null {
  return link && /^\/(?!\/)/u.test(link) ? link : null;
}
