import { SendOutlined } from '@ant-design/icons';
import { Alert, App, Form, Input, Modal, Select, Typography } from 'antd';
import type { FormInstance } from 'antd';
import { formatNumber } from '../../../shared/domain/text';
import { ITEM_KINDS, ITEM_KIND_LABELS } from '../../../shared/domain/urging';
import type { ItemKind } from '../../../shared/domain/urging';
import type { UrgingResult } from '../../api/urging';
import { FormError } from '../../components/FormError';
import { useMe } from '../auth/useMe';
import { UnitSelect } from '../oversight/UnitSelect';
import type { UnitChoice } from '../oversight/UnitSelect';
import { applyFieldErrors } from './urgingFields';
import { useSendUrging } from './useUrgingMutations';
import styles from './Urging.module.css';

/** What a view that knows who is late hands to the form. */
export interface UrgePreset {
  units: UnitChoice[];
  itemKind?: ItemKind | null;
  itemId?: number | null;
  text?: string;
  /** One line saying what the units are late on ("Chưa ban hành kế hoạch thực hiện 08-KH/TU"). */
  context?: string;
}

interface Values {
  unitIds: number[];
  itemKind: ItemKind | null;
  text: string;
}

const FIELDS = ['unitIds', 'itemKind', 'text'];
const TEXT_MAX = 2000;

export function resultText(result: UrgingResult): string {
  const sent = `Đã gửi đôn đốc tới ${formatNumber(result.recipients)} người nhận ở ${formatNumber(result.units)} đơn vị`;
  return result.emails > 0 ? `${sent}; ${formatNumber(result.emails)} thư điện tử đang được gửi.` : `${sent}.`;
}

/**
 * "Gửi đôn đốc": a one-off message to units of the sender's subtree (prefilled with the late units by
 * the cascade and meeting views). Each unit's accounts get it in their notification centre.
 */
export function UrgeModal({ open, preset, onClose }: { open: boolean; preset: UrgePreset; onClose: () => void }) {
  const me = useMe();
  const send = useSendUrging();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<Values>();

  const onFinish = (values: Values, instance: FormInstance<Values>) => {
    send.mutate(
      { unitIds: values.unitIds, itemKind: values.itemKind ?? null, itemId: values.itemKind && values.itemKind === preset.itemKind ? (preset.itemId ?? null) : null, text: values.text.trim() },
      {
        onSuccess: (result) => {
          void message.success(resultText(result));
          if (result.unitsWithoutRecipient.length > 0) {
            modal.warning({
              title: 'Một số đơn vị chưa có tài khoản nhận thông báo',
              okText: 'Đã hiểu',
              content: (
                <>
                  <p>Tin đôn đốc đã được ghi nhận nhưng các đơn vị sau chưa có tài khoản trên hệ thống; hãy liên hệ trực tiếp:</p>
                  <ul>
                    {result.unitsWithoutRecipient.map((unit) => (
                      <li key={unit.id}>{unit.name}</li>
                    ))}
                  </ul>
                </>
              ),
            });
          }
          onClose();
        },
        onError: (error) => applyFieldErrors(instance, error, FIELDS),
      },
    );
  };

  return (
    <Modal
      open={open}
      title="Gửi đôn đốc"
      okText="Gửi đôn đốc"
      okButtonProps={{ htmlType: 'submit', form: 'urge-form', icon: <SendOutlined />, size: 'large' }}
      cancelText="Đóng"
      cancelButtonProps={{ size: 'large' }}
      onCancel={onClose}
      confirmLoading={send.isPending}
      destroyOnHidden
      afterClose={() => send.reset()}
      width={640}
    >
      {send.isError ? <FormError error={send.error} /> : null}
      {preset.context ? <Alert type="warning" showIcon title={preset.context} className={styles.block} /> : null}
      <Form<Values>
        form={form}
        name="urge-form"
        layout="vertical"
        disabled={send.isPending}
        initialValues={{ unitIds: preset.units.map((unit) => unit.id), itemKind: preset.itemKind ?? null, text: preset.text ?? '' }}
        onFinish={(values) => onFinish(values, form)}
      >
        <Form.Item
          label={`Đơn vị nhận${preset.units.length > 0 ? ` (${formatNumber(preset.units.length)} đơn vị chậm hạn đã chọn sẵn)` : ''}`}
          name="unitIds"
          rules={[{ required: true, type: 'array', min: 1, message: 'Hãy chọn ít nhất một đơn vị nhận.' }]}
          extra="Chỉ chọn được đơn vị thuộc phạm vi của đồng chí. Tài khoản của từng đơn vị (cán bộ, bí thư chi bộ) sẽ nhận thông báo."
        >
          <UnitSelect multiple within={me.scopeUnit.id} preset={preset.units} known={preset.units} aria-label="Đơn vị nhận" />
        </Form.Item>
        <Form.Item label="Việc cần đôn đốc" name="itemKind">
          <Select<ItemKind | null>
            allowClear
            placeholder="Không gắn với loại việc nào"
            options={ITEM_KINDS.map((kind) => ({ value: kind, label: ITEM_KIND_LABELS[kind] }))}
            aria-label="Việc cần đôn đốc"
          />
        </Form.Item>
        <Form.Item
          label="Nội dung đôn đốc"
          name="text"
          rules={[
            { required: true, whitespace: true, message: 'Nội dung đôn đốc không được để trống.' },
            { max: TEXT_MAX, message: `Nội dung đôn đốc dài quá ${TEXT_MAX} ký tự.` },
          ]}
        >
          <Input.TextArea autoSize={{ minRows: 4, maxRows: 10 }} showCount maxLength={TEXT_MAX} placeholder="Đề nghị các đồng chí khẩn trương…" />
        </Form.Item>
        <Typography.Text type="secondary" className={styles.small}>
          Người nhận xem tin trong mục Thông báo (biểu tượng chuông) và qua thư điện tử nếu đã đăng ký.
        </Typography.Text>
      </Form>
    </Modal>
  );
}
