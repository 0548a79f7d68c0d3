import { FileAddOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Typography } from 'antd';
import { useState } from 'react';
import { periodQuery } from '../../api/dashboard';
import type { DashboardParams } from '../../api/dashboard';
import type { ReportDraft } from '../../api/reports';
import { useCreateDraft } from '../../api/reports';
import { unitQueries } from '../../api/units';
import { ForbiddenPage } from '../../components/ForbiddenPage';
import { FormError } from '../../components/FormError';
import { EmptyState } from '../../components/states';
import { UnitPicker } from '../../components/UnitPicker';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { useMe } from '../auth/useMe';
import { useDashboardParams } from '../dashboard/useDashboardParams';
import { PeriodPicker } from '../dashboard/PeriodPicker';
import { ReportEditor } from './ReportEditor';
import styles from './Reports.module.css';

/** "Báo cáo": the server drafts the report of a unit and period from the indicators; the officer edits and downloads it. */
export function ReportPage() {
  const me = useMe();
  useDocumentTitle('Báo cáo kết quả thực hiện');
  if (me.role === 'member') return <ForbiddenPage />;
  return <ReportScreen />;
}

function ReportScreen() {
  const me = useMe();
  const [params, setParams] = useDashboardParams();
  const [unitName, setUnitName] = useState<string | null>(null);
  // Arriving from a unit's dashboard: its name for the picker before any search.
  const detail = useQuery({ ...unitQueries.detail(params.unitId), enabled: params.unitId !== me.scopeUnit.id && unitName === null });
  const create = useCreateDraft();
  const [draft, setDraft] = useState<{ draft: ReportDraft; params: DashboardParams; serial: number } | null>(null);

  const makeDraft = () => {
    const query = periodQuery(params);
    create.mutate(
      { query },
      { onSuccess: (result) => setDraft((current) => ({ draft: result, params: query, serial: (current?.serial ?? 0) + 1 })) },
    );
  };
  const shownName = unitName ?? (params.unitId === me.scopeUnit.id ? me.scopeUnit.name : (detail.data?.name ?? (detail.isError ? 'Không tìm thấy đơn vị trong phạm vi' : 'Đang tải…')));
  const stale = draft !== null && JSON.stringify(periodQuery(params)) !== JSON.stringify(draft.params);

  return (
    <div className={styles.page}>
      <Typography.Title level={1} className="page-title">
        Báo cáo kết quả thực hiện
      </Typography.Title>
      <p className={styles.muted}>
        Chọn đơn vị và kỳ báo cáo, bấm "Tạo dự thảo": hệ thống viết dự thảo báo cáo từ số liệu của bảng điều khiển. Sửa lại nội dung rồi tải
        bản Word và phụ lục Excel; sau khi ký ban hành, đăng ký báo cáo vào sổ văn bản.
      </p>
      <div className={styles.toolbar}>
        <div className={styles.unitBox}>
          <UnitPicker
            aria-label="Đơn vị"
            within={me.scopeUnit.id}
            value={params.unitId}
            initial={{ id: params.unitId, name: shownName }}
            onChange={(unitId, hit) => {
              if (!unitId) return;
              setUnitName(hit?.name ?? null);
              setParams({ ...params, unitId });
            }}
          />
        </div>
        <PeriodPicker value={params} onChange={(period) => setParams({ unitId: params.unitId, ...period })} />
        <Button type="primary" icon={<FileAddOutlined />} loading={create.isPending} onClick={makeDraft}>
          Tạo dự thảo
        </Button>
      </div>
      {create.isError ? <FormError error={create.error} /> : null}
      {draft ? (
        <>
          {stale ? (
            <p className={styles.staleNote} role="status">
              Đơn vị hoặc kỳ đã đổi: bấm "Tạo dự thảo" để viết lại dự thảo theo lựa chọn mới (nội dung đang sửa sẽ được thay).
            </p>
          ) : null}
          <ReportEditor key={draft.serial} draft={draft.draft} params={draft.params} />
        </>
      ) : create.isPending ? null : (
        <div className={styles.placeholder}>
          <EmptyState description='Chưa có dự thảo. Chọn đơn vị, kỳ báo cáo rồi bấm "Tạo dự thảo".' />
        </div>
      )}
    </div>
  );
}
