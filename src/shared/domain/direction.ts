/** Dissemination conferences and helper units (DOMAIN.md §2, items 1–2). */
import type { UnitKind } from './units';

export const CONFERENCE_FORMS = ['in_person', 'online', 'mixed'] as const;
export type ConferenceForm = (typeof CONFERENCE_FORMS)[number];
export const CONFERENCE_FORM_LABELS: Record<ConferenceForm, string> = {
  in_person: 'Trực tiếp',
  online: 'Trực tuyến',
  mixed: 'Trực tiếp kết hợp trực tuyến',
};

/** Share reached, 0–1, or null when nobody was expected. */
export function coverageRatio(attended: number, expected: number): number | null {
  return expected > 0 ? attended / expected : null;
}

/** Committees expected to have a Bộ phận giúp việc [P]: the province, district-level and affiliated committees. */
export const HELPER_UNIT_KINDS: readonly UnitKind[] = ['province_committee', 'district_committee', 'affiliated_committee'];

export const HELPER_ROLES = ['head', 'deputy', 'member'] as const;
export type HelperRole = (typeof HELPER_ROLES)[number];
export const HELPER_ROLE_LABELS: Record<HelperRole, string> = { head: 'Trưởng bộ phận', deputy: 'Phó trưởng bộ phận', member: 'Thành viên' };

export const HELPER_ACTIVITY_KINDS = ['meeting', 'advice', 'other'] as const;
export type HelperActivityKind = (typeof HELPER_ACTIVITY_KINDS)[number];
export const HELPER_ACTIVITY_LABELS: Record<HelperActivityKind, string> = {
  meeting: 'Họp bộ phận',
  advice: 'Tham mưu, đề xuất',
  other: 'Hoạt động khác',
};

export const HELPER_UNIT_STATES = ['missing', 'no_regulation', 'complete'] as const;
export type HelperUnitState = (typeof HELPER_UNIT_STATES)[number];
export const HELPER_UNIT_STATE_LABELS: Record<HelperUnitState, string> = {
  missing: 'Chưa thành lập',
  no_regulation: 'Đã thành lập, chưa có quy chế',
  complete: 'Đã thành lập, có quy chế',
};

export function helperUnitState(helper: { regulationDocumentId: number | null } | null): HelperUnitState {
  if (!helper) return 'missing';
  return helper.regulationDocumentId === null ? 'no_regulation' : 'complete';
}
