import { CalendarOutlined, EditOutlined, FileDoneOutlined, PlusOutlined, TableOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Select, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, Navigate, useParams, useSearchParams } from 'react-router-dom';
import { formatDate } from '../../../shared/domain/text';
import { isApiError } from '../../api/client';
import { meetingQueries } from '../../api/meetings';
import type { CellYear, MeetingSummary } from '../../api/meetings';
import { ErrorState, LoadingBlock } from '../../components/states';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { useMe } from '../auth/useMe';
import { ItemList, MeetingDetailDrawer } from './MeetingDetailDrawer';
import { monthBounds, positiveInt, ruleSentences, yearOptions, yearParam } from './meetingFormat';
import { PlanMeetingDrawer } from './PlanMeetingDrawer';
import type { MonthRef } from './PlanMeetingDrawer';
import { RecordMeetingDrawer } from './RecordMeetingDrawer';
import type { RecordTarget } from './RecordMeetingDrawer';
import { SquareLegend, SquareTag } from './SquareState';
import styles from './Meetings.module.css';

/**
 * "/sinh-hoat/:unitId?": a cell's year. Without an id a cell secretary gets their own cell, officers
 * the matrix of their scope and members their own history.
 */
export function CellYearPage() {
  const me = useMe();
  const { unitId: unitParam } = useParams();
  const unitId = positiveInt(unitParam);
  useDocumentTitle('Sinh hoạt chi bộ');
  if (unitParam !== undefined && unitId === undefined) return <Navigate to="/sinh-hoat" replace />;
  if (unitId === undefined) {
    if (me.role === 'cell_secretary') return <CellYearScreen unitId={me.scopeUnit.id} />;
    if (me.role === 'member') return <Navigate to="/sinh-hoat-cua-toi" replace />;
    return <Navigate to="/sinh-hoat/ma-tran" replace />;
  }
  return <CellYearScreen unitId={unitId} />;
}

function CellYearScreen({ unitId }: { unitId: number }) {
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const year = yearParam(params.get('year'));
  const cellYear = useQuery(meetingQueries.cellYear(unitId, year));
  const data = cellYear.data;
  useDocumentTitle(data ? `Sinh hoạt ${data.cell.name}` : 'Sinh hoạt chi bộ');

  const setYear = (value: number) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        next.set('year', String(value));
        return next;
      },
      { replace: true },
    );

  return (
    <div className={styles.page}>
      <div className={styles.kicker}>Sinh hoạt chi bộ</div>
      <Typography.Title level={1} className="page-title">
        {data?.cell.name ?? (cellYear.isPending ? 'Đang tải…' : 'Sinh hoạt chi bộ')}
      </Typography.Title>
      <div className={styles.toolbarRow}>
        <label className={styles.inlineLabel}>
          <span>Năm</span>
          <Select className={styles.yearBox} size="large" value={year} options={yearOptions(year)} onChange={setYear} aria-label="Năm" />
        </label>
        {me.role !== 'cell_secretary' && me.role !== 'member' ? (
          <Link to={`/sinh-hoat/ma-tran?year=${year}`} className={styles.toolbarLink}>
            <TableOutlined aria-hidden /> Ma trận sinh hoạt
          </Link>
        ) : null}
      </div>
      {cellYear.isPending ? (
        <LoadingBlock rows={10} />
      ) : cellYear.isError && !data ? (
        <>
          <ErrorState error={cellYear.error} onRetry={() => void cellYear.refetch()} />
          {isApiError(cellYear.error, 'validation') && me.role !== 'cell_secretary' && me.role !== 'member' ? (
            <p className={styles.afterError}>
              <Link to={`/sinh-hoat/ma-tran?unit=${unitId}&year=${year}`}>Xem ma trận sinh hoạt của các chi bộ thuộc đơn vị này</Link>
            </p>
          ) : null}
        </>
      ) : data ? (
        <CellYearBody cellYear={data} />
      ) : null}
    </div>
  );
}

function CellYearBody({ cellYear }: { cellYear: CellYear }) {
  const [planTarget, setPlanTarget] = useState<MonthRef | null>(null);
  const [recordTarget, setRecordTarget] = useState<RecordTarget | null>(null);
  const [viewing, setViewing] = useState<number | null>(null);
  const { topic } = cellYear;
  const currentMonth = cellYear.today.startsWith(`${cellYear.year}-`) ? Number(cellYear.today.slice(5, 7)) : null;

  return (
    <>
      {topic ? (
        <section className={styles.topicBox} aria-label="Chuyên đề năm">
          <div className={styles.topicLabel}>Chuyên đề năm {cellYear.year}</div>
          <Link to={`/chuyen-de?year=${cellYear.year}`} className={styles.topicTitle}>
            {topic.title}
          </Link>
          <div className={styles.muted}>{ruleSentences(topic.rule)[0]}</div>
        </section>
      ) : (
        <Alert
          className={styles.block}
          type="info"
          showIcon
          title={`Chưa có chuyên đề năm ${cellYear.year}`}
          description="Vẫn ghi được biên bản sinh hoạt; các buổi không học chuyên đề được tính là sinh hoạt không có chuyên đề."
        />
      )}
      {cellYear.cell.closedOn ? (
        <Alert className={styles.block} type="warning" showIcon title={`Chi bộ đã giải thể ngày ${formatDate(cellYear.cell.closedOn)}.`} />
      ) : null}
      <div className={styles.months}>
        {cellYear.months.map((month) => (
          <MonthCard
            key={month.month}
            cellYear={cellYear}
            month={month}
            current={month.month === currentMonth}
            onPlan={() => setPlanTarget({ month: month.month, meetingId: month.meeting?.id ?? null })}
            onRecord={(mode) =>
              setRecordTarget({ mode, month: month.month, meetingId: mode === 'record' ? (month.meeting?.id ?? null) : null })
            }
            onView={setViewing}
          />
        ))}
      </div>
      <div className={styles.legendBox}>
        <SquareLegend />
      </div>
      <PlanMeetingDrawer cellYear={cellYear} target={planTarget} onClose={() => setPlanTarget(null)} />
      <RecordMeetingDrawer cellYear={cellYear} target={recordTarget} onClose={() => setRecordTarget(null)} />
      <MeetingDetailDrawer
        meetingId={viewing}
        onClose={() => setViewing(null)}
        onEdit={(meeting) => {
          setViewing(null);
          setRecordTarget({ mode: 'edit', month: meeting.month, meetingId: meeting.id });
        }}
      />
    </>
  );
}

