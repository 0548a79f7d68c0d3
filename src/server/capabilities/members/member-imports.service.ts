import { MEMBER_IMPORT_MAX_BYTES } from '../../../shared/domain/member-sheet';
import type { MemberImport } from '../../../shared/schemas/members';
import type { Db } from '../../db/connect';
import { inOwnDbScope } from '../../db/pool-guard';
import { auditContext, recordAudit, recordAuditMany } from '../../http/audit';
import { todayInVietnam } from '../../http/clock';
import { AppError, Conflict, Forbidden, NotFound, Validation } from '../../http/errors';
import { canEditTree, isInScope } from '../../http/policies';
import type { Principal, RequestContext } from '../../http/principal';
import { checkRows } from './member-rows';
import { looksLikeXlsx, readMemberSheet, type SheetRow, type SheetValues } from './member-sheet';
import { memberImportsRepository } from './member-imports.repository';
import { membersRepository } from './members.repository';

type JobRow = NonNullable<Awaited<ReturnType<ReturnType<typeof memberImportsRepository>['find']>>>;

function present(job: JobRow): MemberImport {
  const interrupted = job.stale && (job.status === 'validating' || job.status === 'importing');
  return {
    id: job.id,
    unit: { id: job.unit_id, name: job.unit_name },
    fileName: job.file_name,
    status: interrupted ? 'failed' : (job.status as MemberImport['status']),
    totalRows: job.total_rows,
    processedRows: job.processed_rows,
    errorCount: job.error_count,
    message: interrupted ? 'Quá trình xử lý bị gián đoạn. Hãy tải tệp lên lại.' : job.message,
    createdAt: job.created_at.toISOString(),
  };
}

/**
 * Excel imports run in the background of the app server that received them; their progress lives in
 * PostgreSQL, so any app server can report it. Nothing is written to the registry until every row is
 * valid, and then all rows are written in one transaction.
 */
