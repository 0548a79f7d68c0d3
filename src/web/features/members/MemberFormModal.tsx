import { App, Checkbox, Col, DatePicker, Form, Input, Modal, Radio, Row } from 'antd';
import type { FormInstance } from 'antd';
import type { Rule } from 'antd/es/form';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import type { Dayjs } from 'dayjs';
import { idNumberProblem, memberDateProblems } from '../../../shared/domain/members';
import type { Gender, MemberDates, MemberStatus } from '../../../shared/domain/members';
import type { CreateMemberBody, UpdateMemberBody } from '../../../shared/schemas/members';
import type { MemberDetail } from '../../api/members';
import { DATE_INPUT_FORMATS, toIsoDate } from '../../components/dates';
import { FormError } from '../../components/FormError';
import { applyServerErrors } from '../../components/serverErrors';
import { UnitPicker } from '../../components/UnitPicker';
import type { UnitOption } from '../../components/UnitPicker';
import { GENDER_OPTIONS, STATUS_OPTIONS, acceptOpenCell } from './memberOptions';
import { useCreateMember, useUpdateMember } from './useMemberMutations';

interface MemberFormValues {
  unitId?: number;
  familyName: string;
  middleName?: string;
  givenName: string;
  birthDate?: Dayjs | null;
  gender?: Gender;
  ethnicity?: string;
  status?: MemberStatus;
  joinedOn?: Dayjs | null;
  officialOn?: Dayjs | null;
  cardNumber?: string;
  idNumber?: string;
  phone?: string;
  isKeyLeader?: boolean;
  isHead?: boolean;
}

type MemberFields = Omit<CreateMemberBody, 'unitId'>;

/** `body.familyName` → `familyName`, so the server's messages land under the right field. */
const FIELD_MAP: Record<string, string> = Object.fromEntries(
  [
    'unitId',
    'familyName',
    'middleName',
    'givenName',
    'birthDate',
    'gender',
    'ethnicity',
    'status',
    'joinedOn',
    'officialOn',
    'cardNumber',
    'idNumber',
    'phone',
    'isKeyLeader',
    'isHead',
  ].map((field) => [`body.${field}`, field]),
);

const iso = (value: Dayjs | null | undefined) => (value ? toIsoDate(value) : null);
const orNull = (value: string | undefined) => {
  const text = value?.trim() ?? '';
  return text === '' ? null : text;
};

function toFields(values: MemberFormValues): MemberFields {
  return {
    familyName: values.familyName.trim(),
    middleName: values.middleName?.trim() ?? '',
    givenName: values.givenName.trim(),
    birthDate: iso(values.birthDate),
    gender: values.gender ?? 'male',
    ethnicity: orNull(values.ethnicity),
    status: values.status ?? 'probationary',
    joinedOn: iso(values.joinedOn),
    officialOn: values.status === 'full' ? iso(values.officialOn) : null,
    cardNumber: orNull(values.cardNumber),
    idNumber: orNull(values.idNumber),
    phone: orNull(values.phone),
    isKeyLeader: values.isKeyLeader ?? false,
    isHead: values.isHead ?? false,
  };
}

function initialValues(member: MemberDetail): MemberFormValues {
  return {
    familyName: member.familyName,
    middleName: member.middleName,
    givenName: member.givenName,
    birthDate: member.birthDate ? dayjs(member.birthDate) : null,
    gender: member.gender,
    ethnicity: member.ethnicity ?? '',
    status: member.status,
    joinedOn: member.joinedOn ? dayjs(member.joinedOn) : null,
    officialOn: member.officialOn ? dayjs(member.officialOn) : null,
    cardNumber: member.cardNumber ?? '',
    idNumber: member.idNumber ?? '',
    phone: member.phone ?? '',
    isKeyLeader: member.isKeyLeader,
    isHead: member.isHead,
  };
}

/** Early hints from the same date rules the server applies (the server has the last word). */
function dateRule(field: keyof MemberDates): Rule {
  return (form) => ({
    validator: async () => {
      const values = form.getFieldsValue(true) as MemberFormValues;
      const problems = memberDateProblems(
        {
          birthDate: iso(values.birthDate),
          joinedOn: iso(values.joinedOn),
          officialOn: values.status === 'full' ? iso(values.officialOn) : null,
          status: values.status ?? 'probationary',
        },
        toIsoDate(dayjs()),
      );
      const problem = problems.find((candidate) => candidate.field === field);
      if (problem) throw new Error(problem.message);
    },
  });
}

const idNumberRule: Rule = (form) => ({
  validator: async (_rule, value: string | undefined) => {
    const text = value?.trim() ?? '';
    if (text === '') return;
    const values = form.getFieldsValue(true) as MemberFormValues;
    const problem = idNumberProblem(text, iso(values.birthDate), values.gender ?? null);
    if (problem) throw new Error(problem);
  },
});

const datePicker = <DatePicker format={DATE_INPUT_FORMATS} placeholder="dd/mm/yyyy" style={{ width: '100%' }} />;

