import { EditOutlined, PlusOutlined, SendOutlined, StopOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, DatePicker, Flex, Select, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { formatDate, formatDateTime, formatNumber } from '../../../shared/domain/text';
import { ITEM_KIND_LABELS, NOTIFICATION_KINDS, NOTIFICATION_KIND_LABELS } from '../../../shared/domain/urging';
import type { NotificationKind } from '../../../shared/domain/urging';
import { RULE_STATE_LABELS } from '../../../shared/schemas/urging';
import type { RuleState } from '../../../shared/schemas/urging';
import { urgingQueries } from '../../api/urging';
import type { ReminderRule, SentItem } from '../../api/urging';
import { toIsoDate } from '../../components/dates';
import { ForbiddenPage } from '../../components/ForbiddenPage';
import { EmptyState, ErrorState, LoadingBlock } from '../../components/states';
import { UnitPicker } from '../../components/UnitPicker';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { useIsMobile } from '../../components/useIsMobile';
import { useMe } from '../auth/useMe';
import { positiveInt, yearOptions, yearParam } from '../meetings/meetingFormat';
import { CloseRuleModal, RuleFormModal } from './RuleDialogs';
import { UrgeModal } from './UrgeModal';
import { DeliveryTag, KindTag, StageTag, offsetsText, validityText } from './urgingFormat';
import styles from './Urging.module.css';

const TITLE = 'Đôn đốc, nhắc hạn';
const SENT_PAGE_SIZE = 50;

type Tab = 'rules' | 'sent';

/** "Đôn đốc, nhắc hạn": reminder rules per campaign year, what was sent to whom and when, one-off urging. */
export function UrgingPage() {
  const me = useMe();
  useDocumentTitle(TITLE);
  if (me.role === 'member') return <ForbiddenPage />;
  return <UrgingScreen />;
}

function UrgingScreen() {
  const [params, setParams] = useSearchParams();
  const tab: Tab = params.get('tab') === 'sent' ? 'sent' : 'rules';
  const [urgeOpen, setUrgeOpen] = useState(false);

  const update = (changes: Record<string, string | undefined>) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      for (const [key, value] of Object.entries(changes)) {
        if (value === undefined || value === '') next.delete(key);
        else next.set(key, value);
      }
      return next;
    });

  return (
    <div className={styles.pageWide}>
      <Flex wrap align="center" justify="space-between" gap={8}>
        <Typography.Title level={1} className="page-title">
          {TITLE}
        </Typography.Title>
        <Button type="primary" size="large" icon={<SendOutlined />} onClick={() => setUrgeOpen(true)} style={{ marginBottom: 16 }}>
          Gửi đôn đốc
        </Button>
      </Flex>
      <Tabs
        activeKey={tab}
        onChange={(key) => update({ tab: key === 'sent' ? 'sent' : undefined, page: undefined })}
        items={[
          { key: 'rules', label: 'Quy tắc nhắc hạn', children: tab === 'rules' ? <RulesPanel params={params} update={update} /> : null },
          { key: 'sent', label: 'Đã gửi', children: tab === 'sent' ? <SentPanel params={params} update={update} /> : null },
        ]}
      />
      {urgeOpen ? <UrgeModal open={urgeOpen} preset={{ units: [] }} onClose={() => setUrgeOpen(false)} /> : null}
    </div>
  );
}

type Update = (changes: Record<string, string | undefined>) => void;

const STATE_COLORS: Record<RuleState, string> = { active: 'green', scheduled: 'blue', closed: 'default' };

type RuleDialog = { kind: 'create' } | { kind: 'edit'; rule: ReminderRule } | { kind: 'close'; rule: ReminderRule } | null;

