import { type Insertable, type Updateable, sql } from 'kysely';
import type { Db } from '../../db/connect';
import type { CampaignYearRuleTable, PilotTable, PressingIssueTable } from '../../db/schema';

export function pilotsRepository(db: Db) {
  const pilots = () =>
    db
      .selectFrom('pilot as p')
      .innerJoin('unit as c', 'c.id', 'p.committee_unit_id')
      .innerJoin('unit as t', 't.id', 'p.target_unit_id')
      .selectAll('p')
      .select(['c.name as committee_name', 'c.kind as committee_kind', sql<string>`c.path::text`.as('committee_path'), 't.name as target_name', 't.kind as target_kind']);
  const issues = () =>
    db
      .selectFrom('pressing_issue as i')
      .innerJoin('unit as c', 'c.id', 'i.committee_unit_id')
      .leftJoin('stored_file as f', 'f.id', 'i.evidence_file_id')
      .selectAll('i')
      .select(['c.name as committee_name', 'c.kind as committee_kind', sql<string>`c.path::text`.as('committee_path'), 'f.name as file_name', 'f.media_type as file_media_type', 'f.size as file_size']);

  return {
    unit: (id: number) => db.selectFrom('unit').select(['id', sql<string>`path::text`.as('path'), 'name', 'kind', 'valid_to']).where('id', '=', id).executeTakeFirst(),
    lockUnit: (id: number) => db.selectFrom('unit').select('id').where('id', '=', id).forNoKeyUpdate().execute(),
    /** District-level and affiliated committees at or below `path`. */
    committees: (path: string, kinds: readonly string[]) =>
      db
        .selectFrom('unit')
        .select(['id', sql<string>`path::text`.as('path'), 'name', 'kind'])
        .where(sql<boolean>`path <@ ${path}::ltree`)
        .where('kind', 'in', [...kinds])
        .where('valid_to', 'is', null)
        .execute(),

    rule: (rootId: number, year: number) => db.selectFrom('campaign_year_rule').selectAll().where('unit_id', '=', rootId).where('year', '=', year).executeTakeFirst(),
    insertRule: (values: Insertable<CampaignYearRuleTable>) => db.insertInto('campaign_year_rule').values(values).execute(),
    updateRule: (id: number, values: Updateable<CampaignYearRuleTable>) =>
      db
        .updateTable('campaign_year_rule')
        .set((eb) => ({ ...values, version: eb('version', '+', 1), updated_at: new Date() }))
        .where('id', '=', id)
        .execute(),

    async pilot(id: number, forUpdate = false) {
      if (forUpdate) await db.selectFrom('pilot').select('id').where('id', '=', id).forUpdate().execute();
      return pilots().where('p.id', '=', id).executeTakeFirst();
    },
    pilotsOf: (committeeIds: number[], year: number) =>
      committeeIds.length === 0 ? Promise.resolve([]) : pilots().where('p.committee_unit_id', 'in', committeeIds).where('p.year', '=', year).orderBy('p.id').execute(),
    insertPilot: (values: Insertable<PilotTable>) => db.insertInto('pilot').values(values).returning('id').executeTakeFirstOrThrow(),
    updatePilot: (id: number, values: Updateable<PilotTable>) =>
      db
        .updateTable('pilot')
        .set((eb) => ({ ...values, version: eb('version', '+', 1), updated_at: new Date() }))
        .where('id', '=', id)
        .execute(),
    deletePilot: (id: number) => db.deleteFrom('pilot').where('id', '=', id).execute(),
    notes: (pilotIds: number[]) =>
      pilotIds.length === 0
        ? Promise.resolve([])
        : db
            .selectFrom('pilot_note as n')
            .leftJoin('account as a', 'a.id', 'n.posted_by')
            .select(['n.id', 'n.pilot_id', 'n.noted_on', 'n.note', 'a.display_name as posted_by'])
            .where('n.pilot_id', 'in', pilotIds)
            .orderBy('n.noted_on', 'desc')
            .orderBy('n.id', 'desc')
            .execute(),
    insertNote: (values: { pilot_id: number; noted_on: string; note: string; posted_by: number }) => db.insertInto('pilot_note').values(values).returning('id').executeTakeFirstOrThrow(),

    async issue(id: number, forUpdate = false) {
      if (forUpdate) await db.selectFrom('pressing_issue').select('id').where('id', '=', id).forUpdate().execute();
      return issues().where('i.id', '=', id).executeTakeFirst();
    },
    issuesOf: (committeeIds: number[], year: number) =>
      committeeIds.length === 0 ? Promise.resolve([]) : issues().where('i.committee_unit_id', 'in', committeeIds).where('i.year', '=', year).orderBy('i.id').execute(),
    insertIssue: (values: Insertable<PressingIssueTable>) => db.insertInto('pressing_issue').values(values).returning('id').executeTakeFirstOrThrow(),
    updateIssue: (id: number, values: Updateable<PressingIssueTable>) =>
      db
        .updateTable('pressing_issue')
        .set((eb) => ({ ...values, version: eb('version', '+', 1), updated_at: new Date() }))
        .where('id', '=', id)
        .execute(),
    milestones: (issueIds: number[]) =>
      issueIds.length === 0 ? Promise.resolve([]) : db.selectFrom('pressing_issue_milestone').selectAll().where('issue_id', 'in', issueIds).orderBy('issue_id').orderBy('number').execute(),
    async replaceMilestones(issueId: number, milestones: { title: string; dueOn: string; weight: number; progress: number; doneOn?: string | null | undefined }[]) {
      await db.deleteFrom('pressing_issue_milestone').where('issue_id', '=', issueId).execute();
      if (milestones.length === 0) return;
      await db
        .insertInto('pressing_issue_milestone')
        .values(milestones.map((m, index) => ({ issue_id: issueId, number: index + 1, title: m.title, due_on: m.dueOn, weight: m.weight, progress: m.progress, done_on: m.doneOn ?? null })))
        .execute();
    },
  };
}

export type PilotsRepository = ReturnType<typeof pilotsRepository>;
export type PilotRow = NonNullable<Awaited<ReturnType<PilotsRepository['pilot']>>>;
export type IssueRow = NonNullable<Awaited<ReturnType<PilotsRepository['issue']>>>;
