/**
 * A national-scale organisation tree generated inside PostgreSQL (generate_series, INSERT … SELECT):
 * at scale 1, 1 root → 63 provinces → 700 district-level committees → 10,000 commune-level committees
 * → ~289,000 cells = 300,000 units, and 5,000,000 members spread over the cells.
 *
 * The kind vocabulary (ALLOWED_CHILD_KINDS) has nothing above a province committee, so a national tree
 * of five levels uses the only valid five-kind chain: province_committee (root) → district_committee
 * (named as provinces) → grassroots_committee (named as districts) → sub_committee (named as communes)
 * → cell. Names are what people search for; the shape (depth, fan-out, sizes) is what the bench measures.
 *
 * Everything is deterministic: variation comes from hashes of ids, not from random().
 */
import pg from 'pg';
import { foldForSearch } from '../src/shared/domain/text';
import { COMMUNE_AGENCY_CELLS, FEMALE_GIVEN, FEMALE_MIDDLE, MALE_GIVEN, MALE_MIDDLE, SURNAMES, VILLAGE_WORDS } from '../src/server/demo/bac-ninh';

export interface TreeSize {
  provinces: number;
  districts: number;
  communes: number;
  cells: number;
  members: number;
}

export interface TreeResult extends TreeSize {
  units: number;
  activeMembers: number;
  millis: number;
  steps: { step: string; millis: number }[];
}

/** 63 provinces and centrally-run cities (before the 2025 merger). */
const PROVINCES = [
  'tỉnh An Giang', 'tỉnh Bà Rịa - Vũng Tàu', 'tỉnh Bạc Liêu', 'tỉnh Bắc Giang', 'tỉnh Bắc Kạn', 'tỉnh Bắc Ninh', 'tỉnh Bến Tre',
  'tỉnh Bình Dương', 'tỉnh Bình Định', 'tỉnh Bình Phước', 'tỉnh Bình Thuận', 'tỉnh Cà Mau', 'tỉnh Cao Bằng', 'thành phố Cần Thơ',
  'thành phố Đà Nẵng', 'tỉnh Đắk Lắk', 'tỉnh Đắk Nông', 'tỉnh Điện Biên', 'tỉnh Đồng Nai', 'tỉnh Đồng Tháp', 'tỉnh Gia Lai',
  'tỉnh Hà Giang', 'tỉnh Hà Nam', 'thành phố Hà Nội', 'tỉnh Hà Tĩnh', 'tỉnh Hải Dương', 'thành phố Hải Phòng', 'tỉnh Hậu Giang',
  'tỉnh Hòa Bình', 'tỉnh Hưng Yên', 'tỉnh Khánh Hòa', 'tỉnh Kiên Giang', 'tỉnh Kon Tum', 'tỉnh Lai Châu', 'tỉnh Lạng Sơn',
  'tỉnh Lào Cai', 'tỉnh Lâm Đồng', 'tỉnh Long An', 'tỉnh Nam Định', 'tỉnh Nghệ An', 'tỉnh Ninh Bình', 'tỉnh Ninh Thuận',
  'tỉnh Phú Thọ', 'tỉnh Phú Yên', 'tỉnh Quảng Bình', 'tỉnh Quảng Nam', 'tỉnh Quảng Ngãi', 'tỉnh Quảng Ninh', 'tỉnh Quảng Trị',
  'tỉnh Sóc Trăng', 'tỉnh Sơn La', 'tỉnh Tây Ninh', 'tỉnh Thái Bình', 'tỉnh Thái Nguyên', 'tỉnh Thanh Hóa', 'tỉnh Thừa Thiên Huế',
  'tỉnh Tiền Giang', 'Thành phố Hồ Chí Minh', 'tỉnh Trà Vinh', 'tỉnh Tuyên Quang', 'tỉnh Vĩnh Long', 'tỉnh Vĩnh Phúc', 'tỉnh Yên Bái',
];

