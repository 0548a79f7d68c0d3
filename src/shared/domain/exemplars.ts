/**
 * Exemplars (điển hình tiên tiến, người tốt việc tốt) and the publicity ledger (DOMAIN.md §2.8).
 * A unit nominates a member, a non-member person or a collective; the nomination climbs the tree, each
 * level verifying, returning or rejecting it, until the deciding committee verifies it (approved) and
 * records the commendation. States and per-level statuses are named like DHIS2's data approvals.
 */
import type { UnitKind } from './units';

export const EXEMPLAR_SUBJECT_KINDS = ['member', 'person', 'collective'] as const;
export type ExemplarSubjectKind = (typeof EXEMPLAR_SUBJECT_KINDS)[number];
export const EXEMPLAR_SUBJECT_KIND_LABELS: Record<ExemplarSubjectKind, string> = {
  member: 'Đảng viên',
  person: 'Cá nhân ngoài Đảng',
  collective: 'Tập thể',
};

export const EXEMPLAR_STATES = ['draft', 'pending', 'returned', 'rejected', 'approved', 'commended'] as const;
export type ExemplarState = (typeof EXEMPLAR_STATES)[number];
export const EXEMPLAR_STATE_LABELS: Record<ExemplarState, string> = {
  draft: 'Nháp',
  pending: 'Chờ xác minh',
  returned: 'Bị trả lại',
  rejected: 'Không được công nhận',
  approved: 'Đã xác minh',
  commended: 'Đã khen thưởng',
};
/** Verified exemplars: the only ones that may be published or given publicity entries. */
export const VERIFIED_STATES: readonly ExemplarState[] = ['approved', 'commended'];
/** States in which the nominating side may still edit the nomination. */
export const EDITABLE_STATES: readonly ExemplarState[] = ['draft', 'returned'];

/** Status of one level of the approval chain, for display (DHIS2: waiting / ready / approved here / approved above). */
export const LEVEL_STATUSES = ['waiting', 'ready', 'approved_here', 'approved_above', 'returned', 'rejected'] as const;
export type LevelStatus = (typeof LEVEL_STATUSES)[number];
export const LEVEL_STATUS_LABELS: Record<LevelStatus, string> = {
  waiting: 'Chưa đến lượt',
  ready: 'Chờ cấp này xác minh',
  approved_here: 'Đã xác minh tại cấp này',
  approved_above: 'Cấp trên đã xác minh',
  returned: 'Bị trả lại',
  rejected: 'Không được công nhận',
};

export const COMMENDATION_FORMS = ['giay_khen', 'bang_khen', 'other'] as const;
export type CommendationForm = (typeof COMMENDATION_FORMS)[number];
export const COMMENDATION_FORM_LABELS: Record<CommendationForm, string> = {
  giay_khen: 'Giấy khen',
  bang_khen: 'Bằng khen',
  other: 'Hình thức khác',
};

export const PUBLICITY_CHANNEL_KINDS = ['newspaper', 'broadcast', 'online', 'bulletin', 'cell_info', 'public_page', 'other'] as const;
export type PublicityChannelKind = (typeof PUBLICITY_CHANNEL_KINDS)[number];
export const PUBLICITY_CHANNEL_KIND_LABELS: Record<PublicityChannelKind, string> = {
  newspaper: 'Báo, tạp chí',
  broadcast: 'Phát thanh, truyền hình',
  online: 'Trang thông tin điện tử, mạng xã hội',
  bulletin: 'Bản tin nội bộ',
  cell_info: 'Thông tin sinh hoạt chi bộ',
  public_page: 'Trang công khai Lamtheo',
  other: 'Hình thức khác',
};

/** Workflow actions that move the state. */
export const EXEMPLAR_ACTIONS = ['submit', 'verify', 'return', 'reject', 'commend'] as const;
export type ExemplarAction = (typeof EXEMPLAR_ACTIONS)[number];

/** Everything an exemplar's history records (exemplar_step.action). */
export const EXEMPLAR_STEP_ACTIONS = ['submit', 'verify', 'return', 'reject', 'commend', 'publish', 'unpublish'] as const;
export type ExemplarStepAction = (typeof EXEMPLAR_STEP_ACTIONS)[number];
export const EXEMPLAR_STEP_LABELS: Record<ExemplarStepAction, string> = {
  submit: 'Gửi đề nghị xác minh',
  verify: 'Xác minh',
  return: 'Trả lại',
  reject: 'Không công nhận',
  commend: 'Ghi quyết định khen thưởng',
  publish: 'Công khai trên trang công khai',
  unpublish: 'Thôi công khai',
};

