import { createHash } from 'node:crypto';
import { ATTACHMENT_MAX_BYTES, ATTACHMENT_TYPES, sniffAttachmentType, withTypeExtension } from '../../../shared/domain/files';
import { cleanText } from '../../../shared/domain/text';
import type { StoredFile } from '../../../shared/schemas/files';
import type { Db } from '../../db/connect';
import { auditContext, recordAudit } from '../../http/audit';
import { AppError, Forbidden, NotFound, Validation } from '../../http/errors';
import { canUploadFor, isInScope } from '../../http/policies';
import type { RequestContext } from '../../http/principal';
import { type FileDescription, filesRepository } from './files.repository';

const UNIT_NOT_FOUND = 'Không tìm thấy đơn vị, hoặc đơn vị nằm ngoài phạm vi bạn được xem.';

/** A file read for attaching to a record of `unitId` (null: any unit): it must have been uploaded for that unit. */
export function checkAttachable(row: FileDescription | null | undefined, unitId: number | null): FileDescription {
  if (!row || (unitId !== null && row.unit_id !== unitId)) {
    throw Validation('Tệp đính kèm không tồn tại hoặc được tải lên cho đơn vị khác. Vui lòng tải tệp lên lại.');
  }
  return row;
}

export function presentFile(row: FileDescription): StoredFile {
  return { id: row.id, name: row.name, mediaType: row.media_type, size: row.size };
}

/**
 * A browser sends whatever name it likes: keep only the last path segment, drop control and bidi
 * characters, NFC, and at most 255 characters.
 */
export function safeFileName(raw: string | undefined): string {
  let name = raw ?? '';
  try {
    name = decodeURIComponent(name);
  } catch {
    // Not URI-encoded: use it as it came.
  }
  name = name.split(/[/\\]/u).pop() ?? '';
  name = cleanText(name.replace(/[\p{Cc}\p{Cf}]/gu, '')).replace(/^\.+/u, '');
  return name.slice(0, 255) || 'tep-dinh-kem';
}

export function filesService(db: Db) {
  const repo = filesRepository(db);

  return {
    async upload(context: RequestContext, unitId: number, rawName: string | undefined, body: unknown): Promise<StoredFile> {
      const unit = await db.selectFrom('unit').select(['id', 'path', 'valid_to']).where('id', '=', unitId).executeTakeFirst();
      if (!unit || !isInScope(context.principal, unit.path)) throw NotFound(UNIT_NOT_FOUND);
      if (!canUploadFor(context.principal, unit)) {
        throw Forbidden('Bạn không có quyền tải tệp lên cho đơn vị này.');
      }
      if (!Buffer.isBuffer(body) || body.length === 0) throw Validation('Tệp tải lên trống.');
      if (body.length > ATTACHMENT_MAX_BYTES) throw new AppError('payload_too_large', 413, 'Tệp quá lớn (tối đa 20 MB).');
      const mediaType = sniffAttachmentType(body);
      if (!mediaType) {
        throw Validation(
          `Tệp không phải ${Object.values(ATTACHMENT_TYPES).join(', ')}. Hệ thống kiểm tra nội dung tệp, không dựa vào tên hay phần mở rộng.`,
        );
      }
      const name = withTypeExtension(safeFileName(rawName), mediaType);
      const sha256 = createHash('sha256').update(body).digest();
      return db.transaction().execute(async (trx) => {
        const row = await filesRepository(trx).insert({ unitId, name, mediaType, size: body.length, sha256, content: body, uploadedBy: context.principal.accountId });
        await recordAudit(trx, auditContext(context), {
          action: 'file.upload',
          entityType: 'file',
          entityId: row.id,
          unit: { id: unit.id, path: unit.path },
          after: { name, mediaType, size: body.length, sha256: sha256.toString('hex') },
        });
        return presentFile(row);
      });
    },

    /** For services attaching a file to a record of `unitId`: the file must have been uploaded for that unit. */
    async attachable(database: Db, fileId: number, unitId: number | null): Promise<FileDescription> {
      return checkAttachable(await filesRepository(database).describe(fileId), unitId);
    },

    /** Inside a transaction pass it (see the pool note in study-topics' forUnit). */
    describe: (fileId: number, database: Db = db) => (database === db ? repo : filesRepository(database)).describe(fileId),
    withContent: (fileId: number) => repo.withContent(fileId),
  };
}

export type FilesService = ReturnType<typeof filesService>;
