import { DeleteOutlined, EditOutlined, PaperClipOutlined, PlusOutlined, SaveOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Descriptions, Drawer, Flex, Form, Input, InputNumber, Progress, Select, Table, Upload } from 'antd';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { ISSUE_STATUSES, ISSUE_STATUS_LABELS, milestonesProblem, weightedProgress } from '../../../shared/domain/standards';
import type { IssueStatus } from '../../../shared/domain/standards';
import { formatDate } from '../../../shared/domain/text';
import type { UnitKind } from '../../../shared/domain/units';
import { errorMessage } from '../../api/client';
import { pilotApi, pilotQueries } from '../../api/standards';
import type { MilestoneInput, PressingIssue, StoredFile } from '../../api/standards';
import { DATE_INPUT_FORMATS, toIsoDate } from '../../components/dates';
import { FormError } from '../../components/FormError';
import { applyServerErrors } from '../../components/serverErrors';
import { EmptyState, ErrorState, LoadingBlock } from '../../components/states';
import { useIsMobile } from '../../components/useIsMobile';
import { TimelinessTag } from '../cascade/TimelinessTag';
import { IssueStatusTag, formatProgress } from './standardsFormat';
import { useCreateIssue, useUpdateIssue } from './useStandardMutations';
import styles from './Standards.module.css';

/** Which issue the drawer shows: an existing one (`id`), or a new one for a committee and year (`id: null`). */
export interface IssueTarget {
  id: number | null;
  committee: { id: number; name: string; kind: UnitKind };
  year: number;
}

const CONFLICT_HINT = 'Vấn đề đã được tải lại. Hãy kiểm tra rồi cập nhật lại nếu vẫn cần.';

/** The committee's pressing issue: target, dated milestones with weights, progress, status, evidence. */
export function IssueDrawer({ target, onClose }: { target: IssueTarget | null; onClose: () => void }) {
  const isMobile = useIsMobile();
  const issueId = target?.id ?? null;
  const detail = useQuery({ ...pilotQueries.issue(issueId ?? 0), enabled: issueId !== null });
  const [editing, setEditing] = useState(false);
  const close = () => {
    setEditing(false);
    onClose();
  };
  let body;
  if (!target) body = null;
  else if (target.id === null) body = <IssueForm key="create" target={target} issue={null} onDone={close} />;
  else if (detail.isPending) body = <LoadingBlock rows={8} />;
  else if (detail.isError) body = <ErrorState error={detail.error} onRetry={() => void detail.refetch()} />;
  else if (editing) body = <IssueForm key={`edit-${detail.data.version}`} target={target} issue={detail.data} onDone={() => setEditing(false)} />;
  else body = <IssueView issue={detail.data} />;
  const title = target ? `Vấn đề nổi cộm năm ${target.year}: ${target.committee.name}` : 'Vấn đề nổi cộm';
  return (
    <Drawer
      open={target !== null}
      onClose={close}
      size={isMobile ? '100%' : 760}
      title={title}
      destroyOnHidden
      footer={
        detail.data && target?.id !== null && detail.data.can.edit && !editing ? (
          <Flex justify="flex-end">
            <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)}>
              Cập nhật
            </Button>
          </Flex>
        ) : null
      }
    >
      {body}
    </Drawer>
  );
}

