import { App, Form, Input, Modal, Select } from 'antd';
import { useEffect } from 'react';
import type { SectorCode } from '../../../shared/domain/units';
import type { UnitDetail, UpdateUnitBody } from '../../../shared/schemas/units';
import { FormError } from '../../components/FormError';
import { applyServerErrors } from '../../components/serverErrors';
import { SECTOR_OPTIONS, foldedSearch, UNIT_CODE_MESSAGE, UNIT_CODE_PATTERN } from './unitFormOptions';
import { useUpdateUnit } from './useUnitMutations';

interface EditUnitForm {
  name: string;
  code: string;
  sector?: SectorCode | null;
}

export function EditUnitModal({ unit, open, onClose }: { unit: UnitDetail; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<EditUnitForm>();
  const { message } = App.useApp();
  const update = useUpdateUnit(unit);

  // antd keeps the initial values a form store first saw; load the record's current values at every opening.
  useEffect(() => {
    if (open) form.setFieldsValue({ name: unit.name, code: unit.code, sector: unit.sector as SectorCode | null });
  }, [open, form, unit.name, unit.code, unit.sector]);

  const submit = (values: EditUnitForm) => {
    const changes: Omit<UpdateUnitBody, 'version'> = {};
    if (values.name.trim() !== unit.name) changes.name = values.name;
    if (values.code.trim() !== unit.code) changes.code = values.code.trim();
    const sector = values.sector ?? null;
    if (sector !== unit.sector) changes.sector = sector;
    if (Object.keys(changes).length === 0) {
      void message.info('Không có thay đổi nào.');
      onClose();
      return;
    }
    update.mutate(changes, {
      onSuccess: () => {
        void message.success('Đã lưu thay đổi.');
        onClose();
      },
      onError: (error) => applyServerErrors(form, error),
    });
  };

  return (
    <Modal
      open={open}
      title={`Sửa thông tin ${unit.name}`}
      okText="Lưu thay đổi"
      cancelText="Hủy"
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={update.isPending}
      destroyOnHidden
      afterClose={() => update.reset()}
    >
      {update.isError ? <FormError error={update.error} conflictHint="Thông tin mới nhất đã được tải lại. Kiểm tra rồi lưu lại nếu vẫn cần thay đổi." /> : null}
      <Form<EditUnitForm>
        form={form}
        name="edit-unit"
        layout="vertical"
        preserve={false}
        initialValues={{ name: unit.name, code: unit.code, sector: unit.sector as SectorCode | null }}
        onFinish={submit}
        disabled={update.isPending}
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
          <Input />
        </Form.Item>
        <Form.Item
          label="Mã đơn vị"
          name="code"
          rules={[
            { required: true, whitespace: true, message: 'Mã đơn vị không được để trống.' },
            { pattern: UNIT_CODE_PATTERN, message: UNIT_CODE_MESSAGE },
            { max: 40, message: 'Mã đơn vị dài quá 40 ký tự.' },
          ]}
        >
          <Input autoCapitalize="none" spellCheck={false} />
        </Form.Item>
        <Form.Item label="Lĩnh vực" name="sector">
          <Select options={SECTOR_OPTIONS} showSearch={foldedSearch} allowClear placeholder="Không thuộc lĩnh vực nào" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