export function memberImportsService(db: Db) {
  const repo = memberImportsRepository(db);
  const running = new Set<Promise<void>>();

  function background(task: () => Promise<void>): void {
    // Its own pool-guard scope: the job outlives the request that started it (see db/pool-guard.ts).
    const promise = inOwnDbScope(task).finally(() => running.delete(promise));
    running.add(promise);
  }

  async function visibleJob(principal: Principal, id: number): Promise<JobRow> {
    const job = await repo.find(id);
    if (!job || !isInScope(principal, job.unit_path) || (job.account_id !== principal.accountId && !canEditTree(principal))) {
      throw NotFound('Không tìm thấy lượt nhập này, hoặc nó nằm ngoài phạm vi của bạn.');
    }
    return job;
  }

  function failureMessage(error: unknown): string {
    return error instanceof AppError ? error.message : 'Đã có lỗi hệ thống khi xử lý tệp. Vui lòng thử lại; nếu vẫn lỗi, báo cho quản trị viên.';
  }

  async function validate(id: number, unitPath: string): Promise<void> {
    try {
      const file = await repo.file(id);
      if (!file?.file) throw new Error('import file missing');
      const rows = await readMemberSheet(file.file);
      if (rows.length === 0) throw Validation('Tệp không có dòng dữ liệu nào dưới dòng tiêu đề.');
      await repo.update(id, { total_rows: rows.length, message: `Đang kiểm tra ${rows.length} dòng…` });
      const checked = await checkRows(rows, unitPath, membersRepository(db), todayInVietnam());
      const errorCount = checked.filter((r) => r.errors.length > 0).length;
      await repo.update(id, {
        status: errorCount > 0 ? 'invalid' : 'valid',
        processed_rows: checked.length,
        error_count: errorCount,
        rows: JSON.stringify(checked.map(({ row, values, errors }) => ({ row, values, errors }))),
        message:
          errorCount > 0
            ? `${errorCount} trong ${checked.length} dòng có lỗi. Chưa ghi gì vào danh sách: hãy sửa tệp rồi tải lên lại.`
            : `Tất cả ${checked.length} dòng hợp lệ. Bấm "Nhập vào danh sách" để ghi.`,
      });
    } catch (error) {
      await repo.update(id, { status: 'failed', message: failureMessage(error), file: null });
    }
  }

  async function write(id: number, context: RequestContext, unit: { id: number; path: string }): Promise<void> {
    // Progress is written beside the transaction (others must see it before the commit) but never waited
    // for inside it: holding a connection while waiting for a second one starves the pool (issue #10).
    // Updates run one after the other, and all of them before the final status.
    let progress: Promise<void> = Promise.resolve();
    const reportProgress = (values: Parameters<typeof repo.update>[1]): Promise<void> => {
      progress = progress.then(() => inOwnDbScope(() => repo.update(id, values))).then(
        () => undefined,
        () => undefined,
      );
      return Promise.resolve();
    };
    try {
      const stored = await repo.storedValues(id);
      const inserted = await db.transaction().execute(async (tx) => {
        const txMembers = membersRepository(tx);
        // Checked again inside the transaction: a card number may have been taken since the preview.
        const sheetRows: SheetRow[] = stored.map((r) => ({ row: r.row, values: r.values as SheetValues, errors: [] }));
        const checked = await checkRows(sheetRows, unit.path, txMembers, todayInVietnam());
        const bad = checked.filter((r) => r.errors.length > 0);
        if (bad.length > 0) {
          await memberImportsRepository(tx).update(id, {
            status: 'invalid',
            error_count: bad.length,
            rows: JSON.stringify(checked.map(({ row, values, errors }) => ({ row, values, errors }))),
            message: `${bad.length} dòng không còn hợp lệ (dữ liệu đã thay đổi từ lúc kiểm tra). Chưa ghi gì.`,
          });
          return null;
        }
        const records = checked.flatMap((r) => (r.record ? [r.record] : []));
        const ids = await txMembers.insertMany(records, (done) => reportProgress({ processed_rows: done, message: `Đã ghi ${done}/${records.length} dòng…` }));
        await recordAuditMany(
          tx,
          auditContext(context),
          checked.map((r, i) => ({
            action: 'member.import',
            entityType: 'member',
            entityId: ids[i] ?? null,
            unit: r.record && r.unitPath ? { id: Number(r.record.unit_id), path: r.unitPath } : null,
            after: { importId: id, row: r.row, ...r.values },
          })),
        );
        await recordAudit(tx, auditContext(context), {
          action: 'member_import.commit',
          entityType: 'member_import',
          entityId: id,
          unit,
          after: { rows: records.length },
        });
        return records.length;
      });
      await progress;
      if (inserted !== null) {
        await repo.update(id, { status: 'done', processed_rows: inserted, file: null, message: `Đã nhập ${inserted} đảng viên vào danh sách.` });
      }
    } catch (error) {
      await progress;
      await repo.update(id, { status: 'failed', message: `Không ghi được: ${failureMessage(error)} Chưa có dòng nào được ghi.` });
    }
  }

  return {
    async start(context: RequestContext, unitId: number, fileName: string, file: unknown): Promise<MemberImport> {
      const { principal } = context;
      if (!canEditTree(principal)) throw Forbidden('Vai trò của bạn không được nhập danh sách đảng viên.');
      const unit = await membersRepository(db).unit(unitId);
      if (!unit || !isInScope(principal, unit.path)) throw NotFound('Không tìm thấy đơn vị, hoặc đơn vị nằm ngoài phạm vi của bạn.');
      if (!Buffer.isBuffer(file) || file.length === 0) throw Validation('Chưa có tệp Excel nào được gửi lên.');
      if (file.length > MEMBER_IMPORT_MAX_BYTES) throw new AppError('payload_too_large', 413, 'Tệp quá lớn (tối đa 20 MB).');
      if (!looksLikeXlsx(file)) throw Validation('Tệp không phải bảng tính Excel .xlsx. Hãy dùng mẫu tải về từ hệ thống.');
      const id = await repo.create({ accountId: principal.accountId, unitId: unit.id, fileName, file });
      await recordAudit(db, auditContext(context), { action: 'member_import.start', entityType: 'member_import', entityId: id, unit, after: { fileName, bytes: file.length } });
      background(() => validate(id, unit.path));
      return present(await visibleJob(principal, id));
    },

    async get(principal: Principal, id: number): Promise<MemberImport> {
      return present(await visibleJob(principal, id));
    },

    async rows(principal: Principal, id: number, query: { onlyErrors: boolean; page: number; pageSize: number }) {
      await visibleJob(principal, id);
      return repo.rows(id, query.onlyErrors, query.page, query.pageSize);
    },

    async commit(context: RequestContext, id: number): Promise<MemberImport> {
      const job = await visibleJob(context.principal, id);
      if (!canEditTree(context.principal)) throw Forbidden('Vai trò của bạn không được nhập danh sách đảng viên.');
      if (job.status === 'invalid') throw Validation('Tệp còn dòng lỗi: hãy sửa rồi tải lên lại. Chưa có gì được ghi.');
      if (!(await repo.transition(id, 'valid', 'importing', 'Đang ghi vào danh sách…'))) {
        throw Conflict('Lượt nhập này không ở trạng thái chờ ghi (đã ghi, đang ghi hoặc có lỗi).');
      }
      background(() => write(id, context, { id: job.unit_id, path: job.unit_path }));
      return present(await visibleJob(context.principal, id));
    },

    /** Wait for background work (tests, shutdown). */
    async settle(): Promise<void> {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
  };
}

export type MemberImportsService = ReturnType<typeof memberImportsService>;