function IssueView({ issue }: { issue: PressingIssue }) {
  return (
    <>
      <h3 className={styles.versionTitle}>{issue.title}</h3>
      <Progress percent={issue.progress} format={(value) => formatProgress(value ?? 0)} aria-label={`Tiến độ ${formatProgress(issue.progress)}`} />
      <div className={styles.tags} style={{ marginBottom: 12 }}>
        <IssueStatusTag status={issue.status} />
        <TimelinessTag state={issue.timeliness} long />
      </div>
      <Descriptions
        column={1}
        size="small"
        items={[
          { key: 'target', label: 'Mục tiêu', children: <span className={styles.paragraph}>{issue.target}</span> },
          ...(issue.resolvedOn ? [{ key: 'resolved', label: 'Ngày giải quyết xong', children: formatDate(issue.resolvedOn) }] : []),
          { key: 'evidence', label: 'Minh chứng', children: issue.evidence ? <span className={styles.paragraph}>{issue.evidence}</span> : '—' },
          ...(issue.evidenceFile
            ? [
                {
                  key: 'file',
                  label: 'Tệp minh chứng',
                  children: (
                    <a href={`/api/pressing-issues/${issue.id}/evidence`} download>
                      <PaperClipOutlined aria-hidden /> {issue.evidenceFile.name}
                    </a>
                  ),
                },
              ]
            : []),
        ]}
      />
      <h3 className={styles.subTitle}>Các mốc ({issue.milestones.length})</h3>
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={issue.milestones}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <EmptyState description="Chưa đặt mốc nào." /> }}
        columns={[
          { title: '#', key: 'number', width: 40, render: (_v, row) => row.number },
          { title: 'Mốc', key: 'title', render: (_v, row) => row.title },
          { title: 'Hạn', key: 'due', render: (_v, row) => formatDate(row.dueOn) },
          { title: 'Trọng số', key: 'weight', align: 'right', render: (_v, row) => row.weight },
          { title: 'Tiến độ', key: 'progress', align: 'right', render: (_v, row) => `${row.progress}%` },
          { title: 'Xong ngày', key: 'done', render: (_v, row) => formatDate(row.doneOn) || '—' },
        ]}
      />
    </>
  );
}

interface MilestoneValue {
  title: string;
  dueOn?: Dayjs | null;
  weight?: number | null;
  progress?: number | null;
  doneOn?: string | null;
}

interface Values {
  title: string;
  target: string;
  milestones: MilestoneValue[];
  status?: IssueStatus;
  resolvedOn?: Dayjs | null;
  evidence?: string;
}

function toMilestones(rows: MilestoneValue[] | undefined): MilestoneInput[] {
  return (rows ?? [])
    .filter((row): row is MilestoneValue & { dueOn: Dayjs } => Boolean(row?.dueOn))
    .map((row) => ({
      title: (row.title ?? '').trim(),
      dueOn: toIsoDate(row.dueOn),
      weight: row.weight ?? 1,
      progress: row.progress ?? 0,
      ...(row.doneOn ? { doneOn: row.doneOn } : {}),
    }));
}

const STATUS_OPTIONS = ISSUE_STATUSES.map((value) => ({ value, label: ISSUE_STATUS_LABELS[value] }));
const FIELD_MAP: Record<string, string> = Object.fromEntries(['title', 'target', 'milestones', 'status', 'resolvedOn', 'evidence'].map((field) => [`body.${field}`, field]));

