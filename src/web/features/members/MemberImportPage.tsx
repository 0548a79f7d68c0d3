import { CheckCircleOutlined, DownloadOutlined, FileExcelOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Progress, Result, Spin, Steps, Switch, Table, Tag, Typography, Upload } from 'antd';
import type { TableColumnsType, UploadFile } from 'antd';
import { useEffect, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { MEMBER_IMPORT_MAX_BYTES, MEMBER_SHEET_COLUMNS, XLSX_MIME } from '../../../shared/domain/member-sheet';
import { formatNumber } from '../../../shared/domain/text';
import { errorMessage } from '../../api/client';
import { TEMPLATE_URL, importIsRunning, memberApi, memberKeys, memberQueries } from '../../api/members';
import type { ImportRow, MemberImport } from '../../api/members';
import { unitKeys, unitQueries } from '../../api/units';
import { ForbiddenPage } from '../../components/ForbiddenPage';
import { ErrorState, LoadingBlock } from '../../components/states';
import { UnitPicker } from '../../components/UnitPicker';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { useIsMobile } from '../../components/useIsMobile';
import { useMe } from '../auth/useMe';
import { positiveInt } from './memberFilters';
import styles from './Members.module.css';

const ROWS_PAGE_SIZE = 50;

/** /dang-vien/nhap?unit=<id>&job=<id>: template → file → check and preview → write. */
export function MemberImportPage() {
  const me = useMe();
  useDocumentTitle('Nhập đảng viên từ Excel');
  if (!me.permissions.editTree) return <ForbiddenPage />;
  return <ImportFlow />;
}

function ImportFlow() {
  const me = useMe();
  // Phones: the numbered cards are the steps; the Steps bar would take a whole screen.
  const isMobile = useIsMobile();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const unitId = positiveInt(params.get('unit')) ?? me.scopeUnit.id;
  const jobId = positiveInt(params.get('job'));
  const [file, setFile] = useState<File | null>(null);
  const [fileProblem, setFileProblem] = useState<string | null>(null);

  const unit = useQuery(unitQueries.detail(unitId));
  const job = useQuery({ ...memberQueries.import(jobId ?? 0), enabled: jobId !== undefined });
  const current = jobId !== undefined ? job.data : undefined;
  const running = importIsRunning(current);

  const setParam = (changes: Record<string, string | undefined>, replace = false) =>
    setParams(
      (now) => {
        const next = new URLSearchParams(now);
        for (const [key, value] of Object.entries(changes)) {
          if (value === undefined) next.delete(key);
          else next.set(key, value);
        }
        return next;
      },
      { replace },
    );

  const start = useMutation({
    mutationFn: ({ unitId: target, file: chosen }: { unitId: number; file: File }) => memberApi.startImport(target, chosen),
    onSuccess: (started) => {
      queryClient.setQueryData(memberKeys.import(started.id), started);
      setFile(null);
      setParam({ job: String(started.id) });
    },
  });

  const commit = useMutation({
    mutationFn: (id: number) => memberApi.commitImport(id),
    onSuccess: (updated) => queryClient.setQueryData(memberKeys.import(updated.id), updated),
    onError: () => {
      if (jobId !== undefined) void queryClient.invalidateQueries({ queryKey: memberKeys.import(jobId) });
    },
  });

  // The preview rows are rewritten when the status changes (e.g. a re-check before writing).
  const status = current?.status;
  useEffect(() => {
    if (jobId !== undefined && status !== undefined) void queryClient.invalidateQueries({ queryKey: memberKeys.importRowLists(jobId) });
  }, [jobId, status, queryClient]);

  // Once rows are written, every list and count that shows members is out of date.
  const done = status === 'done';
  useEffect(() => {
    if (!done) return;
    void queryClient.invalidateQueries({ queryKey: memberKeys.lists() });
    void queryClient.invalidateQueries({ queryKey: unitKeys.details() });
    void queryClient.invalidateQueries({ queryKey: unitKeys.childLists() });
  }, [done, queryClient]);

  const chooseFile = (chosen: File) => {
    start.reset();
    if (chosen.size > MEMBER_IMPORT_MAX_BYTES) {
      setFile(null);
      setFileProblem('Tệp quá lớn (tối đa 20 MB).');
    } else if (!/\.xlsx$/iu.test(chosen.name)) {
      setFile(null);
      setFileProblem('Hãy chọn tệp Excel dạng .xlsx (dùng mẫu tải về ở bước 1).');
    } else {
      setFile(chosen);
      setFileProblem(null);
    }
    return false;
  };

  const fileList: UploadFile[] = file ? [{ uid: 'chosen', name: file.name, status: 'done', size: file.size, type: file.type }] : [];

  const stepIndex = !current ? 1 : current.status === 'validating' || current.status === 'invalid' ? 2 : 3;
  let stepStatus: 'process' | 'error' | 'finish' | 'wait' = 'process';
  if (current?.status === 'invalid' || current?.status === 'failed') stepStatus = 'error';
  if (current?.status === 'done') stepStatus = 'finish';

  return (
    <div className={styles.import}>
      <Typography.Title level={1} className="page-title">
        Nhập đảng viên từ Excel
      </Typography.Title>
      {isMobile ? null : (
        <Steps
          className={styles.steps}
          size="small"
          current={stepIndex}
          status={stepStatus}
          items={[{ title: 'Tải mẫu Excel' }, { title: 'Chọn đơn vị và tệp' }, { title: 'Kiểm tra' }, { title: 'Nhập vào danh sách' }]}
        />
      )}

      <Card size="small" title="1. Tải mẫu Excel" className={styles.importBlock}>
        <Typography.Paragraph>
          Điền mỗi đảng viên một dòng theo mẫu, giữ nguyên dòng tiêu đề. Ngày ghi dạng dd/mm/yyyy; Giới tính ghi Nam hoặc Nữ; Trạng thái ghi Dự bị hoặc
          Chính thức; hai cột Lãnh đạo chủ chốt và Người đứng đầu ghi &quot;x&quot; nếu đúng. Cột bắt buộc:{' '}
          {MEMBER_SHEET_COLUMNS.filter((column) => column.required)
            .map((column) => column.header)
            .join(', ')}
          .
        </Typography.Paragraph>
        <Button icon={<DownloadOutlined />} href={TEMPLATE_URL} download="mau-nhap-dang-vien.xlsx">
          Tải mẫu Excel
        </Button>
      </Card>

      <Card size="small" title="2. Chọn đơn vị và tệp" className={styles.importBlock}>
        <Flex vertical gap={12} className={styles.uploadBox}>
          <div>
            <label className={styles.fieldLabel} htmlFor="import-unit">
              Nhập vào đơn vị
            </label>
            <UnitPicker
              id="import-unit"
              within={me.scopeUnit.id}
              value={unitId}
              initial={{ id: unitId, name: unit.data?.name ?? (unitId === me.scopeUnit.id ? me.scopeUnit.name : 'Đang tải…') }}
              disabled={running || start.isPending}
              onChange={(value) => setParam({ unit: value ? String(value) : undefined }, true)}
            />
            <Typography.Text type="secondary" style={{ fontSize: 13 }}>
              Mã chi bộ trong tệp phải là các chi bộ thuộc đơn vị này.
            </Typography.Text>
          </div>
          <div>
            <span className={styles.fieldLabel}>Tệp Excel (.xlsx, tối đa 20 MB)</span>
            <Upload
              accept={`.xlsx,${XLSX_MIME}`}
              maxCount={1}
              fileList={fileList}
              beforeUpload={chooseFile}
              onRemove={() => {
                setFile(null);
                return true;
              }}
              disabled={running || start.isPending}
            >
              <Button icon={<FileExcelOutlined />}>Chọn tệp Excel</Button>
            </Upload>
          </div>
          {fileProblem ? <Alert type="error" showIcon role="alert" title={fileProblem} /> : null}
          {start.isError ? <Alert type="error" showIcon role="alert" title="Không tải lên được" description={errorMessage(start.error)} /> : null}
          <div>
            <Button
              type="primary"
              icon={<UploadOutlined />}
              disabled={!file || running}
              loading={start.isPending}
              onClick={() => {
                if (file) start.mutate({ unitId, file });
              }}
            >
              Tải lên và kiểm tra
            </Button>
          </div>
        </Flex>
      </Card>

      {jobId !== undefined ? (
        <JobSection
          jobId={jobId}
          job={current}
          loading={job.isPending}
          error={job.isError ? job.error : null}
          onRetry={() => void job.refetch()}
          committing={commit.isPending}
          commitError={commit.isError ? commit.error : null}
          onCommit={() => commit.mutate(jobId)}
        />
      ) : null}
    </div>
  );
}

function JobSection(props: Parameters<typeof JobSectionBody>[0]) {
  // Bring the outcome into view when the server finishes a step (the user may be up at step 2).
  const ref = useRef<HTMLDivElement>(null);
  const status = props.job?.status;
  useEffect(() => {
    if (status === 'invalid' || status === 'valid' || status === 'failed' || status === 'done') {
      const target = ref.current?.querySelector(status === 'done' ? '[data-step="commit"]' : '[data-step="check"]');
      target?.scrollIntoView({ block: 'start', behavior: 'smooth' });
    }
  }, [status]);
  return (
    <div ref={ref}>
      <JobSectionBody {...props} />
    </div>
  );
}

function JobSectionBody({
  jobId,
  job,
  loading,
  error,
  onRetry,
  committing,
  commitError,
  onCommit,
}: {
  jobId: number;
  job: MemberImport | undefined;
  loading: boolean;
  error: unknown;
  onRetry: () => void;
  committing: boolean;
  commitError: unknown;
  onCommit: () => void;
}) {
  if (loading) {
    return (
      <Card size="small" title="3. Kiểm tra" className={styles.importBlock}>
        <LoadingBlock rows={3} />
      </Card>
    );
  }
  if (error || !job) {
    return (
      <Card size="small" title="3. Kiểm tra" className={styles.importBlock}>
        <ErrorState error={error} title="Không xem được lượt nhập này" onRetry={onRetry} />
      </Card>
    );
  }
  const hasRows = job.status !== 'validating' && job.status !== 'failed';
  const percent = job.totalRows > 0 ? Math.min(100, Math.round((job.processedRows / job.totalRows) * 100)) : 0;

  return (
    <>
      <Card
        size="small"
        title="3. Kiểm tra"
        className={styles.importBlock}
        data-step="check"
        extra={<Typography.Text type="secondary">{job.fileName}</Typography.Text>}
      >
        <Flex vertical gap={12}>
          {job.status === 'validating' ? (
            <div role="status" aria-live="polite">
              <Flex align="center" gap={8}>
                <Spin size="small" />
                <span>{job.message ?? 'Đang đọc và kiểm tra tệp…'}</span>
              </Flex>
              <Progress percent={percent} status="active" aria-label="Tiến độ kiểm tra" />
            </div>
          ) : null}
          {job.status === 'failed' ? (
            <Alert
              type="error"
              showIcon
              role="alert"
              title="Không xử lý được tệp"
              description={
                <>
                  {job.message ?? 'Đã có lỗi khi xử lý tệp.'} Chưa có gì được ghi vào danh sách. Hãy kiểm tra tệp rồi tải lên lại ở bước 2.
                </>
              }
            />
          ) : null}
          {job.status === 'invalid' ? (
            <Alert
              type="error"
              showIcon
              role="alert"
              title={`${formatNumber(job.errorCount)} trong ${formatNumber(job.totalRows)} dòng có lỗi. Chưa có gì được ghi vào danh sách.`}
              description="Sửa các dòng lỗi dưới đây trong tệp Excel của bạn, lưu lại, rồi chọn tệp và bấm “Tải lên và kiểm tra” ở bước 2."
            />
          ) : null}
          {job.status === 'valid' || job.status === 'importing' || job.status === 'done' ? (
            <Alert type="success" showIcon title={`Tất cả ${formatNumber(job.totalRows)} dòng hợp lệ.`} />
          ) : null}
          {hasRows ? <RowsPreview key={jobId} jobId={jobId} defaultOnlyErrors={job.status === 'invalid'} /> : null}
        </Flex>
      </Card>
      {job.status === 'valid' || job.status === 'importing' || job.status === 'done' ? (
        <CommitSection job={job} committing={committing} commitError={commitError} onCommit={onCommit} />
      ) : null}
    </>
  );
}

function CommitSection({ job, committing, commitError, onCommit }: { job: MemberImport; committing: boolean; commitError: unknown; onCommit: () => void }) {
  const percent = job.totalRows > 0 ? Math.min(100, Math.round((job.processedRows / job.totalRows) * 100)) : 0;
  return (
    <Card size="small" title="4. Nhập vào danh sách" className={styles.importBlock} data-step="commit">
      {job.status === 'valid' ? (
        <Flex vertical gap={12} align="flex-start">
          <Typography.Paragraph style={{ margin: 0 }}>
            Bấm nút dưới đây để ghi {formatNumber(job.totalRows)} đảng viên vào danh sách của <strong>{job.unit.name}</strong>. Tất cả các dòng được ghi cùng
            lúc: nếu có lỗi, không dòng nào được ghi.
          </Typography.Paragraph>
          {commitError ? <Alert type="error" showIcon role="alert" title={errorMessage(commitError)} /> : null}
          <Button type="primary" icon={<CheckCircleOutlined />} loading={committing} onClick={onCommit}>
            Nhập vào danh sách
          </Button>
        </Flex>
      ) : null}
      {job.status === 'importing' ? (
        <div role="status" aria-live="polite">
          <Flex align="center" gap={8}>
            <Spin size="small" />
            <span>{job.message ?? 'Đang ghi vào danh sách…'}</span>
          </Flex>
          <Progress percent={percent} status="active" aria-label="Tiến độ ghi" />
          <Typography.Text type="secondary">
            Đã ghi {formatNumber(job.processedRows)}/{formatNumber(job.totalRows)} dòng
          </Typography.Text>
        </div>
      ) : null}
      {job.status === 'done' ? (
        <Result
          status="success"
          title={job.message ?? `Đã nhập ${formatNumber(job.processedRows)} đảng viên vào danh sách.`}
          subTitle={`Đơn vị: ${job.unit.name}`}
          extra={[
            <LinkButton key="list" type="primary" to={`/dang-vien?unit=${job.unit.id}`}>
              Xem danh sách đảng viên
            </LinkButton>,
            <LinkButton key="again" to={`/dang-vien/nhap?unit=${job.unit.id}`}>
              Nhập tệp khác
            </LinkButton>,
          ]}
        />
      ) : null}
    </Card>
  );
}

/** A real link (open in a new tab works) that looks like a button and navigates inside the app. */
function LinkButton({ to, type, children }: { to: string; type?: 'primary'; children: ReactNode }) {
  const navigate = useNavigate();
  return (
    <Button
      type={type}
      href={to}
      onClick={(event) => {
        if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
        event.preventDefault();
        void navigate(to);
      }}
    >
      {children}
    </Button>
  );
}

function RowsPreview({ jobId, defaultOnlyErrors }: { jobId: number; defaultOnlyErrors: boolean }) {
  const [onlyErrorsChoice, setOnlyErrors] = useState<boolean | null>(null);
  const [page, setPage] = useState(1);
  const onlyErrors = onlyErrorsChoice ?? defaultOnlyErrors;
  const rows = useQuery(memberQueries.importRows(jobId, { onlyErrors, page, pageSize: ROWS_PAGE_SIZE }));

  const columns: TableColumnsType<ImportRow> = [
    { title: 'Dòng', dataIndex: 'row', key: 'row', fixed: 'left', width: 64, align: 'right' },
    {
      title: 'Kết quả kiểm tra',
      key: 'errors',
      render: (_value, row) =>
        row.errors.length === 0 ? (
          <Tag color="green">Hợp lệ</Tag>
        ) : (
          <ul className={styles.rowErrors}>
            {row.errors.map((message) => (
              <li key={message}>{message}</li>
            ))}
          </ul>
        ),
    },
    ...MEMBER_SHEET_COLUMNS.map((column) => ({
      title: column.header,
      key: column.key,
      render: (_value: unknown, row: ImportRow) => <span className={styles.cell}>{row.values[column.key] ?? ''}</span>,
    })),
  ];

  return (
    <div>
      <label className={styles.switchRow} style={{ marginBottom: 8 }}>
        <Switch
          size="small"
          checked={onlyErrors}
          onChange={(checked) => {
            setOnlyErrors(checked);
            setPage(1);
          }}
        />
        <span>Chỉ xem dòng lỗi</span>
      </label>
      {rows.isError && !rows.data ? (
        <ErrorState error={rows.error} onRetry={() => void rows.refetch()} />
      ) : (
        <Table<ImportRow>
          rowKey="row"
          size="small"
          bordered
          columns={columns}
          dataSource={rows.data?.items ?? []}
          loading={rows.isFetching}
          scroll={{ x: 'max-content' }}
          rowClassName={(row) => (row.errors.length > 0 ? (styles.errorRow ?? '') : '')}
          pagination={{
            current: page,
            pageSize: ROWS_PAGE_SIZE,
            total: rows.data?.total ?? 0,
            showSizeChanger: false,
            size: 'small',
            showTotal: (count) => `${formatNumber(count)} dòng`,
            onChange: setPage,
            hideOnSinglePage: true,
          }}
          locale={{ emptyText: rows.isPending ? ' ' : onlyErrors ? 'Không có dòng lỗi.' : 'Tệp không có dòng dữ liệu.' }}
        />
      )}
    </div>
  );
}
