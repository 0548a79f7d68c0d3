import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Typography } from 'antd';
import { Fragment, useState } from 'react';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { formatDate } from '../../../shared/domain/text';
import { commitmentQueries } from '../../api/commitments';
import type { CommitmentRound } from '../../api/commitments';
import { ForbiddenPage } from '../../components/ForbiddenPage';
import { Panel } from '../../components/Panel';
import { EmptyState, ErrorState, LoadingBlock } from '../../components/states';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { useMe } from '../auth/useMe';
import { RoundFormModal } from './RoundFormModal';
import styles from './Commitments.module.css';

/** "Đợt đăng ký làm theo": the province opens a round per campaign year and sets its deadlines. */
export function RoundsPage() {
  const me = useMe();
  useDocumentTitle('Đợt đăng ký làm theo');
  if (me.role === 'member' || me.role === 'cell_secretary') return <ForbiddenPage />;
  return <RoundsScreen />;
}

type Editing = { round: CommitmentRound | null } | null;

function roundFacts(round: CommitmentRound): [string, ReactNode][] {
  return [
    ['Hạn lãnh đạo chủ chốt, người đứng đầu', formatDate(round.leaderDeadline)],
    ['Hạn tất cả đảng viên', formatDate(round.memberDeadline)],
    ['Mở kiểm điểm cuối năm từ', formatDate(round.reviewOpensOn)],
    ['Hướng dẫn xếp loại', `${round.scheme.code} — ${round.scheme.title}`],
    ['Chuyên đề năm', round.studyTopic?.title ?? 'Chưa chọn'],
    ...(round.campaign ? ([['Cuộc vận động', round.campaign.name]] as [string, ReactNode][]) : []),
    ...(round.standardsNote ? ([['Chuẩn mực, ghi chú', <span className={styles.paragraph}>{round.standardsNote}</span>]] as [string, ReactNode][]) : []),
  ];
}

function RoundsScreen() {
  const rounds = useQuery(commitmentQueries.rounds());
  const [editing, setEditing] = useState<Editing>(null);
  const items = [...(rounds.data?.items ?? [])].sort((a, b) => b.year - a.year);
  const nextYear = items.length > 0 ? Math.max(...items.map((round) => round.year)) + 1 : new Date().getFullYear();

  return (
    <div className={styles.page}>
      <Typography.Title level={1} className="page-title">
        Đợt đăng ký làm theo
      </Typography.Title>
      <div className={styles.toolbarRow}>
        {rounds.data?.can.create ? (
          <Button type="primary" size="large" icon={<PlusOutlined />} onClick={() => setEditing({ round: null })}>
            Mở đợt đăng ký
          </Button>
        ) : null}
        <Link to="/dang-ky" className={styles.toolbarLink}>
          Xem tiến độ đăng ký
        </Link>
      </div>
      {rounds.isPending ? (
        <LoadingBlock rows={6} />
      ) : rounds.isError ? (
        <ErrorState error={rounds.error} onRetry={() => void rounds.refetch()} />
      ) : items.length === 0 ? (
        <Panel>
          <EmptyState description="Chưa có đợt đăng ký nào." />
        </Panel>
      ) : (
        items.map((round) => (
          <Panel
            key={round.id}
            className={styles.block}
            title={
              <span className={styles.panelTitle}>
                Năm {round.year}
                {round.can.edit ? (
                  <Button icon={<EditOutlined />} onClick={() => setEditing({ round })} aria-label={`Sửa đợt đăng ký năm ${round.year}`}>
                    Sửa
                  </Button>
                ) : null}
              </span>
            }
          >
            <dl className={styles.itemFacts}>
              {roundFacts(round).map(([label, value]) => (
                <Fragment key={label}>
                  <dt>{label}</dt>
                  <dd>{value}</dd>
                </Fragment>
              ))}
            </dl>
            <p className={styles.roundLink}>
              <Link to={`/dang-ky?year=${round.year}`}>Tiến độ đăng ký năm {round.year}</Link>
            </p>
          </Panel>
        ))
      )}
      <RoundFormModal open={editing !== null} round={editing?.round ?? null} defaultYear={nextYear} onClose={() => setEditing(null)} />
    </div>
  );
}
