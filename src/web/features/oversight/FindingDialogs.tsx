import { App, Checkbox, DatePicker, Form, Input, Modal, Radio } from 'antd';
import type { FormInstance } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import type { Dayjs } from 'dayjs';
import { FINDING_KINDS, FINDING_KIND_LABELS, KINDS_NEEDING_UNITS, followUpDueProblem } from '../../../shared/domain/oversight';
import type { FindingKind } from '../../../shared/domain/oversight';
import { formatDate } from '../../../shared/domain/text';
import type { ActivityDetail, Finding, Negative } from '../../api/oversight';
import type { UnitRef } from '../../../shared/schemas/units';
import { DATE_INPUT_FORMATS, toIsoDate } from '../../components/dates';
import { FormError } from '../../components/FormError';
import { applyServerErrors } from '../../components/serverErrors';
import { UnitSelect } from './UnitSelect';
import type { UnitChoice } from './UnitSelect';
import { useAddFinding, useAddFollowUp, useAddNegative, useUpdateFinding, useUpdateNegative } from './useOversightMutations';
import styles from './Oversight.module.css';

const CONFLICT_HINT = 'Dữ liệu mới nhất đã được tải lại. Hãy đóng hộp thoại, kiểm tra rồi sửa lại nếu vẫn cần.';
const KIND_CHOICES = FINDING_KINDS.map((value) => ({ value, label: FINDING_KIND_LABELS[value] }));

// ——— The follow-up part (with a finding, or later on its own) ———

interface FollowUpValues {
  withFollowUp?: boolean;
  followUpTask?: string;
  followUpOwnerUnitId?: number | null;
  followUpDueOn?: Dayjs | null;
}

function FollowUpFields({ activity, defaultOwner }: { activity: Pick<ActivityDetail, 'organiser' | 'heldOn' | 'units' | 'kind'>; defaultOwner?: UnitChoice | undefined }) {
  const heldOn = activity.heldOn;
  return (
    <fieldset className={styles.fieldset}>
      <legend className={styles.legend}>Việc khắc phục</legend>
      <Form.Item
        label="Việc phải khắc phục"
        name="followUpTask"
        rules={[
          { required: true, whitespace: true, message: 'Vui lòng nêu việc phải khắc phục.' },
          { min: 3, message: 'Quá ngắn.' },
          { max: 2000, message: 'Dài quá 2000 ký tự.' },
        ]}
      >
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} placeholder="Ví dụ: Bổ sung kế hoạch sinh hoạt chuyên đề quý III" />
      </Form.Item>
      <Form.Item label="Đơn vị thực hiện" name="followUpOwnerUnitId" rules={[{ required: true, message: 'Vui lòng chọn đơn vị thực hiện.' }]}>
        <UnitSelect within={activity.organiser.id} preset={[...activity.units, ...(defaultOwner ? [defaultOwner] : [])].filter((u, i, all) => all.findIndex((o) => o.id === u.id) === i)} known={defaultOwner ? [defaultOwner] : []} />
      </Form.Item>
      <Form.Item
        label="Hạn hoàn thành"
        name="followUpDueOn"
        rules={[
          { required: true, message: 'Vui lòng chọn hạn hoàn thành.' },
          {
            // The same sentence as the server's ("a follow-up due before its inspection").
            validator: async (_rule, value: Dayjs | null | undefined) => {
              const problem = value && heldOn ? followUpDueProblem(toIsoDate(value), heldOn, activity.kind) : null;
              if (problem) throw new Error(problem);
            },
          },
        ]}
        extra={heldOn ? `Không trước ngày tổ chức (${formatDate(heldOn)}).` : undefined}
      >
        <DatePicker format={DATE_INPUT_FORMATS} placeholder="dd/mm/yyyy" style={{ width: '100%' }} defaultPickerValue={heldOn ? dayjs(heldOn) : undefined} />
      </Form.Item>
    </fieldset>
  );
}

