import type { Campaign, CampaignList, CreateCampaignBody, UpdateCampaignBody } from '../../../shared/schemas/campaigns';
import type { Db } from '../../db/connect';
import { auditContext, recordAudit } from '../../http/audit';
import { Conflict, Forbidden, NotFound, STALE_VERSION_MESSAGE, Validation } from '../../http/errors';
import { canRecordExternal, isAboveOrAtScope } from '../../http/policies';
import type { Principal, RequestContext } from '../../http/principal';
import { type CampaignRow, campaignsRepository } from './campaigns.repository';

function present(row: CampaignRow): Campaign {
  return {
    id: row.id,
    name: row.name,
    startYear: row.start_year,
    endYear: row.end_year,
    description: row.description,
    documentCount: Number(row.document_count ?? 0),
    version: row.version,
  };
}

const audited = (row: CampaignRow) => ({ name: row.name, startYear: row.start_year, endYear: row.end_year, description: row.description });

/** Campaigns are defined by the province: officers of the root committee, for their own organisation. */
const canManage = canRecordExternal;

function canSee(principal: Principal, row: CampaignRow): boolean {
  return isAboveOrAtScope(principal, row.unit_path);
}

export function campaignsService(db: Db) {
  const repo = campaignsRepository(db);

  function requireManager(principal: Principal) {
    if (!canManage(principal)) throw Forbidden('Chỉ cán bộ giúp việc cấp tỉnh được khai báo cuộc vận động.');
  }

  return {
    async list(principal: Principal): Promise<CampaignList> {
      const rows = await repo.list(principal.scope.path);
      return { items: rows.map(present), can: { create: canManage(principal), edit: canManage(principal) } };
    },

    async create(context: RequestContext, body: CreateCampaignBody): Promise<Campaign> {
      requireManager(context.principal);
      return db.transaction().execute(async (trx) => {
        const txRepo = campaignsRepository(trx);
        const id = await txRepo.insert({ unitId: context.principal.scope.id, name: body.name, startYear: body.startYear, endYear: body.endYear, description: body.description ?? null });
        const row = await txRepo.findById(id);
        if (!row) throw NotFound();
        await recordAudit(trx, auditContext(context), {
          action: 'campaign.create',
          entityType: 'campaign',
          entityId: id,
          unit: { id: context.principal.scope.id, path: context.principal.scope.path },
          after: audited(row),
        });
        return present(row);
      });
    },

    async update(context: RequestContext, id: number, body: UpdateCampaignBody): Promise<Campaign> {
      requireManager(context.principal);
      return db.transaction().execute(async (trx) => {
        const txRepo = campaignsRepository(trx);
        const locked = await txRepo.lock(id);
        const before = locked ? await txRepo.findById(id) : undefined;
        if (!locked || !before || !canSee(context.principal, before)) throw NotFound('Không tìm thấy cuộc vận động.');
        if (before.unit_path !== context.principal.scope.path) throw Forbidden('Chỉ cấp đã khai báo cuộc vận động được sửa nó.');
        if (locked.version !== body.version) throw Conflict(STALE_VERSION_MESSAGE);
        const startYear = body.startYear ?? before.start_year;
        const endYear = body.endYear ?? before.end_year;
        if (endYear < startYear) throw Validation('Năm kết thúc không được trước năm bắt đầu.', [{ path: 'endYear', message: 'Năm kết thúc không được trước năm bắt đầu.' }]);
        await txRepo.update(id, {
          ...(body.name !== undefined ? { name: body.name } : {}),
          start_year: startYear,
          end_year: endYear,
          ...(body.description !== undefined ? { description: body.description } : {}),
        });
        const after = await txRepo.findById(id);
        if (!after) throw NotFound();
        await recordAudit(trx, auditContext(context), {
          action: 'campaign.update',
          entityType: 'campaign',
          entityId: id,
          unit: { id: context.principal.scope.id, path: context.principal.scope.path },
          before: audited(before),
          after: audited(after),
        });
        return present(after);
      });
    },
  };
}

export type CampaignsService = ReturnType<typeof campaignsService>;