/** Committees that may decide (verify last and commend); never a cell. */
export const DECIDING_UNIT_KINDS: readonly UnitKind[] = ['province_committee', 'district_committee', 'affiliated_committee', 'grassroots_committee'];

/** The first year of the campaign (Chỉ thị 03-CT/TW, 14/05/2011): exemplars are of this year or later. */
export const EXEMPLAR_FIRST_YEAR = 2011;
export const SUMMARY_MAX = 1000;
/** Story length after sanitising. */
export const STORY_MAX = 50_000;

/** Photos: at most this many bytes as uploaded; re-encoded to a JPEG of at most PHOTO_MAX_SIDE px a side. */
export const PHOTO_MAX_BYTES = 10 * 1024 * 1024;
export const PHOTO_MAX_SIDE = 1600;
export const PHOTO_ACCEPT = '.jpg,.jpeg,.png,.webp';
export const PHOTOS_PER_EXEMPLAR = 20;

/**
 * The explicit state machine. `atDecidingLevel`: the level acting on a pending nomination is the deciding
 * unit (its verification approves the exemplar; below it, verification passes it to the next level up).
 * Null when the action is not allowed from the state.
 *
 *   draft | returned --submit--> pending
 *   pending --verify--> pending (next level) | approved (at the deciding level)
 *   pending --return--> returned        pending --reject--> rejected
 *   approved --commend--> commended
 */
export function exemplarTransition(state: ExemplarState, action: ExemplarAction, atDecidingLevel: boolean): ExemplarState | null {
  switch (action) {
    case 'submit':
      return state === 'draft' || state === 'returned' ? 'pending' : null;
    case 'verify':
      if (state !== 'pending') return null;
      return atDecidingLevel ? 'approved' : 'pending';
    case 'return':
      return state === 'pending' ? 'returned' : null;
    case 'reject':
      return state === 'pending' ? 'rejected' : null;
    case 'commend':
      return state === 'approved' ? 'commended' : null;
  }
}

const ACTION_VERBS: Record<ExemplarAction, string> = { submit: 'gửi xác minh', verify: 'xác minh', return: 'trả lại', reject: 'không công nhận', commend: 'ghi khen thưởng cho' };

/** The Vietnamese refusal for an action not allowed from a state. */
export function transitionProblem(state: ExemplarState, action: ExemplarAction): string {
  return `Không thể ${ACTION_VERBS[action]} đề nghị đang ở trạng thái "${EXEMPLAR_STATE_LABELS[state]}".`;
}

/** Ids of an ltree path of ids ('1.12.345' → [1, 12, 345]). */
export function pathIds(path: string): number[] {
  return path.split('.').map(Number);
}

/**
 * The units that must verify, in order: the ancestors strictly above the nominating unit, nearest first,
 * up to and including the deciding unit; just the nominating unit when it decides itself. Null when the
 * deciding unit is neither the nominating unit nor one of its ancestors.
 */
export function approvalChain(nominatingPath: string, decidingId: number): number[] | null {
  const ids = pathIds(nominatingPath);
  const nominating = ids[ids.length - 1];
  if (nominating === decidingId) return [decidingId];
  const index = ids.indexOf(decidingId);
  if (index < 0) return null;
  return ids.slice(index, -1).reverse();
}

/** The level after `unitId` in the chain, or null when `unitId` is the last (deciding) level or not in it. */
export function nextLevel(chain: readonly number[], unitId: number): number | null {
  const index = chain.indexOf(unitId);
  return index < 0 ? null : (chain[index + 1] ?? null);
}

/**
 * Per-level statuses of the chain for display. `atUnitId` is the level holding the nomination: the pending
 * unit while pending, the unit that returned or rejected it. Levels below it verified it in this round
 * (the nearest "approved here", the lower ones "approved above"); levels above are still waiting. After
 * approval every level has verified: the deciding one "approved here", the others "approved above".
 */
export function levelStatuses(chain: readonly number[], state: ExemplarState, atUnitId: number | null): LevelStatus[] {
  let position: number;
  if (state === 'approved' || state === 'commended') position = chain.length;
  else if (state === 'draft') position = -1;
  else position = atUnitId === null ? -1 : chain.indexOf(atUnitId);
  const here: LevelStatus = state === 'returned' ? 'returned' : state === 'rejected' ? 'rejected' : 'ready';
  // A returned nomination whose returning level is no longer in the chain (the tree moved): nothing verified.
  if (position < 0) return chain.map(() => 'waiting');
  return chain.map((_, index) => {
    if (index < position) return index === position - 1 ? 'approved_here' : 'approved_above';
    if (index === position) return here;
    return 'waiting';
  });
}

/** Whether a URL may be stored as a publicity link or a story link: http(s) only (mailto too for story links). */
export function isWebUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