const FOLLOW_UP_FIELDS = {
  'body.followUp.task': 'followUpTask',
  'body.followUp.ownerUnitId': 'followUpOwnerUnitId',
  'body.followUp.dueOn': 'followUpDueOn',
  'body.task': 'followUpTask',
  'body.ownerUnitId': 'followUpOwnerUnitId',
  'body.dueOn': 'followUpDueOn',
};

function followUpBody(values: FollowUpValues) {
  if (!values.followUpDueOn || !values.followUpOwnerUnitId) return null;
  return { task: (values.followUpTask ?? '').trim(), ownerUnitId: values.followUpOwnerUnitId, dueOn: toIsoDate(values.followUpDueOn) };
}

// ——— A finding ———

interface FindingValues extends FollowUpValues {
  unitId?: number | null;
  kind?: FindingKind;
  content?: string;
}

const FINDING_FIELDS = { 'body.unitId': 'unitId', 'body.kind': 'kind', 'body.content': 'content', ...FOLLOW_UP_FIELDS };

function FindingForm({
  activity,
  finding,
  pending,
  onSubmit,
}: {
  activity: ActivityDetail;
  finding: Finding | null;
  pending: boolean;
  onSubmit: (values: FindingValues, form: FormInstance<FindingValues>) => void;
}) {
  const [form] = Form.useForm<FindingValues>();
  const withFollowUp = Form.useWatch('withFollowUp', form) as boolean | undefined;
  const [picked, setPicked] = useState<UnitChoice | undefined>(finding?.unit ?? (activity.units.length === 1 ? activity.units[0] : undefined));
  const onlyUnit = activity.units.length === 1 ? activity.units[0] : undefined;
  // An inspection of one unit: its findings are about that unit or a unit below it, so search there.
  const searchWithin = onlyUnit && KINDS_NEEDING_UNITS.includes(activity.kind) ? onlyUnit.id : activity.organiser.id;
  const initialValues: FindingValues = finding
    ? { unitId: finding.unit.id, kind: finding.kind, content: finding.content }
    : { unitId: onlyUnit?.id ?? null, kind: 'shortcoming', content: '', withFollowUp: false, followUpTask: '', followUpOwnerUnitId: null, followUpDueOn: null };
  const known = finding ? [finding.unit] : [];
  return (
    <Form<FindingValues>
      form={form}
      name="finding"
      layout="vertical"
      disabled={pending}
      initialValues={initialValues}
      onValuesChange={(changed: Partial<FindingValues>) => {
        // The unit that must act is usually the unit the finding is about.
        if (changed.withFollowUp && !form.getFieldValue('followUpOwnerUnitId')) form.setFieldsValue({ followUpOwnerUnitId: form.getFieldValue('unitId') as number | null });
      }}
      onFinish={(values) => onSubmit(values, form)}
    >
      <Form.Item label="Đơn vị được nhận xét" name="unitId" rules={[{ required: true, message: 'Vui lòng chọn đơn vị được nhận xét.' }]} extra="Đơn vị liên quan của hoạt động hoặc đơn vị trực thuộc của nó.">
        <UnitSelect within={searchWithin} preset={activity.units} known={known} onPick={setPicked} />
      </Form.Item>
      <Form.Item label="Loại nhận xét" name="kind" rules={[{ required: true, message: 'Vui lòng chọn loại nhận xét.' }]}>
        <Radio.Group options={KIND_CHOICES} optionType="button" className={styles.radioWrap} />
      </Form.Item>
      <Form.Item
        label="Nội dung"
        name="content"
        rules={[
          { required: true, whitespace: true, message: 'Vui lòng nhập nội dung nhận xét.' },
          { min: 3, message: 'Quá ngắn.' },
          { max: 4000, message: 'Dài quá 4000 ký tự.' },
        ]}
      >
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} placeholder="Ví dụ: Chi bộ chưa xây dựng kế hoạch sinh hoạt chuyên đề quý III" />
      </Form.Item>
      {finding ? null : (
        <>
          <Form.Item name="withFollowUp" valuePropName="checked">
            <Checkbox>Giao việc khắc phục</Checkbox>
          </Form.Item>
          {withFollowUp ? <FollowUpFields activity={activity} defaultOwner={picked} /> : null}
        </>
      )}
    </Form>
  );
}

