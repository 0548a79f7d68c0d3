import { RightOutlined } from '@ant-design/icons';
import { useQueries, useQuery } from '@tanstack/react-query';
import { Button, Select, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import type { TdHTMLAttributes } from 'react';
import { Link } from 'react-router-dom';
import { INDICATORS, INDICATOR_GROUPS, INDICATOR_GROUP_LABELS, indicatorRatio } from '../../../shared/domain/indicators';
import type { IndicatorDefinition, IndicatorGroup, IndicatorValue } from '../../../shared/domain/indicators';
import { formatNumber, viCollator } from '../../../shared/domain/text';
import { UNIT_KIND_LABELS } from '../../../shared/domain/units';
import { errorMessage } from '../../api/client';
import { dashboardQueries } from '../../api/dashboard';
import type { DashboardChildRow, DashboardParams } from '../../api/dashboard';
import { EmptyState, ErrorState, LoadingBlock } from '../../components/states';
import { useIsMobile } from '../../components/useIsMobile';
import { STANDING_LABELS, fraction, mainValue, standing } from './dashboardFormat';
import { dashboardHref } from './period';
import styles from './Dashboard.module.css';

/** A row of the tree: a unit, or a line standing for children still loading (or failed, or none). */
interface TreeRow {
  key: string;
  /** 0 for the direct children of the dashboard's unit. */
  depth: number;
  unit?: DashboardChildRow;
  note?: { kind: 'loading' | 'error' | 'empty'; text: string; retry?: () => void };
  children?: TreeRow[];
}

type GroupChoice = IndicatorGroup | 'all';

const GROUP_OPTIONS = [
  { value: 'all' as const, label: 'Tất cả chỉ tiêu' },
  ...INDICATOR_GROUPS.map((group) => ({ value: group, label: INDICATOR_GROUP_LABELS[group] })),
];

/** What a column sorts by: the ratio, or the count; nothing due sorts below 0 %. */
function sortValue(definition: IndicatorDefinition, value: IndicatorValue | undefined): number {
  if (!value) return -1;
  if (definition.denominator === null) return value.numerator;
  return indicatorRatio(value) ?? -1;
}

function ValueCell({ definition, value }: { definition: IndicatorDefinition; value: IndicatorValue | undefined }) {
  if (!value) return <span className={styles.dim}>—</span>;
  const level = standing(definition.key, value);
  const share = fraction(value);
  const nothingDue = definition.denominator !== null && value.denominator === 0;
  return (
    <span className={styles.cellValue} title={level === 'none' ? undefined : STANDING_LABELS[level]}>
      <span className={nothingDue ? styles.dim : undefined}>{mainValue(definition, value)}</span>
      {share !== null && !nothingDue ? <span className={styles.cellFraction}>{share}</span> : null}
    </span>
  );
}

function indicatorColumn(definition: IndicatorDefinition, width: number): TableColumnsType<TreeRow>[number] {
  return {
    title: <span className={styles.columnTitle}>{definition.name}</span>,
    key: definition.key,
    align: 'right',
    width,
    sorter: (a, b) => sortValue(definition, a.unit?.values[definition.key]) - sortValue(definition, b.unit?.values[definition.key]),
    sortDirections: ['ascend', 'descend'],
    onCell: (row) => {
      if (row.note) return { colSpan: 0 };
      const level = standing(definition.key, row.unit?.values[definition.key]);
      return { className: styles[`cell-${level}`], 'data-standing': level } as TdHTMLAttributes<HTMLTableCellElement>;
    },
    render: (_value, row) => (row.unit ? <ValueCell definition={definition} value={row.unit.values[definition.key]} /> : null),
  };
}

/**
 * Child units × indicators. A row with children expands by asking the children endpoint for that unit
 * (cached per unit and period); sorting applies inside each level; cells are coloured by the indicator's
 * threshold (good / fair / poor).
 */
export function ChildrenTable({ params }: { params: DashboardParams }) {
  const isMobile = useIsMobile();
  const [group, setGroup] = useState<GroupChoice>('all');
  const [expanded, setExpanded] = useState<readonly number[]>([]);
  const top = useQuery(dashboardQueries.children(params));
  const levels = useQueries({ queries: expanded.map((unitId) => dashboardQueries.children({ ...params, unitId })) });

  const byParent = new Map<number, (typeof levels)[number]>();
  expanded.forEach((unitId, index) => {
    const level = levels[index];
    if (level) byParent.set(unitId, level);
  });

  const build = (rows: readonly DashboardChildRow[], depth: number): TreeRow[] =>
    rows.map((unit) => {
      const row: TreeRow = { key: String(unit.unitId), depth, unit };
      if (unit.childCount === 0) return row;
      const level = byParent.get(unit.unitId);
      if (!level || level.isPending) row.children = [{ key: `${unit.unitId}-loading`, depth: depth + 1, note: { kind: 'loading', text: 'Đang tải các đơn vị trực thuộc…' } }];
      else if (level.isError) row.children = [{ key: `${unit.unitId}-error`, depth: depth + 1, note: { kind: 'error', text: errorMessage(level.error), retry: () => void level.refetch() } }];
      else if (level.data.rows.length === 0) row.children = [{ key: `${unit.unitId}-empty`, depth: depth + 1, note: { kind: 'empty', text: 'Không có đơn vị trực thuộc.' } }];
      else row.children = build(level.data.rows, depth + 1);
      return row;
    });

  const definitions = group === 'all' ? INDICATORS : INDICATORS.filter((definition) => definition.group === group);
  const width = isMobile ? 96 : 116;
  const indent = isMobile ? 8 : 16;
  const columns = useMemo<TableColumnsType<TreeRow>>(() => {
    const nameColumn: TableColumnsType<TreeRow>[number] = {
      title: 'Đơn vị',
      key: 'unit',
      fixed: 'left',
      width: isMobile ? 150 : 260,
      sorter: (a, b) => viCollator.compare(a.unit?.name ?? '', b.unit?.name ?? ''),
      sortDirections: ['ascend', 'descend'],
      className: styles.nameCell,
      onCell: (row) => (row.note ? { colSpan: definitions.length + 1 } : {}),
      render: (_value, row) => {
        if (row.note) {
          return (
            <span className={row.note.kind === 'error' ? styles.noteError : styles.dim} role={row.note.kind === 'error' ? 'alert' : undefined}>
              {row.note.text}
              {row.note.retry ? (
                <Button size="small" type="link" onClick={row.note.retry}>
                  Thử lại
                </Button>
              ) : null}
            </span>
          );
        }
        const unit = row.unit;
        if (!unit) return null;
        return (
          // The indent and the expand button sit inline before the name: leave them their room.
          <span className={styles.unitName} style={{ maxWidth: `calc(100% - ${28 + row.depth * indent}px)` }}>
            <Link to={dashboardHref('/bang-dieu-khien', { ...params, unitId: unit.unitId })} title="Mở bảng điều khiển của đơn vị">
              {unit.name}
              <RightOutlined aria-hidden className={styles.drillIcon} />
            </Link>
            <span className={styles.unitKind}>
              {UNIT_KIND_LABELS[unit.kind]}
              {unit.childCount > 0 ? ` · ${formatNumber(unit.childCount)} đơn vị trực thuộc` : ''}
            </span>
          </span>
        );
      },
    };
    if (group !== 'all') return [nameColumn, ...definitions.map((definition) => indicatorColumn(definition, width))];
    // All indicators: one column group per indicator group.
    return [
      nameColumn,
      ...INDICATOR_GROUPS.map((indicatorGroup) => ({
        title: INDICATOR_GROUP_LABELS[indicatorGroup],
        key: indicatorGroup,
        children: INDICATORS.filter((definition) => definition.group === indicatorGroup).map((definition) => indicatorColumn(definition, width)),
      })),
    ];
  }, [group, definitions, isMobile, params, width, indent]);

  const data = top.data ? build(top.data.rows, 0) : [];

  return (
    <div>
      <div className={`${styles.tableTools} no-print`}>
        <label className={styles.inlineLabel}>
          <span>Nhóm chỉ tiêu</span>
          <Select<GroupChoice> aria-label="Nhóm chỉ tiêu" className={styles.groupBox} value={group} options={GROUP_OPTIONS} onChange={setGroup} />
        </label>
        <span className={styles.legend} aria-label="Chú giải màu">
          <span className={`${styles.swatch} ${styles['cell-good']}`} /> Đạt ngưỡng
          <span className={`${styles.swatch} ${styles['cell-fair']}`} /> Gần đạt
          <span className={`${styles.swatch} ${styles['cell-poor']}`} /> Dưới ngưỡng xa
        </span>
      </div>
      {group === 'all' ? (
        <p className={styles.printNote}>Bảng đơn vị trực thuộc quá rộng để in đủ mọi chỉ tiêu: hãy chọn một nhóm chỉ tiêu trước khi in.</p>
      ) : null}
      {top.isPending ? (
        <LoadingBlock rows={6} />
      ) : top.isError ? (
        <ErrorState error={top.error} onRetry={() => void top.refetch()} />
      ) : data.length === 0 ? (
        <EmptyState description="Đơn vị này không có đơn vị trực thuộc." />
      ) : (
        <div className={`${styles.tableBox} ${group === 'all' ? styles.tableAll : ''}`}>
          <Table<TreeRow>
            rowKey="key"
            size="small"
            bordered
            columns={columns}
            dataSource={data}
            loading={top.isFetching && !top.isPending}
            pagination={data.length > 100 ? { pageSize: 100, showSizeChanger: false } : false}
            scroll={{ x: 'max-content' }}
            expandable={{
              expandedRowKeys: expanded.map(String),
              onExpand: (open, row) => {
                if (!row.unit) return;
                const id = row.unit.unitId;
                setExpanded((current) => (open ? [...current.filter((key) => key !== id), id] : current.filter((key) => key !== id)));
              },
              indentSize: indent,
            }}
            rowClassName={(row) => (row.note ? styles.noteRow ?? '' : '')}
          />
        </div>
      )}
    </div>
  );
}