/** Syllables of place names; two of them make a district or commune name ("Tân Lộc", "Phú Bình"). */
const PLACE_WORDS = [
  'An', 'Bình', 'Phú', 'Tân', 'Hòa', 'Thạnh', 'Phước', 'Long', 'Sơn', 'Hải', 'Thuận', 'Hưng', 'Yên', 'Lộc', 'Phong', 'Quang',
  'Xuân', 'Thanh', 'Vĩnh', 'Kim', 'Ngọc', 'Đức', 'Hiệp', 'Lạc', 'Mỹ', 'Thái', 'Cẩm', 'Gia', 'Quế', 'Lương', 'Đại', 'Tiên',
  'Thiện', 'Hậu', 'Nghĩa', 'Thọ', 'Minh', 'Hợp', 'Định', 'Trường',
];
const DISTRICT_PREFIXES = ['huyện', 'thị xã', 'thành phố'];
const COMMUNE_PREFIXES = ['xã', 'phường', 'thị trấn'];
const HAMLET_PREFIXES = ['thôn', 'thôn', 'thôn', 'khu phố', 'tổ dân phố', 'ấp', 'bản'];
const AGENCIES = COMMUNE_AGENCY_CELLS.map(([name]) => name.replace(/^Chi bộ /u, ''));
const AGENCY_SECTORS = COMMUNE_AGENCY_CELLS.map(([, sector]) => sector);
const SURNAME_POOL = SURNAMES.flatMap(([name, weight]) => Array.from({ length: Math.max(1, Math.round(weight / 5)) }, () => name));

const fold = (words: readonly string[]): string[] => words.map(foldForSearch);
const nfc = (words: readonly string[]): string[] => words.map((word) => word.normalize('NFC'));

export function treeSize(scale: number): TreeSize {
  const provinces = PROVINCES.length;
  const districts = Math.max(provinces, Math.round(700 * scale));
  const communes = Math.max(districts, Math.round(10_000 * scale));
  const cells = Math.max(communes, Math.round(300_000 * scale) - 1 - provinces - districts - communes);
  return { provinces, districts, communes, cells, members: Math.max(cells, Math.round(5_000_000 * scale)) };
}

/** A non-negative deterministic hash of an integer SQL expression. */
const hash = (expr: string, salt: number): string => `(hashint8extended((${expr})::bigint, ${salt}) & 9223372036854775807)`;

interface Level {
  depth: number;
  count: number;
  firstId: number;
  kind: string;
  isGrassroots: boolean;
  codePrefix: string;
  /** Integer weight of each parent (column `id`): its share of the children. */
  parentWeight: string;
  /** Expressions over x.cid, x.pname, x.psearch, x.h1..x.h5 and the parameters. */
  name: string;
  searchName: string;
  sector: string;
  validTo: string;
}

/** Children of every unit at depth-1, spread by weight, ids contiguous per parent. */
function levelSql(level: Level): string {
  const hashes = [1, 2, 3, 4, 5].map((salt) => `${hash('cid', salt)} AS h${salt}`).join(', ');
  return `
    WITH weighted AS (
      SELECT id, path, name, search_name, (${level.parentWeight})::bigint AS w FROM unit WHERE depth = ${level.depth - 1}
    ), c AS (
      SELECT weighted.*, sum(w) OVER (ORDER BY id) AS cum, sum(w) OVER () AS total FROM weighted
    ), k AS (
      SELECT c.id AS pid, c.path AS ppath, c.name AS pname, c.search_name AS psearch, ${level.firstId} + n AS cid
        FROM c CROSS JOIN LATERAL generate_series(div(${level.count} * (c.cum - c.w), c.total)::bigint,
                                                  div(${level.count} * c.cum, c.total)::bigint - 1) AS n
    ), x AS (
      SELECT k.*, ${hashes} FROM k
    )
    INSERT INTO unit (id, parent_id, path, depth, kind, is_grassroots, code, name, search_name, sector, valid_from, valid_to)
    SELECT cid, pid, ppath || cid::text, ${level.depth}, '${level.kind}', ${level.isGrassroots}, '${level.codePrefix}' || cid,
           ${level.name}, ${level.searchName}, ${level.sector}, DATE '2010-01-01', ${level.validTo}
      FROM x`;
}

