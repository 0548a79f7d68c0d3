import { App, Col, DatePicker, Form, Input, InputNumber, Modal, Row, Select } from 'antd';
import type { FormInstance } from 'antd';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import { OVERSIGHT_FIRST_YEAR, OVERSIGHT_LAST_YEAR, unitsConcernedProblem } from '../../../shared/domain/oversight';
import type { OversightKind } from '../../../shared/domain/oversight';
import { formatDate } from '../../../shared/domain/text';
import type { UnitSearchHit } from '../../../shared/schemas/units';
import type { ActivityDetail, StoredFile } from '../../api/oversight';
import { DATE_INPUT_FORMATS, toIsoDate } from '../../components/dates';
import { FormError } from '../../components/FormError';
import { applyServerErrors } from '../../components/serverErrors';
import { UnitPicker } from '../../components/UnitPicker';
import type { UnitOption } from '../../components/UnitPicker';
import { DocumentSelect } from '../conferences/ConferenceFormModal';
import { FilesField } from './FilesField';
import { KIND_OPTIONS, kindWord } from './oversightFormat';
import { UnitSelect } from './UnitSelect';
import { useCreateActivity, useUpdateActivity } from './useOversightMutations';

interface Values {
  kind?: OversightKind;
  title?: string;
  organiserUnitId?: number;
  plannedOn?: Dayjs | null;
  unitIds?: number[];
  location?: string;
  documentIds?: number[];
  files?: StoredFile[];
  heldOn?: Dayjs | null;
  participants?: string;
  participantCount?: number | null;
  conclusion?: string;
}

const FORM_ID = 'oversight-activity';
const FIELDS = ['kind', 'title', 'organiserUnitId', 'plannedOn', 'unitIds', 'location', 'fileIds', 'documentIds', 'heldOn', 'participants', 'participantCount', 'conclusion'];
const FIELD_MAP: Record<string, string> = { ...Object.fromEntries(FIELDS.map((field) => [`body.${field}`, field])), 'body.fileIds': 'files' };
const CONFLICT_HINT = 'Hoạt động mới nhất đã được tải lại. Hãy đóng hộp thoại, kiểm tra rồi sửa lại nếu vẫn cần.';
const acceptOpenUnit = (hit: UnitSearchHit) => hit.closedOn === null;
const outsideCampaign = (date: Dayjs) => date.year() < OVERSIGHT_FIRST_YEAR || date.year() > OVERSIGHT_LAST_YEAR;

const trimmed = (value: string | undefined) => (value?.trim() ? value.trim() : null);

interface Submitted {
  kind: OversightKind;
  title: string;
  organiserUnitId: number;
  plannedOn: string;
  unitIds: number[];
  location: string | null;
  fileIds: number[];
  documentIds: number[];
  held: { heldOn: string; participants: string | null; participantCount: number | null; conclusion: string | null } | null;
}