function MemberFormFields({ form, unitField }: { form: FormInstance<MemberFormValues>; unitField?: ReactNode }) {
  const status = Form.useWatch('status', form);
  return (
    <Row gutter={12}>
      {unitField ? <Col span={24}>{unitField}</Col> : null}
      <Col xs={24} sm={8}>
        <Form.Item
          label="Họ"
          name="familyName"
          rules={[
            { required: true, whitespace: true, message: 'Vui lòng nhập họ.' },
            { max: 60, message: 'Họ dài quá 60 ký tự.' },
          ]}
        >
          <Input autoComplete="off" />
        </Form.Item>
      </Col>
      <Col xs={24} sm={8}>
        <Form.Item label="Tên đệm" name="middleName" rules={[{ max: 60, message: 'Tên đệm dài quá 60 ký tự.' }]}>
          <Input autoComplete="off" />
        </Form.Item>
      </Col>
      <Col xs={24} sm={8}>
        <Form.Item
          label="Tên"
          name="givenName"
          rules={[
            { required: true, whitespace: true, message: 'Vui lòng nhập tên.' },
            { max: 60, message: 'Tên dài quá 60 ký tự.' },
          ]}
        >
          <Input autoComplete="off" />
        </Form.Item>
      </Col>
      <Col xs={24} sm={8}>
        <Form.Item label="Ngày sinh" name="birthDate" rules={[dateRule('birthDate')]}>
          {datePicker}
        </Form.Item>
      </Col>
      <Col xs={24} sm={8}>
        <Form.Item label="Giới tính" name="gender" rules={[{ required: true, message: 'Vui lòng chọn giới tính.' }]}>
          <Radio.Group options={GENDER_OPTIONS} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={8}>
        <Form.Item label="Dân tộc" name="ethnicity" rules={[{ max: 40, message: 'Dân tộc dài quá 40 ký tự.' }]}>
          <Input autoComplete="off" placeholder="Kinh" />
        </Form.Item>
      </Col>
      <Col xs={24} sm={8}>
        <Form.Item label="Trạng thái" name="status" rules={[{ required: true, message: 'Vui lòng chọn dự bị hoặc chính thức.' }]}>
          <Radio.Group options={STATUS_OPTIONS} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={8}>
        <Form.Item label="Ngày vào Đảng" name="joinedOn" dependencies={['birthDate']} rules={[dateRule('joinedOn')]}>
          {datePicker}
        </Form.Item>
      </Col>
      <Col xs={24} sm={8}>
        <Form.Item
          label="Ngày chính thức"
          name="officialOn"
          dependencies={['status', 'joinedOn']}
          required={status === 'full'}
          rules={[dateRule('officialOn')]}
          extra={status === 'full' ? undefined : 'Chỉ điền khi đã là đảng viên chính thức.'}
        >
          <DatePicker format={DATE_INPUT_FORMATS} placeholder="dd/mm/yyyy" style={{ width: '100%' }} disabled={status !== 'full'} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={8}>
        <Form.Item label="Số thẻ đảng viên" name="cardNumber" rules={[{ max: 30, message: 'Số thẻ đảng viên dài quá 30 ký tự.' }]}>
          <Input autoComplete="off" spellCheck={false} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={8}>
        <Form.Item
          label="Số CMND/CCCD"
          name="idNumber"
          dependencies={['birthDate', 'gender']}
          rules={[idNumberRule]}
          extra="CMND 9 chữ số hoặc CCCD 12 chữ số."
        >
          <Input inputMode="numeric" autoComplete="off" spellCheck={false} maxLength={12} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={8}>
        <Form.Item
          label="Số điện thoại"
          name="phone"
          rules={[{ pattern: /^\s*\+?[0-9 .-]{8,15}\s*$/u, message: 'Số điện thoại không hợp lệ.' }]}
        >
          <Input type="tel" inputMode="tel" autoComplete="off" />
        </Form.Item>
      </Col>
      <Col span={24}>
        <Form.Item name="isKeyLeader" valuePropName="checked" style={{ marginBottom: 4 }}>
          <Checkbox>Lãnh đạo chủ chốt</Checkbox>
        </Form.Item>
        <Form.Item name="isHead" valuePropName="checked" style={{ marginBottom: 0 }}>
          <Checkbox>Người đứng đầu</Checkbox>
        </Form.Item>
      </Col>
    </Row>
  );
}

/** Probationary members have no official date: clear it when the status goes back to dự bị. */
function onValuesChange(form: FormInstance<MemberFormValues>) {
  return (changed: Partial<MemberFormValues>) => {
    if (changed.status === 'probationary') form.setFieldValue('officialOn', null);
  };
}

const MODAL_WIDTH = 760;

/*
 * Each dialog keeps its <Form> (and its form instance) in a child that mounts when the dialog
 * opens, so a second opening starts from the current record, not from what the last one held.
 * The OK button submits that form through the HTML `form` attribute.
 */

