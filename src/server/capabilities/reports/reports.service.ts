import { DOCUMENT_TYPE_INFO, formatDocumentSymbol, issuerCodeForUnit, termFor } from '../../../shared/domain/documents';
import { INDICATORS, type ResolvedPeriod } from '../../../shared/domain/indicators';
import {
  type IndicatorValues,
  committeeName,
  defaultRecipients,
  reportPlace,
  reportText,
  signatureOnBehalf,
} from '../../../shared/domain/report-text';
import type { UnitKind } from '../../../shared/domain/units';
import type { DashboardQuery } from '../../../shared/schemas/dashboard';
import {
  REPORT_ASSESSMENT_HEADING,
  REPORT_SECTION_HEADINGS,
  type ReportDocx,
  type ReportDraft,
  type ReportNumbering,
  type reportDraftBodySchema,
} from '../../../shared/schemas/reports';
import type { z } from 'zod';
import type { Db } from '../../db/connect';
import { auditContext, recordAudit } from '../../http/audit';
import type { Clock } from '../../http/clock';
import { Forbidden, NotFound } from '../../http/errors';
import { isInScope } from '../../http/policies';
import type { Principal, RequestContext } from '../../http/principal';
import { documentsRepository } from '../documents/documents.repository';
import { writeReportAppendix } from './report-appendix';
import { reportDocx } from './report-docx';
import { reportsRepository } from './reports.repository';

type DraftBody = z.output<typeof reportDraftBodySchema>;

/** The figures of a report, read from the dashboard's computation (the one place indicators are computed). */
export interface ReportFigures {
  today: string;
  period: ResolvedPeriod;
  previousPeriod: ResolvedPeriod;
  previousYear: ResolvedPeriod;
  current: IndicatorValues;
  previous: IndicatorValues;
  lastYear: IndicatorValues;
  children: { unitId: number; name: string; kind: UnitKind; values: IndicatorValues }[];
}

/** Computes the figures of a unit in the caller's scope (the unit has been checked already). */
export type ReportFiguresSource = (principal: Principal, query: DashboardQuery) => Promise<ReportFigures>;

const UNIT_NOT_FOUND = 'Không tìm thấy đơn vị, hoặc đơn vị nằm ngoài phạm vi của bạn.';
const MEMBERS_REFUSED = 'Đảng viên không lập báo cáo: chức năng này dành cho cán bộ giúp việc và bí thư chi bộ.';

