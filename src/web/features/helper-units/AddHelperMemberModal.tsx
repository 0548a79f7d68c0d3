import { useQuery } from '@tanstack/react-query';
import { App, Form, Input, Modal, Select, Spin, Typography } from 'antd';
import { useState } from 'react';
import type { ReactNode } from 'react';
import type { HelperRole } from '../../../shared/domain/direction';
import { errorMessage } from '../../api/client';
import { helperUnitQueries } from '../../api/helper-units';
import type { HelperUnitDetail } from '../../api/helper-units';
import { FormError } from '../../components/FormError';
import { applyServerErrors } from '../../components/serverErrors';
import { useDebounced } from '../../components/useDebounced';
import { ROLE_OPTIONS } from './helperUnitOptions';
import { useAddHelperMember } from './useHelperUnitMutations';
import styles from './HelperUnits.module.css';

interface Values {
  memberId?: number;
  role: HelperRole;
  duty?: string;
}

const FIELD_MAP: Record<string, string> = { 'body.memberId': 'memberId', 'body.role': 'role', 'body.duty': 'duty' };

/** Active members of the committee's cells, found by name on the server (with or without diacritics). */
function MemberSelect({ id, unitId, exclude, value, onChange }: { id?: string; unitId: number; exclude: Set<number>; value?: number; onChange?: (value: number) => void }) {
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 300);
  const search = useQuery({ ...helperUnitQueries.memberSearch(unitId, q), enabled: q.length >= 2 });
  const options = (q.length >= 2 ? (search.data?.items ?? []) : [])
    .filter((member) => !exclude.has(member.id))
    .map((member) => ({ value: member.id, label: member.fullName, unitName: member.unit.name, positions: member.positions }));

  let notFound: ReactNode;
  if (q.length < 2) notFound = <Typography.Text type="secondary">Gõ ít nhất 2 ký tự của họ tên.</Typography.Text>;
  else if (search.isFetching) notFound = <Spin size="small" />;
  else if (search.isError) notFound = <Typography.Text type="danger">{errorMessage(search.error)}</Typography.Text>;
  else notFound = <Typography.Text type="secondary">Không tìm thấy đảng viên phù hợp trong cấp ủy này.</Typography.Text>;

  return (
    <Select<number>
      id={id}
      value={value}
      onChange={(next) => onChange?.(next)}
      style={{ width: '100%' }}
      placeholder="Gõ họ tên để tìm (có thể gõ không dấu)"
      showSearch={{ filterOption: false, onSearch: setText, searchValue: text }}
      options={options}
      notFoundContent={notFound}
      loading={search.isFetching}
      optionRender={(option) => (
        <div className={styles.docOption}>
          <div>{option.data.label}</div>
          <div className={styles.muted}>{[option.data.unitName, ...option.data.positions].join(' · ')}</div>
        </div>
      )}
    />
  );
}

function MemberFields({ helper, add, onClose }: { helper: HelperUnitDetail; add: ReturnType<typeof useAddHelperMember>; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const hasHead = helper.members.some((member) => member.role === 'head');
  const exclude = new Set(helper.members.map((member) => member.memberId));
  return (
    <Form<Values>
      form={form}
      name="helper-member"
      layout="vertical"
      initialValues={{ role: hasHead ? 'member' : 'head', duty: '' }}
      disabled={add.isPending}
      onFinish={(values) => {
        if (values.memberId === undefined) return;
        add.mutate(
          { memberId: values.memberId, role: values.role, duty: values.duty?.trim() ? values.duty.trim() : null },
          {
            onSuccess: () => {
              void message.success('Đã thêm thành viên.');
              onClose();
            },
            onError: (error) => applyServerErrors(form, error, FIELD_MAP),
          },
        );
      }}
    >
      <Form.Item label="Đảng viên" name="memberId" rules={[{ required: true, message: 'Vui lòng chọn đảng viên.' }]} extra="Đảng viên đang sinh hoạt ở một chi bộ thuộc cấp ủy.">
        <MemberSelect unitId={helper.unitId} exclude={exclude} />
      </Form.Item>
      <Form.Item label="Vai trò" name="role" rules={[{ required: true, message: 'Vui lòng chọn vai trò.' }]}>
        <Select options={ROLE_OPTIONS.map((option) => ({ ...option, disabled: option.value === 'head' && hasHead }))} />
      </Form.Item>
      <Form.Item label="Nhiệm vụ được phân công" name="duty" rules={[{ max: 300, message: 'Nhiệm vụ dài quá 300 ký tự.' }]}>
        <Input autoComplete="off" placeholder="Ví dụ: theo dõi công tác tuyên truyền" />
      </Form.Item>
    </Form>
  );
}

export function AddHelperMemberModal({ open, helper, onClose }: { open: boolean; helper: HelperUnitDetail; onClose: () => void }) {
  const add = useAddHelperMember(helper);
  return (
    <Modal
      open={open}
      title={`Thêm thành viên: ${helper.name}`}
      okText="Thêm"
      okButtonProps={{ htmlType: 'submit', form: 'helper-member' }}
      cancelText="Hủy"
      onCancel={onClose}
      confirmLoading={add.isPending}
      destroyOnHidden
      afterClose={() => add.reset()}
    >
      {add.isError ? <FormError error={add.error} /> : null}
      <MemberFields helper={helper} add={add} onClose={onClose} />
    </Modal>
  );
}
