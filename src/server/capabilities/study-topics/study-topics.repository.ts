import { type SqlBool, sql } from 'kysely';
import type { Db } from '../../db/connect';

const TOPIC_COLUMNS = [
  't.id',
  't.unit_id',
  't.year',
  't.title',
  't.description',
  't.campaign_id',
  't.min_items',
  't.max_items',
  't.required_months',
  't.plan_day',
  't.record_days',
  't.version',
] as const;

export function studyTopicsRepository(db: Db) {
  const base = () => db.selectFrom('study_topic as t').innerJoin('unit as u', 'u.id', 't.unit_id').select(TOPIC_COLUMNS).select('u.path as unit_path');

  return {
    async findById(id: number, forUpdate = false) {
      if (forUpdate) await db.selectFrom('study_topic').select('id').where('id', '=', id).forUpdate().execute();
      return base().where('t.id', '=', id).executeTakeFirst();
    },

    /** Topics set by the committee at `path` or above it. */
    listAbove: (path: string, year?: number) => {
      let query = base().where(sql<SqlBool>`u.path @> ${path}::ltree`);
      if (year !== undefined) query = query.where('t.year', '=', year);
      return query.orderBy('t.year', 'desc').orderBy(sql`nlevel(u.path)`, 'desc').execute();
    },

    /** The topic that applies to a unit in a year: the one set nearest above it. */
    forUnit: (path: string, year: number) =>
      base().where(sql<SqlBool>`u.path @> ${path}::ltree`).where('t.year', '=', year).orderBy(sql`nlevel(u.path)`, 'desc').limit(1).executeTakeFirst(),

    items: (topicIds: number[]) =>
      topicIds.length === 0
        ? Promise.resolve([])
        : db.selectFrom('study_topic_item').select(['id', 'topic_id', 'number', 'title', 'description']).where('topic_id', 'in', topicIds).orderBy('number').execute(),

    materials: (topicIds: number[]) =>
      topicIds.length === 0
        ? Promise.resolve([])
        : db
            .selectFrom('study_topic_material as m')
            .leftJoin('stored_file as f', 'f.id', 'm.file_id')
            .leftJoin('party_document as d', 'd.id', 'm.document_id')
            .select(['m.id', 'm.topic_id', 'm.title', 'm.url', 'm.file_id', 'f.name as file_name', 'f.media_type as file_media_type', 'f.size as file_size', 'm.document_id', 'd.symbol as document_symbol', 'd.title as document_title'])
            .where('m.topic_id', 'in', topicIds)
            .orderBy('m.id')
            .execute(),

    material: (topicId: number, materialId: number) =>
      db.selectFrom('study_topic_material').select(['id', 'title', 'file_id', 'url', 'document_id']).where('topic_id', '=', topicId).where('id', '=', materialId).executeTakeFirst(),

    yearTaken: async (unitId: number, year: number) =>
      (await db.selectFrom('study_topic').select('id').where('unit_id', '=', unitId).where('year', '=', year).executeTakeFirst()) !== undefined,

    campaignVisible: (campaignId: number, path: string) =>
      db.selectFrom('campaign as c').innerJoin('unit as u', 'u.id', 'c.unit_id').select('c.id').where('c.id', '=', campaignId).where(sql<SqlBool>`u.path @> ${path}::ltree`).executeTakeFirst(),

    async insert(values: {
      unit_id: number;
      year: number;
      title: string;
      description: string | null;
      campaign_id: number | null;
      min_items: number;
      max_items: number;
      required_months: number[];
      plan_day: number;
      record_days: number;
    }) {
      const row = await db.insertInto('study_topic').values(values).returning('id').executeTakeFirstOrThrow();
      return row.id;
    },

    async update(id: number, set: Record<string, unknown>) {
      await db
        .updateTable('study_topic')
        .set((eb) => ({ ...set, version: eb('version', '+', 1), updated_at: new Date() }))
        .where('id', '=', id)
        .execute();
    },

    /** Item ids of the topic that meetings have planned or studied. */
    async usedItemIds(topicId: number): Promise<Set<number>> {
      const rows = await db
        .selectFrom('cell_meeting_item as mi')
        .innerJoin('study_topic_item as i', 'i.id', 'mi.item_id')
        .select('mi.item_id')
        .distinct()
        .where('i.topic_id', '=', topicId)
        .execute();
      return new Set(rows.map((r) => r.item_id));
    },

    /** Replace the item list: kept items keep their ids (meetings point at them), numbers follow the order. */
    async replaceItems(topicId: number, items: { id?: number | undefined; title: string; description: string | null }[]) {
      const keep = items.flatMap((item) => (item.id === undefined ? [] : [item.id]));
      let remove = db.deleteFrom('study_topic_item').where('topic_id', '=', topicId);
      if (keep.length > 0) remove = remove.where('id', 'not in', keep);
      await remove.execute();
      // The (topic, number) constraint is deferred to commit, so items may swap numbers here.
      for (const [index, item] of items.entries()) {
        if (item.id !== undefined) {
          await db.updateTable('study_topic_item').set({ number: index + 1, title: item.title, description: item.description }).where('id', '=', item.id).where('topic_id', '=', topicId).execute();
        } else {
          await db.insertInto('study_topic_item').values({ topic_id: topicId, number: index + 1, title: item.title, description: item.description }).execute();
        }
      }
    },

    async addMaterial(values: { topic_id: number; title: string; url: string | null; file_id: number | null; document_id: number | null }) {
      await db.insertInto('study_topic_material').values(values).execute();
    },

    removeMaterial: async (topicId: number, materialId: number) => {
      await db.deleteFrom('study_topic_material').where('topic_id', '=', topicId).where('id', '=', materialId).execute();
    },
  };
}

export type StudyTopicsRepository = ReturnType<typeof studyTopicsRepository>;
export type TopicRow = NonNullable<Awaited<ReturnType<StudyTopicsRepository['findById']>>>;
