import { DownloadOutlined, SettingOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Select, Tabs, Typography } from 'antd';
import { useState } from 'react';
import type { ReactNode } from 'react';
import { Link, Navigate, useSearchParams } from 'react-router-dom';
import { formatDate } from '../../../shared/domain/text';
import { holdsMembers, isGrassrootsKind } from '../../../shared/domain/units';
import { errorMessage } from '../../api/client';
import { commitmentQueries, coverageExportUrl } from '../../api/commitments';
import type { CommitmentRound } from '../../api/commitments';
import { downloadFile } from '../../api/members';
import { Panel } from '../../components/Panel';
import { EmptyState, ErrorState, LoadingBlock } from '../../components/states';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { useMe } from '../auth/useMe';
import { pickRound, positiveInt, roundYearOptions, yearParam } from './commitmentFormat';
import { CoverageView } from './CoverageView';
import { DecisionsPanel } from './DecisionsPanel';
import { RankingPanel } from './RankingPanel';
import { RegisterPanel } from './RegisterPanel';
import { UnregisteredPanel } from './UnregisteredPanel';
import styles from './Commitments.module.css';

type Changes = Record<string, string | undefined>;
type Tab = 'coverage' | 'unregistered' | 'decisions' | 'ranking';

/**
 * "Đăng ký làm theo": a cell secretary's register of their cell; for officers the coverage of their
 * scope with drill-down, the list of who has not registered, the grassroots decisions and the ranking.
 */
export function CommitmentsPage() {
  const me = useMe();
  useDocumentTitle('Đăng ký làm theo');
  if (me.role === 'member') return <Navigate to="/dang-ky-cua-toi" replace />;
  return <CommitmentsScreen />;
}

function CommitmentsScreen() {
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const year = yearParam(params.get('year'));
  const rounds = useQuery(commitmentQueries.rounds());
  const round = rounds.data ? pickRound(rounds.data.items, year) : undefined;
  const shownYear = round?.year ?? year;

  const update = (changes: Changes, replace = false) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes)) {
          if (value === undefined || value === '') next.delete(key);
          else next.set(key, value);
        }
        return next;
      },
      { replace },
    );

  let body;
  if (rounds.isPending) body = <LoadingBlock rows={8} />;
  else if (rounds.isError) body = <ErrorState error={rounds.error} onRetry={() => void rounds.refetch()} />;
  else if (!round) {
    body = (
      <Panel>
        <EmptyState description={shownYear ? `Chưa mở đợt đăng ký làm theo năm ${shownYear}.` : 'Chưa mở đợt đăng ký làm theo nào.'}>
          {rounds.data.can.create ? <Link to="/dot-dang-ky">Mở đợt đăng ký</Link> : null}
        </EmptyState>
      </Panel>
    );
  } else if (me.role === 'cell_secretary') body = <SecretaryBody round={round} />;
  else body = <OfficerBody round={round} params={params} update={update} />;

  return (
    <div className={styles.pageWide}>
      <Typography.Title level={1} className="page-title">
        Đăng ký làm theo
      </Typography.Title>
      <div className={styles.toolbarRow}>
        <label className={styles.inlineLabel}>
          <span>Năm</span>
          <Select
            className={styles.yearBox}
            size="large"
            value={shownYear}
            placeholder="Chọn năm"
            loading={rounds.isPending}
            options={roundYearOptions(rounds.data?.items ?? [], shownYear)}
            onChange={(value: number) => update({ year: String(value) })}
            aria-label="Năm"
          />
        </label>
        {round && me.role !== 'cell_secretary' ? <ExportCoverage unitId={positiveInt(params.get('unit'))} round={round} /> : null}
        {rounds.data?.can.create ? (
          <Link to="/dot-dang-ky" className={styles.toolbarLink}>
            <SettingOutlined aria-hidden /> Các đợt đăng ký
          </Link>
        ) : null}
      </div>
      {body}
    </div>
  );
}

function ExportCoverage({ unitId, round }: { unitId: number | undefined; round: CommitmentRound }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const onExport = async () => {
    setBusy(true);
    try {
      await downloadFile(coverageExportUrl(unitId, round.id), `dang-ky-lam-theo-${round.year}.xlsx`);
    } catch (error) {
      void message.error(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button size="large" icon={<DownloadOutlined />} loading={busy} onClick={() => void onExport()}>
      Xuất Excel
    </Button>
  );
}

/** A cell secretary: the register of their own cell (and the decisions when the cell is itself grassroots). */
function SecretaryBody({ round }: { round: CommitmentRound }) {
  const me = useMe();
  return (
    <>
      <RoundLine round={round} />
      <RegisterPanel unitId={me.scopeUnit.id} round={round} />
      {isGrassrootsKind(me.scopeUnit.kind) ? (
        <Panel title="Xếp loại" className={styles.block}>
          <DecisionsPanel unitId={me.scopeUnit.id} roundId={round.id} />
        </Panel>
      ) : null}
    </>
  );
}

function RoundLine({ round }: { round: CommitmentRound }) {
  return (
    <p className={styles.muted}>
      Hạn lãnh đạo đăng ký {formatDate(round.leaderDeadline)} · hạn đảng viên {formatDate(round.memberDeadline)} · kiểm điểm từ {formatDate(round.reviewOpensOn)}
    </p>
  );
}

function OfficerBody({ round, params, update }: { round: CommitmentRound; params: URLSearchParams; update: (changes: Changes, replace?: boolean) => void }) {
  const unitParam = positiveInt(params.get('unit'));
  const tabParam = params.get('tab');
  const coverage = useQuery(commitmentQueries.coverage(unitParam, round.id));
  const data = coverage.data;
  if (coverage.isPending) return <LoadingBlock rows={10} />;
  if (coverage.isError && !data) return <ErrorState error={coverage.error} onRetry={() => void coverage.refetch()} />;
  if (!data) return null;

  const unit = data.unit.unit;
  const grassroots = isGrassrootsKind(unit.kind);
  const tabs: { key: Tab; label: string; children: ReactNode }[] = [
    {
      key: 'coverage',
      label: 'Tiến độ đăng ký',
      children: (
        <>
          <CoverageView coverage={data} loading={coverage.isFetching} />
          {holdsMembers(unit.kind) ? <RegisterPanel unitId={unit.id} round={round} withStats={false} /> : null}
        </>
      ),
    },
    { key: 'unregistered', label: 'Chưa đăng ký', children: <UnregisteredPanel key={`${unit.id}-${round.id}`} unitId={unit.id} roundId={round.id} /> },
  ];
  if (grassroots) tabs.push({ key: 'decisions', label: 'Xếp loại', children: <DecisionsPanel unitId={unit.id} roundId={round.id} /> });
  tabs.push({ key: 'ranking', label: 'Bình xét thi đua', children: <RankingPanel unitId={unit.id} roundId={round.id} /> });
  const active = tabs.some((tab) => tab.key === tabParam) ? (tabParam as Tab) : 'coverage';

  return <Tabs activeKey={active} onChange={(key) => update({ tab: key === 'coverage' ? undefined : key }, true)} items={tabs} destroyOnHidden />;
}
