import { useQuery } from '@tanstack/react-query';
import { FilterOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Flex, Form, Select, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { formatDateTime, formatNumber } from '../../../shared/domain/text';
import { AUDIT_ACTION_LABELS, AUDIT_ENTITY_LABELS } from '../../../shared/schemas/audit';
import type { AuditEntry } from '../../../shared/schemas/audit';
import { auditQueries } from '../../api/audit';
import { unitQueries } from '../../api/units';
import type { AuditFilters } from '../../api/audit';
import { toIsoDate } from '../../components/dates';
import { ForbiddenPage } from '../../components/ForbiddenPage';
import { EmptyState, ErrorState } from '../../components/states';
import { UnitPicker } from '../../components/UnitPicker';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { useIsMobile } from '../../components/useIsMobile';
import { useMe } from '../auth/useMe';
import { AuditDiff } from './AuditDiff';
import styles from './AuditPage.module.css';

const PAGE_SIZE = 20;

const ENTITY_TYPE_LABELS = AUDIT_ENTITY_LABELS;

const ACTION_OPTIONS = Object.entries(AUDIT_ACTION_LABELS).map(([value, label]) => ({ value, label }));
const ENTITY_OPTIONS = Object.entries(ENTITY_TYPE_LABELS).map(([value, label]) => ({ value, label }));

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/u;

function positiveInt(value: string | null): number | undefined {
  return value && /^[1-9]\d{0,15}$/u.test(value) ? Number(value) : undefined;
}

/** Filters live in the URL: a filtered view can be bookmarked and Back restores it. */
function readFilters(params: URLSearchParams): AuditFilters {
  const from = params.get('from');
  const to = params.get('to');
  return {
    action: params.get('action') ?? undefined,
    entityType: params.get('entityType') ?? undefined,
    unitId: positiveInt(params.get('unitId')),
    from: from && ISO_DATE.test(from) ? from : undefined,
    to: to && ISO_DATE.test(to) ? to : undefined,
    page: positiveInt(params.get('page')) ?? 1,
    pageSize: PAGE_SIZE,
  };
}

export function AuditPage() {
  const me = useMe();
  useDocumentTitle('Nhật ký thay đổi');
  if (!me.permissions.viewAudit) return <ForbiddenPage />;
  return <AuditLog scopeRootId={me.scopeUnit.id} />;
}

function AuditLog({ scopeRootId }: { scopeRootId: number }) {
  const isMobile = useIsMobile();
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);
  const [filtersOpen, setFiltersOpen] = useState(false);
  const controlStyle = { width: isMobile ? '100%' : 220 };
  const list = useQuery(auditQueries.list(filters));
  // The unit filter comes from the URL as an id; fetch its name for the picker.
  const unitName = useQuery({ ...unitQueries.detail(filters.unitId ?? 0), enabled: filters.unitId !== undefined });
  const filterUnit = filters.unitId ? { id: filters.unitId, name: unitName.data?.name ?? `Đơn vị #${filters.unitId}` } : null;
  const filtered = Boolean(filters.action || filters.entityType || filters.unitId || filters.from || filters.to);

  const update = (changes: Record<string, string | undefined>, resetPage = true) => {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes)) {
          if (value) next.set(key, value);
          else next.delete(key);
        }
        if (resetPage) next.delete('page');
        return next;
      },
      { replace: false },
    );
  };

  const columns: TableColumnsType<AuditEntry> = [
    { title: 'Thời gian', key: 'at', render: (_value, entry) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(entry.at)}</span> },
    {
      title: 'Người thực hiện',
      key: 'actor',
      render: (_value, entry) =>
        entry.actor ? (
          <div>
            <div>{entry.actor.displayName}</div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {entry.actor.username}
            </Typography.Text>
          </div>
        ) : (
          <Typography.Text type="secondary">Hệ thống</Typography.Text>
        ),
    },
    { title: 'Hành động', key: 'action', render: (_value, entry) => <Tag color={tagColor(entry.action)}>{AUDIT_ACTION_LABELS[entry.action] ?? entry.action}</Tag> },
    {
      title: 'Đối tượng',
      key: 'entity',
      render: (_value, entry) => (
        <span className={styles.entity}>
          {ENTITY_TYPE_LABELS[entry.entityType] ?? entry.entityType}
          {entry.entityId !== null ? ` #${entry.entityId}` : ''}
        </span>
      ),
    },
    { title: 'Đơn vị', key: 'unit', render: (_value, entry) => entry.unit?.name ?? '—' },
  ];

  // Phones: one stacked cell per entry instead of five columns to scroll sideways.
  const phoneColumns: TableColumnsType<AuditEntry> = [
    {
      title: 'Thay đổi',
      key: 'entry',
      render: (_value, entry) => (
        <div className={styles.stacked}>
          <div>
            <Tag color={tagColor(entry.action)}>{AUDIT_ACTION_LABELS[entry.action] ?? entry.action}</Tag>
            <span className={styles.when}>{formatDateTime(entry.at)}</span>
          </div>
          <div>{entry.unit?.name ?? `${ENTITY_TYPE_LABELS[entry.entityType] ?? entry.entityType}${entry.entityId !== null ? ` #${entry.entityId}` : ''}`}</div>
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            {entry.actor ? `${entry.actor.displayName} (${entry.actor.username})` : 'Hệ thống'}
          </Typography.Text>
        </div>
      ),
    },
  ];
  const activeFilters = [filters.action, filters.entityType, filters.unitId, filters.from ?? filters.to].filter(Boolean).length;

  return (
    <div>
      <Flex justify="space-between" align="center" gap={8} style={{ marginBottom: 16 }}>
        <Typography.Title level={1} className="page-title" style={{ margin: 0 }}>
          Nhật ký thay đổi
        </Typography.Title>
        {isMobile ? (
          <Button icon={<FilterOutlined />} onClick={() => setFiltersOpen((open) => !open)} aria-expanded={filtersOpen}>
            {activeFilters ? `Bộ lọc (${activeFilters})` : 'Bộ lọc'}
          </Button>
        ) : null}
      </Flex>
      {isMobile && !filtersOpen ? null : (
        <Card size="small" className={styles.filters}>
          <Form layout={isMobile ? 'vertical' : 'inline'} name="audit-filters">
            <Form.Item label="Hành động" htmlFor="audit-action">
              <Select
                id="audit-action"
                style={controlStyle}
                allowClear
                placeholder="Tất cả"
                options={ACTION_OPTIONS}
                value={filters.action}
                onChange={(value?: string) => update({ action: value })}
              />
            </Form.Item>
            <Form.Item label="Loại đối tượng" htmlFor="audit-entity">
              <Select
                id="audit-entity"
                style={controlStyle}
                allowClear
                placeholder="Tất cả"
                options={ENTITY_OPTIONS}
                value={filters.entityType}
                onChange={(value?: string) => update({ entityType: value })}
              />
            </Form.Item>
            <Form.Item label="Đơn vị" htmlFor="audit-unit">
              <div style={controlStyle}>
                <UnitPicker
                  id="audit-unit"
                  within={scopeRootId}
                  allowClear
                  placeholder="Tất cả đơn vị"
                  value={filters.unitId ?? null}
                  initial={filterUnit}
                  onChange={(value) => update({ unitId: value ? String(value) : undefined })}
                />
              </div>
            </Form.Item>
            <Form.Item label="Khoảng thời gian" htmlFor="audit-range">
              <DatePicker.RangePicker
                id={{ start: 'audit-range' }}
                format="DD/MM/YYYY"
                placeholder={['Từ ngày', 'Đến ngày']}
                allowEmpty={[true, true]}
                value={[filters.from ? dayjs(filters.from) : null, filters.to ? dayjs(filters.to) : null]}
                onChange={(range) => update({ from: range?.[0] ? toIsoDate(range[0]) : undefined, to: range?.[1] ? toIsoDate(range[1]) : undefined })}
                style={isMobile ? { width: '100%' } : undefined}
              />
            </Form.Item>
            {filtered ? (
              <Form.Item>
                <Button onClick={() => setParams(new URLSearchParams())}>Xóa bộ lọc</Button>
              </Form.Item>
            ) : null}
          </Form>
        </Card>
      )}

      <Card size="small" styles={{ body: { padding: 0 } }}>
        {list.isError && !list.data ? (
          <div style={{ padding: 12 }}>
            <ErrorState error={list.error} onRetry={() => void list.refetch()} />
          </div>
        ) : (
          <Table<AuditEntry>
            rowKey="id"
            size="middle"
            columns={isMobile ? phoneColumns : columns}
            dataSource={list.data?.items ?? []}
            loading={list.isFetching}
            scroll={isMobile ? undefined : { x: 'max-content' }}
            expandable={{
              expandedRowRender: (entry) => <AuditDiff before={entry.before} after={entry.after} />,
              rowExpandable: (entry) => entry.before !== null || entry.after !== null,
            }}
            pagination={{
              current: filters.page,
              pageSize: PAGE_SIZE,
              total: list.data?.total ?? 0,
              showSizeChanger: false,
              onChange: (page) => update({ page: page > 1 ? String(page) : undefined }, false),
              showTotal: (total) => `${formatNumber(total)} mục`,
            }}
            locale={{
              emptyText: list.isPending ? ' ' : <EmptyState description={filtered ? 'Không có thay đổi nào khớp với bộ lọc.' : 'Chưa có thay đổi nào được ghi lại.'} />,
            }}
          />
        )}
      </Card>
    </div>
  );
}

function tagColor(action: string): string {
  if (action.endsWith('.create')) return 'green';
  if (action.endsWith('.close')) return 'red';
  if (action.endsWith('.move')) return 'purple';
  if (action.startsWith('auth.')) return 'default';
  return 'blue';
}