export function CreateMemberModal({
  open,
  scopeRootId,
  defaultUnit,
  onClose,
  onCreated,
}: {
  open: boolean;
  scopeRootId: number;
  defaultUnit: UnitOption | null;
  onClose: () => void;
  onCreated: (member: MemberDetail) => void;
}) {
  const create = useCreateMember();
  return (
    <Modal
      open={open}
      width={MODAL_WIDTH}
      title="Thêm đảng viên"
      okText="Thêm đảng viên"
      okButtonProps={{ htmlType: 'submit', form: 'create-member' }}
      cancelText="Hủy"
      onCancel={onClose}
      confirmLoading={create.isPending}
      destroyOnHidden
      afterClose={() => create.reset()}
    >
      {create.isError ? <FormError error={create.error} /> : null}
      <CreateMemberForm create={create} scopeRootId={scopeRootId} defaultUnit={defaultUnit} onCreated={onCreated} />
    </Modal>
  );
}

function CreateMemberForm({
  create,
  scopeRootId,
  defaultUnit,
  onCreated,
}: {
  create: ReturnType<typeof useCreateMember>;
  scopeRootId: number;
  defaultUnit: UnitOption | null;
  onCreated: (member: MemberDetail) => void;
}) {
  const [form] = Form.useForm<MemberFormValues>();
  const { message } = App.useApp();

  const submit = (values: MemberFormValues) => {
    if (values.unitId === undefined) return;
    create.mutate(
      { unitId: values.unitId, ...toFields(values) },
      {
        onSuccess: (member) => {
          void message.success(`Đã thêm đảng viên ${member.fullName}.`);
          onCreated(member);
        },
        onError: (error) => applyServerErrors(form, error, FIELD_MAP),
      },
    );
  };

  const unitField = (
    <Form.Item
      label="Chi bộ"
      name="unitId"
      rules={[{ required: true, message: 'Vui lòng chọn chi bộ sinh hoạt.' }]}
      extra="Đảng viên sinh hoạt ở chi bộ (chi bộ cơ sở hoặc chi bộ trực thuộc)."
    >
      <UnitPicker within={scopeRootId} initial={defaultUnit} accept={acceptOpenCell} placeholder="Gõ tên chi bộ để tìm (có thể gõ không dấu)" />
    </Form.Item>
  );

  return (
    <Form<MemberFormValues>
      form={form}
      name="create-member"
      layout="vertical"
      initialValues={{ unitId: defaultUnit?.id, middleName: '', isKeyLeader: false, isHead: false }}
      onValuesChange={onValuesChange(form)}
      onFinish={submit}
      disabled={create.isPending}
    >
      <MemberFormFields form={form} unitField={unitField} />
    </Form>
  );
}

export function EditMemberModal({ member, open, onClose }: { member: MemberDetail; open: boolean; onClose: () => void }) {
  const update = useUpdateMember(member);
  return (
    <Modal
      open={open}
      width={MODAL_WIDTH}
      title={`Sửa hồ sơ ${member.fullName}`}
      okText="Lưu thay đổi"
      okButtonProps={{ htmlType: 'submit', form: 'edit-member' }}
      cancelText="Hủy"
      onCancel={onClose}
      confirmLoading={update.isPending}
      destroyOnHidden
      afterClose={() => update.reset()}
    >
      {update.isError ? (
        <FormError error={update.error} conflictHint="Hồ sơ mới nhất đã được tải lại. Hãy đóng hộp thoại, kiểm tra rồi sửa lại nếu vẫn cần." />
      ) : null}
      <EditMemberForm member={member} update={update} onClose={onClose} />
    </Modal>
  );
}

function EditMemberForm({ member, update, onClose }: { member: MemberDetail; update: ReturnType<typeof useUpdateMember>; onClose: () => void }) {
  const [form] = Form.useForm<MemberFormValues>();
  const { message } = App.useApp();

  const submit = (values: MemberFormValues) => {
    const next = toFields(values);
    const before = toFields(initialValues(member));
    const changes: Omit<UpdateMemberBody, 'version'> = {};
    for (const key of Object.keys(next) as (keyof MemberFields)[]) {
      if (next[key] !== before[key]) Object.assign(changes, { [key]: next[key] });
    }
    if (Object.keys(changes).length === 0) {
      void message.info('Không có thay đổi nào.');
      onClose();
      return;
    }
    // The server treats a missing `phone` as "no phone" (its schema defaults it to null): always send it.
    changes.phone = next.phone;
    update.mutate(changes, {
      onSuccess: () => {
        void message.success('Đã lưu hồ sơ.');
        onClose();
      },
      onError: (error) => applyServerErrors(form, error, FIELD_MAP),
    });
  };

  return (
    <Form<MemberFormValues>
      form={form}
      name="edit-member"
      layout="vertical"
      initialValues={initialValues(member)}
      onValuesChange={onValuesChange(form)}
      onFinish={submit}
      disabled={update.isPending}
    >
      <MemberFormFields form={form} />
    </Form>
  );
}
