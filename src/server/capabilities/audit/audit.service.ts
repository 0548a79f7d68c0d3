import type { AuditEntry, AuditQuery } from '../../../shared/schemas/audit';
import type { Db } from '../../db/connect';
import { Forbidden, NotFound, Validation } from '../../http/errors';
import { canViewAudit, isInScope } from '../../http/policies';
import type { Principal } from '../../http/principal';
import { auditRepository } from './audit.repository';

export function auditService(db: Db) {
  const repo = auditRepository(db);
  return {
    async list(principal: Principal, filter: AuditQuery): Promise<{ items: AuditEntry[]; total: number }> {
      if (!canViewAudit(principal)) throw Forbidden('Chỉ cán bộ giúp việc cấp tỉnh được xem nhật ký thay đổi.');
      if (filter.from && filter.to && filter.from > filter.to) throw Validation('Ngày bắt đầu phải trước ngày kết thúc.');
      if (filter.unitId !== undefined) {
        const unit = await repo.unitPath(filter.unitId);
        if (!unit || !isInScope(principal, unit.path)) throw NotFound('Không tìm thấy đơn vị trong phạm vi của bạn.');
      }
      const { items, total } = await repo.list(principal.scope.path, filter);
      return {
        total,
        items: items.map((row) => ({
          id: row.id,
          at: row.at.toISOString(),
          actor: row.actor_id === null ? null : { id: row.actor_id, username: row.actor_username ?? '', displayName: row.actor_name ?? '' },
          action: row.action,
          entityType: row.entity_type,
          entityId: row.entity_id,
          unit: row.unit_id === null ? null : { id: row.unit_id, name: row.unit_name ?? '' },
          before: row.before,
          after: row.after,
          requestId: row.request_id,
        })),
      };
    },
  };
}

export type AuditService = ReturnType<typeof auditService>;