/** "<prefix> <A> <B>" from two different place words, with its folded twin. `$1`/`$2` are the words and folds. */
function placeName(prefixes: readonly string[], weights: readonly number[]): { name: string; searchName: string } {
  const total = weights.reduce((sum, w) => sum + w, 0);
  let bound = 0;
  const branches = prefixes.map((prefix, i) => {
    bound += weights[i] ?? 0;
    return { prefix, folded: foldForSearch(prefix), bound };
  });
  const choose = (pick: (b: (typeof branches)[number]) => string) =>
    `CASE ${branches.map((b) => `WHEN x.h1 % ${total} < ${b.bound} THEN '${pick(b)}'`).join(' ')} END`;
  const n = PLACE_WORDS.length;
  const first = `(1 + x.h2 % ${n})`;
  const second = `(1 + (x.h2 % ${n} + 1 + x.h3 % ${n - 1}) % ${n})`;
  return {
    name: `'Đảng bộ ' || ${choose((b) => b.prefix)} || ' ' || ($1::text[])[${first}] || ' ' || ($1::text[])[${second}]`,
    searchName: `'dang bo ' || ${choose((b) => b.folded)} || ' ' || ($2::text[])[${first}] || ' ' || ($2::text[])[${second}]`,
  };
}

export interface GenerateOptions {
  url: string;
  scale: number;
  log: (message: string) => void;
}

