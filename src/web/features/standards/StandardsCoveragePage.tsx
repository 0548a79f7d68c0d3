import { RightOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Breadcrumb, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import { formatNumber, viCollator } from '../../../shared/domain/text';
import { standardQueries } from '../../api/standards';
import type { StandardsCoverage } from '../../api/standards';
import { unitQueries } from '../../api/units';
import { ForbiddenPage } from '../../components/ForbiddenPage';
import { EmptyState, ErrorState, LoadingBlock } from '../../components/states';
import { UnitPicker } from '../../components/UnitPicker';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { useIsMobile } from '../../components/useIsMobile';
import { useMe } from '../auth/useMe';
import { positiveInt } from '../meetings/meetingFormat';
import { standardsLink } from './standardsFormat';
import styles from './Standards.module.css';

type Row = StandardsCoverage['rows'][number];
type SectorRow = StandardsCoverage['sectors'][number];

function coverageLink(unitId: number): string {
  return `/chuan-muc/bao-phu?unit=${unitId}`;
}

const percent = new Intl.NumberFormat('vi-VN', { style: 'percent', maximumFractionDigits: 1 });
function share(part: number, whole: number): string {
  return whole === 0 ? '—' : percent.format(part / whole);
}

/** "Tình hình ban hành chuẩn mực": which units have issued standards; priority sectors still missing one. */
export function StandardsCoveragePage() {
  const me = useMe();
  useDocumentTitle('Tình hình ban hành chuẩn mực');
  if (me.role === 'member') return <ForbiddenPage />;
  return <CoverageScreen />;
}

function CoverageScreen() {
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const unitParam = positiveInt(params.get('unit')) ?? null;
  const coverage = useQuery(standardQueries.coverage(unitParam));
  const unitId = coverage.data?.unit.id ?? unitParam ?? me.scopeUnit.id;
  const detail = useQuery(unitQueries.detail(unitId));
  const unitName = coverage.data?.unit.name ?? detail.data?.name ?? (unitId === me.scopeUnit.id ? me.scopeUnit.name : 'Đang tải…');
  const breadcrumb = [
    ...(detail.data?.ancestors ?? []).map((ancestor) => ({ key: ancestor.id, title: <Link to={coverageLink(ancestor.id)}>{ancestor.name}</Link> })),
    { key: unitId, title: <span aria-current="page">{unitName}</span> },
  ];
  return (
    <div className={styles.pageWide}>
      <Typography.Title level={1} className="page-title">
        Tình hình ban hành chuẩn mực
      </Typography.Title>
      <div className={styles.toolbar}>
        <div className={styles.unitBox}>
          <UnitPicker
            aria-label="Đơn vị"
            within={me.scopeUnit.id}
            value={unitId}
            initial={{ id: unitId, name: unitName }}
            onChange={(id) => setParams(id && id !== me.scopeUnit.id ? { unit: String(id) } : {})}
          />
        </div>
        <Link to={standardsLink(unitId)}>Chuẩn mực của {unitName}</Link>
      </div>
      <Breadcrumb className={styles.breadcrumb} items={breadcrumb} />
      {coverage.isPending ? (
        <LoadingBlock rows={10} />
      ) : coverage.isError && !coverage.data ? (
        <ErrorState error={coverage.error} onRetry={() => void coverage.refetch()} />
      ) : coverage.data ? (
        <CoverageBody coverage={coverage.data} loading={coverage.isFetching} />
      ) : null}
    </div>
  );
}

function CoverageBody({ coverage, loading }: { coverage: StandardsCoverage; loading: boolean }) {
  const isMobile = useIsMobile();
  const { total } = coverage;
  return (
    <>
      <div className={styles.stats}>
        <div className={styles.stat}>
          <span className={styles.statLabel}>Đơn vị trong phạm vi</span>
          <span className={styles.statValue}>{formatNumber(total.units)}</span>
        </div>
        <div className={styles.stat}>
          <span className={styles.statLabel}>Đã ban hành chuẩn mực đạo đức</span>
          <span className={styles.statValue} data-testid="total-moral">
            {formatNumber(total.withMoral)} <small className={styles.small}>{share(total.withMoral, total.units)}</small>
          </span>
        </div>
        <div className={styles.stat}>
          <span className={styles.statLabel}>Đã ban hành chuẩn mực đạo đức nghề nghiệp</span>
          <span className={styles.statValue} data-testid="total-professional">
            {formatNumber(total.withProfessional)} <small className={styles.small}>{share(total.withProfessional, total.units)}</small>
          </span>
        </div>
      </div>

      {coverage.rows.length > 0 ? (
        <section aria-labelledby="children-title">
          <h2 className={styles.sectionTitle} id="children-title">
            Theo đơn vị trực thuộc
          </h2>
          <div className={styles.tableBox}>
            <Table<Row>
              rowKey={(row) => row.unit.id}
              size="small"
              bordered
              loading={loading}
              columns={childColumns(isMobile)}
              dataSource={coverage.rows}
              pagination={coverage.rows.length > 100 ? { pageSize: 100, showSizeChanger: false } : false}
              scroll={{ x: 'max-content' }}
              locale={{ emptyText: <EmptyState description="Không có đơn vị trực thuộc nào." /> }}
            />
          </div>
        </section>
      ) : null}

      <section aria-labelledby="sectors-title">
        <h2 className={styles.sectionTitle} id="sectors-title">
          Lĩnh vực trọng điểm: chuẩn mực đạo đức nghề nghiệp
        </h2>
        <div className={styles.tableBox}>
          <Table<SectorRow>
            rowKey={(row) => row.sector}
            size="small"
            bordered
            loading={loading}
            columns={sectorColumns(isMobile)}
            dataSource={coverage.sectors}
            pagination={false}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: <EmptyState description="Trong phạm vi không có đơn vị nào thuộc lĩnh vực trọng điểm." /> }}
          />
        </div>
        <Typography.Paragraph type="secondary" className={styles.hint}>
          Đơn vị được gắn lĩnh vực trong mục Cơ cấu tổ chức. Danh sách "còn thiếu" hiển thị tối đa 100 đơn vị mỗi lĩnh vực.
        </Typography.Paragraph>
      </section>
    </>
  );
}

