import { type Expression, type SqlBool, sql } from 'kysely';
import type { Db } from '../../db/connect';
import { containsPattern } from '../../db/like';

/**
 * A document is readable by a caller when its owner (the issuing unit, or for a document from above the
 * tree the committee that registered it) is inside the caller's subtree or one of the caller's ancestors.
 */
function readableBy(scopePath: string): Expression<SqlBool> {
  return sql<SqlBool>`(ou.path <@ ${scopePath}::ltree OR ou.path @> ${scopePath}::ltree)`;
}

export function documentsRepository(db: Db) {
  const base = () =>
    db
      .selectFrom('party_document as d')
      .innerJoin('unit as ou', 'ou.id', 'd.owner_unit_id')
      .select([
        'd.id',
        'd.campaign_id',
        'd.issuer_unit_id',
        'd.owner_unit_id',
        'd.issuer_name',
        'd.issuer_code',
        'd.doc_type',
        'd.type_symbol',
        'd.term_id',
        'd.number',
        'd.symbol',
        'd.issued_on',
        'd.title',
        'd.signer',
        'd.implements_id',
        'd.lineage',
        'd.file_id',
        'd.version',
        'd.created_at',
        'd.updated_at',
        'ou.path as owner_path',
        'ou.kind as owner_kind',
        'ou.valid_to as owner_valid_to',
      ])
      .select((eb) => eb.selectFrom('cascade_requirement as r').whereRef('r.document_id', '=', 'd.id').select((e) => e.fn.countAll<number>().as('n')).as('requirement_count'));

  return {
    async findById(id: number, forUpdate = false) {
      if (forUpdate) await db.selectFrom('party_document').select('id').where('id', '=', id).forUpdate().execute();
      return base().where('d.id', '=', id).executeTakeFirst();
    },

    async list(filter: {
      scopePath: string;
      unitPath: string;
      includeAbove: boolean;
      campaignId?: number | undefined;
      docType?: string | undefined;
      withRequirements: boolean;
      q?: string | undefined;
      page: number;
      pageSize: number;
    }) {
      let query = base().where(readableBy(filter.scopePath));
      query = filter.includeAbove
        ? query.where(sql<SqlBool>`(ou.path <@ ${filter.unitPath}::ltree OR ou.path @> ${filter.unitPath}::ltree)`)
        : query.where(sql<SqlBool>`ou.path <@ ${filter.unitPath}::ltree AND d.issuer_unit_id IS NOT NULL`);
      if (filter.campaignId !== undefined) query = query.where('d.campaign_id', '=', filter.campaignId);
      if (filter.docType !== undefined) query = query.where('d.doc_type', '=', filter.docType);
      if (filter.withRequirements) query = query.where((eb) => eb.exists(eb.selectFrom('cascade_requirement as r').whereRef('r.document_id', '=', 'd.id').select('r.id')));
      if (filter.q) query = query.where('d.search_text', 'like', containsPattern(filter.q));
      const [items, total] = await Promise.all([
        query
          .orderBy('d.issued_on', 'desc')
          .orderBy('d.id', 'desc')
          .limit(filter.pageSize)
          .offset((filter.page - 1) * filter.pageSize)
          .execute(),
        query.clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { items, total: Number(total.n) };
    },

    /** Documents implementing `id` that the caller may read. */
    implementedBy(id: number, scopePath: string) {
      return base().where('d.implements_id', '=', id).where(readableBy(scopePath)).orderBy('d.issued_on').orderBy('d.id').execute();
    },

    hasChildren: async (id: number) =>
      (await db.selectFrom('party_document').select('id').where('implements_id', '=', id).limit(1).executeTakeFirst()) !== undefined,

    /** Whatever else points at the document, in words, for the "cannot delete" message. */
    async references(id: number): Promise<string[]> {
      const [children, conferences, helpers, materials] = await Promise.all([
        db.selectFrom('party_document').select('id').where('implements_id', '=', id).limit(1).executeTakeFirst(),
        db.selectFrom('conference_document').select('conference_id').where('document_id', '=', id).limit(1).executeTakeFirst(),
        db
          .selectFrom('helper_unit')
          .select('id')
          .where((eb) => eb.or([eb('founding_document_id', '=', id), eb('regulation_document_id', '=', id)]))
          .limit(1)
          .executeTakeFirst(),
        db.selectFrom('study_topic_material').select('id').where('document_id', '=', id).limit(1).executeTakeFirst(),
      ]);
      return [
        ...(children ? ['có văn bản thực hiện văn bản này'] : []),
        ...(conferences ? ['đã được quán triệt tại hội nghị'] : []),
        ...(helpers ? ['là quyết định thành lập hoặc quy chế của bộ phận giúp việc'] : []),
        ...(materials ? ['là tài liệu học tập chuyên đề'] : []),
      ];
    },

    terms: () => db.selectFrom('committee_term').select(['id', 'name', 'starts_on', 'ends_on']).orderBy('starts_on').execute(),
    term: (id: number) => db.selectFrom('committee_term').select(['id', 'name']).where('id', '=', id).executeTakeFirst(),
    campaign: (id: number) => db.selectFrom('campaign').select(['id', 'name']).where('id', '=', id).executeTakeFirst(),
    unit: (id: number) => db.selectFrom('unit').select(['id', 'path', 'kind', 'name', 'valid_to']).where('id', '=', id).executeTakeFirst(),

    /** The document already holding this number in the issuer's series for the term, if any. */
    numberHolder(key: { ownerUnitId: number; issuerCode: string; typeSymbol: string; termId: number; number: number }, exceptId?: number) {
      let query = db
        .selectFrom('party_document')
        .select(['id', 'symbol', 'issued_on'])
        .where('owner_unit_id', '=', key.ownerUnitId)
        .where('issuer_code', '=', key.issuerCode)
        .where('type_symbol', '=', key.typeSymbol)
        .where('term_id', '=', key.termId)
        .where('number', '=', key.number);
      if (exceptId !== undefined) query = query.where('id', '<>', exceptId);
      return query.executeTakeFirst();
    },

    async highestNumber(key: { ownerUnitId: number; issuerCode: string; typeSymbol: string; termId: number }): Promise<number> {
      const row = await db
        .selectFrom('party_document')
        .select((eb) => eb.fn.max('number').as('n'))
        .where('owner_unit_id', '=', key.ownerUnitId)
        .where('issuer_code', '=', key.issuerCode)
        .where('type_symbol', '=', key.typeSymbol)
        .where('term_id', '=', key.termId)
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },

    async nextId(): Promise<number> {
      const result = await sql<{ id: string }>`SELECT nextval(pg_get_serial_sequence('party_document', 'id')) AS id`.execute(db);
      return Number(result.rows[0]?.id);
    },

    async insert(values: {
      id: number;
      campaign_id: number | null;
      issuer_unit_id: number | null;
      owner_unit_id: number;
      issuer_name: string;
      issuer_code: string;
      doc_type: string;
      type_symbol: string;
      term_id: number;
      number: number;
      symbol: string;
      issued_on: string;
      title: string;
      search_text: string;
      signer: string | null;
      implements_id: number | null;
      lineage: string;
      file_id: number | null;
      created_by: number;
    }) {
      await db.insertInto('party_document').values(values).execute();
    },

    async update(id: number, set: Record<string, unknown>) {
      await db
        .updateTable('party_document')
        .set((eb) => ({ ...set, version: eb('version', '+', 1), updated_at: new Date() }))
        .where('id', '=', id)
        .execute();
    },

    /** Re-root a document's subtree of implementing documents under a new lineage. */
    async relineage(oldLineage: string, newLineage: string) {
      await sql`UPDATE party_document SET lineage = ${newLineage}::ltree || subpath(lineage, nlevel(${oldLineage}::ltree))
                 WHERE lineage <@ ${oldLineage}::ltree`.execute(db);
      await sql`SELECT refresh_cascade_obligations(array(
                  SELECT r.id FROM cascade_requirement r JOIN party_document d ON d.id = r.document_id WHERE d.lineage <@ ${newLineage}::ltree))`.execute(db);
    },

    async delete(id: number) {
      await db.deleteFrom('cascade_requirement').where('document_id', '=', id).execute();
      await db.deleteFrom('party_document').where('id', '=', id).execute();
    },

    /** A conference held before `issuedOn` that disseminated the document, if any. */
    conferenceBefore(id: number, issuedOn: string) {
      return db
        .selectFrom('conference_document as cd')
        .innerJoin('dissemination_conference as k', 'k.id', 'cd.conference_id')
        .select(['k.held_on'])
        .where('cd.document_id', '=', id)
        .where('k.held_on', '<', issuedOn)
        .orderBy('k.held_on')
        .limit(1)
        .executeTakeFirst();
    },

    /** A helper unit founded by this decision before `issuedOn`, if any. */
    helperFoundedBefore(id: number, issuedOn: string) {
      return db.selectFrom('helper_unit').select(['name', 'established_on']).where('founding_document_id', '=', id).where('established_on', '<', issuedOn).limit(1).executeTakeFirst();
    },

    dateConflictingChildren(id: number, issuedOn: string) {
      return db.selectFrom('party_document').select(['symbol', 'issued_on']).where('implements_id', '=', id).where('issued_on', '<', issuedOn).orderBy('issued_on').limit(1).executeTakeFirst();
    },
  };
}

export type DocumentsRepository = ReturnType<typeof documentsRepository>;
export type DocumentRow = NonNullable<Awaited<ReturnType<DocumentsRepository['findById']>>>;
