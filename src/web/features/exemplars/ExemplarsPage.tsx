import { BarChartOutlined, CameraOutlined, NotificationOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Input, Pagination, Select, Switch, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { EXEMPLAR_STATES, EXEMPLAR_STATE_LABELS } from '../../../shared/domain/exemplars';
import type { ExemplarState } from '../../../shared/domain/exemplars';
import { formatNumber } from '../../../shared/domain/text';
import { exemplarQueries } from '../../api/exemplars';
import { unitQueries } from '../../api/units';
import type { ExemplarListItem } from '../../api/exemplars';
import { ForbiddenPage } from '../../components/ForbiddenPage';
import { EmptyState, ErrorState, LoadingBlock } from '../../components/states';
import { UnitPicker } from '../../components/UnitPicker';
import { useDebounced } from '../../components/useDebounced';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { useMe } from '../auth/useMe';
import { positiveInt, yearOptions, yearParam } from '../meetings/meetingFormat';
import { ExemplarStateTag, PublicTag, exemplarLink, subjectLine, whereNow } from './exemplarFormat';
import styles from './Exemplars.module.css';

const PAGE_SIZE = 20;
const STATE_OPTIONS = EXEMPLAR_STATES.map((value) => ({ value, label: EXEMPLAR_STATE_LABELS[value] }));

function stateParam(value: string | null): ExemplarState | undefined {
  return EXEMPLAR_STATES.find((state) => state === value);
}

/** "Điển hình tiên tiến": nominations of a unit's subtree for a year, filtered; the way to nominate. */
export function ExemplarsPage() {
  const me = useMe();
  useDocumentTitle('Điển hình tiên tiến');
  if (me.role === 'member') return <ForbiddenPage />;
  return <ExemplarsScreen />;
}

function ExemplarsScreen() {
  const me = useMe();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const year = yearParam(params.get('year'));
  const unitParam = positiveInt(params.get('unit')) ?? null;
  const state = stateParam(params.get('state'));
  const awaiting = params.get('awaiting') === '1';
  const page = positiveInt(params.get('page')) ?? 1;
  const [text, setText] = useState(params.get('q') ?? '');
  const q = useDebounced(text.trim(), 350);
  const unitId = unitParam ?? me.scopeUnit.id;
  const unitDetail = useQuery({ ...unitQueries.detail(unitId), enabled: unitId !== me.scopeUnit.id });
  const unitName = unitId === me.scopeUnit.id ? me.scopeUnit.name : (unitDetail.data?.name ?? 'Đang tải…');
  const canVerify = me.role !== 'cell_secretary';

  const update = (changes: Record<string, string | undefined>, keepPage = false) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes)) {
          if (value === undefined || value === '') next.delete(key);
          else next.set(key, value);
        }
        if (!keepPage) next.delete('page');
        return next;
      },
      { replace: true },
    );

  // The search box writes the URL once typing stops.
  const urlQ = params.get('q') ?? '';
  useEffect(() => {
    if (q !== urlQ) update({ q: q || undefined });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when the debounced text changes
  }, [q]);

  const list = useQuery(exemplarQueries.list({ unitId: unitParam, year, state, awaiting, q: urlQ || undefined, page, pageSize: PAGE_SIZE }));
  const nominateLink = `/dien-hinh/moi?year=${year}${unitId === me.scopeUnit.id ? '' : `&unit=${unitId}`}`;

  return (
    <div className={styles.page}>
      <div className={styles.detailHead}>
        <Typography.Title level={1} className={`page-title ${styles.detailTitle}`}>
          Điển hình tiên tiến
        </Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate(nominateLink)}>
          Đề cử điển hình
        </Button>
      </div>
      <div className={styles.toolbar}>
        <label className={styles.inlineLabel}>
          <span>Năm</span>
          <Select className={styles.yearBox} value={year} options={yearOptions(year)} onChange={(value) => update({ year: String(value) })} aria-label="Năm" />
        </label>
        <div className={styles.unitBox}>
          <UnitPicker
            aria-label="Đơn vị"
            within={me.scopeUnit.id}
            value={unitId}
            initial={{ id: unitId, name: unitName }}
            onChange={(id) => update({ unit: id && id !== me.scopeUnit.id ? String(id) : undefined })}
          />
        </div>
      </div>
      <div className={styles.toolbar}>
        <Select<ExemplarState>
          className={styles.stateBox}
          aria-label="Trạng thái"
          placeholder="Mọi trạng thái"
          allowClear
          disabled={awaiting}
          value={awaiting ? undefined : state}
          options={STATE_OPTIONS}
          onChange={(value) => update({ state: value })}
        />
        {canVerify ? (
          <label className={styles.inlineLabel}>
            <Switch checked={awaiting} onChange={(checked) => update({ awaiting: checked ? '1' : undefined, state: undefined })} aria-label="Chờ tôi xác minh" />
            <span>Chờ tôi xác minh</span>
          </label>
        ) : null}
        <Input.Search
          className={styles.searchBox}
          aria-label="Tìm theo tên, tiêu đề"
          placeholder="Tìm tên, tiêu đề (gõ không dấu được)"
          allowClear
          value={text}
          onChange={(event) => setText(event.target.value)}
          onSearch={(value) => setText(value)}
        />
        <Link to={`/tuyen-truyen?year=${year}${unitId === me.scopeUnit.id ? '' : `&unit=${unitId}`}`} className={styles.toolbarEnd}>
          <BarChartOutlined aria-hidden /> Tình hình tuyên truyền
        </Link>
      </div>
      <section className={styles.section} aria-labelledby="exemplar-list-title">
        <div className={styles.sectionHead}>
          <h2 className={styles.sectionTitle} id="exemplar-list-title">
            {awaiting ? 'Đề nghị chờ tôi xác minh' : `Đề nghị năm ${year}`}
            {list.data ? ` (${formatNumber(list.data.total)})` : ''}
          </h2>
          <span className={styles.small}>{unitName}</span>
        </div>
        {list.isPending ? (
          <div className={styles.sectionBody}>
            <LoadingBlock rows={6} />
          </div>
        ) : list.isError && !list.data ? (
          <div className={styles.sectionBody}>
            <ErrorState error={list.error} onRetry={() => void list.refetch()} />
          </div>
        ) : list.data && list.data.items.length === 0 ? (
          <div className={styles.sectionBody}>
            <EmptyState
              description={
                awaiting
                  ? 'Không có đề nghị nào đang chờ bạn xác minh.'
                  : urlQ || state
                    ? 'Không có đề nghị nào khớp với bộ lọc.'
                    : `Chưa có đề nghị điển hình nào năm ${year}.`
              }
            >
              {!awaiting && !urlQ && !state ? (
                <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate(nominateLink)}>
                  Đề cử điển hình
                </Button>
              ) : null}
            </EmptyState>
          </div>
        ) : list.data ? (
          <>
            <ul className={styles.list} aria-busy={list.isFetching}>
              {list.data.items.map((item) => (
                <ExemplarRow key={item.id} item={item} />
              ))}
            </ul>
            {list.data.total > PAGE_SIZE ? (
              <div className={styles.sectionBody}>
                <Pagination
                  current={page}
                  pageSize={PAGE_SIZE}
                  total={list.data.total}
                  showSizeChanger={false}
                  size="small"
                  onChange={(next) => update({ page: String(next) }, true)}
                />
              </div>
            ) : null}
          </>
        ) : null}
      </section>
    </div>
  );
}

