import { CheckOutlined, EditOutlined, FileTextOutlined, PaperClipOutlined, PlusOutlined, StopOutlined, WarningOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Breadcrumb, Button, Card, Descriptions, Flex, Result, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { DOCUMENT_TYPE_INFO } from '../../../shared/domain/documents';
import { formatFileSize } from '../../../shared/domain/files';
import { OVERSIGHT_KIND_LABELS } from '../../../shared/domain/oversight';
import { formatDate, formatNumber, viCollator } from '../../../shared/domain/text';
import { attachmentFileUrl, oversightQueries } from '../../api/oversight';
import type { ActivityDetail, Finding, Negative } from '../../api/oversight';
import type { UnitRef } from '../../../shared/schemas/units';
import { ForbiddenPage } from '../../components/ForbiddenPage';
import { EmptyState, ErrorState, LoadingBlock } from '../../components/states';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { useMe } from '../auth/useMe';
import { EditActivityModal } from './ActivityFormModal';
import { AddFollowUpModal, FindingModal, NegativeModal } from './FindingDialogs';
import { FollowUpBlock } from './FollowUpDialogs';
import { HoldActivityModal } from './HoldActivityModal';
import { ActivityStateTag, FindingKindTag, KindTag } from './oversightFormat';
import { positiveInt } from '../meetings/meetingFormat';
import { ReasonModal } from './ReasonModal';
import { useCancelActivity } from './useOversightMutations';
import styles from './Oversight.module.css';

/** /giam-sat/:id — one activity: what, who, when, documents, findings grouped by unit with their follow-ups. */
export function ActivityDetailPage() {
  const me = useMe();
  if (me.role === 'member') return <ForbiddenPage />;
  return <ActivityDetailScreen />;
}

function ActivityDetailScreen() {
  const params = useParams();
  const id = positiveInt(params.id);
  const detail = useQuery({ ...oversightQueries.detail(id ?? 0), enabled: id !== undefined });
  useDocumentTitle(detail.data ? `${OVERSIGHT_KIND_LABELS[detail.data.kind]}: ${detail.data.title}` : 'Kiểm tra, giám sát');

  const back = <Link to="/giam-sat">Về lịch kiểm tra, giám sát</Link>;
  if (id === undefined) return <Result status="404" title="Không tìm thấy hoạt động" subTitle="Địa chỉ không hợp lệ." extra={back} />;
  if (detail.isPending) return <LoadingBlock rows={10} />;
  if (detail.isError) {
    return (
      <Flex vertical gap={12}>
        <ErrorState error={detail.error} title="Không mở được hoạt động" onRetry={() => void detail.refetch()} />
        <div>{back}</div>
      </Flex>
    );
  }
  return <ActivityRecord activity={detail.data} />;
}

type Dialog =
  | { kind: 'edit' | 'hold' | 'cancel' | 'finding' }
  | { kind: 'edit-finding' | 'follow-up'; finding: Finding }
  | { kind: 'negative'; finding: Finding; negative: Negative | null }
  | null;

interface UnitGroup {
  unit: UnitRef;
  findings: Finding[];
}

/** Findings grouped by the unit they are about; units in Vietnamese order, findings by number. */
function groupByUnit(findings: Finding[]): UnitGroup[] {
  const groups = new Map<number, UnitGroup>();
  for (const finding of findings) {
    const group = groups.get(finding.unit.id) ?? { unit: finding.unit, findings: [] };
    group.findings.push(finding);
    groups.set(finding.unit.id, group);
  }
  return [...groups.values()]
    .sort((a, b) => viCollator.compare(a.unit.name, b.unit.name))
    .map((group) => ({ ...group, findings: [...group.findings].sort((a, b) => a.number - b.number) }));
}

function ActivityRecord({ activity }: { activity: ActivityDetail }) {
  const me = useMe();
  const [dialog, setDialog] = useState<Dialog>(null);
  const close = () => setDialog(null);
  const cancel = useCancelActivity(activity);
  const groups = useMemo(() => groupByUnit(activity.findings), [activity.findings]);
  const units = useMemo(() => [...activity.units].sort((a, b) => viCollator.compare(a.name, b.name)), [activity.units]);
  const { can } = activity;

  const info = [
    { key: 'kind', label: 'Loại', children: OVERSIGHT_KIND_LABELS[activity.kind] },
    { key: 'state', label: 'Trạng thái', children: <ActivityStateTag state={activity.state} /> },
    { key: 'planned', label: 'Ngày dự kiến', children: formatDate(activity.plannedOn) },
    { key: 'held', label: 'Ngày tổ chức', children: activity.heldOn ? formatDate(activity.heldOn) : '—' },
    { key: 'organiser', label: 'Đơn vị tổ chức', children: activity.organiser.name },
    { key: 'location', label: 'Địa điểm', children: activity.location ?? '—' },
    ...(activity.state === 'held'
      ? [
          { key: 'participants', label: 'Thành phần tham dự', children: activity.participants ? <span className={styles.pre}>{activity.participants}</span> : '—' },
          { key: 'count', label: 'Số người tham dự', children: activity.participantCount === null ? '—' : formatNumber(activity.participantCount) },
          { key: 'conclusion', label: 'Kết luận', span: 'filled' as const, children: activity.conclusion ? <span className={styles.pre}>{activity.conclusion}</span> : '—' },
        ]
      : []),
    ...(activity.cancelReason ? [{ key: 'cancel', label: 'Lý do hủy', span: 'filled' as const, children: <span className={styles.pre}>{activity.cancelReason}</span> }] : []),
  ];

  return (
    <section aria-labelledby="activity-title" className={styles.detail}>
      <Breadcrumb className={styles.breadcrumb} items={[{ key: 'list', title: <Link to="/giam-sat">Kiểm tra, giám sát</Link> }, { key: 'this', title: OVERSIGHT_KIND_LABELS[activity.kind] }]} />
      <Flex wrap justify="space-between" align="flex-start" gap={12} className={styles.heading}>
        <div className={styles.headingText}>
          <span className={styles.kicker}>{activity.organiser.name}</span>
          <Typography.Title level={1} id="activity-title" className="page-title" style={{ marginBottom: 8 }}>
            {activity.title}
          </Typography.Title>
          <Flex wrap gap={4}>
            <KindTag kind={activity.kind} />
            <ActivityStateTag state={activity.state} />
          </Flex>
        </div>
        <Flex wrap gap={8}>
          {can.hold ? (
            <Button type="primary" icon={<CheckOutlined />} onClick={() => setDialog({ kind: 'hold' })}>
              Ghi nhận đã tổ chức
            </Button>
          ) : null}
          {can.addFinding ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'finding' })}>
              Thêm phát hiện
            </Button>
          ) : null}
          {can.edit ? (
            <Button icon={<EditOutlined />} onClick={() => setDialog({ kind: 'edit' })}>
              Sửa
            </Button>
          ) : null}
          {can.cancel ? (
            <Button danger icon={<StopOutlined />} onClick={() => setDialog({ kind: 'cancel' })}>
              Hủy
            </Button>
          ) : null}
        </Flex>
      </Flex>

      <Card size="small" title="Thông tin" className={styles.block}>
        <Descriptions size="small" column={{ xs: 1, sm: 2 }} items={info} />
      </Card>

      <Card size="small" title={`Đơn vị liên quan (${units.length})`} className={styles.block}>
        {units.length === 0 ? (
          <Typography.Text type="secondary">Không chọn đơn vị cụ thể.</Typography.Text>
        ) : (
          <Flex wrap gap={6} role="list" aria-label="Đơn vị liên quan">
            {units.map((unit) => (
              <Tag key={unit.id} role="listitem" className={styles.unitTag}>
                {unit.name}
              </Tag>
            ))}
          </Flex>
        )}
      </Card>

      <Card size="small" title={`Tài liệu (${activity.attachments.length})`} className={styles.block}>
        {activity.attachments.length === 0 ? (
          <Typography.Text type="secondary">Chưa có tài liệu.</Typography.Text>
        ) : (
          <ul className={styles.plainList}>
            {activity.attachments.map((attachment) => (
              <li key={attachment.id}>
                {attachment.file ? (
                  <a href={attachmentFileUrl(activity.id, attachment.id)} download={attachment.file.name}>
                    <PaperClipOutlined aria-hidden /> {attachment.file.name} <span className={styles.muted}>({formatFileSize(attachment.file.size)})</span>
                  </a>
                ) : attachment.document ? (
                  <Link to={`/van-ban/${attachment.document.id}`}>
                    <FileTextOutlined aria-hidden /> {DOCUMENT_TYPE_INFO[attachment.document.docType].label} số {attachment.document.symbol} ngày {formatDate(attachment.document.issuedOn)}
                    <span className={styles.muted}> · {attachment.document.title}</span>
                  </Link>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </Card>

      <section aria-labelledby="findings-title" className={styles.block}>
        <Flex wrap justify="space-between" align="center" gap={8}>
          <h2 id="findings-title" className={styles.sectionTitle}>
            Phát hiện, nhận xét ({formatNumber(activity.findings.length)})
          </h2>
        </Flex>
        {groups.length === 0 ? (
          <Card size="small">
            <EmptyState
              description={
                activity.state === 'planned'
                  ? 'Hoạt động chưa tổ chức; ghi phát hiện sau khi đã tổ chức.'
                  : activity.state === 'cancelled'
                    ? 'Hoạt động đã hủy.'
                    : 'Chưa ghi phát hiện, nhận xét nào.'
              }
            />
          </Card>
        ) : (
          groups.map((group) => (
            <Card key={group.unit.id} size="small" title={group.unit.name} className={styles.block} role="region" aria-label={`Phát hiện tại ${group.unit.name}`}>
              <ol className={styles.findings}>
                {group.findings.map((finding) => (
                  <FindingEntry
                    key={finding.id}
                    finding={finding}
                    heldOn={activity.heldOn}
                    onEdit={() => setDialog({ kind: 'edit-finding', finding })}
                    onFollowUp={() => setDialog({ kind: 'follow-up', finding })}
                    onNegative={(negative) => setDialog({ kind: 'negative', finding, negative })}
                  />
                ))}
              </ol>
            </Card>
          ))
        )}
      </section>

      {can.edit ? <EditActivityModal open={dialog?.kind === 'edit'} scopeRootId={me.scopeUnit.id} activity={activity} onClose={close} /> : null}
      {can.hold ? <HoldActivityModal open={dialog?.kind === 'hold'} activity={activity} onClose={close} /> : null}
      {can.cancel ? (
        <ReasonModal
          open={dialog?.kind === 'cancel'}
          formId="cancel-activity"
          title={`Hủy hoạt động: ${activity.title}`}
          label="Lý do hủy"
          okText="Hủy hoạt động"
          danger
          success="Đã hủy hoạt động."
          mutation={cancel}
          onClose={close}
        />
      ) : null}
      {can.addFinding ? <FindingModal open={dialog?.kind === 'finding'} activity={activity} finding={null} onClose={close} /> : null}
      {dialog?.kind === 'edit-finding' ? <FindingModal open activity={activity} finding={dialog.finding} onClose={close} /> : null}
      {dialog?.kind === 'follow-up' ? <AddFollowUpModal open activity={activity} finding={dialog.finding} onClose={close} /> : null}
      {dialog?.kind === 'negative' ? (
        <NegativeModal open findingId={dialog.finding.id} findingUnit={dialog.finding.unit} negative={dialog.negative} onClose={close} />
      ) : null}
    </section>
  );
}

function FindingEntry({
  finding,
  heldOn,
  onEdit,
  onFollowUp,
  onNegative,
}: {
  finding: Finding;
  heldOn: string | null;
  onEdit: () => void;
  onFollowUp: () => void;
  onNegative: (negative: Negative | null) => void;
}) {
  const negatives = finding.negatives;
  return (
    <li className={styles.finding} value={finding.number} data-testid="finding">
      <Flex wrap align="center" gap={6} className={styles.findingHead}>
        <span className={styles.findingNumber}>Số {finding.number}</span>
        <FindingKindTag kind={finding.kind} />
        {finding.can.edit ? (
          <Button size="small" type="text" icon={<EditOutlined />} aria-label={`Sửa nhận xét số ${finding.number}`} onClick={onEdit} />
        ) : null}
      </Flex>
      <p className={styles.paragraph}>{finding.content}</p>
      {finding.followUp ? (
        <FollowUpBlock followUp={finding.followUp} heldOn={heldOn} />
      ) : finding.can.addFollowUp ? (
        <Button size="small" icon={<PlusOutlined />} onClick={onFollowUp}>
          Giao việc khắc phục
        </Button>
      ) : null}
      {negatives !== undefined && negatives.length > 0 ? (
        <div className={styles.negatives} role="group" aria-label={`Hiện tượng tiêu cực của nhận xét số ${finding.number}`}>
          <div className={styles.negativesHead}>
            <WarningOutlined aria-hidden /> Hiện tượng tiêu cực ({negatives.length})
          </div>
          {negatives.map((negative) => (
            <div key={negative.id} className={styles.negative}>
              <div className={styles.meta}>{negative.unit.name}</div>
              <p className={styles.paragraph}>{negative.description}</p>
              {negative.handling ? (
                <p className={styles.paragraph}>
                  <span className={styles.metaLabel}>Xử lý: </span>
                  {negative.handling}
                </p>
              ) : null}
              {negative.can.edit ? (
                <Button size="small" icon={<EditOutlined />} onClick={() => onNegative(negative)}>
                  Sửa
                </Button>
              ) : null}
            </div>
          ))}
          {finding.can.addNegative ? (
            <Button size="small" icon={<PlusOutlined />} onClick={() => onNegative(null)}>
              Ghi hiện tượng tiêu cực
            </Button>
          ) : null}
        </div>
      ) : negatives !== undefined && finding.can.addNegative ? (
        <Button size="small" type="link" className={styles.quietAction} icon={<WarningOutlined />} onClick={() => onNegative(null)}>
          Ghi hiện tượng tiêu cực
        </Button>
      ) : null}
    </li>
  );
}
