import { EditOutlined, ExportOutlined, LogoutOutlined, SwapOutlined, UserAddOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Breadcrumb, Button, Card, Descriptions, Flex, Result, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { GENDER_LABELS, LEFT_REASON_LABELS, MEMBER_STATUS_LABELS } from '../../../shared/domain/members';
import { formatDate } from '../../../shared/domain/text';
import { UNIT_KIND_LABELS } from '../../../shared/domain/units';
import { memberQueries } from '../../api/members';
import type { MemberDetail } from '../../api/members';
import { ErrorState, LoadingBlock } from '../../components/states';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { useIsMobile } from '../../components/useIsMobile';
import { useMe } from '../auth/useMe';
import { AddPositionModal, EndPositionModal, LeaveMemberModal, TransferMemberModal } from './MemberActionModals';
import { EditMemberModal } from './MemberFormModal';
import { positiveInt } from './memberFilters';
import { FlagTags, StatusTag } from './memberOptions';
import { MemberTimeline } from './MemberTimeline';
import styles from './Members.module.css';

type Position = MemberDetail['positionHistory'][number];
type Dialog = { kind: 'edit' | 'transfer' | 'leave' | 'addPosition' } | { kind: 'endPosition'; positionId: number } | null;

/** /dang-vien/:id — one member's record, positions and history; actions follow `member.can`. */
export function MemberDetailPage() {
  const params = useParams();
  const id = positiveInt(params.id ?? null);
  const detail = useQuery({ ...memberQueries.detail(id ?? 0), enabled: id !== undefined });
  useDocumentTitle(detail.data?.fullName ?? 'Đảng viên');

  if (id === undefined) {
    return <Result status="404" title="Không tìm thấy đảng viên" subTitle="Địa chỉ hồ sơ không hợp lệ." extra={<Link to="/dang-vien">Về danh sách đảng viên</Link>} />;
  }
  if (detail.isPending) return <LoadingBlock rows={10} />;
  if (detail.isError) {
    return (
      <Flex vertical gap={12}>
        <ErrorState error={detail.error} title="Không mở được hồ sơ đảng viên" onRetry={() => void detail.refetch()} />
        <div>
          <Link to="/dang-vien">Về danh sách đảng viên</Link>
        </div>
      </Flex>
    );
  }
  return <MemberRecord member={detail.data} />;
}

function MemberRecord({ member }: { member: MemberDetail }) {
  const me = useMe();
  const [dialog, setDialog] = useState<Dialog>(null);
  const close = () => setDialog(null);
  const current = member.positionHistory.filter((position) => position.endedOn === null);
  const { can } = member;

  return (
    <section aria-labelledby="member-title" className={styles.detail}>
      <Breadcrumb
        className={styles.breadcrumb}
        items={[
          { key: 'list', title: <Link to={`/dang-vien?unit=${member.unit.id}`}>Đảng viên</Link> },
          ...member.unitPath.map((unit) => ({ key: unit.id, title: <Link to={`/don-vi/${unit.id}`}>{unit.name}</Link> })),
        ]}
      />
      <Flex wrap justify="space-between" align="flex-start" gap={12} className={styles.heading}>
        <div className={styles.headingText}>
          <Typography.Title level={1} id="member-title" className="page-title" style={{ marginBottom: 8 }}>
            {member.fullName}
          </Typography.Title>
          <Flex wrap gap={6}>
            <StatusTag status={member.status} leftOn={member.leftOn} leftReason={member.leftReason} />
            {member.leftOn ? <Tag>{MEMBER_STATUS_LABELS[member.status]}</Tag> : null}
            <FlagTags isKeyLeader={member.isKeyLeader} isHead={member.isHead} />
          </Flex>
        </div>
        {can.edit || can.transfer || can.leave ? (
          <Flex wrap gap={8} className={styles.actions}>
            {can.edit ? (
              <Button type="primary" icon={<EditOutlined />} onClick={() => setDialog({ kind: 'edit' })}>
                Sửa
              </Button>
            ) : null}
            {can.transfer ? (
              <Button icon={<SwapOutlined />} onClick={() => setDialog({ kind: 'transfer' })}>
                Chuyển sinh hoạt
              </Button>
            ) : null}
            {can.edit ? (
              <Button icon={<UserAddOutlined />} onClick={() => setDialog({ kind: 'addPosition' })}>
                Giao chức vụ
              </Button>
            ) : null}
            {can.leave ? (
              <Button danger icon={<LogoutOutlined />} onClick={() => setDialog({ kind: 'leave' })}>
                Ra khỏi danh sách
              </Button>
            ) : null}
          </Flex>
        ) : null}
      </Flex>

      <Card size="small" title="Thông tin đảng viên" className={styles.block}>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, lg: 3 }}
          items={[
            { key: 'familyName', label: 'Họ', children: member.familyName },
            { key: 'middleName', label: 'Tên đệm', children: member.middleName || '—' },
            { key: 'givenName', label: 'Tên', children: member.givenName },
            { key: 'birthDate', label: 'Ngày sinh', children: formatDate(member.birthDate) || '—' },
            { key: 'gender', label: 'Giới tính', children: GENDER_LABELS[member.gender] },
            { key: 'ethnicity', label: 'Dân tộc', children: member.ethnicity ?? '—' },
            { key: 'status', label: 'Trạng thái', children: MEMBER_STATUS_LABELS[member.status] },
            { key: 'joinedOn', label: 'Ngày vào Đảng', children: formatDate(member.joinedOn) || '—' },
            { key: 'officialOn', label: 'Ngày chính thức', children: formatDate(member.officialOn) || '—' },
            { key: 'cardNumber', label: 'Số thẻ đảng viên', children: member.cardNumber ?? '—' },
            { key: 'idNumber', label: 'Số CMND/CCCD', children: member.idNumber ?? '—' },
            { key: 'phone', label: 'Số điện thoại', children: member.phone ?? '—' },
            {
              key: 'unit',
              label: 'Chi bộ',
              children: (
                <span>
                  {member.unitPath.length > 0 ? <Link to={`/don-vi/${member.unit.id}`}>{member.unit.name}</Link> : member.unit.name}{' '}
                  <Typography.Text type="secondary">({UNIT_KIND_LABELS[member.unit.kind]})</Typography.Text>
                </span>
              ),
            },
            { key: 'isKeyLeader', label: 'Lãnh đạo chủ chốt', children: member.isKeyLeader ? 'Có' : 'Không' },
            { key: 'isHead', label: 'Người đứng đầu', children: member.isHead ? 'Có' : 'Không' },
            ...(member.leftOn
              ? [
                  { key: 'leftOn', label: 'Ngày ra khỏi danh sách', children: formatDate(member.leftOn) },
                  { key: 'leftReason', label: 'Lý do', children: member.leftReason ? LEFT_REASON_LABELS[member.leftReason] : '—' },
                ]
              : []),
          ]}
        />
      </Card>

      <Card size="small" title="Chức vụ hiện tại" className={styles.block}>
        {current.length === 0 ? (
          <Typography.Text type="secondary">Hiện không giữ chức vụ nào.</Typography.Text>
        ) : (
          <ul className={styles.positionList}>
            {current.map((position) => (
              <li key={position.id} className={styles.positionItem}>
                <div>
                  <strong>{position.label}</strong> — {position.unit.name}
                  <div className={styles.muted}>Từ ngày {formatDate(position.startedOn)}</div>
                </div>
                {can.edit ? (
                  <Button size="small" onClick={() => setDialog({ kind: 'endPosition', positionId: position.id })} aria-label={`Thôi chức vụ ${position.label} — ${position.unit.name}`}>
                    Thôi chức vụ
                  </Button>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </Card>

      <PositionHistory positions={member.positionHistory} />

      <Card size="small" title="Lịch sử" className={styles.block}>
        <MemberTimeline memberId={member.id} />
      </Card>

      {me.memberId === member.id ? (
        <Typography.Paragraph type="secondary">
          <Link to="/ho-so">
            <ExportOutlined /> Xem ở trang Hồ sơ của tôi
          </Link>
        </Typography.Paragraph>
      ) : null}

      {can.edit ? <EditMemberModal member={member} open={dialog?.kind === 'edit'} onClose={close} /> : null}
      {can.transfer ? <TransferMemberModal member={member} scopeRootId={me.scopeUnit.id} open={dialog?.kind === 'transfer'} onClose={close} /> : null}
      {can.leave ? <LeaveMemberModal member={member} open={dialog?.kind === 'leave'} onClose={close} /> : null}
      {can.edit ? <AddPositionModal member={member} open={dialog?.kind === 'addPosition'} onClose={close} /> : null}
      {can.edit ? (
        <EndPositionModal member={member} positionId={dialog?.kind === 'endPosition' ? dialog.positionId : null} open={dialog?.kind === 'endPosition'} onClose={close} />
      ) : null}
    </section>
  );
}

function PositionHistory({ positions }: { positions: Position[] }) {
  const isMobile = useIsMobile();
  if (positions.length === 0) return null;
  const rows = [...positions].sort((a, b) => b.startedOn.localeCompare(a.startedOn));
  const columns: TableColumnsType<Position> = isMobile
    ? [
        {
          title: 'Chức vụ',
          key: 'position',
          render: (_value, position) => (
            <div>
              <strong>{position.label}</strong> — {position.unit.name}
              <div className={styles.muted}>
                {formatDate(position.startedOn)} – {position.endedOn ? formatDate(position.endedOn) : 'nay'}
              </div>
            </div>
          ),
        },
      ]
    : [
        { title: 'Chức vụ', dataIndex: 'label', key: 'label' },
        { title: 'Cấp ủy / chi bộ', key: 'unit', render: (_value, position) => position.unit.name },
        { title: 'Từ ngày', key: 'startedOn', render: (_value, position) => formatDate(position.startedOn) },
        { title: 'Đến ngày', key: 'endedOn', render: (_value, position) => (position.endedOn ? formatDate(position.endedOn) : <Tag color="green">Đang giữ</Tag>) },
      ];
  return (
    <Card size="small" title="Quá trình giữ chức vụ" className={styles.block} styles={{ body: { padding: 0 } }}>
      <Table<Position> rowKey="id" size="small" columns={columns} dataSource={rows} pagination={false} />
    </Card>
  );
}