function RulesPanel({ params, update }: { params: URLSearchParams; update: Update }) {
  const isMobile = useIsMobile();
  const year = yearParam(params.get('year'));
  const rules = useQuery(urgingQueries.rules(year));
  const [dialog, setDialog] = useState<RuleDialog>(null);

  const actions = (rule: ReminderRule) => (
    <Flex wrap gap={6}>
      {rule.can.edit ? (
        <Button icon={<EditOutlined />} onClick={() => setDialog({ kind: 'edit', rule })} aria-label={`Sửa quy tắc ${ITEM_KIND_LABELS[rule.itemKind]}`}>
          Sửa
        </Button>
      ) : null}
      {rule.can.close ? (
        <Button icon={<StopOutlined />} danger onClick={() => setDialog({ kind: 'close', rule })} aria-label={`Kết thúc quy tắc ${ITEM_KIND_LABELS[rule.itemKind]}`}>
          Kết thúc
        </Button>
      ) : null}
    </Flex>
  );
  const what = (rule: ReminderRule) => (
    <div className={styles.stacked}>
      <strong>{ITEM_KIND_LABELS[rule.itemKind]}</strong>
      <span className={styles.small}>{rule.rootUnit.name}</span>
    </div>
  );
  const stateTag = (rule: ReminderRule) => <Tag color={STATE_COLORS[rule.state]}>{RULE_STATE_LABELS[rule.state]}</Tag>;

  const columns: TableColumnsType<ReminderRule> = [
    { title: 'Loại việc, cấp ủy đặt quy tắc', key: 'what', width: 280, render: (_v, rule) => what(rule) },
    { title: 'Nhắc', key: 'offsets', render: (_v, rule) => offsetsText(rule) },
    { title: 'Tổng hợp cho cấp trên', key: 'digest', width: 110, render: (_v, rule) => (rule.digestToParent ? 'Có' : 'Không') },
    { title: 'Hiệu lực', key: 'validity', width: 130, render: (_v, rule) => validityText(rule) },
    { title: 'Trạng thái', key: 'state', width: 130, render: (_v, rule) => stateTag(rule) },
    { title: '', key: 'actions', width: 200, render: (_v, rule) => actions(rule) },
  ];
  const phoneColumns: TableColumnsType<ReminderRule> = [
    {
      title: 'Quy tắc',
      key: 'rule',
      render: (_v, rule) => (
        <div className={styles.stacked}>
          {what(rule)}
          <span>{offsetsText(rule)}</span>
          <span className={styles.small}>
            {rule.digestToParent ? 'Có tổng hợp cho cấp trên' : 'Không tổng hợp cho cấp trên'} · {validityText(rule)}
          </span>
          <div>{stateTag(rule)}</div>
          {actions(rule)}
        </div>
      ),
    },
  ];

  return (
    <>
      <div className={styles.toolbar}>
        <Select<number> aria-label="Năm" className={styles.yearBox} size="large" value={year} options={yearOptions(year)} onChange={(value) => update({ year: String(value) })} />
        {rules.data?.can.create ? (
          <Button size="large" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'create' })}>
            Thêm quy tắc
          </Button>
        ) : null}
      </div>
      <p className={styles.muted}>
        Mỗi ngày hệ thống tự nhắc các đơn vị có việc sắp đến hạn, đến hạn hoặc quá hạn theo các quy tắc dưới đây, và gửi một tin tổng hợp cho cấp ủy cấp trên.
        Quy tắc của cấp trên áp dụng cả cho đơn vị mình.
      </p>
      {rules.isPending ? (
        <LoadingBlock rows={5} />
      ) : rules.isError && !rules.data ? (
        <ErrorState error={rules.error} onRetry={() => void rules.refetch()} />
      ) : rules.data ? (
        <Card size="small" className={styles.listCard}>
          <section aria-label={`Quy tắc nhắc hạn năm ${year}`}>
            <Table<ReminderRule>
              rowKey="id"
              size="middle"
              loading={rules.isFetching}
              columns={isMobile ? phoneColumns : columns}
              dataSource={rules.data.items}
              pagination={false}
              // A fixed minimum width (not max-content) so texts wrap and the actions stay in view.
              scroll={isMobile ? undefined : { x: 960 }}
              locale={{ emptyText: <EmptyState description={`Chưa có quy tắc nhắc hạn nào cho năm ${year}.`} /> }}
            />
          </section>
        </Card>
      ) : null}
      {dialog?.kind === 'create' ? <RuleFormModal open rule={null} year={year} onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === 'edit' ? <RuleFormModal open rule={dialog.rule} year={dialog.rule.year} onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === 'close' ? <CloseRuleModal open rule={dialog.rule} onClose={() => setDialog(null)} /> : null}
    </>
  );
}

function isoParam(value: string | null): string | undefined {
  return value && /^\d{4}-\d{2}-\d{2}$/u.test(value) ? value : undefined;
}