type Month = CellYear['months'][number];

function MonthCard({
  cellYear,
  month,
  current,
  onPlan,
  onRecord,
  onView,
}: {
  cellYear: CellYear;
  month: Month;
  current: boolean;
  onPlan: () => void;
  onRecord: (mode: 'record' | 'extraordinary') => void;
  onView: (meetingId: number) => void;
}) {
  const { meeting } = month;
  const held = meeting !== null && meeting.heldOn !== null;
  const started = monthBounds(cellYear.year, month.month).first <= cellYear.today;
  const open = cellYear.cell.closedOn === null;
  const headingId = `thang-${month.month}`;
  return (
    <section aria-labelledby={headingId} className={current ? `${styles.month} ${styles.monthCurrent}` : styles.month}>
      <div className={styles.monthHead}>
        <h2 id={headingId} className={styles.monthTitle}>
          Tháng {month.month}
        </h2>
        <SquareTag state={month.state} />
      </div>
      {held && meeting ? (
        <HeldSummary meeting={meeting} onView={onView} />
      ) : meeting ? (
        <PlannedSummary meeting={meeting} />
      ) : (
        <p className={styles.monthLine}>
          <CalendarOutlined aria-hidden /> Lập kế hoạch trước ngày {formatDate(month.planBy)}
        </p>
      )}
      {month.extraordinary.map((extra) => (
        <p key={extra.id} className={styles.monthLine}>
          <Button type="link" className={styles.inlineButton} onClick={() => onView(extra.id)}>
            Sinh hoạt bất thường ngày {formatDate(extra.heldOn)}
          </Button>
          {extra.recordLate ? <Tag color="orange">Ghi muộn</Tag> : null}
        </p>
      ))}
      <div className={styles.monthActions}>
        {!held && cellYear.can.plan && open ? (
          <Button size="large" icon={meeting ? <EditOutlined /> : <CalendarOutlined />} onClick={onPlan}>
            {meeting ? 'Sửa kế hoạch' : 'Lập kế hoạch'}
          </Button>
        ) : null}
        {!held && cellYear.can.record && started && open ? (
          <Button size="large" type="primary" icon={<FileDoneOutlined />} onClick={() => onRecord('record')}>
            Ghi biên bản
          </Button>
        ) : null}
        {held && cellYear.can.record && open ? (
          <Button type="link" className={styles.inlineButton} icon={<PlusOutlined />} onClick={() => onRecord('extraordinary')}>
            Ghi buổi sinh hoạt bất thường
          </Button>
        ) : null}
      </div>
    </section>
  );
}

function HeldSummary({ meeting, onView }: { meeting: MeetingSummary; onView: (id: number) => void }) {
  return (
    <>
      <p className={styles.monthLine}>
        Sinh hoạt ngày <strong>{formatDate(meeting.heldOn)}</strong>
        {meeting.recordLate ? (
          <Tag color="orange" className={styles.lateTag}>
            Ghi muộn
          </Tag>
        ) : null}
      </p>
      <p className={styles.monthLine}>
        Học {meeting.studiedCount} nội dung · có mặt {meeting.present}/{meeting.roll}
      </p>
      <Button type="link" className={styles.inlineButton} onClick={() => onView(meeting.id)}>
        Xem biên bản
      </Button>
    </>
  );
}

/** A planned meeting: its date and the items chosen (read from the meeting itself). */
function PlannedSummary({ meeting }: { meeting: MeetingSummary }) {
  const detail = useQuery(meetingQueries.detail(meeting.id));
  return (
    <>
      <p className={styles.monthLine}>
        <CalendarOutlined aria-hidden /> {meeting.plannedOn ? <>Dự kiến ngày <strong>{formatDate(meeting.plannedOn)}</strong></> : 'Đã lập kế hoạch, chưa chọn ngày'}
        {detail.data?.planLate ? (
          <Tag color="gold" className={styles.lateTag}>
            Lập kế hoạch muộn
          </Tag>
        ) : null}
      </p>
      {detail.data ? <ItemList items={detail.data.plannedItems} empty="Chưa chọn nội dung chuyên đề." /> : null}
      {detail.data?.planNote ? <p className={styles.planNote}>{detail.data.planNote}</p> : null}
    </>
  );
}
