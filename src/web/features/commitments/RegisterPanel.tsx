import { RightOutlined, TeamOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Segmented } from 'antd';
import { useState } from 'react';
import { isDone } from '../../../shared/domain/timeliness';
import { formatNumber } from '../../../shared/domain/text';
import { commitmentQueries } from '../../api/commitments';
import type { CommitmentRound, Register, RegisterRow } from '../../api/commitments';
import { Panel } from '../../components/Panel';
import { EmptyState, ErrorState, LoadingBlock } from '../../components/states';
import { TimelinessTag } from '../cascade/TimelinessTag';
import { CommitmentDrawer } from './CommitmentDrawer';
import type { DrawerTarget } from './CommitmentDrawer';
import { LeaderTag, NotRegisteredTag, QuietTag, StateTag } from './CommitmentParts';
import styles from './Commitments.module.css';

type Filter = 'all' | 'waiting' | 'missing' | 'quiet';

const FILTERS: { value: Filter; label: string }[] = [
  { value: 'all', label: 'Tất cả' },
  { value: 'waiting', label: 'Chờ xem' },
  { value: 'missing', label: 'Chưa nộp' },
  { value: 'quiet', label: 'Im lặng' },
];

function matches(row: RegisterRow, filter: Filter): boolean {
  if (filter === 'waiting') return row.commitment?.state === 'submitted';
  if (filter === 'missing') return row.commitment === null || row.commitment.firstSubmittedOn === null;
  if (filter === 'quiet') return row.commitment?.quiet === true;
  return true;
}

/** A cell's (or grassroots unit's) register: every member with their commitment, opened in a drawer to read and decide. */
export function RegisterPanel({ unitId, round, withStats = true }: { unitId: number; round: CommitmentRound; withStats?: boolean }) {
  const register = useQuery(commitmentQueries.register(unitId, round.id));
  if (register.isPending) return <LoadingBlock rows={8} />;
  if (register.isError && !register.data) return <ErrorState error={register.error} onRetry={() => void register.refetch()} />;
  return <RegisterBody register={register.data} round={round} withStats={withStats} />;
}

