import { EditOutlined, PlusOutlined, StopOutlined, SwapOutlined } from '@ant-design/icons';
import { Breadcrumb, Button, Card, Col, Descriptions, Flex, Row, Statistic, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { formatDate, formatNumber, viCollator } from '../../../shared/domain/text';
import { UNIT_KIND_LABELS, sectorLabel } from '../../../shared/domain/units';
import type { UnitDetail, UnitSummary } from '../../../shared/schemas/units';
import { EmptyState } from '../../components/states';
import { useIsMobile } from '../../components/useIsMobile';
import { CloseUnitModal } from './CloseUnitModal';
import { CreateUnitModal } from './CreateUnitModal';
import { EditUnitModal } from './EditUnitModal';
import { MoveUnitModal } from './MoveUnitModal';
import styles from './OrgTreePage.module.css';

type Dialog = 'create' | 'edit' | 'move' | 'close' | null;

export function UnitDetailPanel({ unit, scopeRootId, onOpen }: { unit: UnitDetail; scopeRootId: number; onOpen: (id: number) => void }) {
  const [dialog, setDialog] = useState<Dialog>(null);
  const closeDialog = () => setDialog(null);

  return (
    <section aria-labelledby="unit-title" className={styles.detail}>
      {unit.ancestors.length > 0 ? (
        <Breadcrumb
          className={styles.breadcrumb}
          items={[
            ...unit.ancestors.map((ancestor) => ({ key: ancestor.id, title: <Link to={`/don-vi/${ancestor.id}`}>{ancestor.name}</Link> })),
            { key: unit.id, title: unit.name },
          ]}
        />
      ) : null}

      <Flex wrap justify="space-between" align="flex-start" gap={12} className={styles.heading}>
        <div className={styles.headingText}>
          <Typography.Title level={1} id="unit-title" className="page-title" style={{ marginBottom: 8 }}>
            {unit.name}
          </Typography.Title>
          <Flex wrap gap={6}>
            <Tag color="blue">{UNIT_KIND_LABELS[unit.kind]}</Tag>
            {unit.isGrassroots ? <Tag color="gold">Tổ chức cơ sở đảng</Tag> : null}
            {unit.sector ? <Tag>{sectorLabel(unit.sector)}</Tag> : null}
            {unit.closedOn ? <Tag color="red">Đã đóng ngày {formatDate(unit.closedOn)}</Tag> : null}
          </Flex>
        </div>
        <UnitActions unit={unit} onAction={setDialog} />
      </Flex>

      <Row gutter={[12, 12]} className={styles.stats}>
        <StatCard title="Đơn vị trực thuộc" value={unit.counts.childUnits} />
        <StatCard title="Tổng số đơn vị" value={unit.counts.subtreeUnits} />
        <StatCard title="Tổng số đảng viên" value={unit.counts.subtreeMembers} />
        <StatCard title="Đảng viên sinh hoạt trực tiếp" value={unit.counts.directMembers} />
      </Row>

      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, lg: 3 }}
        className={styles.facts}
        items={[
          { key: 'code', label: 'Mã đơn vị', children: unit.code },
          { key: 'validFrom', label: 'Hoạt động từ', children: formatDate(unit.validFrom) || '—' },
          { key: 'updatedAt', label: 'Cập nhật lần cuối', children: formatDate(unit.updatedAt) || '—' },
        ]}
      />

      <ChildrenTable unit={unit} onOpen={onOpen} />

      {unit.can.createChild ? (
        <CreateUnitModal
          parent={unit}
          open={dialog === 'create'}
          onClose={closeDialog}
          onCreated={() => closeDialog()}
          onOpenUnit={onOpen}
        />
      ) : null}
      {unit.can.edit ? <EditUnitModal unit={unit} open={dialog === 'edit'} onClose={closeDialog} /> : null}
      {unit.can.move ? <MoveUnitModal unit={unit} scopeRootId={scopeRootId} open={dialog === 'move'} onClose={closeDialog} /> : null}
      {unit.can.close ? <CloseUnitModal unit={unit} open={dialog === 'close'} onClose={closeDialog} /> : null}
    </section>
  );
}