function ExemplarRow({ item }: { item: ExemplarListItem }) {
  return (
    <li className={styles.item} data-testid="exemplar-row">
      <div className={styles.itemMain}>
        <Link to={exemplarLink(item.id)} className={styles.itemTitle}>
          {item.subject.displayName}
        </Link>
        <div className={styles.itemMeta}>
          {subjectLine(item)} · đề cử: {item.nominatingUnit.name} · năm {item.year}
          {item.field ? ` · ${item.field}` : ''}
        </div>
        <p className={styles.itemSummary}>{item.title}</p>
      </div>
      <div className={styles.itemSide}>
        <div className={styles.tags}>
          <ExemplarStateTag state={item.state} />
          {item.isPublic ? <PublicTag /> : null}
        </div>
        <div className={styles.itemMeta}>{whereNow(item)}</div>
        <div className={styles.itemMeta}>
          Cấp xét công nhận: {item.decidingUnit.name}
          {item.photoCount > 0 ? (
            <>
              {' '}
              · <CameraOutlined aria-label="Ảnh" /> {item.photoCount}
            </>
          ) : null}
          {item.publicityCount > 0 ? (
            <>
              {' '}
              · <NotificationOutlined aria-label="Tin bài" /> {item.publicityCount}
            </>
          ) : null}
        </div>
      </div>
    </li>
  );
}
