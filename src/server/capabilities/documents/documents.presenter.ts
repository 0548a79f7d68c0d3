import type { DocumentType } from '../../../shared/domain/documents';
import { emptyCounts, type TimelinessState } from '../../../shared/domain/timeliness';
import type { UnitKind } from '../../../shared/domain/units';
import type { DocumentSummary, Requirement } from '../../../shared/schemas/documents';
import type { DocumentRow } from './documents.repository';
import type { RequirementRow } from './requirements.repository';

export function presentDocumentSummary(row: DocumentRow): DocumentSummary {
  return {
    id: row.id,
    symbol: row.symbol,
    docType: row.doc_type as DocumentType,
    issuedOn: row.issued_on,
    title: row.title,
    issuer: { unitId: row.issuer_unit_id, name: row.issuer_name, code: row.issuer_code },
    campaignId: row.campaign_id,
    implementsId: row.implements_id,
    hasFile: row.file_id !== null,
    requirementCount: Number(row.requirement_count ?? 0),
  };
}

/** What the audit log keeps of a document. */
export function auditedDocument(row: Pick<DocumentRow, 'symbol' | 'doc_type' | 'issued_on' | 'title' | 'signer' | 'implements_id' | 'campaign_id' | 'file_id' | 'issuer_name'>) {
  return {
    symbol: row.symbol,
    docType: row.doc_type,
    issuedOn: row.issued_on,
    title: row.title,
    signer: row.signer,
    implementsId: row.implements_id,
    campaignId: row.campaign_id,
    fileId: row.file_id,
    issuer: row.issuer_name,
  };
}

export function auditedRequirement(row: RequirementRow) {
  return {
    targetKinds: row.target_kinds,
    requiredType: row.required_type,
    days: row.days,
    workingDays: row.working_days,
    dueOn: row.due_on,
    conferenceDays: row.conference_days,
    conferenceDueOn: row.conference_due_on,
  };
}

export interface RequirementCounts {
  requirement_id: number;
  state: string;
  conference_state: string | null;
  n: number;
}

export function presentRequirement(row: RequirementRow, counts: RequirementCounts[], canEdit: boolean): Requirement {
  const documents = emptyCounts();
  const conferences = row.conference_due_on === null ? null : emptyCounts();
  for (const count of counts) {
    if (count.requirement_id !== row.id) continue;
    documents[count.state as TimelinessState] += count.n;
    if (conferences && count.conference_state) conferences[count.conference_state as TimelinessState] += count.n;
  }
  return {
    id: row.id,
    documentId: row.document_id,
    targetKinds: row.target_kinds as UnitKind[],
    requiredType: row.required_type as DocumentType,
    days: row.days,
    workingDays: row.working_days,
    dueOn: row.due_on,
    conferenceDays: row.conference_days,
    conferenceDueOn: row.conference_due_on,
    counts: documents,
    conferenceCounts: conferences,
    version: row.version,
    can: { edit: canEdit },
  };
}
