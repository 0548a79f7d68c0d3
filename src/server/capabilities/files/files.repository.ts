import type { Db } from '../../db/connect';

export function filesRepository(db: Db) {
  return {
    insert(values: { unitId: number; name: string; mediaType: string; size: number; sha256: Buffer; content: Buffer; uploadedBy: number }) {
      return db
        .insertInto('stored_file')
        .values({
          unit_id: values.unitId,
          name: values.name,
          media_type: values.mediaType,
          size: values.size,
          sha256: values.sha256,
          content: values.content,
          uploaded_by: values.uploadedBy,
        })
        .returning(['id', 'unit_id', 'name', 'media_type', 'size', 'uploaded_by'])
        .executeTakeFirstOrThrow();
    },

    /** The file's description without its bytes. */
    describe(id: number) {
      return db.selectFrom('stored_file').select(['id', 'unit_id', 'name', 'media_type', 'size', 'uploaded_by']).where('id', '=', id).executeTakeFirst();
    },

    withContent(id: number) {
      return db.selectFrom('stored_file').select(['id', 'unit_id', 'name', 'media_type', 'size', 'content']).where('id', '=', id).executeTakeFirst();
    },
  };
}

export type FileDescription = NonNullable<Awaited<ReturnType<ReturnType<typeof filesRepository>['describe']>>>;
