/** The organisation tree (DOMAIN.md §1). */

export const UNIT_KINDS = [
  'province_committee',
  'district_committee',
  'affiliated_committee',
  'grassroots_committee',
  'grassroots_cell',
  'sub_committee',
  'cell',
] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const UNIT_KIND_LABELS: Record<UnitKind, string> = {
  province_committee: 'Tỉnh ủy',
  district_committee: 'Huyện ủy / Thị ủy / Thành ủy',
  affiliated_committee: 'Đảng ủy trực thuộc',
  grassroots_committee: 'Đảng bộ cơ sở',
  grassroots_cell: 'Chi bộ cơ sở',
  sub_committee: 'Đảng bộ bộ phận',
  cell: 'Chi bộ trực thuộc',
};

/** Which kinds may stand directly under which. The tree is validated against this on create and move. */
export const ALLOWED_CHILD_KINDS: Record<UnitKind, readonly UnitKind[]> = {
  province_committee: ['district_committee', 'affiliated_committee', 'grassroots_committee', 'grassroots_cell'],
  district_committee: ['grassroots_committee', 'grassroots_cell'],
  affiliated_committee: ['grassroots_committee', 'grassroots_cell'],
  grassroots_committee: ['sub_committee', 'cell'],
  sub_committee: ['cell'],
  grassroots_cell: [],
  cell: [],
};

/** Grassroots (cơ sở) is a property of the kind, not of the depth. */
export function isGrassrootsKind(kind: UnitKind): boolean {
  return kind === 'grassroots_committee' || kind === 'grassroots_cell';
}

/** Units whose members are registered directly (a chi bộ). */
export function holdsMembers(kind: UnitKind): boolean {
  return kind === 'cell' || kind === 'grassroots_cell';
}

/** Sectors used to tag units; the priority sectors of the seed article come first. */
export const SECTORS = [
  { code: 'finance', label: 'Tài chính', priority: true },
  { code: 'banking', label: 'Ngân hàng', priority: true },
  { code: 'tax', label: 'Thuế', priority: true },
  { code: 'social_insurance', label: 'Bảo hiểm xã hội', priority: true },
  { code: 'investment', label: 'Đầu tư', priority: true },
  { code: 'environment', label: 'Tài nguyên - môi trường', priority: true },
  { code: 'construction', label: 'Xây dựng', priority: true },
  { code: 'justice', label: 'Tư pháp', priority: true },
  { code: 'procuracy', label: 'Kiểm sát', priority: true },
  { code: 'court', label: 'Tòa án', priority: true },
  { code: 'police', label: 'Công an', priority: true },
  { code: 'health', label: 'Y tế', priority: true },
  { code: 'education', label: 'Giáo dục', priority: true },
  { code: 'personnel', label: 'Tổ chức cán bộ', priority: true },
  { code: 'inspection', label: 'Ủy ban Kiểm tra', priority: true },
  { code: 'commune', label: 'Xã, phường, thị trấn', priority: false },
  { code: 'village', label: 'Thôn, khu phố', priority: false },
  { code: 'party_agency', label: 'Cơ quan Đảng, đoàn thể', priority: false },
  { code: 'state_agency', label: 'Cơ quan nhà nước', priority: false },
  { code: 'enterprise', label: 'Doanh nghiệp', priority: false },
  { code: 'military', label: 'Quân sự', priority: false },
  { code: 'other', label: 'Khác', priority: false },
] as const;
export type SectorCode = (typeof SECTORS)[number]['code'];
export const SECTOR_CODES = SECTORS.map((sector) => sector.code) as [SectorCode, ...SectorCode[]];

export function sectorLabel(code: string | null): string {
  return SECTORS.find((sector) => sector.code === code)?.label ?? '';
}