/** "Thêm phát hiện" (new) or "Sửa" (an existing finding) of a held activity. */
export function FindingModal({ open, activity, finding, onClose }: { open: boolean; activity: ActivityDetail; finding: Finding | null; onClose: () => void }) {
  const add = useAddFinding(activity.id);
  const update = useUpdateFinding(finding ?? { id: 0, version: 0 });
  const mutation = finding ? update : add;
  const { message } = App.useApp();
  return (
    <Modal
      open={open}
      width={640}
      title={finding ? `Sửa nhận xét số ${finding.number}` : 'Thêm phát hiện'}
      okText={finding ? 'Lưu' : 'Ghi phát hiện'}
      okButtonProps={{ htmlType: 'submit', form: 'finding' }}
      cancelText="Đóng"
      onCancel={onClose}
      confirmLoading={mutation.isPending}
      destroyOnHidden
      afterClose={() => mutation.reset()}
    >
      {mutation.isError ? <FormError error={mutation.error} conflictHint={CONFLICT_HINT} /> : null}
      <FindingForm
        key={finding?.version ?? 'new'}
        activity={activity}
        finding={finding}
        pending={mutation.isPending}
        onSubmit={(values, form) => {
          if (!values.unitId || !values.kind) return;
          const onError = (error: unknown) => applyServerErrors(form, error, FINDING_FIELDS);
          const base = { unitId: values.unitId, kind: values.kind, content: (values.content ?? '').trim() };
          if (finding) {
            update.mutate(base, {
              onSuccess: () => {
                void message.success(`Đã lưu nhận xét số ${finding.number}.`);
                onClose();
              },
              onError,
            });
            return;
          }
          const followUp = values.withFollowUp ? followUpBody(values) : null;
          add.mutate(
            { ...base, ...(followUp ? { followUp } : {}) },
            {
              onSuccess: (created) => {
                void message.success(created.followUp ? `Đã ghi phát hiện số ${created.number} và giao việc khắc phục.` : `Đã ghi phát hiện số ${created.number}.`);
                onClose();
              },
              onError,
            },
          );
        }}
      />
    </Modal>
  );
}

/** "Giao việc khắc phục" for a finding written without one. */
export function AddFollowUpModal({ open, activity, finding, onClose }: { open: boolean; activity: ActivityDetail; finding: Finding; onClose: () => void }) {
  const add = useAddFollowUp(finding.id);
  const { message } = App.useApp();
  return (
    <Modal
      open={open}
      width={640}
      title={`Giao việc khắc phục cho nhận xét số ${finding.number}`}
      okText="Giao việc"
      okButtonProps={{ htmlType: 'submit', form: 'add-follow-up' }}
      cancelText="Đóng"
      onCancel={onClose}
      confirmLoading={add.isPending}
      destroyOnHidden
      afterClose={() => add.reset()}
    >
      {add.isError ? <FormError error={add.error} conflictHint={CONFLICT_HINT} /> : null}
      <p className={styles.quote}>{finding.content}</p>
      <AddFollowUpForm
        activity={activity}
        finding={finding}
        pending={add.isPending}
        onSubmit={(values, form) => {
          const body = followUpBody(values);
          if (!body) return;
          add.mutate(body, {
            onSuccess: () => {
              void message.success('Đã giao việc khắc phục.');
              onClose();
            },
            onError: (error) => applyServerErrors(form, error, FOLLOW_UP_FIELDS),
          });
        }}
      />
    </Modal>
  );
}

function AddFollowUpForm({ activity, finding, pending, onSubmit }: { activity: ActivityDetail; finding: Finding; pending: boolean; onSubmit: (values: FollowUpValues, form: FormInstance<FollowUpValues>) => void }) {
  const [form] = Form.useForm<FollowUpValues>();
  return (
    <Form<FollowUpValues>
      form={form}
      name="add-follow-up"
      layout="vertical"
      disabled={pending}
      initialValues={{ followUpTask: '', followUpOwnerUnitId: finding.unit.id, followUpDueOn: null }}
      onFinish={(values) => onSubmit(values, form)}
    >
      <FollowUpFields activity={activity} defaultOwner={finding.unit} />
    </Form>
  );
}