function SentPanel({ params, update }: { params: URLSearchParams; update: Update }) {
  const me = useMe();
  const isMobile = useIsMobile();
  const unitId = positiveInt(params.get('unit'));
  const from = isoParam(params.get('from'));
  const to = isoParam(params.get('to'));
  const kind = NOTIFICATION_KINDS.find((candidate) => candidate === params.get('kind'));
  const page = positiveInt(params.get('page')) ?? 1;
  const sent = useQuery(urgingQueries.sent({ unitId, from, to, kind, page, pageSize: SENT_PAGE_SIZE }));
  const [unitName, setUnitName] = useState<string | null>(null);

  const filter = (changes: Record<string, string | undefined>) => update({ ...changes, page: undefined });

  const content = (item: SentItem) => (
    <div className={styles.stacked}>
      <Flex wrap gap={4}>
        <KindTag kind={item.kind} short />
        <StageTag stage={item.stage} />
      </Flex>
      <span className={styles.wrapText}>{item.title}</span>
      {item.itemKind ? <span className={styles.small}>{ITEM_KIND_LABELS[item.itemKind]}{item.dueOn ? ` · hạn ${formatDate(item.dueOn)}` : ''}</span> : null}
      {item.sender ? <span className={styles.small}>Người gửi: {item.sender}</span> : null}
    </div>
  );
  const recipient = (item: SentItem) => (
    <div className={styles.stacked}>
      <span>{item.recipient.displayName}</span>
      <span className={styles.small}>
        {item.recipient.username} · {item.unit.name}
      </span>
    </div>
  );
  const read = (item: SentItem) =>
    item.readAt ? (
      <span className={styles.small}>Đã đọc {formatDateTime(item.readAt)}</span>
    ) : (
      <div>
        <Tag>Chưa đọc</Tag>
      </div>
    );
  const email = (item: SentItem) => {
    if (!item.delivery) return <span className={styles.small}>Không gửi thư</span>;
    const { delivery } = item;
    return (
      <div className={styles.stacked}>
        <div>
          {delivery.lastError ? (
            <Tooltip title={delivery.lastError}>
              <span>
                <DeliveryTag status={delivery.status} />
              </span>
            </Tooltip>
          ) : (
            <DeliveryTag status={delivery.status} />
          )}
        </div>
        <span className={`${styles.small} ${styles.wrapText}`}>{delivery.email}</span>
        {delivery.sentAt ? <span className={styles.small}>Gửi lúc {formatDateTime(delivery.sentAt)}</span> : null}
        {delivery.attempts > 1 || delivery.status === 'failed' ? <span className={styles.small}>{formatNumber(delivery.attempts)} lần thử</span> : null}
        {delivery.lastError && isMobile ? <span className={styles.small}>Lỗi: {delivery.lastError}</span> : null}
      </div>
    );
  };

  const columns: TableColumnsType<SentItem> = [
    { title: 'Thời gian', key: 'at', render: (_v, item) => <span className={styles.nowrap}>{formatDateTime(item.createdAt)}</span> },
    { title: 'Người nhận', key: 'recipient', render: (_v, item) => recipient(item) },
    { title: 'Nội dung', key: 'content', render: (_v, item) => content(item) },
    { title: 'Đã đọc', key: 'read', render: (_v, item) => read(item) },
    { title: 'Thư điện tử', key: 'email', render: (_v, item) => email(item) },
  ];
  const phoneColumns: TableColumnsType<SentItem> = [
    {
      title: 'Tin đã gửi',
      key: 'item',
      render: (_v, item) => (
        <div className={styles.stacked}>
          <span className={styles.small}>{formatDateTime(item.createdAt)}</span>
          {content(item)}
          {recipient(item)}
          {read(item)}
          {email(item)}
        </div>
      ),
    },
  ];

  return (
    <>
      <div className={styles.toolbar}>
        <div className={styles.unitBox}>
          <UnitPicker
            aria-label="Đơn vị"
            within={me.scopeUnit.id}
            allowClear
            placeholder={`Cả ${me.scopeUnit.name}`}
            value={unitId ?? null}
            initial={unitId ? { id: unitId, name: unitName ?? 'Đơn vị đã chọn' } : null}
            onChange={(value, hit) => {
              setUnitName(hit?.name ?? null);
              filter({ unit: value ? String(value) : undefined });
            }}
          />
        </div>
        <DatePicker.RangePicker
          size="large"
          format="DD/MM/YYYY"
          placeholder={['Từ ngày', 'Đến ngày']}
          allowEmpty={[true, true]}
          value={[from ? dayjs(from) : null, to ? dayjs(to) : null]}
          onChange={(range) => filter({ from: range?.[0] ? toIsoDate(range[0]) : undefined, to: range?.[1] ? toIsoDate(range[1]) : undefined })}
          style={isMobile ? { width: '100%' } : undefined}
          aria-label="Khoảng thời gian"
        />
        <Select<NotificationKind | 'all'>
          aria-label="Loại tin"
          size="large"
          className={styles.filterBox}
          value={kind ?? 'all'}
          options={[{ value: 'all', label: 'Mọi loại tin' }, ...NOTIFICATION_KINDS.map((value) => ({ value, label: NOTIFICATION_KIND_LABELS[value] }))]}
          onChange={(value) => filter({ kind: value === 'all' ? undefined : value })}
        />
      </div>
      {sent.isPending ? (
        <LoadingBlock rows={6} />
      ) : sent.isError && !sent.data ? (
        <ErrorState error={sent.error} onRetry={() => void sent.refetch()} />
      ) : sent.data ? (
        <Card size="small" className={styles.listCard}>
          <section aria-label="Tin đã gửi">
            <Table<SentItem>
              rowKey="id"
              size="middle"
              loading={sent.isFetching}
              columns={isMobile ? phoneColumns : columns}
              dataSource={sent.data.items}
              scroll={isMobile ? undefined : { x: 'max-content' }}
              pagination={{
                current: page,
                pageSize: SENT_PAGE_SIZE,
                total: sent.data.total,
                showSizeChanger: false,
                simple: isMobile,
                onChange: (next) => update({ page: next > 1 ? String(next) : undefined }),
                showTotal: (total) => `${formatNumber(total)} tin`,
              }}
              locale={{ emptyText: <EmptyState description="Chưa có tin nhắc hạn hay đôn đốc nào được gửi trong phạm vi này." /> }}
            />
          </section>
        </Card>
      ) : null}
    </>
  );
}
