import { RightOutlined } from '@ant-design/icons';
import { Breadcrumb, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import { TIMELINESS_SHORT_LABELS, TIMELINESS_STATES } from '../../../shared/domain/timeliness';
import type { TimelinessCounts } from '../../../shared/domain/timeliness';
import { formatDate, formatNumber, viCollator } from '../../../shared/domain/text';
import { holdsMembers } from '../../../shared/domain/units';
import type { AssessmentLevelOut, Coverage, CoverageRow } from '../../api/commitments';
import { EmptyState } from '../../components/states';
import { useIsMobile } from '../../components/useIsMobile';
import { TIMELINESS_LOOK } from '../cascade/TimelinessTag';
import { formatShare, registered, share } from './commitmentFormat';
import styles from './Commitments.module.css';

export const NOT_ASSESSED = 'not_assessed';

/** The four registration states as small coloured counts, with the words for screen readers and on hover. */
export function StateCounts({ counts, label }: { counts: TimelinessCounts; label: string }) {
  const words = TIMELINESS_STATES.map((state) => `${TIMELINESS_SHORT_LABELS[state]} ${counts[state]}`).join(', ');
  return (
    <span className={styles.stateCounts} role="img" aria-label={`${label}: ${words}`} title={words}>
      {TIMELINESS_STATES.map((state) => {
        const look = TIMELINESS_LOOK[state];
        return (
          <span
            key={state}
            data-state={state}
            className={counts[state] === 0 ? `${styles.stateCount} ${styles.stateCountZero}` : styles.stateCount}
            style={{ color: look.text, background: look.background, borderColor: look.border }}
          >
            {look.icon}
            {formatNumber(counts[state])}
          </span>
        );
      })}
    </span>
  );
}

/** "123/456 · 27%": registered (on time or late) out of everyone counted. */
function RegisteredCell({ counts, total }: { counts: TimelinessCounts; total: number }) {
  const done = registered(counts);
  return (
    <span className={styles.registered} data-registered={done}>
      <strong>{formatNumber(done)}</strong>/{formatNumber(total)}
      <span className={styles.registeredShare}>{formatShare(share(done, total))}</span>
    </span>
  );
}

export function coverageLink(unitId: number, year: number, tab?: string): string {
  return `/dang-ky?unit=${unitId}&year=${year}${tab ? `&tab=${tab}` : ''}`;
}

/** The unit's own totals as a strip of figures, then a row per child unit (drill down by its name). */
export function CoverageView({ coverage, loading }: { coverage: Coverage; loading: boolean }) {
  const { unit } = coverage;
  const year = coverage.round.year;
  const breadcrumb = [
    ...coverage.ancestors.map((ancestor) => ({ key: ancestor.id, title: <Link to={coverageLink(ancestor.id, year)}>{ancestor.name}</Link> })),
    { key: unit.unit.id, title: <span aria-current="page">{unit.unit.name}</span> },
  ];
  return (
    <>
      <Breadcrumb className={styles.breadcrumb} items={breadcrumb} />
      <p className={styles.muted}>
        Hạn lãnh đạo đăng ký {formatDate(coverage.round.leaderDeadline)} · hạn đảng viên {formatDate(coverage.round.memberDeadline)} · số liệu đến ngày {formatDate(coverage.today)}
      </p>
      <CoverageStats row={unit} />
      {holdsMembers(unit.unit.kind) ? null : <ChildrenTable coverage={coverage} loading={loading} />}
    </>
  );
}

function CoverageStats({ row }: { row: CoverageRow }) {
  const members = registered(row.memberStates);
  const leaders = registered(row.leaderStates);
  return (
    <div className={styles.coverageStats}>
      <div className={styles.stat}>
        <span className={styles.statLabel}>Đảng viên đã đăng ký</span>
        <span className={styles.statValue} data-testid="unit-registered" data-registered={members}>
          {formatNumber(members)}/{formatNumber(row.members)} <small>{formatShare(share(members, row.members))}</small>
        </span>
        <StateCounts counts={row.memberStates} label="Đảng viên" />
      </div>
      <div className={styles.stat}>
        <span className={styles.statLabel}>Lãnh đạo chủ chốt, người đứng đầu</span>
        <span className={styles.statValue}>
          {formatNumber(leaders)}/{formatNumber(row.leaders)} <small>{formatShare(share(leaders, row.leaders))}</small>
        </span>
        <StateCounts counts={row.leaderStates} label="Lãnh đạo" />
      </div>
      <div className={styles.stat}>
        <span className={styles.statLabel}>Chi bộ đã chấp nhận</span>
        <span className={styles.statValue}>{formatNumber(row.accepted)}</span>
        <span className={styles.muted}>Tập thể đăng ký: {formatNumber(row.collectivesOnTime + row.collectivesLate)}</span>
      </div>
      <div className={styles.stat}>
        <span className={styles.statLabel}>Tự đánh giá / đã xếp loại</span>
        <span className={styles.statValue}>
          {formatNumber(row.selfReviewed)} / {formatNumber(row.decided)}
        </span>
      </div>
    </div>
  );
}

function ChildrenTable({ coverage, loading }: { coverage: Coverage; loading: boolean }) {
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const year = coverage.round.year;
  return (
    <div className={styles.tableBox}>
      <Table<CoverageRow>
        rowKey={(row) => row.unit.id}
        size="small"
        bordered
        loading={loading}
        columns={coverageColumns(year, coverage.levels, isMobile)}
        dataSource={coverage.rows}
        pagination={coverage.rows.length > 100 ? { pageSize: 100, showSizeChanger: false } : false}
        scroll={{ x: 'max-content' }}
        rowClassName={styles.clickRow}
        onRow={(row) => ({
          onClick: (event) => {
            if ((event.target as HTMLElement).closest('a')) return;
            void navigate(coverageLink(row.unit.id, year));
          },
        })}
        locale={{ emptyText: <EmptyState description="Không có đơn vị trực thuộc nào." /> }}
        summary={() => <SummaryRow coverage={coverage} />}
      />
    </div>
  );
}

function SummaryRow({ coverage }: { coverage: Coverage }) {
  const row = coverage.unit;
  const cells = [
    <RegisteredCell key="m" counts={row.memberStates} total={row.members} />,
    <StateCounts key="ms" counts={row.memberStates} label="Đảng viên" />,
    <RegisteredCell key="l" counts={row.leaderStates} total={row.leaders} />,
    <StateCounts key="ls" counts={row.leaderStates} label="Lãnh đạo" />,
    formatNumber(row.collectivesOnTime + row.collectivesLate),
    formatNumber(row.accepted),
    formatNumber(row.selfReviewed),
    formatNumber(row.decided),
    ...levelCodes(coverage.levels).map((code) => formatNumber(row.levels[code] ?? 0)),
  ];
  return (
    <Table.Summary.Row className={styles.summaryRow}>
      <Table.Summary.Cell index={0}>
        <strong>Cộng</strong>
      </Table.Summary.Cell>
      <Table.Summary.Cell index={1} align="right">
        {formatNumber(row.members)}
      </Table.Summary.Cell>
      {cells.map((cell, index) => (
        <Table.Summary.Cell key={index} index={index + 2} align={index === 1 || index === 3 ? 'left' : 'right'}>
          {cell}
        </Table.Summary.Cell>
      ))}
    </Table.Summary.Row>
  );
}

function levelCodes(levels: AssessmentLevelOut[]): string[] {
  return [...[...levels].sort((a, b) => a.rank - b.rank).map((level) => level.code), NOT_ASSESSED];
}

function count(title: string, key: string, value: (row: CoverageRow) => number) {
  return {
    title,
    key,
    align: 'right' as const,
    width: 84,
    sorter: (a: CoverageRow, b: CoverageRow) => value(a) - value(b),
    sortDirections: ['descend' as const, 'ascend' as const],
    render: (_value: unknown, row: CoverageRow) => <span className={value(row) === 0 ? styles.zero : undefined}>{formatNumber(value(row))}</span>,
  };
}

function coverageColumns(year: number, levels: AssessmentLevelOut[], isMobile: boolean): TableColumnsType<CoverageRow> {
  const labels: Record<string, string> = { ...Object.fromEntries(levels.map((level) => [level.code, level.label])), [NOT_ASSESSED]: 'Chưa đánh giá' };
  return [
    {
      title: 'Đơn vị',
      key: 'unit',
      fixed: 'left',
      width: isMobile ? 132 : 200,
      sorter: (a, b) => viCollator.compare(a.unit.name, b.unit.name),
      render: (_value, row) => (
        <div>
          <Link to={coverageLink(row.unit.id, year)} className={styles.unitLink}>
            {row.unit.name}
            {holdsMembers(row.unit.kind) ? null : <RightOutlined aria-hidden className={styles.drillIcon} />}
          </Link>
        </div>
      ),
    },
    count('Đảng viên', 'members', (row) => row.members),
    {
      title: 'Đảng viên đã đăng ký',
      key: 'registered',
      align: 'right',
      width: 110,
      sorter: (a, b) => (share(registered(a.memberStates), a.members) ?? -1) - (share(registered(b.memberStates), b.members) ?? -1),
      render: (_value, row) => <RegisteredCell counts={row.memberStates} total={row.members} />,
    },
    {
      title: 'Đảng viên theo hạn',
      key: 'member-states',
      width: 230,
      render: (_value, row) => <StateCounts counts={row.memberStates} label="Đảng viên" />,
    },
    {
      title: 'Lãnh đạo đã đăng ký',
      key: 'leaders',
      align: 'right',
      width: 110,
      sorter: (a, b) => (share(registered(a.leaderStates), a.leaders) ?? -1) - (share(registered(b.leaderStates), b.leaders) ?? -1),
      render: (_value, row) => <RegisteredCell counts={row.leaderStates} total={row.leaders} />,
    },
    {
      title: 'Lãnh đạo theo hạn',
      key: 'leader-states',
      width: 230,
      render: (_value, row) => <StateCounts counts={row.leaderStates} label="Lãnh đạo" />,
    },
    count('Tập thể đăng ký', 'collectives', (row) => row.collectivesOnTime + row.collectivesLate),
    count('Đã chấp nhận', 'accepted', (row) => row.accepted),
    count('Tự đánh giá', 'self-reviewed', (row) => row.selfReviewed),
    count('Đã xếp loại', 'decided', (row) => row.decided),
    {
      title: 'Xếp loại đảng viên',
      key: 'levels',
      children: levelCodes(levels).map((code) => ({
        ...count(labels[code] ?? code, `level-${code}`, (row: CoverageRow) => row.levels[code] ?? 0),
        width: 130,
      })),
    },
  ];
}
