import { App, Button, DatePicker, Form, Input, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { ALLOWED_CHILD_KINDS } from '../../../shared/domain/units';
import type { SectorCode, UnitKind } from '../../../shared/domain/units';
import type { CreateUnitBody, UnitDetail } from '../../../shared/schemas/units';
import { DATE_INPUT_FORMATS, toIsoDate } from '../../components/dates';
import { FormError } from '../../components/FormError';
import { applyServerErrors } from '../../components/serverErrors';
import { SECTOR_OPTIONS, foldedSearch, UNIT_CODE_MESSAGE, UNIT_CODE_PATTERN, kindOptions } from './unitFormOptions';
import { useCreateUnit } from './useUnitMutations';

interface CreateUnitForm {
  name: string;
  kind: UnitKind;
  code?: string;
  sector?: SectorCode;
  validFrom?: Dayjs;
}

export function CreateUnitModal({
  parent,
  open,
  onClose,
  onCreated,
  onOpenUnit,
}: {
  parent: UnitDetail;
  open: boolean;
  onClose: () => void;
  onCreated: (unit: UnitDetail) => void;
  onOpenUnit: (id: number) => void;
}) {
  const [form] = Form.useForm<CreateUnitForm>();
  const { message } = App.useApp();
  const create = useCreateUnit();
  const kinds = ALLOWED_CHILD_KINDS[parent.kind];

  const submit = (values: CreateUnitForm) => {
    const body: CreateUnitBody = { parentId: parent.id, name: values.name, kind: values.kind };
    if (values.code?.trim()) body.code = values.code.trim();
    if (values.sector) body.sector = values.sector;
    if (values.validFrom) body.validFrom = toIsoDate(values.validFrom);
    create.mutate(body, {
      onSuccess: (created) => {
        void message.success({
          content: (
            <span>
              Đã thêm {created.name}.{' '}
              <Button type="link" size="small" onClick={() => onOpenUnit(created.id)}>
                Mở đơn vị
              </Button>
            </span>
          ),
          duration: 6,
        });
        onCreated(created);
      },
      onError: (error) => applyServerErrors(form, error),
    });
  };

  return (
    <Modal
      open={open}
      title={`Thêm đơn vị trực thuộc ${parent.name}`}
      okText="Tạo đơn vị"
      cancelText="Hủy"
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending}
      destroyOnHidden
      afterClose={() => create.reset()}
    >
      {create.isError ? <FormError error={create.error} /> : null}
      <Form<CreateUnitForm>
        form={form}
        name="create-unit"
        layout="vertical"
        preserve={false}
        initialValues={{ kind: kinds.length === 1 ? kinds[0] : undefined }}
        onFinish={submit}
        disabled={create.isPending}
      >
        <Form.Item
          label="Tên đơn vị"
          name="name"
          rules={[
            { required: true, whitespace: true, message: 'Vui lòng nhập tên đơn vị.' },
            { min: 2, message: 'Tên đơn vị phải có ít nhất 2 ký tự.' },
            { max: 200, message: 'Tên đơn vị dài quá 200 ký tự.' },
          ]}
        >
          <Input placeholder="Ví dụ: Chi bộ thôn Đông" autoFocus />
        </Form.Item>
        <Form.Item label="Loại tổ chức" name="kind" rules={[{ required: true, message: 'Vui lòng chọn loại tổ chức.' }]}>
          <Select options={kindOptions(kinds)} placeholder="Chọn loại tổ chức" />
        </Form.Item>
        <Form.Item
          label="Mã đơn vị"
          name="code"
          extra="Có thể để trống."
          rules={[
            { pattern: UNIT_CODE_PATTERN, message: UNIT_CODE_MESSAGE },
            { max: 40, message: 'Mã đơn vị dài quá 40 ký tự.' },
          ]}
        >
          <Input autoCapitalize="none" spellCheck={false} />
        </Form.Item>
        <Form.Item label="Lĩnh vực" name="sector">
          <Select options={SECTOR_OPTIONS} showSearch={foldedSearch} allowClear placeholder="Chọn lĩnh vực (nếu có)" />
        </Form.Item>
        <Form.Item label="Ngày bắt đầu hoạt động" name="validFrom" extra="Để trống nếu là hôm nay.">
          <DatePicker format={DATE_INPUT_FORMATS} placeholder="dd/mm/yyyy" style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
