import { App, Form, Modal, Typography } from 'antd';
import { useCallback } from 'react';
import { ALLOWED_CHILD_KINDS, UNIT_KIND_LABELS } from '../../../shared/domain/units';
import type { UnitDetail, UnitSearchHit } from '../../../shared/schemas/units';
import { FormError } from '../../components/FormError';
import { UnitPicker } from '../../components/UnitPicker';
import { useMoveUnit } from './useUnitMutations';

interface MoveForm {
  newParentId: number;
}

export function MoveUnitModal({ unit, scopeRootId, open, onClose }: { unit: UnitDetail; scopeRootId: number; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<MoveForm>();
  const { message } = App.useApp();
  const move = useMoveUnit(unit);
  const currentParent = unit.ancestors[unit.ancestors.length - 1];

  // Offer only units whose kind may hold this one (the tree's shape rule); the server checks the rest.
  const accept = useCallback(
    (hit: UnitSearchHit) =>
      hit.id !== unit.id && hit.id !== unit.parentId && hit.closedOn === null && ALLOWED_CHILD_KINDS[hit.kind].includes(unit.kind),
    [unit.id, unit.parentId, unit.kind],
  );

  return (
    <Modal
      open={open}
      title={`Chuyển ${unit.name}`}
      okText="Xác nhận chuyển"
      cancelText="Hủy"
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={move.isPending}
      destroyOnHidden
      afterClose={() => move.reset()}
    >
      {move.isError ? <FormError error={move.error} /> : null}
      <Typography.Paragraph>
        Hiện trực thuộc: <strong>{currentParent?.name ?? '—'}</strong>. Toàn bộ đơn vị và đảng viên bên dưới sẽ chuyển theo.
      </Typography.Paragraph>
      <Form<MoveForm>
        form={form}
        name="move-unit"
        layout="vertical"
        preserve={false}
        disabled={move.isPending}
        onFinish={(values) =>
          move.mutate(values.newParentId, {
            onSuccess: (moved) => {
              const parent = moved.ancestors[moved.ancestors.length - 1];
              void message.success(parent ? `Đã chuyển ${moved.name} về ${parent.name}.` : `Đã chuyển ${moved.name}.`);
              onClose();
            },
          })
        }
      >
        <Form.Item
          label="Đơn vị cấp trên mới"
          name="newParentId"
          rules={[{ required: true, message: 'Vui lòng chọn đơn vị cấp trên mới.' }]}
          extra={`Chỉ hiện những đơn vị có thể quản lý ${UNIT_KIND_LABELS[unit.kind].toLowerCase()}.`}
        >
          <UnitPicker within={scopeRootId} accept={accept} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
