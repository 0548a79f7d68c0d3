/** Bắc Ninh in 2012 (DOMAIN.md §1): its 8 district-level committees with their communes and wards. */

export interface DistrictSeed {
  code: string;
  name: string;
  /** What the communes are called: [prefix, name] with prefix 'xã', 'phường' or 'thị trấn'. */
  communes: readonly (readonly ['xã' | 'phường' | 'thị trấn', string])[];
}

const xa = (...names: string[]) => names.map((n) => ['xã', n] as const);
const phuong = (...names: string[]) => names.map((n) => ['phường', n] as const);

export const DISTRICTS: readonly DistrictSeed[] = [
  {
    code: 'BN.TPBN',
    name: 'Đảng bộ Thành phố Bắc Ninh',
    communes: [
      ...phuong('Vũ Ninh', 'Đáp Cầu', 'Thị Cầu', 'Tiền An', 'Ninh Xá', 'Suối Hoa', 'Vệ An', 'Kinh Bắc', 'Đại Phúc', 'Võ Cường', 'Vân Dương', 'Hạp Lĩnh', 'Vạn An'),
      ...xa('Khúc Xuyên', 'Phong Khê', 'Kim Chân', 'Hòa Long', 'Khắc Niệm', 'Nam Sơn'),
    ],
  },
  {
    code: 'BN.TXTS',
    name: 'Đảng bộ Thị xã Từ Sơn',
    communes: [...phuong('Đông Ngàn', 'Đồng Kỵ', 'Trang Hạ', 'Đồng Nguyên', 'Châu Khê', 'Tân Hồng', 'Đình Bảng'), ...xa('Phù Chẩn', 'Tương Giang', 'Tam Sơn', 'Hương Mạc', 'Phù Khê')],
  },
  {
    code: 'BN.YP',
    name: 'Đảng bộ huyện Yên Phong',
    communes: [['thị trấn', 'Chờ'], ...xa('Dũng Liệt', 'Tam Đa', 'Tam Giang', 'Yên Trung', 'Thụy Hòa', 'Hòa Tiến', 'Đông Tiến', 'Yên Phụ', 'Trung Nghĩa', 'Đông Phong', 'Long Châu', 'Văn Môn', 'Đông Thọ')],
  },
  {
    code: 'BN.QV',
    name: 'Đảng bộ huyện Quế Võ',
    communes: [
      ['thị trấn', 'Phố Mới'],
      ...xa('Việt Thống', 'Đại Xuân', 'Nhân Hòa', 'Bằng An', 'Phương Liễu', 'Quế Tân', 'Phù Lương', 'Phù Lãng', 'Phượng Mao', 'Việt Hùng', 'Ngọc Xá', 'Châu Phong', 'Bồng Lai', 'Cách Bi', 'Đào Viên', 'Yên Giả', 'Mộ Đạo', 'Đức Long', 'Chi Lăng', 'Hán Quảng'),
    ],
  },
  {
    code: 'BN.TD',
    name: 'Đảng bộ huyện Tiên Du',
    communes: [['thị trấn', 'Lim'], ...xa('Phú Lâm', 'Nội Duệ', 'Liên Bão', 'Hiên Vân', 'Hoàn Sơn', 'Lạc Vệ', 'Việt Đoàn', 'Phật Tích', 'Tân Chi', 'Đại Đồng', 'Tri Phương', 'Minh Đạo', 'Cảnh Hưng')],
  },
  {
    code: 'BN.TT',
    name: 'Đảng bộ huyện Thuận Thành',
    communes: [
      ['thị trấn', 'Hồ'],
      ...xa('Hoài Thượng', 'Đại Đồng Thành', 'Mão Điền', 'Song Hồ', 'Đình Tổ', 'An Bình', 'Trí Quả', 'Gia Đông', 'Thanh Khương', 'Trạm Lộ', 'Xuân Lâm', 'Hà Mãn', 'Ngũ Thái', 'Nguyệt Đức', 'Ninh Xá', 'Nghĩa Đạo', 'Song Liễu'),
    ],
  },
  {
    code: 'BN.GB',
    name: 'Đảng bộ huyện Gia Bình',
    communes: [['thị trấn', 'Gia Bình'], ...xa('Vạn Ninh', 'Thái Bảo', 'Giang Sơn', 'Cao Đức', 'Đại Lai', 'Song Giang', 'Bình Dương', 'Lãng Ngâm', 'Nhân Thắng', 'Xuân Lai', 'Đông Cứu', 'Đại Bái', 'Quỳnh Phú')],
  },
  {
    code: 'BN.LT',
    name: 'Đảng bộ huyện Lương Tài',
    communes: [['thị trấn', 'Thứa'], ...xa('An Thịnh', 'Trung Kênh', 'Phú Hòa', 'Mỹ Hương', 'Tân Lãng', 'Quảng Phú', 'Trừng Xá', 'Lai Hạ', 'Trung Chính', 'Minh Tân', 'Bình Định', 'Phú Lương', 'Lâm Thao')],
  },
];