function count(title: string, key: string, value: (row: Row) => number, units?: (row: Row) => number) {
  return {
    title,
    key,
    align: 'right' as const,
    width: 120,
    sorter: (a: Row, b: Row) => value(a) - value(b),
    sortDirections: ['descend' as const, 'ascend' as const],
    render: (_value: unknown, row: Row) => (
      <span className={value(row) === 0 ? styles.zero : undefined} data-testid={key}>
        {formatNumber(value(row))}
        {units ? <span className={styles.small}> · {share(value(row), units(row))}</span> : null}
      </span>
    ),
  };
}

function childColumns(isMobile: boolean): TableColumnsType<Row> {
  return [
    {
      title: 'Đơn vị',
      key: 'unit',
      fixed: 'left',
      width: isMobile ? 140 : 280,
      sorter: (a, b) => viCollator.compare(a.unit.name, b.unit.name),
      render: (_value, row) =>
        row.unit.childCount > 0 ? (
          <Link to={coverageLink(row.unit.id)} className={styles.unitLink}>
            {row.unit.name}
            <RightOutlined aria-hidden className={styles.drillIcon} />
          </Link>
        ) : (
          <Link to={standardsLink(row.unit.id)} className={styles.unitLink}>
            {row.unit.name}
          </Link>
        ),
    },
    count('Số đơn vị', 'units', (row) => row.units),
    count('Có chuẩn mực đạo đức', 'with-moral', (row) => row.withMoral, (row) => row.units),
    count('Có chuẩn mực nghề nghiệp', 'with-professional', (row) => row.withProfessional, (row) => row.units),
  ];
}

function sectorColumns(isMobile: boolean): TableColumnsType<SectorRow> {
  return [
    { title: 'Lĩnh vực', key: 'sector', fixed: 'left', width: isMobile ? 110 : 200, render: (_value, row) => <strong>{row.label}</strong> },
    { title: 'Số đơn vị', key: 'units', align: 'right', width: 90, render: (_value, row) => formatNumber(row.units) },
    {
      title: 'Đã có chuẩn mực nghề nghiệp',
      key: 'with-professional',
      align: 'right',
      width: 140,
      render: (_value, row) => (
        <span data-testid="sector-with-professional" data-value={row.withProfessional}>
          {formatNumber(row.withProfessional)}/{formatNumber(row.units)} <span className={styles.small}>{share(row.withProfessional, row.units)}</span>
        </span>
      ),
    },
    {
      title: 'Đơn vị còn thiếu',
      key: 'missing',
      width: isMobile ? 220 : 420,
      render: (_value, row) => {
        const missing = row.units - row.withProfessional;
        if (missing === 0) return <span className={styles.small}>Đủ</span>;
        return (
          <div>
            <span className={styles.small}>{formatNumber(missing)} đơn vị</span>
            <ul className={styles.missingList}>
              {row.missing.map((unit) => (
                <li key={unit.id}>
                  <Link to={standardsLink(unit.id)}>{unit.name}</Link>
                  {unit.parentName ? <span className={styles.small}> · {unit.parentName}</span> : null}
                </li>
              ))}
            </ul>
          </div>
        );
      },
    },
  ];
}
