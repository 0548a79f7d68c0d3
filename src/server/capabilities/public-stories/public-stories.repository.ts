import { type SqlBool, sql } from 'kysely';
import type { Db } from '../../db/connect';

/** Image types a public photo may have; anything else stored under a photo row is never served. */
export const PUBLIC_IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;

/** Only verified exemplars an officer has published (the table's checks say the same; asked twice on purpose). */
const isPublished = sql<SqlBool>`e.is_public AND e.state IN ('approved', 'commended')`;

/** The district-level unit of a nominating unit: the 2nd id of its path, or the province itself. */
const groupId = sql<number>`CASE WHEN nlevel(nu.path) > 1 THEN subpath(nu.path, 1, 1)::text::bigint ELSE nu.id END`;
const rootId = sql<number>`subpath(nu.path, 0, 1)::text::bigint`;

/**
 * Every read of the public page. Explicit column lists only: a story row carries names, unit names,
 * the story, the commendation and the first photo — no member number, card, id number, phone,
 * birth date, account or internal state ever leaves the database through here.
 */
export function publicStoriesRepository(db: Db) {
  function cards() {
    return db
      .selectFrom('exemplar as e')
      .innerJoin('unit as nu', 'nu.id', 'e.nominating_unit_id')
      .innerJoin('unit as g', (join) => join.on(sql<SqlBool>`g.id = ${groupId}`))
      .innerJoin('unit as r', (join) => join.on(sql<SqlBool>`r.id = ${rootId}`))
      .leftJoin('member as m', 'm.id', 'e.member_id')
      .leftJoin('unit as cu', 'cu.id', 'e.collective_unit_id')
      .leftJoinLateral(
        (eb) =>
          eb
            .selectFrom('exemplar_file as ef')
            .innerJoin('stored_file as f', 'f.id', 'ef.file_id')
            .select(['ef.file_id as photo_file_id', 'ef.caption as photo_caption'])
            .whereRef('ef.exemplar_id', '=', 'e.id')
            .where('ef.role', '=', 'photo')
            .where('f.media_type', 'in', PUBLIC_IMAGE_TYPES)
            .orderBy('ef.position')
            .orderBy('ef.file_id')
            .limit(1)
            .as('p'),
        (join) => join.onTrue(),
      )
      .select([
        'e.id',
        'e.year',
        'e.title',
        'e.summary',
        'e.subject_kind',
        'e.family_name',
        'e.middle_name',
        'e.given_name',
        'e.collective_name',
        'e.commendation_form',
        'e.commendation_title',
        'e.decision_symbol',
        'e.decision_date',
        'e.published_at',
        // Of the member row, the name and nothing else.
        'm.family_name as subject_family_name',
        'm.middle_name as subject_middle_name',
        'm.given_name as subject_given_name',
        'cu.name as collective_unit_name',
        'nu.id as unit_id',
        'nu.name as unit_name',
        'g.id as group_id',
        'g.name as group_name',
        'r.id as root_id',
        'r.name as root_name',
        'p.photo_file_id',
        'p.photo_caption',
      ])
      .where(isPublished);
  }

  return {
    /** Published stories, newest first; one more than `limit` tells the caller there are more. */
    list(filter: { year?: number; unitId?: number; limit: number }) {
      let query = cards();
      if (filter.year !== undefined) query = query.where('e.year', '=', filter.year);
      if (filter.unitId !== undefined) {
        query = query.where(sql<SqlBool>`nu.path <@ (SELECT path FROM unit WHERE id = ${filter.unitId})`);
      }
      return query.orderBy('e.year', 'desc').orderBy('e.published_at', 'desc').orderBy('e.id', 'desc').limit(filter.limit + 1).execute();
    },

    /** One published story with its text; undefined when it is unknown or not public. */
    find(id: number) {
      return cards().select('e.story_html').where('e.id', '=', id).executeTakeFirst();
    },

    /** The years and the district-level units that have published stories, for the filters. */
    async facets() {
      const [years, groups] = await Promise.all([
        db.selectFrom('exemplar as e').select('e.year').distinct().where(isPublished).orderBy('e.year', 'desc').execute(),
        db
          .selectFrom('exemplar as e')
          .innerJoin('unit as nu', 'nu.id', 'e.nominating_unit_id')
          .innerJoin('unit as g', (join) => join.on(sql<SqlBool>`g.id = ${groupId}`))
          .innerJoin('unit as r', (join) => join.on(sql<SqlBool>`r.id = ${rootId}`))
          .select(['g.id as group_id', 'g.name as group_name', 'r.id as root_id', 'r.name as root_name'])
          .select((eb) => eb.fn.countAll<number>().as('story_count'))
          .where(isPublished)
          .groupBy(['g.id', 'g.name', 'r.id', 'r.name'])
          .execute(),
      ]);
      return { years: years.map((row) => row.year), groups };
    },

    /** Every photo of a published story, in order. */
    photos(exemplarId: number) {
      return db
        .selectFrom('exemplar_file as ef')
        .innerJoin('stored_file as f', 'f.id', 'ef.file_id')
        .select(['ef.file_id', 'ef.caption'])
        .where('ef.exemplar_id', '=', exemplarId)
        .where('ef.role', '=', 'photo')
        .where('f.media_type', 'in', PUBLIC_IMAGE_TYPES)
        .orderBy('ef.position')
        .orderBy('ef.file_id')
        .execute();
    },

    /** Where the story was published (channel, date, title, link). */
    publicity(exemplarId: number) {
      return db
        .selectFrom('publicity_entry as pe')
        .innerJoin('publicity_channel as c', 'c.id', 'pe.channel_id')
        .select(['pe.id', 'pe.published_on', 'pe.title', 'pe.url', 'c.name as channel_name'])
        .where('pe.exemplar_id', '=', exemplarId)
        .orderBy('pe.published_on')
        .orderBy('pe.id')
        .execute();
    },

    /** A stored photo, only when it is a photo of a published story and an image. */
    photo(fileId: number) {
      return db
        .selectFrom('stored_file as f')
        .select(['f.id', 'f.media_type', 'f.sha256', 'f.content'])
        .where('f.id', '=', fileId)
        .where('f.media_type', 'in', PUBLIC_IMAGE_TYPES)
        .where(({ exists, selectFrom }) =>
          exists(
            selectFrom('exemplar_file as ef')
              .innerJoin('exemplar as e', 'e.id', 'ef.exemplar_id')
              .select(sql`1`.as('one'))
              .whereRef('ef.file_id', '=', 'f.id')
              .where('ef.role', '=', 'photo')
              .where(isPublished),
          ),
        )
        .executeTakeFirst();
    },
  };
}

export type PublicStoriesRepository = ReturnType<typeof publicStoriesRepository>;
export type PublicStoryRow = Awaited<ReturnType<PublicStoriesRepository['list']>>[number];
export type PublicStoryDetailRow = NonNullable<Awaited<ReturnType<PublicStoriesRepository['find']>>>;
export type PublicFacets = Awaited<ReturnType<PublicStoriesRepository['facets']>>;
export type PublicPhotoRow = Awaited<ReturnType<PublicStoriesRepository['photos']>>[number];
export type PublicityRow = Awaited<ReturnType<PublicStoriesRepository['publicity']>>[number];
