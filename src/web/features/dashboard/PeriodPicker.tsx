import { DatePicker, Segmented, Select } from 'antd';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import { PERIOD_KINDS } from '../../../shared/domain/indicators';
import type { PeriodKind } from '../../../shared/domain/indicators';
import type { PeriodParams } from '../../api/dashboard';
import { DATE_INPUT_FORMATS, toIsoDate } from '../../components/dates';
import { PERIOD_KIND_LABELS, QUARTER_LABELS, periodYearOptions, switchKind } from './period';
import styles from './Dashboard.module.css';

const QUARTER_OPTIONS = QUARTER_LABELS.map((label, index) => ({ value: index + 1, label }));
const MONTH_OPTIONS = Array.from({ length: 12 }, (_value, index) => ({ value: index + 1, label: `Tháng ${index + 1}` }));
const KIND_OPTIONS = PERIOD_KINDS.map((kind) => ({ value: kind, label: PERIOD_KIND_LABELS[kind] }));

/** Year, quarter, month or a date range: the period of a dashboard or a report. */
export function PeriodPicker({ value, onChange }: { value: PeriodParams; onChange: (next: PeriodParams) => void }) {
  const year = value.year ?? Number((value.to ?? '').slice(0, 4));
  const fromDay = value.from ? dayjs(value.from) : null;
  const toDay = value.to ? dayjs(value.to) : null;
  const setFrom = (day: Dayjs | null) => {
    if (!day) return;
    const from = toIsoDate(day);
    // Keep the range the right way round: a start after the end moves the end along.
    onChange({ period: 'range', from, to: value.to && value.to >= from ? value.to : from });
  };
  const setTo = (day: Dayjs | null) => {
    if (!day) return;
    onChange({ period: 'range', from: value.from, to: toIsoDate(day) });
  };

  return (
    <div className={styles.periodPicker} role="group" aria-label="Kỳ báo cáo">
      <Segmented<PeriodKind>
        className={styles.kindSwitch}
        aria-label="Loại kỳ"
        value={value.period}
        options={KIND_OPTIONS}
        onChange={(kind) => onChange(switchKind(value, kind))}
      />
      {value.period === 'range' ? (
        <div className={styles.rangeBox}>
          <DatePicker
            aria-label="Từ ngày"
            placeholder="Từ ngày"
            format={DATE_INPUT_FORMATS}
            value={fromDay}
            allowClear={false}
            onChange={setFrom}
            className={styles.dateBox}
          />
          <span aria-hidden="true">–</span>
          <DatePicker
            aria-label="Đến ngày"
            placeholder="Đến ngày"
            format={DATE_INPUT_FORMATS}
            value={toDay}
            allowClear={false}
            disabledDate={(day) => (fromDay ? day.isBefore(fromDay, 'day') : false)}
            onChange={setTo}
            className={styles.dateBox}
          />
        </div>
      ) : (
        <div className={styles.rangeBox}>
          <Select<number>
            aria-label="Năm"
            className={styles.yearBox}
            value={year}
            options={periodYearOptions(year)}
            onChange={(next) => onChange({ ...value, year: next })}
          />
          {value.period === 'quarter' ? (
            <Select<number> aria-label="Quý" className={styles.partBox} value={value.quarter} options={QUARTER_OPTIONS} onChange={(quarter) => onChange({ ...value, quarter })} />
          ) : null}
          {value.period === 'month' ? (
            <Select<number> aria-label="Tháng" className={styles.partBox} value={value.month} options={MONTH_OPTIONS} onChange={(month) => onChange({ ...value, month })} />
          ) : null}
        </div>
      )}
    </div>
  );
}
