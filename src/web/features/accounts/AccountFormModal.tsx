import { App, Form, Input, InputNumber, Modal, Select, Switch } from 'antd';
import { useEffect } from 'react';
import { ROLES, ROLE_LABELS } from '../../../shared/domain/roles';
import type { Role } from '../../../shared/domain/roles';
import type { Account, CreateAccountBody, UpdateAccountBody } from '../../../shared/schemas/accounts';
import { NewPasswordFields } from '../../components/PasswordField';
import { FormError } from '../../components/FormError';
import { applyServerErrors } from '../../components/serverErrors';
import { UnitPicker } from '../../components/UnitPicker';
import { useCreateAccount, useUpdateAccount } from './useAccountMutations';

const ROLE_OPTIONS = ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }));

interface AccountForm {
  username: string;
  displayName: string;
  role: Role;
  scopeUnitId: number;
  memberId?: number | null;
  password: string;
  confirmPassword: string;
  disabled: boolean;
}

type Props =
  | { mode: 'create'; open: boolean; scopeRootId: number; onClose: () => void; account?: undefined }
  | { mode: 'edit'; account: Account; open: boolean; scopeRootId: number; onClose: () => void };

export function AccountFormModal(props: Props) {
  return props.mode === 'create' ? <CreateAccount {...props} /> : <EditAccount {...props} />;
}

function CreateAccount({ open, scopeRootId, onClose }: { open: boolean; scopeRootId: number; onClose: () => void }) {
  const [form] = Form.useForm<AccountForm>();
  const { message } = App.useApp();
  const create = useCreateAccount();
  const username = Form.useWatch('username', form);

  const submit = (values: AccountForm) => {
    const body: CreateAccountBody = {
      username: values.username.trim().toLowerCase(),
      displayName: values.displayName,
      role: values.role,
      scopeUnitId: values.scopeUnitId,
      password: values.password,
    };
    if (values.memberId) body.memberId = values.memberId;
    create.mutate(body, {
      onSuccess: (account) => {
        void message.success(`Đã tạo tài khoản ${account.username}.`);
        onClose();
      },
      onError: (error) => applyServerErrors(form, error),
    });
  };

  return (
    <Modal
      open={open}
      title="Thêm tài khoản"
      okText="Tạo tài khoản"
      cancelText="Hủy"
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending}
      destroyOnHidden
      afterClose={() => create.reset()}
    >
      {create.isError ? <FormError error={create.error} /> : null}
      <Form<AccountForm> form={form} name="create-account" layout="vertical" preserve={false} onFinish={submit} disabled={create.isPending}>
        <Form.Item
          label="Tên đăng nhập"
          name="username"
          extra="Chữ không dấu, số, dấu chấm, gạch ngang, gạch dưới."
          rules={[
            { required: true, whitespace: true, message: 'Vui lòng nhập tên đăng nhập.' },
            { min: 3, message: 'Tên đăng nhập phải có ít nhất 3 ký tự.' },
            { max: 64, message: 'Tên đăng nhập dài quá 64 ký tự.' },
            { pattern: /^[A-Za-z0-9._-]+$/u, message: 'Tên đăng nhập chỉ gồm chữ không dấu, số, dấu chấm, gạch ngang, gạch dưới.' },
          ]}
        >
          <Input autoComplete="off" autoCapitalize="none" spellCheck={false} />
        </Form.Item>
        <DisplayNameField />
        <RoleField />
        <ScopeField scopeRootId={scopeRootId} initial={null} />
        <Form.Item label="Mã hồ sơ đảng viên" name="memberId" extra="Chỉ điền khi tài khoản dành cho một đảng viên.">
          <InputNumber min={1} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <NewPasswordFields username={username} label="Mật khẩu ban đầu" />
      </Form>
    </Modal>
  );
}

function EditAccount({ account, open, scopeRootId, onClose }: { account: Account; open: boolean; scopeRootId: number; onClose: () => void }) {
  const [form] = Form.useForm<AccountForm>();
  const { message } = App.useApp();
  const update = useUpdateAccount(account);

  // antd keeps the initial values a form store first saw; load this account's current values at every opening.
  useEffect(() => {
    if (open) form.setFieldsValue({ displayName: account.displayName, role: account.role, scopeUnitId: account.scopeUnit.id, disabled: account.disabled });
  }, [open, form, account]);

  const submit = (values: AccountForm) => {
    const changes: Omit<UpdateAccountBody, 'version'> = {};
    if (values.displayName.trim() !== account.displayName) changes.displayName = values.displayName;
    if (values.role !== account.role) changes.role = values.role;
    if (values.scopeUnitId !== account.scopeUnit.id) changes.scopeUnitId = values.scopeUnitId;
    if (values.disabled !== account.disabled) changes.disabled = values.disabled;
    if (Object.keys(changes).length === 0) {
      void message.info('Không có thay đổi nào.');
      onClose();
      return;
    }
    update.mutate(changes, {
      onSuccess: () => {
        void message.success('Đã lưu tài khoản.');
        onClose();
      },
      onError: (error) => applyServerErrors(form, error),
    });
  };

  return (
    <Modal
      open={open}
      title={`Sửa tài khoản ${account.username}`}
      okText="Lưu thay đổi"
      cancelText="Hủy"
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={update.isPending}
      destroyOnHidden
      afterClose={() => update.reset()}
    >
      {update.isError ? <FormError error={update.error} conflictHint="Danh sách đã được tải lại. Kiểm tra rồi lưu lại nếu vẫn cần thay đổi." /> : null}
      <Form<AccountForm>
        form={form}
        name="edit-account"
        layout="vertical"
        preserve={false}
        initialValues={{ displayName: account.displayName, role: account.role, scopeUnitId: account.scopeUnit.id, disabled: account.disabled }}
        onFinish={submit}
        disabled={update.isPending}
      >
        <DisplayNameField />
        <RoleField />
        <ScopeField scopeRootId={scopeRootId} initial={account.scopeUnit} />
        <Form.Item label="Khóa tài khoản" name="disabled" valuePropName="checked" extra="Tài khoản bị khóa không đăng nhập được.">
          <Switch checkedChildren="Khóa" unCheckedChildren="Mở" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function DisplayNameField() {
  return (
    <Form.Item
      label="Tên hiển thị"
      name="displayName"
      rules={[
        { required: true, whitespace: true, message: 'Tên hiển thị không được để trống.' },
        { max: 120, message: 'Tên hiển thị dài quá 120 ký tự.' },
      ]}
    >
      <Input placeholder="Ví dụ: Nguyễn Văn An" />
    </Form.Item>
  );
}

function RoleField() {
  return (
    <Form.Item label="Vai trò" name="role" rules={[{ required: true, message: 'Vui lòng chọn vai trò.' }]}>
      <Select options={ROLE_OPTIONS} placeholder="Chọn vai trò" />
    </Form.Item>
  );
}

function ScopeField({ scopeRootId, initial }: { scopeRootId: number; initial: { id: number; name: string } | null }) {
  return (
    <Form.Item
      label="Phạm vi (đơn vị)"
      name="scopeUnitId"
      extra="Tài khoản chỉ làm việc trong đơn vị này và các đơn vị trực thuộc."
      rules={[{ required: true, message: 'Vui lòng chọn đơn vị.' }]}
    >
      <UnitPicker within={scopeRootId} initial={initial} />
    </Form.Item>
  );
}