/** "Quý II/2012" → "Quý II-2012": no slash in a file name. */
const fileSafe = (text: string) => text.replace(/[/\\:*?"<>|]+/gu, '-').trim();

export function reportsService(db: Db, figuresOf: ReportFiguresSource, clock: Clock) {
  const repo = reportsRepository(db);
  const documents = documentsRepository(db);

  /** Members never write reports (403); a unit outside the caller's scope is not found (404). */
  async function reportUnit(principal: Principal, unitId: number) {
    if (principal.role === 'member') throw Forbidden(MEMBERS_REFUSED);
    const unit = await repo.unit(unitId);
    if (!unit || !isInScope(principal, unit.path)) throw NotFound(UNIT_NOT_FOUND);
    return { ...unit, kind: unit.kind as UnitKind };
  }

  /** The next free BC number of the unit's committee in the term of `date`; null when no term covers it. */
  async function numbering(unit: { id: number; kind: UnitKind; name: string }, date: string): Promise<ReportNumbering | null> {
    const issuerCode = issuerCodeForUnit(unit);
    const typeSymbol = DOCUMENT_TYPE_INFO.report.symbol;
    const terms = (await documents.terms()).map((t) => ({ ...t, startsOn: t.starts_on, endsOn: t.ends_on }));
    const term = termFor(terms, date);
    if (!term) return null;
    const number = (await documents.highestNumber({ ownerUnitId: unit.id, issuerCode, typeSymbol, termId: term.id })) + 1;
    return { number, symbol: formatDocumentSymbol(number, typeSymbol, issuerCode), issuerCode, termName: term.name };
  }

  return {
    async draft(principal: Principal, body: DraftBody): Promise<ReportDraft> {
      const unit = await reportUnit(principal, body.query.unitId);
      const date = body.date ?? clock.today();
      const [figures, lineage, suggested, secretary] = await Promise.all([
        figuresOf(principal, body.query),
        repo.lineage(unit.path),
        numbering(unit, date),
        repo.secretary(unit.id, date),
      ]);
      const line = lineage.map((u) => ({ name: u.name, kind: u.kind as UnitKind }));
      const parent = line.length > 1 ? (line[line.length - 2] ?? null) : null;
      const text = reportText({
        unit,
        period: figures.period,
        today: figures.today,
        values: figures.current,
        previousYear: figures.lastYear,
        children: figures.children,
      });
      const fallbackNumber = `…-${DOCUMENT_TYPE_INFO.report.symbol}/${issuerCodeForUnit(unit)}`;
      return {
        unit: { id: unit.id, name: unit.name, kind: unit.kind },
        period: { from: figures.period.from, to: figures.period.to, year: figures.period.year, label: figures.period.label },
        header: {
          superiorBody: parent ? parent.name.toLocaleUpperCase('vi') : '',
          issuingBody: committeeName(unit).toLocaleUpperCase('vi'),
          number: body.number ?? suggested?.symbol ?? fallbackNumber,
          place: body.place ?? reportPlace(line),
          date,
        },
        title: 'BÁO CÁO',
        summary: text.summary,
        introduction: text.introduction,
        assessmentHeading: REPORT_ASSESSMENT_HEADING,
        sections: text.sections.map((section) => ({ key: section.key, heading: REPORT_SECTION_HEADINGS[section.key], text: section.text })),
        signature: { onBehalf: signatureOnBehalf(unit.kind), position: 'BÍ THƯ', signer: secretary ?? '' },
        recipients: defaultRecipients(unit, parent, unit.child_count > 0),
        numbering: suggested,
        figures: INDICATORS.flatMap((definition) => {
          const value = figures.current[definition.key];
          return value ? [{ key: definition.key, name: definition.name, numerator: value.numerator, denominator: value.denominator }] : [];
        }),
      };
    },

    /** The officer's edited draft as a Word file; the generation is audited (nothing else is written). */
    async docx(context: RequestContext, body: ReportDocx): Promise<{ fileName: string; body: Buffer }> {
      const unit = await reportUnit(context.principal, body.unitId);
      const file = await reportDocx(body);
      await recordAudit(db, auditContext(context), {
        action: 'report.generated',
        entityType: 'report',
        entityId: null,
        unit: { id: unit.id, path: unit.path },
        after: {
          number: body.header.number,
          date: body.header.date,
          title: body.title,
          summary: body.summary,
          period: body.periodLabel ?? null,
          sections: body.sections.map((section) => section.heading),
          bytes: file.length,
        },
      });
      const period = body.periodLabel ? ` ${body.periodLabel}` : '';
      return { fileName: fileSafe(`Báo cáo${period} - ${committeeName(unit)}`) + '.docx', body: file };
    },

    /** The statistics appendix (Excel) of the unit and period. */
    async appendix(principal: Principal, query: DashboardQuery): Promise<{ fileName: string; body: Buffer }> {
      const unit = await reportUnit(principal, query.unitId);
      const figures = await figuresOf(principal, query);
      const file = await writeReportAppendix({
        unit,
        period: figures.period,
        previousPeriod: figures.previousPeriod,
        previousYear: figures.previousYear,
        today: figures.today,
        current: figures.current,
        previous: figures.previous,
        lastYear: figures.lastYear,
        children: figures.children,
      });
      return { fileName: fileSafe(`Phụ lục số liệu ${figures.period.label} - ${committeeName(unit)}`) + '.xlsx', body: file };
    },
  };
}

export type ReportsService = ReturnType<typeof reportsService>;
