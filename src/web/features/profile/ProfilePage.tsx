import { useQuery } from '@tanstack/react-query';
import { Descriptions, Tag, Typography } from 'antd';
import { GENDER_LABELS, MEMBER_STATUS_LABELS } from '../../../shared/domain/members';
import { formatDate } from '../../../shared/domain/text';
import { UNIT_KIND_LABELS } from '../../../shared/domain/units';
import { profileQueries } from '../../api/profile';
import type { MyMember } from '../../api/profile';
import { EmptyState, ErrorState, LoadingBlock } from '../../components/states';
import { Panel } from '../../components/Panel';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { MyPhoneEditor } from '../members/MyPhoneEditor';
import styles from './ProfilePage.module.css';

/** "Hồ sơ của tôi": a member's own record. Kept small — members open it on cheap phones. */
export function ProfilePage() {
  useDocumentTitle('Hồ sơ của tôi');
  const member = useQuery(profileQueries.member());

  let body;
  if (member.isPending) body = <LoadingBlock rows={6} />;
  else if (member.isError) body = <ErrorState error={member.error} onRetry={() => void member.refetch()} />;
  else if (member.data === null) body = <EmptyState description="Tài khoản của bạn chưa được gắn với hồ sơ đảng viên nào." />;
  else body = <MemberCard member={member.data} />;

  return (
    <div className={styles.page}>
      <Typography.Title level={1} className="page-title">
        Hồ sơ của tôi
      </Typography.Title>
      {body}
    </div>
  );
}

function MemberCard({ member }: { member: MyMember }) {
  const current = member.positionHistory.filter((position) => position.endedOn === null);
  // The units above the member's cell (unitPath ends with the cell itself).
  const above = member.unitPath.filter((unit) => unit.id !== member.unit.id);
  const path = above.length > 0 ? above.map((unit) => unit.name).join(' › ') : null;
  return (
    <>
      <Panel className={styles.card}>
        <Typography.Title level={2} className={styles.name}>
          {member.fullName}
        </Typography.Title>
        <Tag color={member.status === 'full' ? 'green' : 'orange'}>Đảng viên {MEMBER_STATUS_LABELS[member.status].toLowerCase()}</Tag>
        {member.leftOn ? <Tag color="red">Đã thôi sinh hoạt từ {formatDate(member.leftOn)}</Tag> : null}
        <Descriptions
          className={styles.facts}
          column={1}
          size="small"
          items={[
            {
              key: 'unit',
              label: 'Sinh hoạt tại',
              children: (
                <div>
                  <div>
                    {member.unit.name} ({UNIT_KIND_LABELS[member.unit.kind]})
                  </div>
                  {path ? <div className={styles.path}>{path}</div> : null}
                </div>
              ),
            },
            { key: 'birthDate', label: 'Ngày sinh', children: formatDate(member.birthDate) || '—' },
            { key: 'gender', label: 'Giới tính', children: GENDER_LABELS[member.gender] },
            { key: 'ethnicity', label: 'Dân tộc', children: member.ethnicity ?? '—' },
            { key: 'joinedOn', label: 'Ngày vào Đảng', children: formatDate(member.joinedOn) || '—' },
            { key: 'officialOn', label: 'Ngày chính thức', children: formatDate(member.officialOn) || '—' },
            { key: 'cardNumber', label: 'Số thẻ đảng viên', children: member.cardNumber ?? '—' },
            { key: 'idNumber', label: 'Số CMND/CCCD', children: member.idNumber ?? '—' },
            { key: 'phone', label: 'Số điện thoại', children: member.phone ?? '—' },
          ]}
        />
        <MyPhoneEditor member={member} />
      </Panel>
      <Panel className={styles.card} title="Chức vụ trong Đảng">
        {current.length === 0 ? (
          <EmptyState description="Bạn hiện không giữ chức vụ nào trong cấp ủy." />
        ) : (
          <ul className={styles.positions}>
            {current.map((position) => (
              <li key={position.id}>
                <strong>{position.label}</strong> — {position.unit.name}
                <span className={styles.since}> · từ {formatDate(position.startedOn)}</span>
              </li>
            ))}
          </ul>
        )}
      </Panel>
    </>
  );
}
