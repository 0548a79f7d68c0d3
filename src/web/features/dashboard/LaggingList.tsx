import { QuestionCircleOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Popover, Progress } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { dashboardQueries } from '../../api/dashboard';
import type { DashboardParams, LaggingRow } from '../../api/dashboard';
import { EmptyState, ErrorState, LoadingBlock } from '../../components/states';
import { dashboardHref } from './period';
import styles from './Dashboard.module.css';

const SHOWN = 6;
/** Reasons shown at once (worst first); the others fold away. */
const REASONS = 3;
const score = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

function scoreColor(value: number): string {
  if (value >= 50) return '#cf1322';
  if (value >= 20) return '#d46b08';
  return '#d4b106';
}

function LaggingItem({ row, rank, params }: { row: LaggingRow; rank: number; params: DashboardParams }) {
  const value = row.score ?? 0;
  return (
    <li className={styles.laggingItem} data-testid="lagging-unit">
      <div className={styles.laggingHead}>
        <span className={styles.rank} aria-label={`Hạng ${rank}`}>
          {rank}
        </span>
        <Link to={dashboardHref('/bang-dieu-khien', { ...params, unitId: row.unitId })} className={styles.laggingName}>
          {row.name}
        </Link>
        <span className={styles.laggingScore}>
          <Progress
            percent={value}
            steps={10}
            size="small"
            showInfo={false}
            strokeColor={scoreColor(value)}
            aria-label={`Điểm chậm ${score.format(value)} trên 100`}
          />
          <strong>{score.format(value)}</strong>
        </span>
      </div>
      <ul className={styles.reasons}>
        {row.reasons.slice(0, REASONS).map((reason) => (
          <li key={reason.key}>{reason.text}</li>
        ))}
      </ul>
      {row.reasons.length > REASONS ? (
        <details className={styles.moreReasons}>
          <summary>Thêm {row.reasons.length - REASONS} chỉ tiêu dưới ngưỡng</summary>
          <ul className={styles.reasons}>
            {row.reasons.slice(REASONS).map((reason) => (
              <li key={reason.key}>{reason.text}</li>
            ))}
          </ul>
        </details>
      ) : null}
    </li>
  );
}

/** Child units behind their thresholds, ranked by the documented composite score, with the reasons. */
export function LaggingList({ params }: { params: DashboardParams }) {
  const [all, setAll] = useState(false);
  const lagging = useQuery(dashboardQueries.lagging(params));
  if (lagging.isPending) return <LoadingBlock rows={4} />;
  if (lagging.isError) return <ErrorState error={lagging.error} onRetry={() => void lagging.refetch()} />;
  const { rows, formula } = lagging.data;
  const behind = rows.filter((row) => row.score !== null && row.score > 0);
  const met = rows.filter((row) => row.score === 0).length;
  const unscored = rows.filter((row) => row.score === null).length;
  const shown = all ? behind : behind.slice(0, SHOWN);
  return (
    <div>
      <p className={styles.muted}>
        Xếp theo điểm chậm (0 = đạt mọi ngưỡng, 100 = chưa làm gì).{' '}
        <Popover content={<p className={styles.formula}>{formula}</p>} title="Cách tính điểm chậm" trigger="click">
          <Button type="link" size="small" className={`${styles.inlineLink} no-print`} icon={<QuestionCircleOutlined />}>
            Cách tính
          </Button>
        </Popover>
      </p>
      {rows.length === 0 ? (
        <EmptyState description="Đơn vị này không có đơn vị trực thuộc." />
      ) : behind.length === 0 ? (
        <EmptyState description={unscored === rows.length ? 'Trong kỳ chưa có chỉ tiêu nào đến hạn để xếp hạng.' : 'Không có đơn vị nào dưới ngưỡng trong kỳ.'} />
      ) : (
        <>
          <ol className={styles.lagging} aria-label="Đơn vị chậm">
            {shown.map((row, index) => (
              <LaggingItem key={row.unitId} row={row} rank={index + 1} params={params} />
            ))}
          </ol>
          <p className={styles.muted}>
            {behind.length > SHOWN ? (
              <Button type="link" size="small" className={`${styles.inlineLink} no-print`} onClick={() => setAll(!all)}>
                {all ? 'Thu gọn' : `Xem cả ${behind.length} đơn vị dưới ngưỡng`}
              </Button>
            ) : null}
            {met > 0 ? ` ${met} đơn vị đạt mọi ngưỡng.` : ''}
            {unscored > 0 ? ` ${unscored} đơn vị chưa có chỉ tiêu đến hạn.` : ''}
          </p>
        </>
      )}
    </div>
  );
}
