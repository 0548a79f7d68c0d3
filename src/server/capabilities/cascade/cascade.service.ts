import { addDays, daysBetween } from '../../../shared/domain/timeliness';
import { viCollator } from '../../../shared/domain/text';
import type { UnitKind } from '../../../shared/domain/units';
import type { DocumentType } from '../../../shared/domain/documents';
import type { CascadeView, UpcomingList, cascadeExportQuerySchema, cascadeQuerySchema, upcomingQuerySchema } from '../../../shared/schemas/cascade';
import type { z } from 'zod';
import type { Db } from '../../db/connect';
import { todayInVietnam } from '../../http/clock';
import { NotFound, Validation } from '../../http/errors';
import { isInScope } from '../../http/policies';
import type { Principal } from '../../http/principal';
import { presentDocumentSummary } from '../documents/documents.presenter';
import type { DocumentsService } from '../documents/documents.service';
import { writeCascadeSheet } from './cascade-sheet';
import { countsOf, presentNode, presentObligation } from './cascade.presenter';
import { cascadeRepository } from './cascade.repository';

const UNIT_NOT_FOUND = 'Không tìm thấy đơn vị, hoặc đơn vị nằm ngoài phạm vi của bạn.';
const EXPORT_LIMIT = 100_000;
const UPCOMING_LIMIT = 500;

export function cascadeService(db: Db, documents: DocumentsService) {
  const repo = cascadeRepository(db);

  async function viewedUnit(principal: Principal, unitId: number | undefined) {
    const unit = await repo.unit(unitId ?? principal.scope.id);
    if (!unit || !isInScope(principal, unit.path)) throw NotFound(UNIT_NOT_FOUND);
    return unit;
  }

  return {
    /** The state of every unit that must act under a document's cascade, rolled up one level at a time. */
    async view(principal: Principal, query: z.output<typeof cascadeQuerySchema>): Promise<CascadeView> {
      const [document, unit] = await Promise.all([documents.visible(principal, query.documentId), viewedUnit(principal, query.unitId)]);
      const today = todayInVietnam();
      const rows = await repo.nodeCounts(document.lineage, unit.id, today);
      const byNode = new Map(rows.map((row) => [row.node, row]));
      let childIds = rows.map((row) => row.node).filter((id) => id !== unit.id);
      if (query.overdueOnly) {
        childIds = childIds.filter((id) => {
          const counts = countsOf(byNode.get(id));
          return counts.counts.overdue + counts.conferenceCounts.overdue > 0;
        });
      }
      const ancestorIds = unit.path.split('.').map(Number).slice(principal.scope.path.split('.').length - 1, -1);
      const [children, ancestors, obligations] = await Promise.all([
        repo.units(childIds),
        repo.units(ancestorIds),
        repo.obligationsOf(document.lineage, [unit.id, ...childIds]),
      ]);
      const ownOf = (id: number) => obligations.filter((o) => o.unit_id === id).map((o) => presentObligation(o, today));
      const total = byNode.get(unit.id);
      children.sort((a, b) => viCollator.compare(a.name, b.name));
      const depthOf = (path: string) => path.split('.').length;
      ancestors.sort((a, b) => depthOf(a.path) - depthOf(b.path));
      return {
        document: presentDocumentSummary(document),
        ancestors: ancestors.map((a) => ({ id: a.id, name: a.name })),
        unit: presentNode(unit, total, ownOf(unit.id)),
        children: children.map((child) => presentNode(child, byNode.get(child.id), ownOf(child.id))),
        today,
      };
    },

    async export(principal: Principal, query: z.output<typeof cascadeExportQuerySchema>): Promise<{ fileName: string; body: Buffer }> {
      const [document, unit] = await Promise.all([documents.visible(principal, query.documentId), viewedUnit(principal, query.unitId)]);
      const today = todayInVietnam();
      const rows = await repo.exportRows(document.lineage, unit.path, EXPORT_LIMIT + 1);
      if (rows.length > EXPORT_LIMIT) throw Validation(`Quá ${EXPORT_LIMIT.toLocaleString('vi-VN')} dòng: hãy chọn đơn vị nhỏ hơn để xuất.`);
      const body = await writeCascadeSheet(
        `Tiến độ triển khai ${document.symbol} — ${unit.name} (tính đến ${today.split('-').reverse().join('/')})`,
        rows.map((row) => ({ unitName: row.unit_name, unitKind: row.unit_kind, parentUnitName: row.parent_unit_name, obligation: presentObligation(row, today) })),
      );
      return { fileName: `tien-do-${document.symbol.replace(/[/]/gu, '-')}.xlsx`, body };
    },

    async upcoming(principal: Principal, query: z.output<typeof upcomingQuerySchema>): Promise<UpcomingList> {
      const unit = await viewedUnit(principal, query.unitId);
      const today = todayInVietnam();
      const rows = await repo.upcoming(unit.path, today, addDays(today, query.days), UPCOMING_LIMIT);
      return {
        today,
        items: rows.map((row) => ({
          unit: { id: row.unit_id, name: row.unit_name, kind: row.unit_kind as UnitKind },
          action: row.action,
          requiredType: row.required_type as DocumentType,
          parentDocument: { id: row.parent_id, symbol: row.parent_symbol, title: row.parent_title },
          dueOn: row.due_on,
          daysLeft: daysBetween(today, row.due_on),
        })),
      };
    },
  };
}

export type CascadeService = ReturnType<typeof cascadeService>;