// ——— Negative phenomena (officers) ———

interface NegativeValues {
  unitId?: number | null;
  description?: string;
  handling?: string;
}

const NEGATIVE_FIELDS = { 'body.unitId': 'unitId', 'body.description': 'description', 'body.handling': 'handling' };

function NegativeForm({ findingUnit, negative, pending, onSubmit }: { findingUnit: UnitRef; negative: Negative | null; pending: boolean; onSubmit: (values: NegativeValues, form: FormInstance<NegativeValues>) => void }) {
  const [form] = Form.useForm<NegativeValues>();
  const known = negative ? [findingUnit, negative.unit] : [findingUnit];
  return (
    <Form<NegativeValues>
      form={form}
      name="negative"
      layout="vertical"
      disabled={pending}
      initialValues={negative ? { unitId: negative.unit.id, description: negative.description, handling: negative.handling ?? '' } : { unitId: findingUnit.id, description: '', handling: '' }}
      onFinish={(values) => onSubmit(values, form)}
    >
      <Form.Item label="Đơn vị có hiện tượng" name="unitId" rules={[{ required: true, message: 'Vui lòng chọn đơn vị.' }]} extra={`${findingUnit.name} hoặc đơn vị trực thuộc.`}>
        <UnitSelect within={findingUnit.id} preset={[findingUnit]} known={known} />
      </Form.Item>
      <Form.Item
        label="Mô tả hiện tượng tiêu cực"
        name="description"
        rules={[
          { required: true, whitespace: true, message: 'Vui lòng mô tả hiện tượng.' },
          { min: 3, message: 'Quá ngắn.' },
          { max: 4000, message: 'Dài quá 4000 ký tự.' },
        ]}
      >
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} />
      </Form.Item>
      <Form.Item label="Hình thức xử lý, phê phán" name="handling" rules={[{ max: 4000, message: 'Dài quá 4000 ký tự.' }]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} placeholder="Ví dụ: Phê bình trước chi bộ; kiểm điểm rút kinh nghiệm" />
      </Form.Item>
    </Form>
  );
}

/** "Ghi hiện tượng tiêu cực" from a finding, or edit one (`negative`). */
export function NegativeModal({
  open,
  findingId,
  findingUnit,
  negative,
  onClose,
}: {
  open: boolean;
  findingId: number;
  findingUnit: UnitRef;
  negative: Negative | null;
  onClose: () => void;
}) {
  const add = useAddNegative(findingId);
  const update = useUpdateNegative(negative ?? { id: 0, version: 0 });
  const mutation = negative ? update : add;
  const { message } = App.useApp();
  return (
    <Modal
      open={open}
      width={600}
      title={negative ? 'Sửa hiện tượng tiêu cực' : 'Ghi hiện tượng tiêu cực'}
      okText={negative ? 'Lưu' : 'Ghi'}
      okButtonProps={{ htmlType: 'submit', form: 'negative' }}
      cancelText="Đóng"
      onCancel={onClose}
      confirmLoading={mutation.isPending}
      destroyOnHidden
      afterClose={() => mutation.reset()}
    >
      {mutation.isError ? <FormError error={mutation.error} conflictHint={CONFLICT_HINT} /> : null}
      <NegativeForm
        key={negative?.version ?? 'new'}
        findingUnit={findingUnit}
        negative={negative}
        pending={mutation.isPending}
        onSubmit={(values, form) => {
          if (!values.unitId) return;
          const body = { unitId: values.unitId, description: (values.description ?? '').trim(), handling: values.handling?.trim() ? values.handling.trim() : null };
          const options = {
            onSuccess: () => {
              void message.success(negative ? 'Đã lưu hiện tượng tiêu cực.' : 'Đã ghi hiện tượng tiêu cực.');
              onClose();
            },
            onError: (error: unknown) => applyServerErrors(form, error, NEGATIVE_FIELDS),
          };
          if (negative) update.mutate(body, options);
          else add.mutate(body, options);
        }}
      />
    </Modal>
  );
}