function IssueForm({ target, issue, onDone }: { target: IssueTarget; issue: PressingIssue | null; onDone: () => void }) {
  const [form] = Form.useForm<Values>();
  const create = useCreateIssue();
  const update = useUpdateIssue(issue);
  const mutation = issue ? update : create;
  const { message } = App.useApp();
  const [file, setFile] = useState<StoredFile | null>(issue?.evidenceFile ?? null);
  const [uploading, setUploading] = useState(false);
  const watched = Form.useWatch('milestones', form) as MilestoneValue[] | undefined;
  const status = Form.useWatch('status', form) as IssueStatus | undefined;
  const live = useMemo(() => toMilestones(watched), [watched]);
  const liveProgress = weightedProgress(live.map((row) => ({ weight: row.weight ?? 1, progress: row.progress ?? 0 })));
  const year = target.year;

  const initial: Values = issue
    ? {
        title: issue.title,
        target: issue.target,
        milestones: issue.milestones.map((m) => ({ title: m.title, dueOn: dayjs(m.dueOn), weight: m.weight, progress: m.progress, doneOn: m.doneOn })),
        status: issue.status,
        resolvedOn: issue.resolvedOn ? dayjs(issue.resolvedOn) : null,
        evidence: issue.evidence ?? '',
      }
    : { title: '', target: '', milestones: [] };

  const onUpload = async (chosen: File) => {
    setUploading(true);
    try {
      setFile(await pilotApi.uploadEvidence(target.committee.id, chosen));
    } catch (error) {
      void message.error(errorMessage(error));
    } finally {
      setUploading(false);
    }
  };

  const onFinish = (values: Values) => {
    const milestones = toMilestones(values.milestones);
    const onError = (error: unknown) => applyServerErrors(form, error, FIELD_MAP);
    if (!issue) {
      create.mutate(
        { committeeUnitId: target.committee.id, year, title: values.title.trim(), target: values.target.trim(), milestones },
        {
          onSuccess: () => {
            void message.success('Đã ghi vấn đề nổi cộm.');
            onDone();
          },
          onError,
        },
      );
      return;
    }
    const evidence = values.evidence?.trim() ?? '';
    update.mutate(
      {
        title: values.title.trim(),
        target: values.target.trim(),
        milestones,
        status: values.status,
        resolvedOn: values.resolvedOn ? toIsoDate(values.resolvedOn) : null,
        evidence: evidence === '' ? null : evidence,
        evidenceFileId: file?.id ?? null,
      },
      {
        onSuccess: () => {
          void message.success('Đã cập nhật vấn đề nổi cộm.');
          onDone();
        },
        onError,
      },
    );
  };

  return (
    <>
      {mutation.isError ? <FormError error={mutation.error} conflictHint={CONFLICT_HINT} /> : null}
      <Form<Values> form={form} name="pressing-issue" layout="vertical" initialValues={initial} disabled={mutation.isPending} onFinish={onFinish}>
        <Form.Item label="Vấn đề nổi cộm, bức xúc" name="title" rules={[{ required: true, whitespace: true, message: 'Vui lòng nêu vấn đề.' }, { min: 5, message: 'Quá ngắn.' }, { max: 500, message: 'Dài quá 500 ký tự.' }]}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} placeholder="Ví dụ: Thái độ, tác phong của cán bộ tiếp công dân ở bộ phận một cửa" />
        </Form.Item>
        <Form.Item label="Mục tiêu" name="target" rules={[{ required: true, whitespace: true, message: 'Vui lòng nêu mục tiêu.' }, { min: 5, message: 'Quá ngắn.' }, { max: 2000, message: 'Dài quá 2000 ký tự.' }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} placeholder="Ví dụ: Không còn phản ánh của người dân về thái độ cán bộ trước 31/12" />
        </Form.Item>
        <MilestonesField year={year} />
        <p className={styles.small}>
          Tiến độ chung (bình quân theo trọng số): <strong data-testid="live-progress">{formatProgress(liveProgress)}</strong>
        </p>
        {issue ? (
          <>
            <Flex gap={12} wrap>
              <Form.Item label="Trạng thái" name="status" style={{ flex: '1 1 220px' }}>
                <Select options={STATUS_OPTIONS} />
              </Form.Item>
              <Form.Item
                label="Ngày giải quyết xong"
                name="resolvedOn"
                style={{ flex: '1 1 200px' }}
                rules={[{ required: status === 'resolved', message: 'Vấn đề đã giải quyết: vui lòng nhập ngày giải quyết xong.' }]}
              >
                <DatePicker format={DATE_INPUT_FORMATS} placeholder="dd/mm/yyyy" style={{ width: '100%' }} />
              </Form.Item>
            </Flex>
            <Form.Item label="Minh chứng" name="evidence" rules={[{ max: 4000, message: 'Dài quá 4000 ký tự.' }]}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} placeholder="Kết quả đo được, văn bản, phản hồi của nhân dân…" />
            </Form.Item>
            <div className={styles.fileLine} style={{ marginBottom: 16 }}>
              <span>Tệp minh chứng:</span>
              {file ? (
                <>
                  <span>
                    <PaperClipOutlined aria-hidden /> {file.name}
                  </span>
                  <Button size="small" icon={<DeleteOutlined />} onClick={() => setFile(null)}>
                    Gỡ tệp
                  </Button>
                </>
              ) : (
                <span className={styles.small}>chưa có</span>
              )}
              <Upload
                accept=".pdf,.docx,.png,.jpg,.jpeg"
                showUploadList={false}
                beforeUpload={(chosen) => {
                  void onUpload(chosen);
                  return false;
                }}
              >
                <Button size="small" icon={<UploadOutlined />} loading={uploading}>
                  {file ? 'Thay tệp' : 'Tải tệp lên'}
                </Button>
              </Upload>
            </div>
          </>
        ) : null}
        <Flex gap={8} wrap>
          <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={mutation.isPending} disabled={uploading}>
            {issue ? 'Lưu' : 'Ghi vấn đề nổi cộm'}
          </Button>
          <Button onClick={onDone} disabled={mutation.isPending}>
            Hủy
          </Button>
        </Flex>
      </Form>
    </>
  );
}