export async function generateNationalTree({ url, scale, log }: GenerateOptions): Promise<TreeResult> {
  const size = treeSize(scale);
  const started = Date.now();
  const steps: TreeResult['steps'] = [];
  const pool = new pg.Pool({
    connectionString: url,
    max: 2,
    // Session settings for the load only: the app's own connections keep the defaults.
    options: '-c synchronous_commit=off -c maintenance_work_mem=1GB -c work_mem=256MB',
  });
  const step = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
    const t0 = Date.now();
    const result = await run();
    const millis = Date.now() - t0;
    steps.push({ step: name, millis });
    log(`  ${name}: ${(millis / 1000).toFixed(1)} s (total ${((Date.now() - started) / 1000).toFixed(0)} s)`);
    return result;
  };

  try {
    // Bulk-load settings for this throwaway cluster only; reset before measuring.
    await pool.query(`ALTER SYSTEM SET max_wal_size = '16GB'`);
    await pool.query(`ALTER SYSTEM SET checkpoint_timeout = '1h'`);
    await pool.query('SELECT pg_reload_conf()');

    // Secondary indexes are built once after the load (the same definitions the migrations created).
    const indexes = await pool.query<{ table: string; name: string; def: string }>(`
      SELECT i.indrelid::regclass::text AS table, i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def
        FROM pg_index i
       WHERE i.indrelid IN ('unit'::regclass, 'member'::regclass)
         AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
       ORDER BY 1, 2`);
    for (const index of indexes.rows) await pool.query(`DROP INDEX ${index.name}`);
    await pool.query('ALTER TABLE unit DISABLE TRIGGER USER');
    await pool.query('ALTER TABLE member DISABLE TRIGGER USER');

    const districtStart = 2 + size.provinces;
    const communeStart = districtStart + size.districts;
    const cellStart = communeStart + size.communes;
    await step('root and provinces', async () => {
      await pool.query(`
        INSERT INTO unit (id, parent_id, path, depth, kind, is_grassroots, code, name, search_name, sector, valid_from)
        VALUES (1, NULL, '1', 0, 'province_committee', false, 'TW', 'Đảng bộ toàn quốc (dữ liệu đo hiệu năng)',
                'dang bo toan quoc (du lieu do hieu nang)', 'party_agency', DATE '2010-01-01')`);
      await pool.query(
        `INSERT INTO unit (id, parent_id, path, depth, kind, is_grassroots, code, name, search_name, sector, valid_from)
         SELECT 1 + i, 1, ('1.' || (1 + i))::ltree, 1, 'district_committee', false, 'T' || lpad(i::text, 2, '0'),
                'Đảng bộ ' || n, 'dang bo ' || s, 'party_agency', DATE '2010-01-01'
           FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS t(n, s, i)`,
        [nfc(PROVINCES), fold(PROVINCES)],
      );
    });

    const district = placeName(DISTRICT_PREFIXES, [15, 3, 2]);
    await step(`${size.districts.toLocaleString('en')} district-level committees`, () =>
      pool.query(
        levelSql({
          depth: 2,
          count: size.districts,
          firstId: districtStart,
          kind: 'grassroots_committee',
          isGrassroots: true,
          codePrefix: 'H',
          parentWeight: `40 + ${hash('id', 101)} % 160`,
          ...district,
          sector: `'party_agency'`,
          validTo: 'NULL',
        }),
        [nfc(PLACE_WORDS), fold(PLACE_WORDS)],
      ),
    );

    const commune = placeName(COMMUNE_PREFIXES, [70, 22, 8]);
    await step(`${size.communes.toLocaleString('en')} commune-level committees`, () =>
      pool.query(
        levelSql({
          depth: 3,
          count: size.communes,
          firstId: communeStart,
          kind: 'sub_committee',
          isGrassroots: false,
          codePrefix: 'X',
          parentWeight: `50 + ${hash('id', 102)} % 100`,
          ...commune,
          sector: `'commune'`,
          validTo: 'NULL',
        }),
        [nfc(PLACE_WORDS), fold(PLACE_WORDS)],
      ),
    );

    // Cells: 70 % hamlets ("Chi bộ thôn Đông 3"), 30 % agencies of the commune ("Chi bộ Trạm Y tế xã Tân Lộc").
    // 'Đảng bộ ' and 'dang bo ' are 8 characters: substr(…, 9) is the commune's own name.
    const hamlet = `(1 + x.h2 % ${HAMLET_PREFIXES.length})`;
    const village = `(1 + x.h3 % ${VILLAGE_WORDS.length})`;
    const agency = `(1 + x.h2 % ${AGENCIES.length})`;
    const number = `(1 + x.h4 % 12)::text`;
    await step(`${size.cells.toLocaleString('en')} cells`, () =>
      pool.query(
        levelSql({
          depth: 4,
          count: size.cells,
          firstId: cellStart,
          kind: 'cell',
          isGrassroots: false,
          codePrefix: 'CB',
          parentWeight: `10 + ${hash('id', 103)} % 190`,
          name: `CASE WHEN x.h1 % 100 < 70
                   THEN 'Chi bộ ' || ($1::text[])[${hamlet}] || ' ' || ($3::text[])[${village}] || ' ' || ${number}
                   ELSE 'Chi bộ ' || ($5::text[])[${agency}] || ' ' || substr(x.pname, 9) END`,
          searchName: `CASE WHEN x.h1 % 100 < 70
                   THEN 'chi bo ' || ($2::text[])[${hamlet}] || ' ' || ($4::text[])[${village}] || ' ' || ${number}
                   ELSE 'chi bo ' || ($6::text[])[${agency}] || ' ' || substr(x.psearch, 9) END`,
          sector: `CASE WHEN x.h1 % 100 < 70 THEN 'village' ELSE ($7::text[])[${agency}] END`,
          // 1 % of the cells were closed (dissolved) and keep no members.
          validTo: `CASE WHEN x.h5 % 100 = 0 THEN DATE '2020-12-31' END`,
        }),
        [nfc(HAMLET_PREFIXES), fold(HAMLET_PREFIXES), nfc(VILLAGE_WORDS), fold(VILLAGE_WORDS), nfc(AGENCIES), fold(AGENCIES), AGENCY_SECTORS],
      ),
    );
    await pool.query(`SELECT setval(pg_get_serial_sequence('unit', 'id'), (SELECT max(id) FROM unit))`);

    await step(`${size.members.toLocaleString('en')} members`, () => insertMembers(pool, size.members, log));

    // Two connections side by side: the member indexes (the trigram one is the big job) on one; on the
    // other the unit indexes the counting joins need, then recompute_unit_counts(), then the unit trigram
    // index (built after the five full-table UPDATEs of the recompute instead of maintained through them).
    const isTrigram = (def: string) => def.includes('gin_trgm_ops');
    const memberIndexes = indexes.rows.filter((i) => i.table === 'member');
    const unitIndexes = indexes.rows.filter((i) => i.table === 'unit');
    await step('member indexes ‖ unit indexes + recompute_unit_counts()', () =>
      Promise.all([
        (async () => {
          for (const index of memberIndexes) await pool.query(index.def);
          log(`    member indexes built (${((Date.now() - started) / 1000).toFixed(0)} s)`);
        })(),
        (async () => {
          for (const index of unitIndexes.filter((i) => !isTrigram(i.def))) await pool.query(index.def);
          // Statistics first: without them the joins inside recompute_unit_counts() plan badly.
          await pool.query('ANALYZE unit');
          await pool.query('SELECT recompute_unit_counts()');
          await pool.query('SELECT recompute_cell_rollups()');
          await pool.query('SELECT recompute_commitment_rollups()');
          // The dashboard's unit figures (migration 0015): the unit triggers were off during the load.
          await pool.query('SELECT recompute_unit_figures()');
          log(`    counts recomputed (${((Date.now() - started) / 1000).toFixed(0)} s)`);
          for (const index of unitIndexes.filter((i) => isTrigram(i.def))) await pool.query(index.def);
        })(),
      ]),
    );
    await pool.query('ALTER TABLE unit ENABLE TRIGGER USER');
    await pool.query('ALTER TABLE member ENABLE TRIGGER USER');

    await step('VACUUM ANALYZE + CHECKPOINT', async () => {
      await Promise.all([pool.query('VACUUM (ANALYZE) unit'), pool.query('VACUUM (ANALYZE) member')]);
      await pool.query('ANALYZE');
      await pool.query('CHECKPOINT');
      await pool.query('ALTER SYSTEM RESET max_wal_size');
      await pool.query('ALTER SYSTEM RESET checkpoint_timeout');
      await pool.query('SELECT pg_reload_conf()');
    });

    const totals = await pool.query<{ units: number; active: number }>(
      `SELECT (SELECT count(*) FROM unit)::int AS units, (SELECT member_count FROM unit WHERE id = 1) AS active`,
    );
    const row = totals.rows[0];
    return { ...size, units: row?.units ?? 0, activeMembers: row?.active ?? 0, millis: Date.now() - started, steps };
  } finally {
    await pool.end();
  }
}