/** Party cells of a district's own agencies (grassroots cells directly under the district committee). */
export const DISTRICT_AGENCIES: readonly (readonly [string, string])[] = [
  ['Chi bộ Văn phòng Huyện ủy', 'party_agency'],
  ['Chi bộ Ủy ban Kiểm tra Huyện ủy', 'inspection'],
  ['Chi bộ Ban Tổ chức Huyện ủy', 'personnel'],
  ['Chi bộ Phòng Tài chính - Kế hoạch', 'finance'],
  ['Chi bộ Chi cục Thuế', 'tax'],
  ['Chi bộ Bảo hiểm xã hội', 'social_insurance'],
  ['Chi bộ Phòng Tài nguyên và Môi trường', 'environment'],
  ['Chi bộ Phòng Tư pháp', 'justice'],
  ['Chi bộ Tòa án nhân dân', 'court'],
  ['Chi bộ Viện Kiểm sát nhân dân', 'procuracy'],
  ['Chi bộ Phòng Giáo dục và Đào tạo', 'education'],
  ['Chi bộ Ngân hàng Nông nghiệp và Phát triển nông thôn', 'banking'],
  ['Chi bộ Trường Trung học phổ thông số 1', 'education'],
];

/** District-level grassroots committees with cells of their own: [name, sector, cells]. */
export const DISTRICT_COMMITTEES: readonly (readonly [string, string, readonly string[]])[] = [
  ['Đảng bộ Công an', 'police', ['Chi bộ Đội Cảnh sát điều tra', 'Chi bộ Đội An ninh', 'Chi bộ Đội Cảnh sát giao thông', 'Chi bộ Đội Tham mưu - Tổng hợp']],
  ['Đảng bộ Trung tâm Y tế', 'health', ['Chi bộ Khoa Nội', 'Chi bộ Khoa Ngoại', 'Chi bộ Y tế dự phòng', 'Chi bộ Hành chính']],
  ['Đảng bộ Cơ quan Ủy ban nhân dân', 'state_agency', ['Chi bộ Văn phòng HĐND - UBND', 'Chi bộ Phòng Nội vụ', 'Chi bộ Phòng Kinh tế', 'Chi bộ Phòng Lao động - Thương binh và Xã hội']],
];

/** The four committees directly under the province committee, with their grassroots units. */
export const AFFILIATED: readonly { code: string; name: string; sector: string; units: readonly (readonly [string, string])[] }[] = [
  {
    code: 'BN.KCQ',
    name: 'Đảng bộ Khối các cơ quan tỉnh',
    sector: 'party_agency',
    units: [
      ['Đảng bộ Sở Tài chính', 'finance'],
      ['Đảng bộ Cục Thuế tỉnh', 'tax'],
      ['Đảng bộ Bảo hiểm xã hội tỉnh', 'social_insurance'],
      ['Đảng bộ Sở Kế hoạch và Đầu tư', 'investment'],
      ['Đảng bộ Sở Tài nguyên và Môi trường', 'environment'],
      ['Đảng bộ Sở Xây dựng', 'construction'],
      ['Đảng bộ Sở Tư pháp', 'justice'],
      ['Đảng bộ Viện Kiểm sát nhân dân tỉnh', 'procuracy'],
      ['Đảng bộ Tòa án nhân dân tỉnh', 'court'],
      ['Đảng bộ Sở Y tế', 'health'],
      ['Đảng bộ Bệnh viện Đa khoa tỉnh', 'health'],
      ['Đảng bộ Sở Giáo dục và Đào tạo', 'education'],
      ['Đảng bộ Sở Nội vụ', 'personnel'],
      ['Đảng bộ Ngân hàng Nhà nước chi nhánh tỉnh', 'banking'],
      ['Đảng bộ Văn phòng Tỉnh ủy', 'party_agency'],
      ['Đảng bộ Báo Bắc Ninh', 'party_agency'],
      ['Đảng bộ Đài Phát thanh - Truyền hình tỉnh', 'party_agency'],
    ],
  },
  {
    code: 'BN.KDN',
    name: 'Đảng bộ Khối Doanh nghiệp tỉnh',
    sector: 'enterprise',
    units: [
      ['Đảng bộ Công ty Điện lực Bắc Ninh', 'enterprise'],
      ['Đảng bộ Công ty Cổ phần Viglacera Tiên Sơn', 'enterprise'],
      ['Đảng bộ Công ty TNHH MTV Nước sạch Bắc Ninh', 'enterprise'],
      ['Đảng bộ Ngân hàng Công thương chi nhánh Bắc Ninh', 'banking'],
      ['Đảng bộ Ngân hàng Đầu tư và Phát triển chi nhánh Bắc Ninh', 'banking'],
      ['Đảng bộ Công ty Xổ số kiến thiết Bắc Ninh', 'enterprise'],
      ['Đảng bộ Bưu điện tỉnh', 'enterprise'],
    ],
  },
  {
    code: 'BN.QS',
    name: 'Đảng bộ Quân sự tỉnh',
    sector: 'military',
    units: [
      ['Đảng bộ Cơ quan Bộ Chỉ huy Quân sự tỉnh', 'military'],
      ['Đảng bộ Trung đoàn 831', 'military'],
      ['Đảng bộ Trường Quân sự tỉnh', 'military'],
      ['Đảng bộ Ban Chỉ huy Quân sự thành phố Bắc Ninh', 'military'],
    ],
  },
  {
    code: 'BN.CA',
    name: 'Đảng bộ Công an tỉnh',
    sector: 'police',
    units: [
      ['Đảng bộ Phòng Cảnh sát hình sự', 'police'],
      ['Đảng bộ Phòng An ninh kinh tế', 'police'],
      ['Đảng bộ Phòng Cảnh sát giao thông', 'police'],
      ['Đảng bộ Phòng Tham mưu', 'police'],
      ['Đảng bộ Trại tạm giam', 'police'],
    ],
  },
];

