import { Alert, App, Checkbox, Col, Form, InputNumber, Modal, Row, Select } from 'antd';
import { addDays } from '../../../shared/domain/timeliness';
import type { DocumentType } from '../../../shared/domain/documents';
import { UNIT_KINDS } from '../../../shared/domain/units';
import type { UnitKind } from '../../../shared/domain/units';
import type { DocumentDetail, Requirement } from '../../api/documents';
import { FormError } from '../../components/FormError';
import { applyServerErrors } from '../../components/serverErrors';
import { DOCUMENT_TYPE_OPTIONS, kindLabel } from './documentOptions';
import { requirementSentence } from './requirementText';
import { useSaveRequirement } from './useDocumentMutations';

interface RequirementFormValues {
  targetKinds: UnitKind[];
  requiredType: DocumentType;
  days: number | null;
  workingDays: boolean;
  withConference: boolean;
  conferenceDays: number | null;
}

const FIELDS = ['targetKinds', 'requiredType', 'days', 'workingDays', 'conferenceDays'];
const FIELD_MAP: Record<string, string> = Object.fromEntries(FIELDS.flatMap((field) => [[`body.${field}`, field], [field, field]]));

/** Lower levels only: nobody requires the province committee itself to act. */
const KIND_OPTIONS = UNIT_KINDS.filter((kind) => kind !== 'province_committee').map((kind) => ({ value: kind, label: kindLabel(kind) }));

const CONFLICT_HINT = 'Văn bản mới nhất đã được tải lại. Hãy đóng hộp thoại, kiểm tra rồi làm lại nếu vẫn cần.';

function initialValues(requirement: Requirement | null): RequirementFormValues {
  if (!requirement) {
    return { targetKinds: ['district_committee', 'affiliated_committee'], requiredType: 'plan', days: 30, workingDays: false, withConference: false, conferenceDays: 45 };
  }
  return {
    targetKinds: requirement.targetKinds,
    requiredType: requirement.requiredType,
    days: requirement.days,
    workingDays: requirement.workingDays,
    withConference: requirement.conferenceDays !== null,
    conferenceDays: requirement.conferenceDays,
  };
}

const dayRule = (label: string) => ({
  validator: async (_rule: unknown, value: number | null | undefined) => {
    if (value === null || value === undefined) throw new Error(`Vui lòng nhập ${label}.`);
    if (!Number.isInteger(value) || value < 0) throw new Error(`${label[0]?.toUpperCase()}${label.slice(1)} phải là số ngày không âm.`);
    if (value > 366) throw new Error(`${label[0]?.toUpperCase()}${label.slice(1)} tối đa 366 ngày.`);
  },
});

/** Add or change what lower committees must do under a document ("yêu cầu triển khai"). */
export function RequirementModal({
  document,
  requirement,
  open,
  onClose,
}: {
  document: DocumentDetail;
  requirement: Requirement | null;
  open: boolean;
  onClose: () => void;
}) {
  const save = useSaveRequirement(document.id, requirement);
  return (
    <Modal
      open={open}
      width={640}
      title={requirement ? `Sửa yêu cầu triển khai ${document.symbol}` : `Thêm yêu cầu triển khai ${document.symbol}`}
      okText={requirement ? 'Lưu yêu cầu' : 'Thêm yêu cầu'}
      okButtonProps={{ htmlType: 'submit', form: 'requirement' }}
      cancelText="Hủy"
      onCancel={onClose}
      confirmLoading={save.isPending}
      destroyOnHidden
      afterClose={() => save.reset()}
    >
      {save.isError ? <FormError error={save.error} conflictHint={CONFLICT_HINT} /> : null}
      <RequirementForm document={document} requirement={requirement} save={save} onClose={onClose} />
    </Modal>
  );
}

