import { Button, Table, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { TableColumnsType } from 'antd';
import { formatNumber } from '../../../shared/domain/text';
import type { ConferenceCoverage, CoverageRow } from '../../api/conferences';
import { useIsMobile } from '../../components/useIsMobile';
import { formatAttendance, formatRatio } from './conferenceFormat';
import styles from './Conferences.module.css';

type Row = CoverageRow & { key: string; label: string; drill: boolean };

function Share({ attended, expected, ratio }: { attended: number; expected: number; ratio: number | null }) {
  if (expected === 0) return <span className={styles.muted}>—</span>;
  return (
    <span className={styles.share}>
      <strong>{formatRatio(ratio)}</strong>
      <span className={styles.muted}> ({formatAttendance(attended, expected)})</span>
    </span>
  );
}

/**
 * Coverage of dissemination: one row per direct sub-unit (its whole subtree), the unit's own
 * conferences, and the total. A sub-unit's name opens its own coverage.
 */
export function CoverageTable({ coverage, loading, onDrill }: { coverage: ConferenceCoverage; loading: boolean; onDrill: (unitId: number) => void }) {
  const isMobile = useIsMobile();
  const rows: Row[] = coverage.children.map((child) => ({ ...child, key: String(child.unit.id), label: child.unit.name, drill: true }));
  const own: Row = { ...coverage.own, key: 'own', label: `${coverage.unit.unit.name} (tự tổ chức)`, drill: false };
  const total: Row = { ...coverage.unit, key: 'total', label: 'Tổng cộng', drill: false };

  const name = (row: Row) =>
    row.drill ? (
      <Button type="link" className={styles.linkButton} onClick={() => onDrill(row.unit.id)}>
        {row.label}
      </Button>
    ) : (
      <span>{row.label}</span>
    );

  const columns: TableColumnsType<Row> = [
    { title: 'Đơn vị', key: 'unit', render: (_v, row) => name(row) },
    { title: 'Số hội nghị', key: 'conferences', align: 'right', render: (_v, row) => formatNumber(row.conferences) },
    { title: 'Cán bộ được quán triệt', key: 'cadres', align: 'right', render: (_v, row) => <Share attended={row.attendedCadres} expected={row.expectedCadres} ratio={row.cadreRatio} /> },
    { title: 'Đảng viên được quán triệt', key: 'members', align: 'right', render: (_v, row) => <Share attended={row.attendedMembers} expected={row.expectedMembers} ratio={row.memberRatio} /> },
  ];
  // Phones: one stacked cell per unit instead of four columns to scroll sideways.
  const stacked = (row: Row) => (
    <div className={styles.stacked}>
      <div className={styles.stackedName}>{name(row)}</div>
      {row.conferences === 0 ? (
        <div className={styles.stackedMeta}>Chưa có hội nghị</div>
      ) : (
        <>
          <div className={styles.stackedMeta}>{formatNumber(row.conferences)} hội nghị</div>
          <div className={styles.stackedMeta}>
            Cán bộ: <Share attended={row.attendedCadres} expected={row.expectedCadres} ratio={row.cadreRatio} />
          </div>
          <div className={styles.stackedMeta}>
            Đảng viên: <Share attended={row.attendedMembers} expected={row.expectedMembers} ratio={row.memberRatio} />
          </div>
        </>
      )}
    </div>
  );
  const phoneColumns: TableColumnsType<Row> = [{ title: 'Đơn vị', key: 'unit', render: (_v, row) => stacked(row) }];

  const summaryRow = (row: Row, strong: boolean) => {
    const text = (node: ReactNode) => (strong ? <strong>{node}</strong> : node);
    if (isMobile) {
      return (
        <Table.Summary.Row className={strong ? styles.totalRow : undefined}>
          <Table.Summary.Cell index={0}>{stacked(row)}</Table.Summary.Cell>
        </Table.Summary.Row>
      );
    }
    return (
      <Table.Summary.Row className={strong ? styles.totalRow : undefined}>
        <Table.Summary.Cell index={0}>{text(row.label)}</Table.Summary.Cell>
        <Table.Summary.Cell index={1} align="right">
          {text(formatNumber(row.conferences))}
        </Table.Summary.Cell>
        <Table.Summary.Cell index={2} align="right">
          <Share attended={row.attendedCadres} expected={row.expectedCadres} ratio={row.cadreRatio} />
        </Table.Summary.Cell>
        <Table.Summary.Cell index={3} align="right">
          <Share attended={row.attendedMembers} expected={row.expectedMembers} ratio={row.memberRatio} />
        </Table.Summary.Cell>
      </Table.Summary.Row>
    );
  };

  return (
    <Table<Row>
      rowKey="key"
      size="small"
      columns={isMobile ? phoneColumns : columns}
      dataSource={rows}
      loading={loading}
      pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false, size: 'small' } : false}
      scroll={isMobile ? undefined : { x: 'max-content' }}
      locale={{ emptyText: <Typography.Text type="secondary">Đơn vị này không có đơn vị trực thuộc.</Typography.Text> }}
      summary={() => (
        <Table.Summary>
          {summaryRow(own, false)}
          {summaryRow(total, true)}
        </Table.Summary>
      )}
    />
  );
}
