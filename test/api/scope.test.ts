import type { InjectOptions } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestContext, databaseFingerprint, loggedIn, setupApp } from '../helpers/app';
import { XLSX_MIME } from '../../src/shared/domain/member-sheet';
import { type TestUnit, createAccount, createConference, createDocument, createExemplar, createExemplarPhoto, createHelperUnit, createMember, createRequirement, createTree, createUnit } from '../helpers/factories';

/**
 * Every API route, visited by callers who must be refused: nobody logged in, and users whose scope
 * does not cover the resource the request names. The route list comes from the app itself, so a new
 * endpoint fails this test until it gets a probe below.
 */

interface Fixtures {
  /** A unit the caller must not reach, and one inside the caller's scope. */
  outside: TestUnit;
  inside: TestUnit;
  outsideAccountId: number;
  /** A member of a cell outside the caller's scope, and a cell inside it. */
  outsideMemberId: number;
  insideCell: TestUnit;
  outsideImportId: number;
  /** Direction records of an outside unit: a document with a requirement, a conference, a helper unit. */
  outsideDocumentId: number;
  outsideRequirementId: number;
  outsideConferenceId: number;
  outsideHelperUnitId: number;
  outsideCampaignId: number;
  /** A cell outside the scope with a study topic and a meeting. */
  outsideCellId: number;
  outsideTopicId: number;
  outsideMeetingId: number;
  /** A registration round of another province and a commitment of a member of the outside cell. */
  outsideRoundId: number;
  outsideCommitmentId: number;
  /** The district-level committee above the outside cell, with a pilot, a pressing issue, and a standard of the cell. */
  outsideCommitteeId: number;
  outsidePilotId: number;
  outsideIssueId: number;
  outsideStandardVersionId: number;
  /** An inspection held by the outside cell, with a finding, its follow-up and a negative phenomenon. */
  outsideActivityId: number;
  outsideFindingId: number;
  outsideFollowUpId: number;
  outsideNegativeId: number;
  /** An approved exemplar nominated by the outside cell, with a photo, an evidence file and a publicity entry. */
  outsideExemplarId: number;
  outsideExemplarPhotoId: number;
  outsideExemplarEvidenceId: number;
  outsidePublicityId: number;
}

type Probe = (f: Fixtures) => InjectOptions[];