/**
 * Members: each open cell gets a weighted share (1 % are big cells), ids handed out by the sequence.
 * Two connections insert alternate chunks so both cores work.
 */
async function insertMembers(pool: pg.Pool, total: number, log: (message: string) => void): Promise<void> {
  await pool.query('DROP TABLE IF EXISTS bench_member_share');
  await pool.query(`
    CREATE UNLOGGED TABLE bench_member_share AS
    WITH weighted AS (
      SELECT id, CASE WHEN valid_to IS NOT NULL THEN 0
                      WHEN ${hash('id', 201)} % 100 = 0 THEN 400
                      ELSE 20 + ${hash('id', 202)} % 130 END::bigint AS w
        FROM unit WHERE kind IN ('cell', 'grassroots_cell')
    ), c AS (SELECT weighted.*, sum(w) OVER (ORDER BY id) AS cum, sum(w) OVER () AS total FROM weighted)
    SELECT id AS unit_id, div(${total} * (cum - w), total)::bigint AS lo, div(${total} * cum, total)::bigint AS hi FROM c`);

  const surnames = nfc(SURNAME_POOL);
  const people = {
    male: { middle: nfc(MALE_MIDDLE), given: nfc(MALE_GIVEN) },
    female: { middle: nfc(FEMALE_MIDDLE), given: nfc(FEMALE_GIVEN) },
  };
  // search_name = foldForSearch(fullName(…)); folding works letter by letter, so folding the parts is the same.
  const foldedPart = (parts: readonly string[]) => parts.map(foldForSearch);
  const params = [
    surnames, foldedPart(surnames),
    people.male.middle, foldedPart(people.male.middle), people.male.given, foldedPart(people.male.given),
    people.female.middle, foldedPart(people.female.middle), people.female.given, foldedPart(people.female.given),
  ];
  const insert = `
    INSERT INTO member (unit_id, family_name, middle_name, given_name, search_name, gender, status, birth_date, joined_on, left_on, left_reason)
    SELECT unit_id,
           ($1::text[])[si],
           CASE WHEN male THEN ($3::text[])[mi] ELSE ($7::text[])[fi] END,
           CASE WHEN male THEN ($5::text[])[mg] ELSE ($9::text[])[fg] END,
           concat_ws(' ', ($2::text[])[si],
                     nullif(CASE WHEN male THEN ($4::text[])[mi] ELSE ($8::text[])[fi] END, ''),
                     CASE WHEN male THEN ($6::text[])[mg] ELSE ($10::text[])[fg] END),
           CASE WHEN male THEN 'male' ELSE 'female' END,
           CASE WHEN h1 % 100 < 8 THEN 'probationary' ELSE 'full' END,
           birth,
           birth + (6600 + h2 % 9000)::int,
           CASE WHEN h3 % 1000 < 15 THEN DATE '2023-06-30' END,
           CASE WHEN h3 % 1000 < 15 THEN 'moved_out' END
      FROM (
        SELECT s.unit_id, ${hash('g', 11)} % 100 < 58 AS male,
               1 + ${hash('g', 12)} % ${surnames.length} AS si,
               1 + ${hash('g', 13)} % ${people.male.middle.length} AS mi,
               1 + ${hash('g', 14)} % ${people.male.given.length} AS mg,
               1 + ${hash('g', 13)} % ${people.female.middle.length} AS fi,
               1 + ${hash('g', 14)} % ${people.female.given.length} AS fg,
               DATE '1945-01-01' + (${hash('g', 15)} % 21000)::int AS birth,
               ${hash('g', 16)} AS h1, ${hash('g', 17)} AS h2, ${hash('g', 18)} AS h3
          FROM bench_member_share s CROSS JOIN LATERAL generate_series(s.lo, s.hi - 1) AS g
         WHERE s.lo >= $11 AND s.lo < $12
      ) x`;

  const chunk = Math.max(100_000, Math.ceil(total / 20));
  const chunks: [number, number][] = [];
  for (let from = 0; from < total; from += chunk) chunks.push([from, Math.min(total, from + chunk)]);
  let done = 0;
  const started = Date.now();
  const worker = async () => {
    for (let next = chunks.shift(); next; next = chunks.shift()) {
      await pool.query(insert, [...params, next[0], next[1]]);
      done += next[1] - next[0];
      const seconds = (Date.now() - started) / 1000;
      log(`    members ${done.toLocaleString('en')} / ${total.toLocaleString('en')} (${seconds.toFixed(0)} s)`);
    }
  };
  await Promise.all([worker(), worker()]);
  await pool.query('DROP TABLE bench_member_share');
}
