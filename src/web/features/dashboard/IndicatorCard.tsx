import { ArrowDownOutlined, ArrowUpOutlined, MinusOutlined, QuestionCircleOutlined, RightOutlined } from '@ant-design/icons';
import { Button, Popover } from 'antd';
import { Link } from 'react-router-dom';
import { PERIOD_SEMANTICS_LABELS, formatRatio, indicator, indicatorLink } from '../../../shared/domain/indicators';
import type { IndicatorDefinition, IndicatorKey, IndicatorValue } from '../../../shared/domain/indicators';
import { formatNumber } from '../../../shared/domain/text';
import type { DashboardCard } from '../../api/dashboard';
import { fraction, mainValue, standing, trend } from './dashboardFormat';
import type { Trend } from './dashboardFormat';
import styles from './Dashboard.module.css';

/** The "?" next to an indicator's name: what exactly is counted, from the shared registry. */
export function DefinitionPopover({ indicatorKey }: { indicatorKey: IndicatorKey }) {
  const definition = indicator(indicatorKey);
  const content = (
    <div className={styles.definition}>
      <p>{definition.definition}</p>
      <dl>
        <dt>Tử số</dt>
        <dd>{definition.numerator}</dd>
        {definition.denominator ? (
          <>
            <dt>Mẫu số</dt>
            <dd>{definition.denominator}</dd>
          </>
        ) : null}
        <dt>Kỳ tính</dt>
        <dd>{PERIOD_SEMANTICS_LABELS[definition.periodSemantics]}</dd>
        {definition.lagging !== null ? (
          <>
            <dt>Ngưỡng</dt>
            <dd>
              {definition.higherIsBetter ? 'Từ ' : 'Không quá '}
              {formatRatio(definition.lagging)}
              {definition.higherIsBetter ? ' trở lên' : ''} (dùng để xếp đơn vị chậm)
            </dd>
          </>
        ) : null}
        {definition.breakdown ? (
          <>
            <dt>Chi tiết</dt>
            <dd>{definition.breakdown}</dd>
          </>
        ) : null}
      </dl>
    </div>
  );
  return (
    <Popover content={content} title={definition.name} trigger="click" placement="bottomRight">
      <Button type="text" size="small" className={`${styles.helpButton} no-print`} icon={<QuestionCircleOutlined />} aria-label={`Cách tính: ${definition.name}`} />
    </Popover>
  );
}

function TrendLine({ value, against }: { value: Trend; against: string }) {
  const icon =
    value.direction === 'up' ? <ArrowUpOutlined aria-hidden /> : value.direction === 'down' ? <ArrowDownOutlined aria-hidden /> : <MinusOutlined aria-hidden />;
  const tone = value.better ? styles.better : value.worse ? styles.worse : styles.flat;
  const verdict = value.better ? ' (tốt hơn)' : value.worse ? ' (kém hơn)' : '';
  if (value.direction === 'none') {
    return (
      <li className={`${styles.trend} ${styles.flat}`}>
        <MinusOutlined aria-hidden />
        <span>
          {against}: {value.text}
        </span>
      </li>
    );
  }
  return (
    <li className={`${styles.trend} ${tone}`}>
      {icon}
      <span>
        {value.text}
        <span className="visually-hidden">{verdict}</span> <span className={styles.against}>so với {against}</span>
      </span>
    </li>
  );
}

function Breakdown({ definition, value }: { definition: IndicatorDefinition; value: IndicatorValue }) {
  const entries = (value.breakdown ?? []).filter((entry) => entry.value > 0);
  if (entries.length === 0 || definition.key === 'meetings_valid') return null;
  return (
    <ul className={styles.breakdown} aria-label={definition.breakdown ?? 'Chi tiết'}>
      {entries.slice(0, 6).map((entry) => (
        <li key={entry.label}>
          <span>{entry.label}</span>
          <strong>{formatNumber(entry.value)}</strong>
        </li>
      ))}
      {entries.length > 6 ? <li className={styles.more}>và {entries.length - 6} mục khác</li> : null}
    </ul>
  );
}

export interface ComparisonLabels {
  previousPeriod: string;
  /** Null when the previous period is the same as the previous year (a whole year). */
  previousYear: string | null;
}

/** One indicator: value, fraction, trends against the earlier periods, breakdown and the list behind it. */
export function IndicatorCard({ card, unitId, year, labels }: { card: DashboardCard; unitId: number; year: number; labels: ComparisonLabels }) {
  const definition = indicator(card.key);
  const level = standing(card.key, card.current);
  const share = fraction(card.current);
  const nothingDue = definition.denominator !== null && card.current.denominator === 0;
  return (
    <article className={`${styles.card} ${styles[`standing-${level}`]}`} data-testid={`card-${card.key}`} aria-labelledby={`card-title-${card.key}`}>
      <header className={styles.cardHead}>
        <h3 className={styles.cardTitle} id={`card-title-${card.key}`}>
          {definition.name}
        </h3>
        <DefinitionPopover indicatorKey={card.key} />
      </header>
      <div className={styles.valueRow}>
        <span className={styles.value} data-testid="value">
          {mainValue(definition, card.current)}
        </span>
        {share !== null && !nothingDue ? <span className={styles.fraction}>{share}</span> : null}
      </div>
      {nothingDue ? <p className={styles.note}>Không có việc nào để tính trong kỳ (chưa đến hạn hoặc không áp dụng cho đơn vị).</p> : null}
      {nothingDue ? null : (
        <ul className={styles.trends}>
          <TrendLine value={trend(definition, card.current, card.previousPeriod)} against={labels.previousPeriod} />
          {labels.previousYear ? <TrendLine value={trend(definition, card.current, card.previousYear)} against={labels.previousYear} /> : null}
        </ul>
      )}
      <Breakdown definition={definition} value={card.current} />
      <Link className={`${styles.cardLink} no-print`} to={indicatorLink(card.key, unitId, year)}>
        Xem danh sách <RightOutlined aria-hidden />
      </Link>
    </article>
  );
}