const PROBES: Record<string, Probe> = {
  'GET /api/units/search': (f) => [{ method: 'GET', url: `/api/units/search?q=chi&within=${f.outside.id}` }],
  'GET /api/units/:id': (f) => [{ method: 'GET', url: `/api/units/${f.outside.id}` }],
  'GET /api/units/:id/children': (f) => [{ method: 'GET', url: `/api/units/${f.outside.id}/children` }],
  'POST /api/units': (f) => [{ method: 'POST', url: '/api/units', payload: { parentId: f.outside.id, name: 'Chi bộ lạ', kind: 'cell' } }],
  'PATCH /api/units/:id': (f) => [{ method: 'PATCH', url: `/api/units/${f.outside.id}`, payload: { version: 1, name: 'Tên lạ' } }],
  'POST /api/units/:id/move': (f) => [
    { method: 'POST', url: `/api/units/${f.outside.id}/move`, payload: { version: 1, newParentId: f.inside.id } },
    { method: 'POST', url: `/api/units/${f.inside.id}/move`, payload: { version: 1, newParentId: f.outside.id } },
  ],
  'POST /api/units/:id/close': (f) => [{ method: 'POST', url: `/api/units/${f.outside.id}/close`, payload: { version: 1, closedOn: '2012-12-31' } }],
  'GET /api/accounts': (f) => [{ method: 'GET', url: `/api/accounts?unitId=${f.outside.id}` }],
  'POST /api/accounts': (f) => [
    { method: 'POST', url: '/api/accounts', payload: { username: 'nguoi.la', displayName: 'Người lạ', role: 'cell_secretary', scopeUnitId: f.outside.id, password: 'MatKhau2012' } },
  ],
  'PATCH /api/accounts/:id': (f) => [{ method: 'PATCH', url: `/api/accounts/${f.outsideAccountId}`, payload: { version: 1, disabled: true } }],
  'POST /api/accounts/:id/password': (f) => [{ method: 'POST', url: `/api/accounts/${f.outsideAccountId}/password`, payload: { newPassword: 'MatKhau2012' } }],
  'GET /api/audit': (f) => [{ method: 'GET', url: `/api/audit?unitId=${f.outside.id}` }],
  'GET /api/members': (f) => [
    { method: 'GET', url: `/api/members?unitId=${f.outside.id}` },
    { method: 'GET', url: `/api/members?unitId=${f.outside.id}&subtree=true&q=a` },
  ],
  'POST /api/members': (f) => [
    { method: 'POST', url: '/api/members', payload: { unitId: f.outside.id, familyName: 'Trần', givenName: 'Lạ', gender: 'male', status: 'probationary' } },
  ],
  'GET /api/members/:id': (f) => [{ method: 'GET', url: `/api/members/${f.outsideMemberId}` }],
  'GET /api/members/:id/timeline': (f) => [{ method: 'GET', url: `/api/members/${f.outsideMemberId}/timeline` }],
  'PATCH /api/members/:id': (f) => [{ method: 'PATCH', url: `/api/members/${f.outsideMemberId}`, payload: { version: 1, givenName: 'Lạ' } }],
  'POST /api/members/:id/transfer': (f) => [
    { method: 'POST', url: `/api/members/${f.outsideMemberId}/transfer`, payload: { version: 1, toUnitId: f.insideCell.id, on: '2012-06-01' } },
  ],
  'POST /api/members/:id/leave': (f) => [
    { method: 'POST', url: `/api/members/${f.outsideMemberId}/leave`, payload: { version: 1, leftOn: '2012-06-01', reason: 'moved_out' } },
  ],
  'POST /api/members/:id/positions': (f) => [
    { method: 'POST', url: `/api/members/${f.outsideMemberId}/positions`, payload: { version: 1, position: 'secretary', unitId: f.outside.id, startedOn: '2012-06-01' } },
  ],
  'GET /api/members/export': (f) => [{ method: 'GET', url: `/api/members/export?unitId=${f.outside.id}&subtree=true` }],
  'POST /api/member-imports': (f) => [
    { method: 'POST', url: `/api/member-imports?unitId=${f.outside.id}`, headers: { 'content-type': XLSX_MIME }, payload: Buffer.from('PK\u0003\u0004') },
  ],
  'GET /api/member-imports/:id': (f) => [{ method: 'GET', url: `/api/member-imports/${f.outsideImportId}` }],
  'GET /api/member-imports/:id/rows': (f) => [{ method: 'GET', url: `/api/member-imports/${f.outsideImportId}/rows` }],
  'POST /api/member-imports/:id/commit': (f) => [{ method: 'POST', url: `/api/member-imports/${f.outsideImportId}/commit` }],
  'POST /api/members/:id/positions/:positionId/end': (f) => [
    { method: 'POST', url: `/api/members/${f.outsideMemberId}/positions/1/end`, payload: { version: 1, endedOn: '2012-06-01' } },
  ],
  'POST /api/files': (f) => [
    { method: 'POST', url: `/api/files?unitId=${f.outside.id}`, headers: { 'content-type': 'application/pdf', 'x-file-name': 'bien-ban.pdf' }, payload: Buffer.from('%PDF-1.4 test') },
  ],
  'GET /api/conferences': (f) => [
    { method: 'GET', url: `/api/conferences?unitId=${f.outside.id}` },
    { method: 'GET', url: `/api/conferences?unitId=${f.outside.id}&subtree=true&year=2011` },
  ],
  'GET /api/conferences/document-options': (f) => [{ method: 'GET', url: `/api/conferences/document-options?unitId=${f.outside.id}&q=ke%20hoach` }],
  'GET /api/conferences/coverage': (f) => [{ method: 'GET', url: `/api/conferences/coverage?unitId=${f.outside.id}` }],
  'GET /api/conferences/:id': (f) => [{ method: 'GET', url: `/api/conferences/${f.outsideConferenceId}` }],
  'GET /api/conferences/:id/minutes': (f) => [{ method: 'GET', url: `/api/conferences/${f.outsideConferenceId}/minutes` }],
  'POST /api/conferences': (f) => [
    {
      method: 'POST',
      url: '/api/conferences',
      payload: { unitId: f.outside.id, heldOn: '2011-10-20', form: 'in_person', expectedCadres: 1, attendedCadres: 1, expectedMembers: 1, attendedMembers: 1, documentIds: [f.outsideDocumentId] },
    },
  ],
  'PATCH /api/conferences/:id': (f) => [{ method: 'PATCH', url: `/api/conferences/${f.outsideConferenceId}`, payload: { version: 1, attendedCadres: 1 } }],
  'DELETE /api/conferences/:id': (f) => [{ method: 'DELETE', url: `/api/conferences/${f.outsideConferenceId}?version=1` }],
  'GET /api/helper-units/coverage': (f) => [{ method: 'GET', url: `/api/helper-units/coverage?unitId=${f.outside.id}` }],
  'GET /api/helper-units/by-unit/:id': (f) => [{ method: 'GET', url: `/api/helper-units/by-unit/${f.outside.id}` }],
  'POST /api/helper-units': (f) => [{ method: 'POST', url: '/api/helper-units', payload: { unitId: f.outside.id, name: 'Bộ phận lạ', establishedOn: '2011-09-20' } }],
  'PATCH /api/helper-units/:id': (f) => [{ method: 'PATCH', url: `/api/helper-units/${f.outsideHelperUnitId}`, payload: { version: 1, name: 'Tên lạ' } }],
  'POST /api/helper-units/:id/members': (f) => [
    { method: 'POST', url: `/api/helper-units/${f.outsideHelperUnitId}/members`, payload: { memberId: f.outsideMemberId, role: 'member' } },
  ],
  'DELETE /api/helper-units/:id/members/:memberId': (f) => [{ method: 'DELETE', url: `/api/helper-units/${f.outsideHelperUnitId}/members/${f.outsideMemberId}` }],
  'POST /api/helper-units/:id/activities': (f) => [
    { method: 'POST', url: `/api/helper-units/${f.outsideHelperUnitId}/activities`, payload: { heldOn: '2012-01-01', kind: 'meeting', content: 'Họp lạ' } },
  ],
  'PATCH /api/campaigns/:id': (f) => [{ method: 'PATCH', url: `/api/campaigns/${f.outsideCampaignId}`, payload: { version: 1, name: 'Tên cuộc vận động lạ' } }],
  'GET /api/documents': (f) => [{ method: 'GET', url: `/api/documents?unitId=${f.outside.id}` }],
  'GET /api/documents/next-number': (f) => [{ method: 'GET', url: `/api/documents/next-number?issuerUnitId=${f.outside.id}&docType=plan&issuedOn=2011-09-07` }],
  'GET /api/documents/:id': (f) => [{ method: 'GET', url: `/api/documents/${f.outsideDocumentId}` }],
  'GET /api/documents/:id/file': (f) => [{ method: 'GET', url: `/api/documents/${f.outsideDocumentId}/file` }],
  'POST /api/documents': (f) => [
    { method: 'POST', url: '/api/documents', payload: { issuerUnitId: f.outside.id, docType: 'plan', symbol: '90-KH/HU', issuedOn: '2011-09-07', title: 'Kế hoạch lạ' } },
  ],
  'PATCH /api/documents/:id': (f) => [{ method: 'PATCH', url: `/api/documents/${f.outsideDocumentId}`, payload: { version: 1, title: 'Trích yếu lạ' } }],
  'DELETE /api/documents/:id': (f) => [{ method: 'DELETE', url: `/api/documents/${f.outsideDocumentId}?version=1` }],
  'POST /api/documents/:id/requirements': (f) => [
    { method: 'POST', url: `/api/documents/${f.outsideDocumentId}/requirements`, payload: { targetKinds: ['cell'], requiredType: 'plan', days: 30 } },
  ],
  'PATCH /api/requirements/:id': (f) => [
    { method: 'PATCH', url: `/api/requirements/${f.outsideRequirementId}`, payload: { version: 1, targetKinds: ['cell'], requiredType: 'plan', days: 10 } },
  ],
  'DELETE /api/requirements/:id': (f) => [{ method: 'DELETE', url: `/api/requirements/${f.outsideRequirementId}?version=1` }],
  'GET /api/cascade': (f) => [
    { method: 'GET', url: `/api/cascade?documentId=${f.outsideDocumentId}` },
    { method: 'GET', url: `/api/cascade?documentId=${f.outsideDocumentId}&unitId=${f.outside.id}` },
  ],
  'GET /api/cascade/export': (f) => [{ method: 'GET', url: `/api/cascade/export?documentId=${f.outsideDocumentId}&unitId=${f.outside.id}` }],
  'GET /api/cascade/upcoming': (f) => [{ method: 'GET', url: `/api/cascade/upcoming?unitId=${f.outside.id}` }],
  'GET /api/study-topics/:id': (f) => [{ method: 'GET', url: `/api/study-topics/${f.outsideTopicId}` }],
  'PATCH /api/study-topics/:id': (f) => [{ method: 'PATCH', url: `/api/study-topics/${f.outsideTopicId}`, payload: { version: 1, title: 'Chuyên đề sửa lạ' } }],
  'POST /api/study-topics/:id/materials': (f) => [
    { method: 'POST', url: `/api/study-topics/${f.outsideTopicId}/materials`, payload: { title: 'Tài liệu lạ', url: 'https://example.org/a' } },
  ],
  'DELETE /api/study-topics/:id/materials/:materialId': (f) => [{ method: 'DELETE', url: `/api/study-topics/${f.outsideTopicId}/materials/1` }],
  'GET /api/study-topics/:id/materials/:materialId/file': (f) => [{ method: 'GET', url: `/api/study-topics/${f.outsideTopicId}/materials/1/file` }],
  'GET /api/meetings/cell-year': (f) => [{ method: 'GET', url: `/api/meetings/cell-year?unitId=${f.outsideCellId}&year=2012` }],
  'GET /api/meetings/roll': (f) => [{ method: 'GET', url: `/api/meetings/roll?unitId=${f.outsideCellId}` }],
  'GET /api/meetings/matrix': (f) => [
    { method: 'GET', url: `/api/meetings/matrix?unitId=${f.outside.id}&year=2012` },
    { method: 'GET', url: `/api/meetings/matrix?unitId=${f.outsideCellId}&year=2012` },
  ],
  'GET /api/meetings/matrix/export': (f) => [{ method: 'GET', url: `/api/meetings/matrix/export?unitId=${f.outside.id}&year=2012` }],
  'GET /api/meetings/:id': (f) => [{ method: 'GET', url: `/api/meetings/${f.outsideMeetingId}` }],
  'GET /api/meetings/:id/minutes': (f) => [{ method: 'GET', url: `/api/meetings/${f.outsideMeetingId}/minutes` }],
  'POST /api/meetings/plan': (f) => [{ method: 'POST', url: '/api/meetings/plan', payload: { unitId: f.outsideCellId, year: 2012, month: 7, itemIds: [] } }],
  'POST /api/meetings': (f) => [{ method: 'POST', url: '/api/meetings', payload: { unitId: f.outsideCellId, heldOn: '2012-06-15', itemIds: [], attendance: [] } }],
  'PATCH /api/meetings/:id': (f) => [{ method: 'PATCH', url: `/api/meetings/${f.outsideMeetingId}`, payload: { version: 1, relatedNotes: 'Sửa lạ' } }],
  'DELETE /api/meetings/:id': (f) => [{ method: 'DELETE', url: `/api/meetings/${f.outsideMeetingId}?version=1` }],
  'PATCH /api/commitment-rounds/:id': (f) => [{ method: 'PATCH', url: `/api/commitment-rounds/${f.outsideRoundId}`, payload: { version: 1, standardsNote: 'Sửa lạ' } }],
  'GET /api/commitments/register': (f) => [{ method: 'GET', url: `/api/commitments/register?unitId=${f.outside.id}&roundId=${f.outsideRoundId}` }],
  'GET /api/commitments/coverage': (f) => [{ method: 'GET', url: `/api/commitments/coverage?unitId=${f.outside.id}&roundId=${f.outsideRoundId}` }],
  'GET /api/commitments/coverage/export': (f) => [{ method: 'GET', url: `/api/commitments/coverage/export?unitId=${f.outside.id}&roundId=${f.outsideRoundId}` }],
  'GET /api/commitments/unregistered': (f) => [{ method: 'GET', url: `/api/commitments/unregistered?unitId=${f.outside.id}&roundId=${f.outsideRoundId}` }],
  'GET /api/commitments/ranking': (f) => [{ method: 'GET', url: `/api/commitments/ranking?unitId=${f.outside.id}&roundId=${f.outsideRoundId}` }],
  'GET /api/commitments/ranking/export': (f) => [{ method: 'GET', url: `/api/commitments/ranking/export?unitId=${f.outside.id}&roundId=${f.outsideRoundId}` }],
  'POST /api/commitments/decisions': (f) => [
    { method: 'POST', url: '/api/commitments/decisions', payload: { roundId: f.outsideRoundId, unitId: f.outside.id, decisions: [{ commitmentId: f.outsideCommitmentId, version: 1, level: 'good' }] } },
  ],
  'POST /api/commitments': (f) => [
    { method: 'POST', url: '/api/commitments', payload: { roundId: f.outsideRoundId, memberId: f.outsideMemberId, items: [] } },
    { method: 'POST', url: '/api/commitments', payload: { roundId: f.outsideRoundId, unitId: f.outside.id, items: [] } },
  ],
  'GET /api/commitments/:id': (f) => [{ method: 'GET', url: `/api/commitments/${f.outsideCommitmentId}` }],
  'PATCH /api/commitments/:id': (f) => [{ method: 'PATCH', url: `/api/commitments/${f.outsideCommitmentId}`, payload: { version: 1, items: [] } }],
  'POST /api/commitments/:id/submit': (f) => [{ method: 'POST', url: `/api/commitments/${f.outsideCommitmentId}/submit`, payload: { version: 1 } }],
  'POST /api/commitments/:id/accept': (f) => [{ method: 'POST', url: `/api/commitments/${f.outsideCommitmentId}/accept`, payload: { version: 1 } }],
  'POST /api/commitments/:id/return': (f) => [{ method: 'POST', url: `/api/commitments/${f.outsideCommitmentId}/return`, payload: { version: 1, comment: 'Trả lại lạ' } }],
  'POST /api/commitments/:id/checkins': (f) => [{ method: 'POST', url: `/api/commitments/${f.outsideCommitmentId}/checkins`, payload: { itemId: 1, percent: 10, note: 'Tiến độ lạ' } }],
  'POST /api/commitments/:id/self-review': (f) => [{ method: 'POST', url: `/api/commitments/${f.outsideCommitmentId}/self-review`, payload: { version: 1, items: [], level: 'good' } }],
  'POST /api/commitments/:id/cell-review': (f) => [{ method: 'POST', url: `/api/commitments/${f.outsideCommitmentId}/cell-review`, payload: { version: 1, level: 'good' } }],
  'GET /api/commitments/:id/checkins/:checkinId/evidence': (f) => [{ method: 'GET', url: `/api/commitments/${f.outsideCommitmentId}/checkins/1/evidence` }],
  'GET /api/commitments/:id/form': (f) => [{ method: 'GET', url: `/api/commitments/${f.outsideCommitmentId}/form` }],
  'GET /api/standards': (f) => [{ method: 'GET', url: `/api/standards?unitId=${f.outside.id}` }],
  'GET /api/standards/coverage': (f) => [{ method: 'GET', url: `/api/standards/coverage?unitId=${f.outside.id}` }],
  'POST /api/standards': (f) => [{ method: 'POST', url: '/api/standards', payload: { unitId: f.outside.id, kind: 'moral', title: 'Chuẩn mực lạ', criteria: [{ text: 'Tiêu chí lạ' }] } }],
  'GET /api/standard-versions/:id': (f) => [{ method: 'GET', url: `/api/standard-versions/${f.outsideStandardVersionId}` }],
  'PATCH /api/standard-versions/:id': (f) => [{ method: 'PATCH', url: `/api/standard-versions/${f.outsideStandardVersionId}`, payload: { version: 1, title: 'Sửa chuẩn mực lạ' } }],
  'POST /api/standard-versions/:id/submit': (f) => [{ method: 'POST', url: `/api/standard-versions/${f.outsideStandardVersionId}/submit`, payload: { version: 1 } }],
  'POST /api/standard-versions/:id/approve': (f) => [{ method: 'POST', url: `/api/standard-versions/${f.outsideStandardVersionId}/approve`, payload: { version: 1 } }],
  'POST /api/standard-versions/:id/return': (f) => [{ method: 'POST', url: `/api/standard-versions/${f.outsideStandardVersionId}/return`, payload: { version: 1, comment: 'Trả lại lạ' } }],
  'POST /api/standard-versions/:id/issue': (f) => [{ method: 'POST', url: `/api/standard-versions/${f.outsideStandardVersionId}/issue`, payload: { version: 1, documentSymbol: '05-QĐ/CB', issuedOn: '2012-03-01' } }],
  'GET /api/pilots': (f) => [{ method: 'GET', url: `/api/pilots?unitId=${f.outside.id}&year=2012` }],
  'POST /api/pilots': (f) => [
    { method: 'POST', url: '/api/pilots', payload: { committeeUnitId: f.outsideCommitteeId, year: 2012, kind: 'comprehensive', targetUnitId: f.outside.id, goals: 'Mục tiêu lạ', responsible: 'Người lạ' } },
  ],
  'GET /api/pilots/:id': (f) => [{ method: 'GET', url: `/api/pilots/${f.outsidePilotId}` }],
  'PATCH /api/pilots/:id': (f) => [{ method: 'PATCH', url: `/api/pilots/${f.outsidePilotId}`, payload: { version: 1, goals: 'Mục tiêu sửa lạ' } }],
  'POST /api/pilots/:id/notes': (f) => [{ method: 'POST', url: `/api/pilots/${f.outsidePilotId}/notes`, payload: { note: 'Ghi chép lạ' } }],
  'POST /api/pilots/:id/complete': (f) => [{ method: 'POST', url: `/api/pilots/${f.outsidePilotId}/complete`, payload: { version: 1, result: 'Kết quả lạ', completedOn: '2012-12-01' } }],
  'DELETE /api/pilots/:id': (f) => [{ method: 'DELETE', url: `/api/pilots/${f.outsidePilotId}?version=1` }],
  'POST /api/pressing-issues': (f) => [{ method: 'POST', url: '/api/pressing-issues', payload: { committeeUnitId: f.outsideCommitteeId, year: 2012, title: 'Vấn đề lạ', target: 'Mục tiêu lạ' } }],
  'GET /api/pressing-issues/:id': (f) => [{ method: 'GET', url: `/api/pressing-issues/${f.outsideIssueId}` }],
  'GET /api/pressing-issues/:id/evidence': (f) => [{ method: 'GET', url: `/api/pressing-issues/${f.outsideIssueId}/evidence` }],
  'PATCH /api/pressing-issues/:id': (f) => [{ method: 'PATCH', url: `/api/pressing-issues/${f.outsideIssueId}`, payload: { version: 1, title: 'Vấn đề sửa lạ' } }],
  'GET /api/oversight': (f) => [
    { method: 'GET', url: `/api/oversight?unitId=${f.outside.id}` },
    { method: 'GET', url: `/api/oversight?unitId=${f.outside.id}&relation=concerning&year=2012` },
  ],
  'POST /api/oversight': (f) => [
    { method: 'POST', url: '/api/oversight', payload: { organiserUnitId: f.outside.id, kind: 'inspection', title: 'Kiểm tra lạ', plannedOn: '2012-06-15', unitIds: [f.outside.id] } },
  ],
  'GET /api/oversight/:id': (f) => [{ method: 'GET', url: `/api/oversight/${f.outsideActivityId}` }],
  'GET /api/oversight/:id/attachments/:attachmentId/file': (f) => [{ method: 'GET', url: `/api/oversight/${f.outsideActivityId}/attachments/1/file` }],
  'PATCH /api/oversight/:id': (f) => [{ method: 'PATCH', url: `/api/oversight/${f.outsideActivityId}`, payload: { version: 1, title: 'Kiểm tra sửa lạ' } }],
  'POST /api/oversight/:id/hold': (f) => [{ method: 'POST', url: `/api/oversight/${f.outsideActivityId}/hold`, payload: { version: 1, heldOn: '2012-05-01' } }],
  'POST /api/oversight/:id/cancel': (f) => [{ method: 'POST', url: `/api/oversight/${f.outsideActivityId}/cancel`, payload: { version: 1, reason: 'Hủy lạ' } }],
  'POST /api/oversight/:id/findings': (f) => [
    { method: 'POST', url: `/api/oversight/${f.outsideActivityId}/findings`, payload: { unitId: f.outside.id, kind: 'strength', content: 'Nhận xét lạ', followUp: { task: 'Việc lạ', ownerUnitId: f.outside.id, dueOn: '2012-08-01' } } },
  ],
  'PATCH /api/findings/:id': (f) => [{ method: 'PATCH', url: `/api/findings/${f.outsideFindingId}`, payload: { version: 1, content: 'Nhận xét sửa lạ' } }],
  'POST /api/findings/:id/follow-up': (f) => [{ method: 'POST', url: `/api/findings/${f.outsideFindingId}/follow-up`, payload: { task: 'Việc lạ', ownerUnitId: f.outside.id, dueOn: '2012-08-01' } }],
  'GET /api/units/:id/findings': (f) => [{ method: 'GET', url: `/api/units/${f.outside.id}/findings?year=2012` }],
  'GET /api/follow-ups': (f) => [{ method: 'GET', url: `/api/follow-ups?unitId=${f.outside.id}&timeliness=overdue` }],
  'GET /api/follow-ups/:id/evidence': (f) => [{ method: 'GET', url: `/api/follow-ups/${f.outsideFollowUpId}/evidence` }],
  'POST /api/follow-ups/:id/complete': (f) => [{ method: 'POST', url: `/api/follow-ups/${f.outsideFollowUpId}/complete`, payload: { version: 1, result: 'Kết quả lạ', doneOn: '2012-06-01' } }],
  'POST /api/follow-ups/:id/reopen': (f) => [{ method: 'POST', url: `/api/follow-ups/${f.outsideFollowUpId}/reopen`, payload: { version: 1, comment: 'Mở lại lạ' } }],
  'POST /api/follow-ups/:id/cancel': (f) => [{ method: 'POST', url: `/api/follow-ups/${f.outsideFollowUpId}/cancel`, payload: { version: 1, reason: 'Hủy lạ' } }],
  'GET /api/negatives': (f) => [{ method: 'GET', url: `/api/negatives?unitId=${f.outside.id}` }],
  'POST /api/findings/:id/negatives': (f) => [{ method: 'POST', url: `/api/findings/${f.outsideFindingId}/negatives`, payload: { unitId: f.outside.id, description: 'Tiêu cực lạ' } }],
  'PATCH /api/negatives/:id': (f) => [{ method: 'PATCH', url: `/api/negatives/${f.outsideNegativeId}`, payload: { version: 1, handling: 'Xử lý lạ' } }],
  'GET /api/exemplars': (f) => [
    { method: 'GET', url: `/api/exemplars?unitId=${f.outside.id}` },
    { method: 'GET', url: `/api/exemplars?unitId=${f.outside.id}&awaiting=true&q=la` },
  ],
  'GET /api/exemplars/deciding-units': (f) => [{ method: 'GET', url: `/api/exemplars/deciding-units?unitId=${f.outside.id}` }],
  'POST /api/exemplars': (f) => [
    {
      method: 'POST',
      url: '/api/exemplars',
      payload: { nominatingUnitId: f.outside.id, year: 2012, subject: { kind: 'person', familyName: 'Trần', givenName: 'Lạ' }, title: 'Điển hình lạ', summary: 'Thành tích của người lạ', decidingUnitId: f.outsideCommitteeId },
    },
  ],
  'GET /api/exemplars/:id': (f) => [{ method: 'GET', url: `/api/exemplars/${f.outsideExemplarId}` }],
  'PATCH /api/exemplars/:id': (f) => [{ method: 'PATCH', url: `/api/exemplars/${f.outsideExemplarId}`, payload: { version: 1, title: 'Sửa điển hình lạ' } }],
  'POST /api/exemplars/:id/submit': (f) => [{ method: 'POST', url: `/api/exemplars/${f.outsideExemplarId}/submit`, payload: { version: 1 } }],
  'POST /api/exemplars/:id/verify': (f) => [{ method: 'POST', url: `/api/exemplars/${f.outsideExemplarId}/verify`, payload: { version: 1 } }],
  'POST /api/exemplars/:id/return': (f) => [{ method: 'POST', url: `/api/exemplars/${f.outsideExemplarId}/return`, payload: { version: 1, comment: 'Trả lại lạ' } }],
  'POST /api/exemplars/:id/reject': (f) => [{ method: 'POST', url: `/api/exemplars/${f.outsideExemplarId}/reject`, payload: { version: 1, comment: 'Không công nhận lạ' } }],
  'POST /api/exemplars/:id/commend': (f) => [
    { method: 'POST', url: `/api/exemplars/${f.outsideExemplarId}/commend`, payload: { version: 1, form: 'giay_khen', commendationTitle: 'Giấy khen lạ', decisionSymbol: '05-QĐ/CB', decisionDate: '2012-06-01' } },
  ],
  'PUT /api/exemplars/:id/publication': (f) => [{ method: 'PUT', url: `/api/exemplars/${f.outsideExemplarId}/publication`, payload: { public: true, version: 1 } }],
  'POST /api/exemplars/:id/photos': (f) => [
    { method: 'POST', url: `/api/exemplars/${f.outsideExemplarId}/photos`, headers: { 'content-type': 'application/octet-stream', 'x-file-name': 'anh.jpg' }, payload: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]) },
  ],
  'GET /api/exemplars/:id/photos/:fileId': (f) => [{ method: 'GET', url: `/api/exemplars/${f.outsideExemplarId}/photos/${f.outsideExemplarPhotoId}` }],
  'DELETE /api/exemplars/:id/photos/:fileId': (f) => [{ method: 'DELETE', url: `/api/exemplars/${f.outsideExemplarId}/photos/${f.outsideExemplarPhotoId}` }],
  'POST /api/exemplars/:id/evidence': (f) => [{ method: 'POST', url: `/api/exemplars/${f.outsideExemplarId}/evidence`, payload: { fileId: f.outsideExemplarEvidenceId } }],
  'GET /api/exemplars/:id/evidence/:fileId': (f) => [{ method: 'GET', url: `/api/exemplars/${f.outsideExemplarId}/evidence/${f.outsideExemplarEvidenceId}` }],
  'DELETE /api/exemplars/:id/evidence/:fileId': (f) => [{ method: 'DELETE', url: `/api/exemplars/${f.outsideExemplarId}/evidence/${f.outsideExemplarEvidenceId}` }],
  'POST /api/exemplars/:id/publicity': (f) => [
    { method: 'POST', url: `/api/exemplars/${f.outsideExemplarId}/publicity`, payload: { channelId: 1, publishedOn: '2012-06-01', title: 'Bài lạ', url: 'https://example.org/bai-la' } },
  ],
  'GET /api/publicity/summary': (f) => [{ method: 'GET', url: `/api/publicity/summary?unitId=${f.outside.id}&year=2012` }],
  'GET /api/publicity/:id/file': (f) => [{ method: 'GET', url: `/api/publicity/${f.outsidePublicityId}/file` }],
  'DELETE /api/publicity/:id': (f) => [{ method: 'DELETE', url: `/api/publicity/${f.outsidePublicityId}` }],
  'POST /api/reports/draft': (f) => [
    { method: 'POST', url: '/api/reports/draft', payload: { query: { unitId: f.outside.id, period: 'year', year: 2012 } } },
    { method: 'POST', url: '/api/reports/draft', payload: { query: { unitId: f.outside.id, period: 'range', from: '2012-01-01', to: '2012-06-19' }, number: '05-BC/HU' } },
  ],
  'POST /api/reports/docx': (f) => [{ method: 'POST', url: '/api/reports/docx', payload: reportDocxProbe(f.outside.id) }],
  'GET /api/reports/appendix.xlsx': (f) => [{ method: 'GET', url: `/api/reports/appendix.xlsx?unitId=${f.outside.id}&period=year&year=2012` }],
  'GET /api/dashboard': (f) => [
    { method: 'GET', url: `/api/dashboard?unitId=${f.outside.id}&period=year&year=2012` },
    { method: 'GET', url: `/api/dashboard?unitId=${f.outsideCellId}&period=range&from=2012-01-01&to=2012-06-19` },
  ],
  'GET /api/dashboard/children': (f) => [{ method: 'GET', url: `/api/dashboard/children?unitId=${f.outside.id}&period=quarter&year=2012&quarter=2` }],
  'GET /api/dashboard/lagging': (f) => [{ method: 'GET', url: `/api/dashboard/lagging?unitId=${f.outside.id}&period=month&year=2012&month=6` }],
  // Urging (issue #11): no such notification or rule is the caller's; rules rooted and urging sent outside the scope.
  'POST /api/notifications/:id/read': () => [{ method: 'POST', url: '/api/notifications/987654/read' }],
  'POST /api/urging/rules': (f) => [{ method: 'POST', url: '/api/urging/rules', payload: { rootUnitId: f.outside.id, year: 2012, itemKind: 'plan', daysBefore: 3, daysAfter: 7 } }],
  'PATCH /api/urging/rules/:id': () => [{ method: 'PATCH', url: '/api/urging/rules/987654', payload: { version: 1, daysBefore: 5 } }],
  'POST /api/urging/rules/:id/close': () => [{ method: 'POST', url: '/api/urging/rules/987654/close', payload: { version: 1 } }],
  'GET /api/urging/sent': (f) => [{ method: 'GET', url: `/api/urging/sent?unitId=${f.outside.id}` }],
  'POST /api/urging/messages': (f) => [{ method: 'POST', url: '/api/urging/messages', payload: { itemKind: 'plan', unitIds: [f.outside.id], text: 'Đề nghị khẩn trương ban hành kế hoạch.' } }],
};