/** Cells found in most communes besides the village cells. */
export const COMMUNE_AGENCY_CELLS: readonly (readonly [string, string])[] = [
  ['Chi bộ Cơ quan', 'state_agency'],
  ['Chi bộ Công an', 'police'],
  ['Chi bộ Quân sự', 'military'],
  ['Chi bộ Trường Tiểu học', 'education'],
  ['Chi bộ Trường Trung học cơ sở', 'education'],
  ['Chi bộ Trạm Y tế', 'health'],
];

export const VILLAGE_WORDS = [
  'Đông', 'Tây', 'Nam', 'Bắc', 'Thượng', 'Hạ', 'Trung', 'Ngoài', 'Trong', 'Đình', 'Chùa', 'Mới', 'Cả', 'Giữa', 'Đoài',
] as const;

export const SURNAMES: readonly (readonly [string, number])[] = [
  ['Nguyễn', 380], ['Trần', 110], ['Lê', 95], ['Phạm', 70], ['Hoàng', 50], ['Phan', 45], ['Vũ', 40], ['Đặng', 25],
  ['Bùi', 22], ['Đỗ', 22], ['Hồ', 13], ['Ngô', 20], ['Dương', 10], ['Lý', 5], ['Đào', 8], ['Đinh', 8], ['Trịnh', 6],
  ['Lương', 5], ['Nghiêm', 4], ['Chu', 4], ['Tạ', 3], ['Khúc', 2], ['Âu Dương', 1], ['Nguyễn Phúc', 1],
];
export const MALE_MIDDLE = ['Văn', 'Văn', 'Văn', 'Đức', 'Minh', 'Quang', 'Hữu', 'Xuân', 'Thành', 'Công', 'Đình', 'Ngọc', 'Tiến', 'Mạnh', 'Trọng', ''] as const;
export const FEMALE_MIDDLE = ['Thị', 'Thị', 'Thị', 'Thị', 'Thu', 'Thanh', 'Ngọc', 'Minh', 'Hồng', 'Thúy', 'Kim', 'Phương', ''] as const;
export const MALE_GIVEN = [
  'Hùng', 'Dũng', 'Tuấn', 'Hưng', 'Nam', 'Long', 'Thắng', 'Hải', 'Sơn', 'Cường', 'Thành', 'Quân', 'Trung', 'Hiếu', 'Đức',
  'Bình', 'Phong', 'Khoa', 'Tú', 'Lâm', 'Huy', 'Khánh', 'Vinh', 'Toàn', 'Kiên', 'Quang', 'Định', 'Lợi', 'Chiến', 'Tâm',
  'Ánh', 'Điệp', 'Việt Anh', 'Minh Khôi',
] as const;
export const FEMALE_GIVEN = [
  'Hương', 'Lan', 'Hoa', 'Mai', 'Hằng', 'Thảo', 'Trang', 'Linh', 'Ngọc', 'Huyền', 'Nga', 'Yến', 'Thủy', 'Hà', 'Phương',
  'Dung', 'Vân', 'Oanh', 'Nhung', 'Hạnh', 'Liên', 'Anh', 'Ánh', 'Uyên', 'Quỳnh', 'Thu Hà', 'Bảo Ngọc',
] as const;
export const ETHNICITIES: readonly (readonly [string, number])[] = [['Kinh', 995], ['Tày', 2], ['Nùng', 2], ['Hoa', 1]];