function RequirementForm({
  document,
  requirement,
  save,
  onClose,
}: {
  document: DocumentDetail;
  requirement: Requirement | null;
  save: ReturnType<typeof useSaveRequirement>;
  onClose: () => void;
}) {
  const [form] = Form.useForm<RequirementFormValues>();
  const { message } = App.useApp();
  const values = Form.useWatch([], form) as RequirementFormValues | undefined;
  const withConference = Form.useWatch('withConference', form) ?? false;

  const submit = (input: RequirementFormValues) => {
    save.mutate(
      {
        targetKinds: input.targetKinds,
        requiredType: input.requiredType,
        days: input.days ?? 0,
        workingDays: input.workingDays,
        conferenceDays: input.withConference ? (input.conferenceDays ?? 0) : null,
      },
      {
        onSuccess: () => {
          void message.success(requirement ? 'Đã lưu yêu cầu triển khai.' : 'Đã thêm yêu cầu triển khai.');
          onClose();
        },
        onError: (error) => applyServerErrors(form, error, FIELD_MAP),
      },
    );
  };

  // The sentence as it will read on the document page, with due dates counted from the issue date.
  let preview: string | null = null;
  if (values && values.targetKinds?.length > 0 && Number.isInteger(values.days) && (values.days ?? -1) >= 0) {
    const days = values.days ?? 0;
    const conferenceDays = values.withConference && Number.isInteger(values.conferenceDays) && (values.conferenceDays ?? -1) >= 0 ? (values.conferenceDays ?? 0) : null;
    preview = requirementSentence({
      targetKinds: values.targetKinds,
      requiredType: values.requiredType,
      days,
      workingDays: values.workingDays,
      dueOn: addDays(document.issuedOn, days, { workingDays: values.workingDays }),
      conferenceDays,
      conferenceDueOn: conferenceDays === null ? null : addDays(document.issuedOn, conferenceDays, { workingDays: values.workingDays }),
    });
  }

  return (
    <Form<RequirementFormValues> form={form} name="requirement" layout="vertical" initialValues={initialValues(requirement)} onFinish={submit} disabled={save.isPending}>
      <Form.Item label="Tổ chức đảng phải thực hiện" name="targetKinds" rules={[{ required: true, type: 'array', min: 1, message: 'Chọn ít nhất một loại tổ chức phải thực hiện.' }]}>
        <Checkbox.Group options={KIND_OPTIONS} style={{ display: 'grid', gap: 6 }} />
      </Form.Item>
      <Row gutter={12}>
        <Col xs={24} sm={14}>
          <Form.Item label="Phải ban hành văn bản loại" name="requiredType" rules={[{ required: true, message: 'Vui lòng chọn loại văn bản.' }]}>
            <Select options={DOCUMENT_TYPE_OPTIONS} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={10}>
          <Form.Item label="Trong thời hạn (ngày)" name="days" required rules={[dayRule('thời hạn ban hành')]}>
            <InputNumber min={0} max={366} precision={0} style={{ width: '100%' }} inputMode="numeric" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="workingDays" valuePropName="checked" style={{ marginBottom: 8 }}>
        <Checkbox>Tính theo ngày làm việc (chỉ đếm thứ Hai đến thứ Sáu, không trừ ngày lễ)</Checkbox>
      </Form.Item>
      <Form.Item name="withConference" valuePropName="checked" style={{ marginBottom: 8 }}>
        <Checkbox>Phải tổ chức hội nghị quán triệt</Checkbox>
      </Form.Item>
      {withConference ? (
        <Form.Item label="Tổ chức hội nghị quán triệt trong (ngày)" name="conferenceDays" required rules={[dayRule('thời hạn tổ chức hội nghị')]}>
          <InputNumber min={0} max={366} precision={0} style={{ width: '100%', maxWidth: 200 }} inputMode="numeric" />
        </Form.Item>
      ) : null}
      {preview ? <Alert type="info" showIcon title="Yêu cầu sẽ hiển thị như sau" description={preview} /> : null}
    </Form>
  );
}