/** A valid edited report of a unit, for the docx probe (a body that passes validation reaches the scope check). */
function reportDocxProbe(unitId: number) {
  return {
    unitId,
    header: { superiorBody: 'ĐẢNG BỘ TỈNH LẠ', issuingBody: 'HUYỆN ỦY LẠ', number: '01-BC/HU', place: 'Lạ', date: '2012-06-19' },
    title: 'BÁO CÁO',
    summary: 'Kết quả lạ',
    introduction: '',
    assessmentHeading: 'II. ĐÁNH GIÁ CHUNG',
    sections: [{ key: 'results', heading: 'I. KẾT QUẢ', text: 'Nội dung lạ' }],
    signature: { onBehalf: 'T/M BAN THƯỜNG VỤ', position: 'BÍ THƯ', signer: '' },
    recipients: ['Lưu Văn phòng'],
  };
}

/** Routes that act only on the caller's own session or record, or serve no data at all: they name nobody else's data. */
// Campaigns and study topics are listed and created for the caller's own committee (see the lists test below).
// Assessment schemes are reference data; rounds are those of the caller's own committees; /api/me/* is the caller's own.
// Year rules are the caller's own root committee's.
// Publicity channels are the caller's own province's (and the generic ones).
const SELF_ONLY = new Set(['GET /api/dashboard/indicators', 'GET /api/publicity-channels', 'POST /api/publicity-channels', 'GET /api/year-rules/:year', 'PUT /api/year-rules/:year', 'GET /api/me/standards', 'GET /api/assessment-schemes', 'GET /api/commitment-rounds', 'POST /api/commitment-rounds', 'GET /api/me/commitment', 'GET /api/campaigns', 'POST /api/campaigns', 'GET /api/study-topics', 'POST /api/study-topics', 'GET /api/me/meetings', 'GET /api/auth/me', 'POST /api/auth/password', 'GET /api/me/member', 'PATCH /api/me/member', 'GET /api/member-imports/template', 'GET /api/notifications', 'GET /api/notifications/count', 'POST /api/notifications/read-all', 'GET /api/me/notification-preferences', 'PUT /api/me/notification-preferences', 'GET /api/urging/rules']);

