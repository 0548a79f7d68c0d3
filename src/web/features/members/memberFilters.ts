import { AGE_BANDS, MEMBER_STATUSES } from '../../../shared/domain/members';
import { POSITIONS } from '../../../shared/domain/roles';
import { SECTOR_CODES } from '../../../shared/domain/units';
import type { MemberFilters } from '../../api/members';

export const PAGE_SIZE = 50;

export function positiveInt(value: string | null): number | undefined {
  return value && /^[1-9]\d{0,15}$/u.test(value) ? Number(value) : undefined;
}

function oneOf<T extends string>(values: readonly T[], value: string | null): T | undefined {
  return values.find((candidate) => candidate === value);
}

function bool(value: string | null): boolean | undefined {
  if (value === 'true') return true;
  if (value === 'false') return false;
  return undefined;
}

export interface MemberListState extends MemberFilters {
  page: number;
}

/**
 * Filters live in the URL (`/dang-vien?unit=12&q=lan&status=full&page=2`), so Back, reload and
 * shared links show the same list. "Gồm cả đơn vị trực thuộc" is on unless `subtree=false`.
 */
export function readMemberFilters(params: URLSearchParams, defaultUnitId: number): MemberListState {
  return {
    unitId: positiveInt(params.get('unit')) ?? defaultUnitId,
    subtree: params.get('subtree') !== 'false',
    q: params.get('q') ?? undefined,
    status: oneOf(MEMBER_STATUSES, params.get('status')),
    position: oneOf(POSITIONS, params.get('position')),
    keyLeader: bool(params.get('keyLeader')),
    head: bool(params.get('head')),
    sector: oneOf(SECTOR_CODES, params.get('sector')),
    ageBand: oneOf(AGE_BANDS, params.get('ageBand')),
    includeLeft: params.get('includeLeft') === 'true',
    page: positiveInt(params.get('page')) ?? 1,
  };
}

/** Filters other than the unit and the subtree switch (they narrow the list). */
export function countNarrowingFilters(filters: MemberFilters): number {
  return [filters.status, filters.position, filters.keyLeader, filters.head, filters.sector, filters.ageBand, filters.includeLeft || undefined].filter(
    (value) => value !== undefined,
  ).length;
}
