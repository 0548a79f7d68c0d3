import { DOCUMENT_TYPE_INFO } from '../../../shared/domain/documents';
import { formatDate } from '../../../shared/domain/text';
import type { Requirement } from '../../api/documents';
import { kindLabel } from './documentOptions';

function within(days: number, workingDays: boolean, dueOn: string | null): string {
  const unit = workingDays ? 'ngày làm việc' : 'ngày';
  return `trong ${days} ${unit}${dueOn ? ` (hạn ${formatDate(dueOn)})` : ''}`;
}

/**
 * A requirement in words, as an officer would write it: "Các Huyện ủy/Thị ủy/Thành ủy, Đảng ủy trực
 * thuộc phải ban hành Kế hoạch thực hiện trong 30 ngày (hạn 07/10/2011); tổ chức hội nghị quán triệt
 * trong 45 ngày (hạn 22/10/2011)".
 */
export function requirementSentence(
  requirement: Pick<Requirement, 'targetKinds' | 'requiredType' | 'days' | 'workingDays' | 'dueOn' | 'conferenceDays' | 'conferenceDueOn'>,
): string {
  const who = `Các ${requirement.targetKinds.map(kindLabel).join(', ')}`;
  const what = `phải ban hành ${DOCUMENT_TYPE_INFO[requirement.requiredType].label} thực hiện ${within(requirement.days, requirement.workingDays, requirement.dueOn)}`;
  const conference =
    requirement.conferenceDays === null
      ? ''
      : `; tổ chức hội nghị quán triệt ${within(requirement.conferenceDays, requirement.workingDays, requirement.conferenceDueOn)}`;
  return `${who} ${what}${conference}.`;
}