let ctx: TestContext;
let callers: { label: string; client: Client; fixtures: Fixtures }[];

beforeAll(async () => {
  ctx = await setupApp();
  const tree = await createTree(ctx.db);
  const otherProvince = await createUnit(ctx.db, null, 'province_committee', 'Đảng bộ tỉnh Hà Nam');
  const otherDistrict = await createUnit(ctx.db, otherProvince, 'district_committee', 'Đảng bộ huyện Kim Bảng');
  const otherCell = await createUnit(ctx.db, otherDistrict, 'grassroots_cell', 'Chi bộ Phòng Tư pháp');
  const siblingCell = await createUnit(ctx.db, tree.dinhBang, 'cell', 'Chi bộ khu phố Bảng');
  const accountIn = async (scope: TestUnit) => (await createAccount(ctx.db, { role: 'cell_secretary', scope })).id;
  const memberId = await createMember(ctx.db, tree.cellA);
  const importIn = async (unit: TestUnit) => {
    const account = await createAccount(ctx.db, { role: 'district_officer', scope: unit.kind === 'district_committee' ? unit : tree.queVo });
    const row = await ctx.db.insertInto('member_import').values({ account_id: account.id, unit_id: unit.id, file_name: 'x.xlsx', status: 'valid', rows: '[]' }).returning('id').executeTakeFirstOrThrow();
    return row.id;
  };
  const roundOf = async (owner: TestUnit) =>
    (await ctx.db.insertInto('commitment_round').values({ unit_id: owner.id, year: 2012, scheme_id: 1, leader_deadline: '2012-04-15', member_deadline: '2012-05-31', review_opens_on: '2012-12-01' }).returning('id').executeTakeFirstOrThrow()).id;
  const haNamRound = await roundOf(otherProvince);
  const bacNinhRound = await roundOf(tree.province);
  const directionMade = new Map<number, Promise<Pick<Fixtures, 'outsideDocumentId' | 'outsideRequirementId' | 'outsideConferenceId' | 'outsideHelperUnitId' | 'outsideCampaignId' | 'outsideCellId' | 'outsideTopicId' | 'outsideMeetingId' | 'outsideRoundId' | 'outsideCommitmentId' | 'outsideCommitteeId' | 'outsidePilotId' | 'outsideIssueId' | 'outsideStandardVersionId' | 'outsideActivityId' | 'outsideFindingId' | 'outsideFollowUpId' | 'outsideNegativeId' | 'outsideExemplarId' | 'outsideExemplarPhotoId' | 'outsideExemplarEvidenceId' | 'outsidePublicityId'>>>();
  const directionIn = (unit: TestUnit) => {
    const made = directionMade.get(unit.id) ?? makeDirection(unit);
    directionMade.set(unit.id, made);
    return made;
  };
  const makeDirection = async (unit: TestUnit) => {
    const document = await createDocument(ctx.db, unit);
    return {
      outsideDocumentId: document.id,
      outsideRequirementId: await createRequirement(ctx.db, document.id),
      outsideConferenceId: await createConference(ctx.db, unit, [document.id]),
      outsideHelperUnitId: await createHelperUnit(ctx.db, unit),
      outsideCampaignId: (await ctx.db.insertInto('campaign').values({ unit_id: unit.id, name: 'Cuộc vận động lạ', start_year: 2011, end_year: 2016 }).returning('id').executeTakeFirstOrThrow()).id,
      outsideCellId: unit.id,
      outsideTopicId: (await ctx.db.insertInto('study_topic').values({ unit_id: unit.id, year: 2012, title: 'Chuyên đề lạ' }).returning('id').executeTakeFirstOrThrow()).id,
      outsideMeetingId: (await ctx.db.insertInto('cell_meeting').values({ unit_id: unit.id, year: 2012, month: 3, kind: 'regular', held_on: '2012-03-05' }).returning('id').executeTakeFirstOrThrow()).id,
      outsideRoundId: haNamRound,
      outsideCommitmentId: (
        await ctx.db
          .insertInto('commitment')
          .values({ round_id: unit.path.startsWith(`${otherProvince.path}.`) ? haNamRound : bacNinhRound, kind: 'personal', member_id: await createMember(ctx.db, unit, { familyName: 'Vũ', middleName: 'Thị', givenName: 'Lạ' }), unit_id: unit.id })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id,
      ...(await pilotsOf(unit)),
      ...(await oversightOf(unit)),
      ...(await exemplarsOf(unit)),
    };
  };
  const pilotsOf = async (unit: TestUnit) => {
    const committee = Number(unit.path.split('.')[1]);
    const standard = await ctx.db.insertInto('conduct_standard').values({ unit_id: unit.id, kind: 'moral' }).returning('id').executeTakeFirstOrThrow();
    return {
      outsideCommitteeId: committee,
      outsidePilotId: (await ctx.db.insertInto('pilot').values({ committee_unit_id: committee, year: 2012, kind: 'comprehensive', target_unit_id: unit.id, goals: 'Mục tiêu lạ', responsible: 'Người lạ' }).returning('id').executeTakeFirstOrThrow()).id,
      outsideIssueId: (await ctx.db.insertInto('pressing_issue').values({ committee_unit_id: committee, year: 2012, title: 'Vấn đề lạ', target: 'Mục tiêu lạ' }).returning('id').executeTakeFirstOrThrow()).id,
      outsideStandardVersionId: (await ctx.db.insertInto('standard_version').values({ standard_id: standard.id, version_no: 1, title: 'Chuẩn mực lạ', state: 'submitted' }).returning('id').executeTakeFirstOrThrow()).id,
    };
  };
  const exemplarsOf = async (unit: TestUnit) => {
    const createdBy = (await createAccount(ctx.db, { role: 'cell_secretary', scope: unit })).id;
    const exemplarId = await createExemplar(ctx.db, { unit, createdBy, state: 'approved', title: 'Điển hình lạ' });
    const channel = await ctx.db.selectFrom('publicity_channel').select('id').where('root_unit_id', 'is', null).orderBy('id').executeTakeFirstOrThrow();
    return {
      outsideExemplarId: exemplarId,
      outsideExemplarPhotoId: await createExemplarPhoto(ctx.db, exemplarId, unit),
      outsideExemplarEvidenceId: await createExemplarPhoto(ctx.db, exemplarId, unit, { role: 'evidence' }),
      outsidePublicityId: (await ctx.db.insertInto('publicity_entry').values({ exemplar_id: exemplarId, channel_id: channel.id, published_on: '2012-06-01', title: 'Bài lạ', recorded_by: createdBy }).returning('id').executeTakeFirstOrThrow()).id,
    };
  };
  const oversightOf = async (unit: TestUnit) => {
    const createdBy = (await createAccount(ctx.db, { role: 'cell_secretary', scope: unit })).id;
    const activity = await ctx.db.insertInto('oversight_activity').values({ organiser_unit_id: unit.id, kind: 'inspection', title: 'Kiểm tra lạ', planned_on: '2012-05-01', held_on: '2012-05-01', state: 'held', created_by: createdBy }).returning('id').executeTakeFirstOrThrow();
    await ctx.db.insertInto('oversight_activity_unit').values({ activity_id: activity.id, unit_id: unit.id }).execute();
    const finding = await ctx.db.insertInto('oversight_finding').values({ activity_id: activity.id, number: 1, unit_id: unit.id, kind: 'shortcoming', content: 'Nhận xét lạ', created_by: createdBy }).returning('id').executeTakeFirstOrThrow();
    return {
      outsideActivityId: activity.id,
      outsideFindingId: finding.id,
      outsideFollowUpId: (await ctx.db.insertInto('follow_up').values({ finding_id: finding.id, owner_unit_id: unit.id, task: 'Việc lạ', due_on: '2012-08-01' }).returning('id').executeTakeFirstOrThrow()).id,
      outsideNegativeId: (await ctx.db.insertInto('negative_phenomenon').values({ finding_id: finding.id, unit_id: unit.id, description: 'Tiêu cực lạ', created_by: createdBy }).returning('id').executeTakeFirstOrThrow()).id,
    };
  };
  const memberIn = (cell: TestUnit) => createMember(ctx.db, cell, { familyName: 'Phạm', middleName: 'Văn', givenName: 'Ngoài' });
  await ctx.db.insertInto('member_position').values({ member_id: memberId, unit_id: tree.cellA.id, position: 'secretary', started_on: '2010-10-01' }).execute();

  callers = [
    {
      label: 'province officer of another province',
      client: await loggedIn(ctx.app, await createAccount(ctx.db, { role: 'province_officer', scope: tree.province })),
      fixtures: { outside: otherCell, inside: tree.cellA, outsideAccountId: await accountIn(otherCell), outsideMemberId: await memberIn(otherCell), insideCell: tree.cellA, outsideImportId: await importIn(otherCell), ...(await directionIn(otherCell)) },
    },
    {
      label: 'district officer of a sibling district',
      client: await loggedIn(ctx.app, await createAccount(ctx.db, { role: 'district_officer', scope: tree.tuSon })),
      fixtures: { outside: tree.phuongLieu, inside: tree.dinhBang, outsideAccountId: await accountIn(tree.cellB), outsideMemberId: await memberIn(tree.cellB), insideCell: tree.cellA, outsideImportId: await importIn(tree.cellB), ...(await directionIn(tree.cellB)) },
    },
    {
      label: 'grassroots officer, at its own parent',
      client: await loggedIn(ctx.app, await createAccount(ctx.db, { role: 'grassroots_officer', scope: tree.dinhBang })),
      fixtures: { outside: tree.tuSon, inside: tree.cellA, outsideAccountId: await accountIn(tree.cellB), outsideMemberId: await memberIn(tree.cellB), insideCell: tree.cellA, outsideImportId: await importIn(tree.cellB), ...(await directionIn(tree.cellB)) },
    },
    {
      label: 'cell secretary, at a sibling cell',
      client: await loggedIn(ctx.app, await createAccount(ctx.db, { role: 'cell_secretary', scope: tree.cellA })),
      fixtures: { outside: siblingCell, inside: tree.cellA, outsideAccountId: await accountIn(siblingCell), outsideMemberId: await memberIn(siblingCell), insideCell: tree.cellA, outsideImportId: await importIn(siblingCell), ...(await directionIn(siblingCell)) },
    },
    {
      label: 'member, at the committee of its cell',
      client: await loggedIn(ctx.app, await createAccount(ctx.db, { role: 'member', scope: tree.cellA, memberId })),
      fixtures: { outside: tree.dinhBang, inside: tree.cellA, outsideAccountId: await accountIn(siblingCell), outsideMemberId: await memberIn(siblingCell), insideCell: tree.cellA, outsideImportId: await importIn(siblingCell), ...(await directionIn(siblingCell)) },
    },
  ];
});

const key = (route: { method: string; url: string }) => `${route.method} ${route.url}`;

describe('every endpoint checks scope', () => {
  it('has a probe or a self-only mark for every API route', () => {
    const routes = ctx.app.apiRoutes.filter((route) => !route.public).map(key);
    expect(routes.length).toBeGreaterThan(10);
    const unclassified = routes.filter((route) => !(route in PROBES) && !SELF_ONLY.has(route));
    expect(unclassified, 'new endpoints need a scope probe in test/api/scope.test.ts').toEqual([]);
    const stale = [...Object.keys(PROBES), ...SELF_ONLY].filter((route) => !routes.includes(route));
    expect(stale).toEqual([]);
  });

  it('refuses every protected route without a session, changing nothing', async () => {
    const { Client } = await import('../helpers/app');
    const anonymous = new Client(ctx.app);
    const before = await databaseFingerprint(ctx.db);
    for (const route of ctx.app.apiRoutes.filter((r) => !r.public)) {
      const url = route.url.replace(':id', '1');
      // A body that fails validation: the session check must come first anyway.
      const response = await anonymous.request({ method: route.method as InjectOptions['method'], url, ...(route.method === 'GET' ? {} : { payload: { unexpected: true } }) });
      expect(response.status, key(route)).toBe(401);
      expect(response.body.message, key(route)).toMatch(/đăng nhập/u);
    }
    expect(await databaseFingerprint(ctx.db)).toBe(before);
  });

  it('refuses every out-of-scope request with 403 or 404 and a Vietnamese message, changing nothing', async () => {
    const before = await databaseFingerprint(ctx.db);
    let checked = 0;
    for (const caller of callers) {
      for (const [route, probe] of Object.entries(PROBES)) {
        for (const request of probe(caller.fixtures)) {
          const response = await caller.client.request(request);
          expect([403, 404], `${caller.label}: ${route} answered ${response.status} ${JSON.stringify(response.body)}`).toContain(response.status);
          expect(response.body.message).toMatch(/[àáảãạăâđèéêìíòóôơùúưỳý]/iu);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThanOrEqual(callers.length * Object.keys(PROBES).length);
    expect(await databaseFingerprint(ctx.db)).toBe(before);
  });
});

describe('lists never return rows outside the scope', () => {
  it('keeps accounts, audit entries and search hits inside the caller\'s subtree', async () => {
    const province = callers[0];
    if (!province) throw new Error('no caller');
    const outsideName = province.fixtures.outside.name;
    const accounts = await province.client.get('/api/accounts?pageSize=200');
    expect(accounts.status).toBe(200);
    expect(accounts.body.items.length).toBeGreaterThan(0);
    expect(accounts.body.items.map((a: { scopeUnit: { id: number } }) => a.scopeUnit.id)).not.toContain(province.fixtures.outside.id);
    const campaigns = await province.client.get('/api/campaigns');
    expect(campaigns.status).toBe(200);
    expect(campaigns.body.items.map((c: { id: number }) => c.id)).not.toContain(province.fixtures.outsideCampaignId);
    const documents = await province.client.get('/api/documents?pageSize=200');
    expect(documents.status).toBe(200);
    expect(documents.body.items.map((d: { id: number }) => d.id)).not.toContain(province.fixtures.outsideDocumentId);
    const audit = await province.client.get('/api/audit?pageSize=200');
    expect(audit.status).toBe(200);
    expect(JSON.stringify(audit.body)).not.toContain(outsideName);
    for (const caller of callers) {
      const hits = await caller.client.get(`/api/units/search?q=${encodeURIComponent(outsideName)}`);
      expect(hits.status).toBe(200);
      expect(hits.body.map((h: { id: number }) => h.id), caller.label).not.toContain(caller.fixtures.outside.id);
    }
  });
});
