import { sql } from 'kysely';
import type { Db } from '../../db/connect';
import type { AuditQuery } from '../../../shared/schemas/audit';

export function auditRepository(db: Db) {
  return {
    async list(withinPath: string, filter: AuditQuery) {
      let query = db
        .selectFrom('audit_log as l')
        .leftJoin('account as a', 'a.id', 'l.actor_id')
        .leftJoin('unit as u', 'u.id', 'l.unit_id')
        .where(sql<boolean>`l.unit_path <@ ${withinPath}::ltree`);
      if (filter.unitId !== undefined) {
        query = query.where(sql<boolean>`l.unit_path <@ (SELECT path FROM unit WHERE id = ${filter.unitId})`);
      }
      if (filter.actorId !== undefined) query = query.where('l.actor_id', '=', filter.actorId);
      if (filter.entityType) query = query.where('l.entity_type', '=', filter.entityType);
      if (filter.action) query = query.where('l.action', '=', filter.action);
      if (filter.from) query = query.where('l.at', '>=', sql<Date>`${filter.from}::date`);
      if (filter.to) query = query.where('l.at', '<', sql<Date>`${filter.to}::date + 1`);
      const [items, total] = await Promise.all([
        query
          .select([
            'l.id',
            'l.at',
            'l.action',
            'l.entity_type',
            'l.entity_id',
            'l.before',
            'l.after',
            'l.request_id',
            'a.id as actor_id',
            'a.username as actor_username',
            'a.display_name as actor_name',
            'u.id as unit_id',
            'u.name as unit_name',
          ])
          .orderBy('l.at', 'desc')
          .orderBy('l.id', 'desc')
          .limit(filter.pageSize)
          .offset((filter.page - 1) * filter.pageSize)
          .execute(),
        query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { items, total: Number(total.n) };
    },

    unitPath(id: number) {
      return db.selectFrom('unit').select(sql<string>`path::text`.as('path')).where('id', '=', id).executeTakeFirst();
    },
  };
}