/** Only the actions the server allows (`unit.can`); the browser does not second-guess the policy. */
function UnitActions({ unit, onAction }: { unit: UnitDetail; onAction: (dialog: Dialog) => void }) {
  const { can } = unit;
  if (!can.createChild && !can.edit && !can.move && !can.close) return null;
  return (
    <Flex wrap gap={8} className={styles.actions}>
      {can.createChild ? (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => onAction('create')}>
          Thêm đơn vị trực thuộc
        </Button>
      ) : null}
      {can.edit ? (
        <Button icon={<EditOutlined />} onClick={() => onAction('edit')}>
          Sửa
        </Button>
      ) : null}
      {can.move ? (
        <Button icon={<SwapOutlined />} onClick={() => onAction('move')}>
          Chuyển
        </Button>
      ) : null}
      {can.close ? (
        <Button danger icon={<StopOutlined />} onClick={() => onAction('close')}>
          Đóng đơn vị
        </Button>
      ) : null}
    </Flex>
  );
}

function StatCard({ title, value }: { title: string; value: number }) {
  return (
    <Col xs={12} lg={6}>
      <Card size="small" className={styles.statCard}>
        <Statistic title={title} value={value} formatter={(v) => formatNumber(Number(v))} />
      </Card>
    </Col>
  );
}

function ChildrenTable({ unit, onOpen }: { unit: UnitDetail; onOpen: (id: number) => void }) {
  const isMobile = useIsMobile();
  const rows = useMemo(() => [...unit.children].sort((a, b) => viCollator.compare(a.name, b.name)), [unit.children]);

  const columns: TableColumnsType<UnitSummary> = [
    {
      title: 'Tên đơn vị',
      dataIndex: 'name',
      key: 'name',
      render: (_name: string, child) => (
        <div>
          <Link to={`/don-vi/${child.id}`} className={styles.childLink}>
            {child.name}
          </Link>
          {child.closedOn ? (
            <Tag color="red" className={styles.inlineTag}>
              Đã đóng
            </Tag>
          ) : null}
          {isMobile ? (
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                {UNIT_KIND_LABELS[child.kind]}
              </Typography.Text>
            </div>
          ) : null}
        </div>
      ),
    },
    ...(isMobile
      ? []
      : [
          {
            title: 'Loại tổ chức',
            dataIndex: 'kind',
            key: 'kind',
            render: (_kind: string, child: UnitSummary) => UNIT_KIND_LABELS[child.kind],
          },
          {
            title: 'Đơn vị trực thuộc',
            dataIndex: 'childCount',
            key: 'childCount',
            align: 'right' as const,
            render: (count: number) => formatNumber(count),
          },
        ]),
    {
      title: 'Đảng viên',
      dataIndex: 'memberCount',
      key: 'memberCount',
      align: 'right',
      width: isMobile ? 92 : undefined,
      render: (count: number) => formatNumber(count),
    },
  ];

  return (
    <Card
      size="small"
      title={`Đơn vị trực thuộc (${formatNumber(rows.length)})`}
      className={styles.childrenCard}
      styles={{ body: { padding: 0 } }}
    >
      <Table<UnitSummary>
        rowKey="id"
        size={isMobile ? 'small' : 'middle'}
        columns={columns}
        dataSource={rows}
        pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false, size: 'small' } : false}
        onRow={(child) => ({
          className: styles.clickableRow,
          // The whole row opens the unit; the name link handles its own click.
          onClick: (event) => {
            if (!(event.target instanceof Element && event.target.closest('a'))) onOpen(child.id);
          },
        })}
        locale={{ emptyText: <EmptyState description="Đơn vị này chưa có đơn vị trực thuộc." /> }}
      />
    </Card>
  );
}
