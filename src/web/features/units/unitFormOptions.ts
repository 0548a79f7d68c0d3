import { foldForSearch } from '../../../shared/domain/text';
import { SECTORS, UNIT_KIND_LABELS } from '../../../shared/domain/units';
import type { UnitKind } from '../../../shared/domain/units';

/** Sectors for a Select: the priority sectors of the campaign first, then the rest. */
export const SECTOR_OPTIONS = [
  {
    label: 'Lĩnh vực trọng điểm',
    title: 'Lĩnh vực trọng điểm',
    options: SECTORS.filter((sector) => sector.priority).map((sector) => ({ value: sector.code, label: sector.label })),
  },
  {
    label: 'Lĩnh vực khác',
    title: 'Lĩnh vực khác',
    options: SECTORS.filter((sector) => !sector.priority).map((sector) => ({ value: sector.code, label: sector.label })),
  },
];

export function kindOptions(kinds: readonly UnitKind[]) {
  return kinds.map((kind) => ({ value: kind, label: UNIT_KIND_LABELS[kind] }));
}

/** Same rule as the server's code schema, for an early hint. */
export const UNIT_CODE_PATTERN = /^[A-Za-z0-9._-]+$/u;
export const UNIT_CODE_MESSAGE = 'Mã đơn vị chỉ gồm chữ không dấu, số, dấu chấm, gạch ngang, gạch dưới.';

/** Select search that ignores diacritics: "giao duc" finds "Giáo dục". */
export const foldedSearch = {
  filterOption: (input: string, option?: { label?: unknown }) =>
    typeof option?.label === 'string' && foldForSearch(option.label).includes(foldForSearch(input)),
};