function ActivityFields({
  scopeRootId,
  defaultOrganiser,
  activity,
  defaultYear,
  pending,
  onSubmit,
}: {
  scopeRootId: number;
  defaultOrganiser: UnitOption | null;
  activity: ActivityDetail | null;
  defaultYear: number;
  pending: boolean;
  onSubmit: (values: Submitted, form: FormInstance<Values>) => void;
}) {
  const [form] = Form.useForm<Values>();
  const organiserId = (Form.useWatch('organiserUnitId', form) as number | undefined) ?? activity?.organiser.id;
  const kind = Form.useWatch('kind', form) as OversightKind | undefined;
  const held = activity?.state === 'held';
  const initialValues: Values = activity
    ? {
        kind: activity.kind,
        title: activity.title,
        organiserUnitId: activity.organiser.id,
        plannedOn: dayjs(activity.plannedOn),
        unitIds: activity.units.map((u) => u.id),
        location: activity.location ?? '',
        documentIds: activity.attachments.flatMap((a) => (a.document ? [a.document.id] : [])),
        files: activity.attachments.flatMap((a) => (a.file ? [a.file] : [])),
        heldOn: activity.heldOn ? dayjs(activity.heldOn) : null,
        participants: activity.participants ?? '',
        participantCount: activity.participantCount,
        conclusion: activity.conclusion ?? '',
      }
    : { kind: 'inspection', organiserUnitId: defaultOrganiser?.id, unitIds: [], documentIds: [], files: [], title: '', location: '' };
  const thisYear = dayjs().year();
  const pickerStart = dayjs(`${defaultYear === thisYear ? dayjs().format('YYYY-MM-DD') : `${defaultYear}-01-01`}`);

  return (
    <Form<Values>
      form={form}
      name={FORM_ID}
      layout="vertical"
      initialValues={initialValues}
      disabled={pending}
      onValuesChange={(changed: Partial<Values>) => {
        // Units concerned and files belong to the organiser's subtree: a new organiser starts them over.
        if (changed.organiserUnitId !== undefined && !activity) {
          form.setFieldsValue({ unitIds: [], documentIds: [], files: [] });
        }
      }}
      onFinish={(values) => {
        const organiserUnitId = values.organiserUnitId ?? activity?.organiser.id;
        if (!values.kind || !values.plannedOn || organiserUnitId === undefined) return;
        onSubmit(
          {
            kind: values.kind,
            title: (values.title ?? '').trim(),
            organiserUnitId,
            plannedOn: toIsoDate(values.plannedOn),
            unitIds: values.unitIds ?? [],
            location: trimmed(values.location),
            fileIds: (values.files ?? []).map((file) => file.id),
            documentIds: values.documentIds ?? [],
            held:
              held && values.heldOn
                ? {
                    heldOn: toIsoDate(values.heldOn),
                    participants: trimmed(values.participants),
                    participantCount: values.participantCount ?? null,
                    conclusion: trimmed(values.conclusion),
                  }
                : null,
          },
          form,
        );
      }}
    >
      <Row gutter={12}>
        <Col xs={24} sm={10}>
          <Form.Item label="Loại hoạt động" name="kind" rules={[{ required: true, message: 'Vui lòng chọn loại hoạt động.' }]}>
            <Select options={KIND_OPTIONS} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={14}>
          <Form.Item label="Ngày dự kiến" name="plannedOn" rules={[{ required: true, message: 'Vui lòng chọn ngày dự kiến.' }]}>
            <DatePicker format={DATE_INPUT_FORMATS} placeholder="dd/mm/yyyy" style={{ width: '100%' }} disabledDate={outsideCampaign} defaultPickerValue={pickerStart} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        label="Nội dung"
        name="title"
        rules={[
          { required: true, whitespace: true, message: 'Vui lòng nhập nội dung hoạt động.' },
          { min: 3, message: 'Nội dung quá ngắn.' },
          { max: 300, message: 'Nội dung dài quá 300 ký tự.' },
        ]}
      >
        <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} placeholder="Ví dụ: Kiểm tra việc đăng ký làm theo của đảng viên năm 2012" />
      </Form.Item>
      {activity ? (
        <Form.Item label="Đơn vị tổ chức">
          <strong>{activity.organiser.name}</strong>
        </Form.Item>
      ) : (
        <Form.Item label="Đơn vị tổ chức" name="organiserUnitId" rules={[{ required: true, message: 'Vui lòng chọn đơn vị tổ chức.' }]}>
          <UnitPicker within={scopeRootId} initial={defaultOrganiser} accept={acceptOpenUnit} />
        </Form.Item>
      )}
      <Form.Item
        label={kind === 'inspection' || kind === 'supervision' ? `Đơn vị được ${kindWord(kind)}` : 'Đơn vị liên quan'}
        name="unitIds"
        dependencies={['kind']}
        extra="Đơn vị tổ chức hoặc đơn vị trực thuộc; có thể chọn nhiều đơn vị."
        rules={[
          {
            validator: async (_rule, value: number[] | undefined) => {
              const problem = kind ? unitsConcernedProblem(kind, (value ?? []).length) : null;
              if (problem) throw new Error(problem);
            },
          },
        ]}
      >
        <UnitSelect multiple within={organiserId} known={activity?.units ?? []} />
      </Form.Item>
      <Form.Item label="Địa điểm" name="location" rules={[{ max: 300, message: 'Địa điểm dài quá 300 ký tự.' }]}>
        <Input placeholder="Ví dụ: Hội trường Đảng ủy phường" />
      </Form.Item>
      {held ? (
        <>
          <Row gutter={12}>
            <Col xs={24} sm={12}>
              <Form.Item label="Ngày tổ chức" name="heldOn" rules={[{ required: true, message: 'Vui lòng chọn ngày tổ chức.' }]}>
                <DatePicker format={DATE_INPUT_FORMATS} placeholder="dd/mm/yyyy" style={{ width: '100%' }} disabledDate={(date) => outsideCampaign(date) || date.isAfter(dayjs(), 'day')} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12}>
              <Form.Item label="Số người tham dự" name="participantCount">
                <InputNumber min={0} max={100000} precision={0} style={{ width: '100%' }} inputMode="numeric" />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item label="Thành phần tham dự" name="participants" rules={[{ max: 2000, message: 'Dài quá 2000 ký tự.' }]}>
            <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
          </Form.Item>
          <Form.Item label="Kết luận" name="conclusion" rules={[{ max: 8000, message: 'Dài quá 8000 ký tự.' }]}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} />
          </Form.Item>
        </>
      ) : null}
      <Form.Item label="Văn bản liên quan (kế hoạch, thông báo kết luận)" name="documentIds">
        <DocumentSelect unitId={organiserId} initial={activity ? activity.attachments.flatMap((a) => (a.document ? [a.document] : [])) : []} />
      </Form.Item>
      <Form.Item label="Tệp đính kèm" name="files">
        <FilesField unitId={organiserId} buttonText="Chọn tệp đính kèm" disabled={pending} />
      </Form.Item>
    </Form>
  );
}

