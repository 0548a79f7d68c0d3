import { sql } from 'kysely';
import { foldForSearch } from '../../../shared/domain/text';
import { ALLOWED_CHILD_KINDS, UNIT_KIND_LABELS, isGrassrootsKind, type UnitKind } from '../../../shared/domain/units';
import type { CloseUnitBody, CreateUnitBody, MoveUnitBody, UnitDetail, UnitSearchHit, UpdateUnitBody } from '../../../shared/schemas/units';
import type { Db } from '../../db/connect';
import { auditContext, recordAudit } from '../../http/audit';
import { Conflict, Forbidden, NotFound, STALE_VERSION_MESSAGE, Validation } from '../../http/errors';
import {
  canCreateChild,
  canEditTree,
  canEditUnit,
  canMoveOrClose,
  canViewUnit,
  type ScopedUnit,
} from '../../http/policies';
import type { Principal, RequestContext } from '../../http/principal';
import { auditedUnit, presentUnitDetail, presentUnitSummary } from './units.presenter';
import { type UnitRow, unitsRepository } from './units.repository';

/** Structural changes (create, move) take this lock so two of them never interleave on the paths. */
const TREE_LOCK = 734_201;

export function unitsService(db: Db) {
  const repo = unitsRepository(db);

  async function visibleUnit(principal: Principal, id: number, repository = repo, forUpdate = false): Promise<UnitRow> {
    const unit = await repository.findById(id, forUpdate);
    // Out of scope answers exactly like "does not exist", so nothing leaks about other subtrees.
    if (!unit || !canViewUnit(principal, unit)) throw NotFound('Không tìm thấy đơn vị, hoặc đơn vị nằm ngoài phạm vi bạn được xem.');
    return unit;
  }

  async function detail(principal: Principal, unit: UnitRow, repository = repo): Promise<UnitDetail> {
    const [ancestors, children] = await Promise.all([
      repository.ancestors(unit.path, principal.scope.path.split('.').length - 1),
      repository.children(unit.id, true),
    ]);
    const policyUnit = scoped(unit);
    return presentUnitDetail(unit, {
      ancestors,
      children,
      can: {
        edit: canEditUnit(principal, policyUnit),
        createChild: canCreateChild(principal, policyUnit),
        move: canMoveOrClose(principal, policyUnit),
        close: canMoveOrClose(principal, policyUnit),
      },
    });
  }

  function requireVersion(unit: UnitRow, version: number): void {
    if (unit.version !== version) throw Conflict(STALE_VERSION_MESSAGE);
  }

  return {
    async get(principal: Principal, id: number): Promise<UnitDetail> {
      return detail(principal, await visibleUnit(principal, id));
    },

    async children(principal: Principal, id: number, includeClosed: boolean) {
      const unit = await visibleUnit(principal, id);
      return (await repo.children(unit.id, includeClosed)).map(presentUnitSummary);
    },

    async search(principal: Principal, query: { q: string; within?: number | undefined; includeClosed: boolean; limit: number }): Promise<UnitSearchHit[]> {
      const within = query.within === undefined ? principal.scope : await visibleUnit(principal, query.within);
      const folded = foldForSearch(query.q);
      if (folded.length === 0) return [];
      const hits = await repo.search(folded, within.path, query.includeClosed, query.limit);
      const scopeDepth = principal.scope.path.split('.').length - 1;
      const ancestorIds = new Set<number>();
      const pathIds = hits.map((hit) => hit.path.split('.').map(Number).slice(scopeDepth, -1));
      for (const ids of pathIds) for (const id of ids) ancestorIds.add(id);
      const names = new Map((await repo.namesByIds([...ancestorIds])).map((row) => [row.id, row.name]));
      return hits.map((hit, index) => ({
        id: hit.id,
        name: hit.name,
        kind: hit.kind as UnitKind,
        closedOn: hit.valid_to,
        path: (pathIds[index] ?? []).map((id) => names.get(id) ?? ''),
      }));
    },

    async create(context: RequestContext, body: CreateUnitBody): Promise<UnitDetail> {
      const { principal } = context;
      if (!canEditTree(principal)) throw Forbidden('Vai trò của bạn không được thêm đơn vị.');
      return db.transaction().execute(async (tx) => {
        const txRepo = unitsRepository(tx);
        await sql`SELECT pg_advisory_xact_lock(${TREE_LOCK})`.execute(tx);
        const parent = await visibleUnit(principal, body.parentId, txRepo, true);
        if (!canCreateChild(principal, scoped(parent))) {
          throw parent.valid_to
            ? Validation('Đơn vị cấp trên đã đóng, không thể thêm đơn vị trực thuộc.')
            : Forbidden('Bạn không được thêm đơn vị trực thuộc đơn vị này.');
        }
        assertChildKind(parent.kind as UnitKind, body.kind);
        if (body.code && (await txRepo.codeTaken(body.code))) throw Conflict(`Mã đơn vị "${body.code}" đã được dùng cho đơn vị khác.`);
        if (body.validFrom && body.validFrom < parent.valid_from) {
          throw Validation('Ngày thành lập không được trước ngày thành lập của đơn vị cấp trên.');
        }
        const id = await txRepo.insert({
          parent,
          name: body.name,
          searchName: foldForSearch(body.name),
          kind: body.kind,
          isGrassroots: isGrassrootsKind(body.kind),
          code: body.code ?? null,
          sector: body.sector ?? null,
          validFrom: body.validFrom,
        });
        const created = await visibleUnit(principal, id, txRepo);
        await recordAudit(tx, auditContext(context), {
          action: 'unit.create',
          entityType: 'unit',
          entityId: id,
          unit: { id, path: created.path },
          after: auditedUnit(created),
        });
        return detail(principal, created, txRepo);
      });
    },

    async update(context: RequestContext, id: number, body: UpdateUnitBody): Promise<UnitDetail> {
      const { principal } = context;
      return db.transaction().execute(async (tx) => {
        const txRepo = unitsRepository(tx);
        const unit = await visibleUnit(principal, id, txRepo, true);
        if (!canEditUnit(principal, scoped(unit))) {
          throw unit.valid_to ? Validation('Đơn vị đã đóng, không sửa được nữa.') : Forbidden('Bạn không được sửa đơn vị này.');
        }
        requireVersion(unit, body.version);
        if (body.code !== undefined && (await txRepo.codeTaken(body.code, unit.id))) {
          throw Conflict(`Mã đơn vị "${body.code}" đã được dùng cho đơn vị khác.`);
        }
        const set = {
          ...(body.name !== undefined ? { name: body.name, search_name: foldForSearch(body.name) } : {}),
          ...(body.code !== undefined ? { code: body.code } : {}),
          ...(body.sector !== undefined ? { sector: body.sector } : {}),
        };
        if (!(await txRepo.update(unit.id, body.version, set))) throw Conflict(STALE_VERSION_MESSAGE);
        const updated = await visibleUnit(principal, id, txRepo);
        await recordAudit(tx, auditContext(context), {
          action: 'unit.update',
          entityType: 'unit',
          entityId: id,
          unit: { id, path: updated.path },
          before: auditedUnit(unit),
          after: auditedUnit(updated),
        });
        return detail(principal, updated, txRepo);
      });
    },

    async move(context: RequestContext, id: number, body: MoveUnitBody): Promise<UnitDetail> {
      const { principal } = context;
      return db.transaction().execute(async (tx) => {
        const txRepo = unitsRepository(tx);
        await sql`SELECT pg_advisory_xact_lock(${TREE_LOCK})`.execute(tx);
        const unit = await visibleUnit(principal, id, txRepo, true);
        if (!canMoveOrClose(principal, scoped(unit))) {
          throw unit.valid_to ? Validation('Đơn vị đã đóng, không chuyển được.') : Forbidden('Bạn không được chuyển đơn vị này.');
        }
        requireVersion(unit, body.version);
        const newParent = await visibleUnit(principal, body.newParentId, txRepo, true);
        if (newParent.path === unit.path || newParent.path.startsWith(`${unit.path}.`)) {
          throw Validation('Không thể chuyển một đơn vị vào chính nó hoặc vào đơn vị trực thuộc của nó.');
        }
        if (newParent.id === unit.parent_id) throw Validation('Đơn vị đã trực thuộc đơn vị này rồi.');
        if (newParent.valid_to) throw Validation('Không thể chuyển vào một đơn vị đã đóng.');
        assertChildKind(newParent.kind as UnitKind, unit.kind as UnitKind);
        const oldParentName = unit.parent_id === null ? null : ((await txRepo.findById(unit.parent_id))?.name ?? null);
        await txRepo.moveSubtree(unit, newParent);
        const moved = await visibleUnit(principal, id, txRepo);
        await recordAudit(tx, auditContext(context), {
          action: 'unit.move',
          entityType: 'unit',
          entityId: id,
          unit: { id, path: moved.path },
          before: { parentId: unit.parent_id, parentName: oldParentName },
          after: { parentId: newParent.id, parentName: newParent.name },
        });
        return detail(principal, moved, txRepo);
      });
    },

    async close(context: RequestContext, id: number, body: CloseUnitBody): Promise<UnitDetail> {
      const { principal } = context;
      return db.transaction().execute(async (tx) => {
        const txRepo = unitsRepository(tx);
        const unit = await visibleUnit(principal, id, txRepo, true);
        if (!canMoveOrClose(principal, scoped(unit))) {
          throw unit.valid_to ? Validation('Đơn vị đã đóng từ trước.') : Forbidden('Bạn không được đóng đơn vị này.');
        }
        requireVersion(unit, body.version);
        if (body.closedOn < unit.valid_from) throw Validation('Ngày đóng không được trước ngày thành lập đơn vị.');
        if (await txRepo.hasOpenChildren(unit.id)) {
          throw Validation('Đơn vị còn đơn vị trực thuộc đang hoạt động. Hãy chuyển hoặc đóng các đơn vị đó trước.');
        }
        if (unit.direct_member_count > 0) {
          throw Validation(`Đơn vị còn ${unit.direct_member_count} đảng viên đang sinh hoạt. Hãy chuyển sinh hoạt đảng cho họ trước.`);
        }
        if (!(await txRepo.update(unit.id, body.version, { valid_to: body.closedOn }))) throw Conflict(STALE_VERSION_MESSAGE);
        const closed = await visibleUnit(principal, id, txRepo);
        await recordAudit(tx, auditContext(context), {
          action: 'unit.close',
          entityType: 'unit',
          entityId: id,
          unit: { id, path: closed.path },
          before: auditedUnit(unit),
          after: auditedUnit(closed),
        });
        return detail(principal, closed, txRepo);
      });
    },
  };
}

/** The fields the scope policies read. */
function scoped(unit: UnitRow): ScopedUnit {
  return { path: unit.path, kind: unit.kind as UnitKind, valid_to: unit.valid_to };
}

function assertChildKind(parentKind: UnitKind, childKind: UnitKind): void {
  if (!ALLOWED_CHILD_KINDS[parentKind].includes(childKind)) {
    const allowed = ALLOWED_CHILD_KINDS[parentKind].map((kind) => UNIT_KIND_LABELS[kind]).join(', ');
    throw Validation(
      allowed
        ? `${UNIT_KIND_LABELS[childKind]} không thể trực thuộc ${UNIT_KIND_LABELS[parentKind]}. Chỉ được: ${allowed}.`
        : `${UNIT_KIND_LABELS[parentKind]} không có đơn vị trực thuộc.`,
    );
  }
}

export type UnitsService = ReturnType<typeof unitsService>;