function RegisterBody({ register, round, withStats }: { register: Register; round: CommitmentRound; withStats: boolean }) {
  const [filter, setFilter] = useState<Filter>('all');
  const [target, setTarget] = useState<DrawerTarget | null>(null);
  const rows = register.rows;
  const leaders = rows.filter((row) => row.isLeader);
  const done = rows.filter((row) => isDone(row.timeliness)).length;
  const leadersDone = leaders.filter((row) => isDone(row.timeliness)).length;
  const waiting = rows.filter((row) => row.commitment?.state === 'submitted').length;
  const quiet = rows.filter((row) => row.commitment?.quiet).length;
  const shown = rows.filter((row) => matches(row, filter));
  const manyCells = new Set(rows.map((row) => row.cell.id)).size > 1;
  const labels: Record<string, string> = Object.fromEntries(register.levels.map((level) => [level.code, level.label]));

  return (
    <>
      {withStats ? (
        <div className={styles.registerStats} aria-label="Tình hình đăng ký">
          <div className={styles.stat}>
            <span className={styles.statLabel}>Đã đăng ký</span>
            <span className={styles.statValue} data-testid="register-done">
              {formatNumber(done)}/{formatNumber(rows.length)}
            </span>
          </div>
          <div className={styles.stat}>
            <span className={styles.statLabel}>Lãnh đạo đã đăng ký</span>
            <span className={styles.statValue}>
              {formatNumber(leadersDone)}/{formatNumber(leaders.length)}
            </span>
          </div>
          <div className={styles.stat}>
            <span className={styles.statLabel}>Chờ chi bộ xem</span>
            <span className={styles.statValue}>{formatNumber(waiting)}</span>
          </div>
          <div className={styles.stat}>
            <span className={styles.statLabel}>Im lặng</span>
            <span className={styles.statValue}>{formatNumber(quiet)}</span>
          </div>
        </div>
      ) : null}
      <Panel
        className={styles.block}
        title={
          <span className={styles.panelTitle}>
            Đảng viên · {register.unit.name}
          </span>
        }
      >
        <Segmented<Filter> block className={styles.filter} options={FILTERS} value={filter} onChange={setFilter} aria-label="Lọc danh sách" />
        {shown.length === 0 ? (
          <EmptyState description="Không có đảng viên nào." />
        ) : (
          <ul className={styles.register} aria-label="Danh sách đăng ký">
            {shown.map((row) => (
              <RegisterRowView key={row.member.id} row={row} withCell={manyCells} labels={labels} onOpen={(id) => setTarget({ kind: 'open', id })} />
            ))}
          </ul>
        )}
      </Panel>
      {register.collectives.length > 0 || register.can.registerCollective ? (
        <Panel title="Đăng ký tập thể" className={styles.block}>
          <ul className={styles.register}>
            {register.collectives.map((collective) => (
              <li key={collective.unit.id} className={styles.registerRow}>
                <div className={styles.registerMain}>
                  <div className={styles.registerName}>
                    <TeamOutlined aria-hidden /> {collective.unit.name}
                  </div>
                  <div className={styles.registerTags}>
                    {collective.state ? <StateTag state={collective.state} short /> : <NotRegisteredTag />}
                    <TimelinessTag state={collective.timeliness} />
                  </div>
                </div>
                {collective.commitmentId !== null ? (
                  <Button onClick={() => setTarget({ kind: 'open', id: collective.commitmentId ?? 0 })}>Xem</Button>
                ) : register.can.registerCollective ? (
                  <Button type="primary" onClick={() => setTarget({ kind: 'new-collective', unit: collective.unit })}>
                    Đăng ký tập thể
                  </Button>
                ) : null}
              </li>
            ))}
          </ul>
        </Panel>
      ) : null}
      <CommitmentDrawer target={target} round={round} onClose={() => setTarget(null)} />
    </>
  );
}

function RegisterRowView({ row, withCell, labels, onOpen }: { row: RegisterRow; withCell: boolean; labels: Record<string, string>; onOpen: (id: number) => void }) {
  const { commitment } = row;
  const content = (
    <>
      <div className={styles.registerMain}>
        <div className={styles.registerName}>
          {row.member.fullName} {row.isLeader ? <LeaderTag /> : null}
        </div>
        {withCell ? <div className={styles.muted}>{row.cell.name}</div> : null}
        <div className={styles.registerTags}>
          {commitment ? <StateTag state={commitment.state} short /> : <NotRegisteredTag />}
          <TimelinessTag state={row.timeliness} />
          {commitment?.quiet ? <QuietTag /> : null}
        </div>
        {commitment ? (
          <div className={styles.registerMeta}>
            {commitment.itemCount} việc
            {commitment.doneShare !== null ? ` · tự đánh giá làm được ${Math.round(commitment.doneShare * 100)}%` : ''}
            {commitment.cellLevel ? ` · chi bộ đề nghị: ${labels[commitment.cellLevel] ?? commitment.cellLevel}` : ''}
            {commitment.decidedLevel ? ` · xếp loại: ${labels[commitment.decidedLevel] ?? commitment.decidedLevel}` : ''}
          </div>
        ) : null}
      </div>
      {commitment ? <RightOutlined aria-hidden className={styles.registerChevron} /> : null}
    </>
  );
  return (
    <li className={styles.registerItem} data-member={row.member.fullName}>
      {commitment ? (
        <button type="button" className={`${styles.registerRow} ${styles.registerButton}`} onClick={() => onOpen(commitment.id)} aria-label={`${row.member.fullName}: mở bản đăng ký`}>
          {content}
        </button>
      ) : (
        <div className={styles.registerRow}>{content}</div>
      )}
    </li>
  );
}