const MODAL_WIDTH = 720;

/** "Lập kế hoạch": a new activity for a unit of the caller's scope. */
export function CreateActivityModal({
  open,
  scopeRootId,
  defaultOrganiser,
  year,
  onClose,
  onCreated,
}: {
  open: boolean;
  scopeRootId: number;
  defaultOrganiser: UnitOption | null;
  year: number;
  onClose: () => void;
  onCreated: (activity: ActivityDetail) => void;
}) {
  const create = useCreateActivity();
  const { message } = App.useApp();
  return (
    <Modal
      open={open}
      width={MODAL_WIDTH}
      title="Lập kế hoạch kiểm tra, giám sát, giao ban, sơ kết"
      okText="Lưu kế hoạch"
      okButtonProps={{ htmlType: 'submit', form: FORM_ID }}
      cancelText="Hủy"
      onCancel={onClose}
      confirmLoading={create.isPending}
      destroyOnHidden
      afterClose={() => create.reset()}
    >
      {create.isError ? <FormError error={create.error} /> : null}
      <ActivityFields
        scopeRootId={scopeRootId}
        defaultOrganiser={defaultOrganiser}
        activity={null}
        defaultYear={year}
        pending={create.isPending}
        onSubmit={(values, form) =>
          create.mutate(
            {
              organiserUnitId: values.organiserUnitId,
              kind: values.kind,
              title: values.title,
              plannedOn: values.plannedOn,
              unitIds: values.unitIds,
              location: values.location,
              fileIds: values.fileIds,
              documentIds: values.documentIds,
            },
            {
              onSuccess: (created) => {
                void message.success(`Đã lập kế hoạch ${kindWord(created.kind)} ngày ${formatDate(created.plannedOn)}.`);
                onCreated(created);
              },
              onError: (error) => applyServerErrors(form, error, FIELD_MAP),
            },
          )
        }
      />
    </Modal>
  );
}

/** "Sửa": the activity's plan (and, once held, its record). */
export function EditActivityModal({ open, scopeRootId, activity, onClose }: { open: boolean; scopeRootId: number; activity: ActivityDetail; onClose: () => void }) {
  const update = useUpdateActivity(activity);
  const { message } = App.useApp();
  return (
    <Modal
      open={open}
      width={MODAL_WIDTH}
      title={`Sửa hoạt động: ${activity.title}`}
      okText="Lưu"
      okButtonProps={{ htmlType: 'submit', form: FORM_ID }}
      cancelText="Hủy"
      onCancel={onClose}
      confirmLoading={update.isPending}
      destroyOnHidden
      afterClose={() => update.reset()}
    >
      {update.isError ? <FormError error={update.error} conflictHint={CONFLICT_HINT} /> : null}
      <ActivityFields
        key={activity.version}
        scopeRootId={scopeRootId}
        defaultOrganiser={null}
        activity={activity}
        defaultYear={Number(activity.plannedOn.slice(0, 4))}
        pending={update.isPending}
        onSubmit={(values, form) =>
          update.mutate(
            {
              kind: values.kind,
              title: values.title,
              plannedOn: values.plannedOn,
              unitIds: values.unitIds,
              location: values.location,
              fileIds: values.fileIds,
              documentIds: values.documentIds,
              ...(values.held ?? {}),
            },
            {
              onSuccess: () => {
                void message.success('Đã lưu hoạt động.');
                onClose();
              },
              onError: (error) => applyServerErrors(form, error, FIELD_MAP),
            },
          )
        }
      />
    </Modal>
  );
}
