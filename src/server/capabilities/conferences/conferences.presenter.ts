import { type ConferenceForm, coverageRatio } from '../../../shared/domain/direction';
import type { DocumentType } from '../../../shared/domain/documents';
import type { UnitKind } from '../../../shared/domain/units';
import type { ConferenceDetail, ConferenceDocument, ConferenceSummary, CoverageRow } from '../../../shared/schemas/conferences';
import type { StoredFile } from '../../../shared/schemas/files';
import type { ConferenceDocumentRow, ConferenceRow, CoverageSums } from './conferences.repository';

export function presentConferenceDocument(row: Omit<ConferenceDocumentRow, 'conference_id'>): ConferenceDocument {
  return { id: row.id, symbol: row.symbol, title: row.title, docType: row.doc_type as DocumentType, issuedOn: row.issued_on };
}

export function presentConferenceSummary(row: ConferenceRow, documents: ConferenceDocumentRow[]): ConferenceSummary {
  return {
    id: row.id,
    unit: { id: row.unit_id, name: row.unit_name, kind: row.unit_kind as UnitKind },
    heldOn: row.held_on,
    form: row.form as ConferenceForm,
    expectedCadres: row.expected_cadres,
    attendedCadres: row.attended_cadres,
    expectedMembers: row.expected_members,
    attendedMembers: row.attended_members,
    documents: documents.map(presentConferenceDocument),
    hasMinutes: row.minutes_file_id !== null,
  };
}

export function presentConferenceDetail(
  row: ConferenceRow,
  extra: { documents: ConferenceDocumentRow[]; minutesFile: StoredFile | null; can: ConferenceDetail['can'] },
): ConferenceDetail {
  return {
    ...presentConferenceSummary(row, extra.documents),
    note: row.note,
    minutesFile: extra.minutesFile,
    version: row.version,
    can: extra.can,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export function presentCoverageRow(unit: { id: number; name: string; kind: string }, sums: CoverageSums): CoverageRow {
  return {
    unit: { id: unit.id, name: unit.name, kind: unit.kind as UnitKind },
    conferences: sums.conferences,
    expectedCadres: sums.expected_cadres,
    attendedCadres: sums.attended_cadres,
    expectedMembers: sums.expected_members,
    attendedMembers: sums.attended_members,
    cadreRatio: coverageRatio(sums.attended_cadres, sums.expected_cadres),
    memberRatio: coverageRatio(sums.attended_members, sums.expected_members),
  };
}

/** The fields of a conference the audit log records. */
export function auditedConference(row: ConferenceRow, documents: { symbol: string }[]) {
  return {
    unitId: row.unit_id,
    heldOn: row.held_on,
    form: row.form,
    expectedCadres: row.expected_cadres,
    attendedCadres: row.attended_cadres,
    expectedMembers: row.expected_members,
    attendedMembers: row.attended_members,
    documents: documents.map((d) => d.symbol),
    note: row.note,
    minutesFileId: row.minutes_file_id,
  };
}