function MilestonesField({ year }: { year: number }) {
  const inYear = (date: Dayjs) => date.year() !== year;
  return (
    <Form.List
      name="milestones"
      rules={[
        {
          validator: async (_rule, rows: MilestoneValue[] | undefined) => {
            if ((rows ?? []).length > 24) throw new Error('Tối đa 24 mốc.');
            const problem = milestonesProblem(toMilestones(rows).map((row) => ({ dueOn: row.dueOn, weight: row.weight ?? 1 })), year);
            if (problem) throw new Error(problem);
          },
        },
      ]}
    >
      {(fields, { add, remove }, { errors }) => (
        <fieldset style={{ border: 0, padding: 0, margin: '0 0 8px' }}>
          <legend className={styles.subTitle} style={{ marginTop: 0 }}>
            Các mốc (theo thứ tự thời gian, trong năm {year})
          </legend>
          {fields.length > 0 ? (
            <div className={`${styles.milestoneRow} ${styles.milestoneHead}`} aria-hidden="true">
              <span className={styles.mTitle}>Mốc</span>
              <span className={styles.mDue}>Hạn</span>
              <span className={styles.mWeight}>Trọng số</span>
              <span className={styles.mProgress}>Tiến độ (%)</span>
            </div>
          ) : null}
          {fields.map((field, index) => (
            <div key={field.key} className={styles.milestoneRow} role="group" aria-label={`Mốc ${index + 1}`}>
              <Form.Item name={[field.name, 'title']} className={styles.mTitle} rules={[{ required: true, whitespace: true, message: 'Nhập tên mốc.' }, { min: 3, message: 'Quá ngắn.' }, { max: 300, message: 'Dài quá 300 ký tự.' }]}>
                <Input aria-label={`Tên mốc ${index + 1}`} placeholder="Tên mốc" />
              </Form.Item>
              <Form.Item name={[field.name, 'dueOn']} className={styles.mDue} rules={[{ required: true, message: 'Chọn hạn.' }]}>
                <DatePicker aria-label={`Hạn mốc ${index + 1}`} format={DATE_INPUT_FORMATS} placeholder="dd/mm/yyyy" style={{ width: '100%' }} disabledDate={inYear} defaultPickerValue={dayjs(`${year}-01-01`)} />
              </Form.Item>
              <Form.Item name={[field.name, 'weight']} className={styles.mWeight} rules={[{ required: true, message: 'Nhập trọng số.' }]}>
                <InputNumber aria-label={`Trọng số mốc ${index + 1}`} min={0.1} max={1000} step={1} style={{ width: '100%' }} />
              </Form.Item>
              <Form.Item name={[field.name, 'progress']} className={styles.mProgress} rules={[{ required: true, message: 'Nhập tiến độ.' }]}>
                <InputNumber aria-label={`Tiến độ mốc ${index + 1} (%)`} min={0} max={100} precision={0} style={{ width: '100%' }} />
              </Form.Item>
              <Form.Item name={[field.name, 'doneOn']} hidden>
                <Input />
              </Form.Item>
              <Button className={styles.mRemove} icon={<DeleteOutlined />} aria-label={`Xóa mốc ${index + 1}`} onClick={() => remove(field.name)} />
            </div>
          ))}
          <Form.ErrorList errors={errors.map((error, index) => <Alert key={index} type="error" showIcon title={error} style={{ marginBottom: 8 }} />)} />
          <Button
            type="dashed"
            icon={<PlusOutlined />}
            disabled={fields.length >= 24}
            onClick={() => add({ title: '', dueOn: null, weight: 1, progress: 0, doneOn: null })}
          >
            Thêm mốc
          </Button>
        </fieldset>
      )}
    </Form.List>
  );
}
