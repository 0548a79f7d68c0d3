import { type Insertable, type Updateable, sql } from 'kysely';
import type { Db } from '../../db/connect';
import { containsPattern } from '../../db/like';
import type { ExemplarTable, PublicityEntryTable } from '../../db/schema';

export interface ExemplarFilter {
  /** Nominated in this subtree. */
  path: string;
  year?: number | undefined;
  state?: string | undefined;
  /** Pending at a unit in this subtree (the levels the caller acts for). */
  pendingWithin?: string | undefined;
  /** Already folded (foldForSearch). */
  q?: string | undefined;
}

export function exemplarsRepository(db: Db) {
  const exemplars = () =>
    db
      .selectFrom('exemplar as e')
      .innerJoin('unit as nu', 'nu.id', 'e.nominating_unit_id')
      .innerJoin('unit as du', 'du.id', 'e.deciding_unit_id')
      .leftJoin('unit as pu', 'pu.id', 'e.pending_unit_id')
      .leftJoin('member as m', 'm.id', 'e.member_id')
      .leftJoin('unit as mu', 'mu.id', 'm.unit_id')
      .leftJoin('unit as cu', 'cu.id', 'e.collective_unit_id')
      .leftJoin('account as ca', 'ca.id', 'e.created_by')
      .leftJoin('account as cb', 'cb.id', 'e.commended_by')
      .leftJoin('party_document as d', 'd.id', 'e.decision_document_id')
      .select([
        'e.id',
        'e.nominating_unit_id',
        'e.year',
        'e.subject_kind',
        'e.member_id',
        'e.family_name',
        'e.middle_name',
        'e.given_name',
        'e.collective_unit_id',
        'e.collective_name',
        'e.title',
        'e.field',
        'e.summary',
        'e.story_html',
        'e.deciding_unit_id',
        'e.state',
        'e.pending_unit_id',
        'e.commendation_form',
        'e.commendation_title',
        'e.decision_symbol',
        'e.decision_date',
        'e.decision_document_id',
        'e.commended_by',
        'e.is_public',
        'e.published_at',
        'e.version',
        'e.created_by',
        'e.created_at',
        'e.updated_at',
        'nu.name as nominating_name',
        'nu.valid_to as nominating_valid_to',
        'du.valid_to as deciding_valid_to',
        'pu.valid_to as pending_valid_to',
        'nu.kind as nominating_kind',
        sql<string>`nu.path::text`.as('nominating_path'),
        'du.name as deciding_name',
        'du.kind as deciding_kind',
        sql<string>`du.path::text`.as('deciding_path'),
        'pu.name as pending_name',
        'pu.kind as pending_kind',
        sql<string | null>`pu.path::text`.as('pending_path'),
        'm.family_name as member_family_name',
        'm.middle_name as member_middle_name',
        'm.given_name as member_given_name',
        'mu.id as member_unit_id',
        'mu.name as member_unit_name',
        'mu.kind as member_unit_kind',
        'cu.name as collective_unit_name',
        'cu.kind as collective_unit_kind',
        'ca.display_name as created_by_name',
        'cb.display_name as commended_by_name',
        'd.symbol as decision_document_symbol',
        'd.title as decision_document_title',
        sql<number>`(SELECT count(*) FROM exemplar_file f WHERE f.exemplar_id = e.id AND f.role = 'photo')::int`.as('photo_count'),
        sql<number>`(SELECT count(*) FROM publicity_entry p WHERE p.exemplar_id = e.id)::int`.as('publicity_count'),
      ]);

  function filtered(filter: ExemplarFilter) {
    let query = exemplars().where(sql<boolean>`nu.path <@ ${filter.path}::ltree`);
    if (filter.year !== undefined) query = query.where('e.year', '=', filter.year);
    if (filter.state !== undefined) query = query.where('e.state', '=', filter.state);
    if (filter.pendingWithin !== undefined) query = query.where('e.state', '=', 'pending').where(sql<boolean>`pu.path <@ ${filter.pendingWithin}::ltree`);
    if (filter.q) {
      const pattern = containsPattern(filter.q);
      query = query.where(
        sql<boolean>`fold_vi(concat_ws(' ', e.title, e.family_name, nullif(e.middle_name, ''), e.given_name, e.collective_name, cu.name,
                                            m.family_name, nullif(m.middle_name, ''), m.given_name)) LIKE ${pattern}`,
      );
    }
    return query;
  }

  return {
    unit: (id: number) =>
      db.selectFrom('unit').select(['id', 'parent_id', sql<string>`path::text`.as('path'), 'name', 'kind', 'valid_to']).where('id', '=', id).executeTakeFirst(),
    units: (ids: number[]) =>
      ids.length === 0 ? Promise.resolve([]) : db.selectFrom('unit').select(['id', sql<string>`path::text`.as('path'), 'name', 'kind', 'valid_to']).where('id', 'in', ids).execute(),
    children: (parentId: number) =>
      db
        .selectFrom('unit')
        .select(['id', 'name', 'kind', 'valid_to'])
        .where('parent_id', '=', parentId)
        .orderBy(sql`name COLLATE "vi-x-icu"`)
        .execute(),
    member: (id: number) =>
      db
        .selectFrom('member as m')
        .innerJoin('unit as u', 'u.id', 'm.unit_id')
        .select(['m.id', 'm.unit_id', sql<string>`u.path::text`.as('unit_path'), 'm.family_name', 'm.middle_name', 'm.given_name', 'm.left_on'])
        .where('m.id', '=', id)
        .executeTakeFirst(),

    async find(id: number, forUpdate = false) {
      if (forUpdate) await db.selectFrom('exemplar').select('id').where('id', '=', id).forUpdate().execute();
      return exemplars().where('e.id', '=', id).executeTakeFirst();
    },
    list: (filter: ExemplarFilter, page: number, pageSize: number, awaitingFirst: boolean) => {
      let query = filtered(filter);
      if (awaitingFirst) query = query.orderBy(sql`nlevel(pu.path)`);
      return query
        .orderBy('e.year', 'desc')
        .orderBy('e.updated_at', 'desc')
        .orderBy('e.id', 'desc')
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute();
    },
    count: async (filter: ExemplarFilter) =>
      Number(
        (
          await filtered(filter)
            .clearSelect()
            .select(sql<number>`count(*)::int`.as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
    insert: (values: Insertable<ExemplarTable>) => db.insertInto('exemplar').values(values).returning('id').executeTakeFirstOrThrow(),
    update: (id: number, values: Updateable<ExemplarTable>) =>
      db
        .updateTable('exemplar')
        .set((eb) => ({ ...values, version: eb('version', '+', 1), updated_at: new Date() }))
        .where('id', '=', id)
        .execute(),

    steps: (exemplarId: number) =>
      db
        .selectFrom('exemplar_step as s')
        .innerJoin('unit as u', 'u.id', 's.unit_id')
        .innerJoin('account as a', 'a.id', 's.acted_by')
        .select(['s.id', 's.unit_id', 'u.name as unit_name', 'u.kind as unit_kind', 's.action', 's.comment', 'a.display_name as acted_by', 's.acted_at'])
        .where('s.exemplar_id', '=', exemplarId)
        .orderBy('s.id')
        .execute(),
    insertStep: (values: { exemplar_id: number; unit_id: number; action: string; comment: string | null; acted_by: number; acted_at: Date }) =>
      db.insertInto('exemplar_step').values(values).execute(),
    /** Accounts that submitted or verified since the nomination was last (re)submitted. */
    actorsOfCurrentRound: async (exemplarId: number): Promise<number[]> => {
      const rows = await db
        .selectFrom('exemplar_step')
        .select(['acted_by', 'action'])
        .where('exemplar_id', '=', exemplarId)
        .orderBy('id', 'desc')
        .execute();
      const actors: number[] = [];
      for (const row of rows) {
        if (row.action === 'verify' || row.action === 'submit') actors.push(row.acted_by);
        if (row.action === 'submit') break;
      }
      return actors;
    },
    hasStep: async (exemplarId: number, action: string) =>
      (await db.selectFrom('exemplar_step').select('id').where('exemplar_id', '=', exemplarId).where('action', '=', action).limit(1).executeTakeFirst()) !== undefined,

    files: (exemplarId: number) =>
      db
        .selectFrom('exemplar_file as x')
        .innerJoin('stored_file as f', 'f.id', 'x.file_id')
        .select(['x.file_id as id', 'x.role', 'x.caption', 'x.position', 'f.name', 'f.media_type', 'f.size'])
        .where('x.exemplar_id', '=', exemplarId)
        .orderBy('x.position')
        .orderBy('x.file_id')
        .execute(),
    fileLink: (exemplarId: number, fileId: number) =>
      db.selectFrom('exemplar_file').select(['exemplar_id', 'file_id', 'role', 'caption', 'position']).where('exemplar_id', '=', exemplarId).where('file_id', '=', fileId).executeTakeFirst(),
    nextPhotoPosition: async (exemplarId: number) =>
      Number(
        (
          await db
            .selectFrom('exemplar_file')
            .select(sql<number>`coalesce(max(position), 0) + 1`.as('n'))
            .where('exemplar_id', '=', exemplarId)
            .where('role', '=', 'photo')
            .executeTakeFirstOrThrow()
        ).n,
      ),
    insertFileLink: (values: { exemplar_id: number; file_id: number; role: 'photo' | 'evidence'; caption: string | null; position: number }) =>
      db.insertInto('exemplar_file').values(values).execute(),
    deleteFileLink: (exemplarId: number, fileId: number) => db.deleteFrom('exemplar_file').where('exemplar_id', '=', exemplarId).where('file_id', '=', fileId).execute(),
    /** A processed photo, stored like every other file (stored_file), for the nominating unit. */
    insertStoredFile: (values: { unitId: number; name: string; mediaType: string; size: number; sha256: Buffer; content: Buffer; uploadedBy: number }) =>
      db
        .insertInto('stored_file')
        .values({ unit_id: values.unitId, name: values.name, media_type: values.mediaType, size: values.size, sha256: values.sha256, content: values.content, uploaded_by: values.uploadedBy })
        .returning(['id', 'name', 'media_type', 'size'])
        .executeTakeFirstOrThrow(),
    fileContent: (fileId: number) => db.selectFrom('stored_file').select(['id', 'name', 'media_type', 'size', 'content']).where('id', '=', fileId).executeTakeFirst(),

    /** A registered Party document (the commendation decision). */
    document: (id: number) => db.selectFrom('party_document').select(['id', 'issuer_unit_id', 'symbol', 'issued_on', 'title']).where('id', '=', id).executeTakeFirst(),

    publicity: (exemplarId: number) =>
      db
        .selectFrom('publicity_entry as p')
        .innerJoin('publicity_channel as c', 'c.id', 'p.channel_id')
        .innerJoin('account as a', 'a.id', 'p.recorded_by')
        .leftJoin('stored_file as f', 'f.id', 'p.file_id')
        .select(['p.id', 'p.channel_id', 'c.name as channel_name', 'c.kind as channel_kind', 'p.published_on', 'p.title', 'p.url', 'p.file_id', 'f.name as file_name', 'f.media_type as file_media_type', 'f.size as file_size', 'a.display_name as recorded_by'])
        .where('p.exemplar_id', '=', exemplarId)
        .orderBy('p.published_on', 'desc')
        .orderBy('p.id', 'desc')
        .execute(),
    publicityEntry: (id: number) =>
      db.selectFrom('publicity_entry').select(['id', 'exemplar_id', 'channel_id', 'published_on', 'title', 'url', 'file_id']).where('id', '=', id).executeTakeFirst(),
    insertPublicity: (values: Insertable<PublicityEntryTable>) => db.insertInto('publicity_entry').values(values).returning('id').executeTakeFirstOrThrow(),
    deletePublicity: (id: number) => db.deleteFrom('publicity_entry').where('id', '=', id).execute(),

    /** The generic channels and the province's own, in order. */
    channels: (rootId: number) =>
      db
        .selectFrom('publicity_channel')
        .select(['id', 'root_unit_id', 'kind', 'name', 'position', 'active'])
        .where((eb) => eb.or([eb('root_unit_id', 'is', null), eb('root_unit_id', '=', rootId)]))
        .orderBy(sql`root_unit_id IS NULL`)
        .orderBy('position')
        .orderBy(sql`name COLLATE "vi-x-icu"`)
        .execute(),
    channel: (id: number) => db.selectFrom('publicity_channel').select(['id', 'root_unit_id', 'kind', 'name', 'position', 'active']).where('id', '=', id).executeTakeFirst(),
    publicPageChannel: () =>
      db.selectFrom('publicity_channel').select(['id']).where('root_unit_id', 'is', null).where('kind', '=', 'public_page').orderBy('position').orderBy('id').limit(1).executeTakeFirst(),
    channelNamed: (rootId: number, name: string) =>
      db
        .selectFrom('publicity_channel')
        .select('id')
        .where((eb) => eb.or([eb('root_unit_id', 'is', null), eb('root_unit_id', '=', rootId)]))
        .where(sql<boolean>`lower(name) = lower(${name})`)
        .executeTakeFirst(),
    lockRoot: (rootId: number) => db.selectFrom('unit').select('id').where('id', '=', rootId).forNoKeyUpdate().execute(),
    insertChannel: (values: { root_unit_id: number; kind: string; name: string; position: number }) =>
      db.insertInto('publicity_channel').values(values).returning('id').executeTakeFirstOrThrow(),
    nextChannelPosition: async (rootId: number) =>
      Number(
        (await db.selectFrom('publicity_channel').select(sql<number>`coalesce(max(position), 100) + 10`.as('n')).where('root_unit_id', '=', rootId).executeTakeFirstOrThrow()).n,
      ),

    /**
     * Exemplar counts of the subtree of `path` for two years, per bucket: 0 for the unit itself, otherwise
     * the id of the child whose subtree nominated it.
     */
    exemplarCounts: (path: string, years: number[]) =>
      sql<{ bucket: number; year: number; nominated: number; approved: number; commended: number; public_stories: number }>`
        SELECT CASE WHEN nu.path = ${path}::ltree THEN 0 ELSE subpath(nu.path, nlevel(${path}::ltree), 1)::text::bigint END AS bucket,
               e.year,
               count(*) FILTER (WHERE e.state <> 'draft')::int AS nominated,
               count(*) FILTER (WHERE e.state IN ('approved', 'commended'))::int AS approved,
               count(*) FILTER (WHERE e.state = 'commended')::int AS commended,
               count(*) FILTER (WHERE e.is_public)::int AS public_stories
          FROM exemplar e
          JOIN unit nu ON nu.id = e.nominating_unit_id
         WHERE nu.path <@ ${path}::ltree AND e.year = ANY (${years}::int[])
         GROUP BY 1, 2`
        .execute(db)
        .then((r) => r.rows.map((row) => ({ ...row, bucket: Number(row.bucket) }))),
    /** Publicity entries published in the two years, about exemplars of the subtree, per bucket, year, month and channel. */
    publicityCounts: (path: string, years: number[]) =>
      sql<{ bucket: number; year: number; month: number; channel_id: number; entries: number }>`
        SELECT CASE WHEN nu.path = ${path}::ltree THEN 0 ELSE subpath(nu.path, nlevel(${path}::ltree), 1)::text::bigint END AS bucket,
               extract(year FROM p.published_on)::int AS year,
               extract(month FROM p.published_on)::int AS month,
               p.channel_id,
               count(*)::int AS entries
          FROM publicity_entry p
          JOIN exemplar e ON e.id = p.exemplar_id
          JOIN unit nu ON nu.id = e.nominating_unit_id
         WHERE nu.path <@ ${path}::ltree AND extract(year FROM p.published_on)::int = ANY (${years}::int[])
         GROUP BY 1, 2, 3, 4`
        .execute(db)
        .then((r) => r.rows.map((row) => ({ ...row, bucket: Number(row.bucket), channel_id: Number(row.channel_id) }))),
  };
}

export type ExemplarsRepository = ReturnType<typeof exemplarsRepository>;
export type ExemplarRow = NonNullable<Awaited<ReturnType<ExemplarsRepository['find']>>>;
export type StepRow = Awaited<ReturnType<ExemplarsRepository['steps']>>[number];
export type FileRow = Awaited<ReturnType<ExemplarsRepository['files']>>[number];
export type PublicityRow = Awaited<ReturnType<ExemplarsRepository['publicity']>>[number];
export type ChannelRow = Awaited<ReturnType<ExemplarsRepository['channels']>>[number];
