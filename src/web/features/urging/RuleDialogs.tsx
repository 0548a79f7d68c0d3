import { App, Checkbox, DatePicker, Form, InputNumber, Modal, Select, Typography } from 'antd';
import type { FormInstance } from 'antd';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import { formatDate } from '../../../shared/domain/text';
import { ITEM_KINDS, ITEM_KIND_DUE_RULES, ITEM_KIND_LABELS } from '../../../shared/domain/urging';
import type { ItemKind } from '../../../shared/domain/urging';
import type { ReminderRule } from '../../api/urging';
import { DATE_INPUT_FORMATS, toIsoDate } from '../../components/dates';
import { FormError } from '../../components/FormError';
import { offsetsText, validityText } from './urgingFormat';
import { applyFieldErrors } from './urgingFields';
import { useCloseRule, useCreateRule, useUpdateRule } from './useUrgingMutations';
import styles from './Urging.module.css';

const CONFLICT_HINT = 'Quy tắc đã được người khác sửa; danh sách đã được tải lại. Hãy đóng hộp thoại, kiểm tra rồi sửa lại nếu vẫn cần.';

interface RuleValues {
  itemKind: ItemKind | undefined;
  daysBefore: number | null;
  onDue: boolean;
  daysAfter: number | null;
  digestToParent: boolean;
  validFrom: Dayjs | null;
  validTo: Dayjs | null;
}

const RULE_FIELDS = ['itemKind', 'daysBefore', 'onDue', 'daysAfter', 'digestToParent', 'validFrom', 'validTo'];

function initialValues(rule: ReminderRule | null, year: number): RuleValues {
  if (rule) {
    return {
      itemKind: rule.itemKind,
      daysBefore: rule.daysBefore,
      onDue: rule.onDue,
      daysAfter: rule.daysAfter,
      digestToParent: rule.digestToParent,
      validFrom: dayjs(rule.validFrom),
      validTo: rule.validTo ? dayjs(rule.validTo) : null,
    };
  }
  return { itemKind: undefined, daysBefore: 3, onDue: true, daysAfter: 7, digestToParent: true, validFrom: null, validTo: dayjs(`${year}-12-31`) };
}

/** An empty number box means "no reminder at that stage". */
function numberOrNull(value: number | null | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/**
 * "Thêm quy tắc nhắc hạn" / "Sửa quy tắc": which kind of item, how many days before the due date, on the
 * due date, every how many days once overdue, a digest to the level above, and the days it is in force.
 * The numbers are checked by the server; its Vietnamese messages appear under the fields.
 */
export function RuleFormModal({ open, rule, year, onClose }: { open: boolean; rule: ReminderRule | null; year: number; onClose: () => void }) {
  const create = useCreateRule();
  const update = useUpdateRule(rule);
  const mutation = rule ? update : create;
  const { message } = App.useApp();
  const [form] = Form.useForm<RuleValues>();
  const itemKind = Form.useWatch('itemKind', form);

  const onFinish = (values: RuleValues, instance: FormInstance<RuleValues>) => {
    const common = {
      daysBefore: numberOrNull(values.daysBefore),
      onDue: values.onDue,
      daysAfter: numberOrNull(values.daysAfter),
      digestToParent: values.digestToParent,
      validTo: values.validTo ? toIsoDate(values.validTo) : null,
    };
    const options = {
      onSuccess: () => {
        void message.success(rule ? 'Đã lưu quy tắc nhắc hạn.' : 'Đã thêm quy tắc nhắc hạn.');
        onClose();
      },
      onError: (error: unknown) => applyFieldErrors(instance, error, RULE_FIELDS),
    };
    if (rule) {
      update.mutate({ ...common, ...(values.validFrom ? { validFrom: toIsoDate(values.validFrom) } : {}) }, options);
    } else {
      if (!values.itemKind) return;
      create.mutate({ ...common, year, itemKind: values.itemKind, ...(values.validFrom ? { validFrom: toIsoDate(values.validFrom) } : {}) }, options);
    }
  };

  return (
    <Modal
      open={open}
      title={rule ? `Sửa quy tắc nhắc hạn năm ${rule.year}` : `Thêm quy tắc nhắc hạn năm ${year}`}
      okText={rule ? 'Lưu quy tắc' : 'Thêm quy tắc'}
      okButtonProps={{ htmlType: 'submit', form: 'rule-form', size: 'large' }}
      cancelText="Đóng"
      cancelButtonProps={{ size: 'large' }}
      onCancel={onClose}
      confirmLoading={mutation.isPending}
      destroyOnHidden
      afterClose={() => mutation.reset()}
      width={600}
    >
      {mutation.isError ? <FormError error={mutation.error} conflictHint={CONFLICT_HINT} /> : null}
      <Form<RuleValues>
        // A fresh form for every rule and version (antd keeps the first initial values otherwise).
        key={rule ? `${rule.id}-${rule.version}` : 'new'}
        form={form}
        name="rule-form"
        layout="vertical"
        disabled={mutation.isPending}
        initialValues={initialValues(rule, year)}
        onFinish={(values) => onFinish(values, form)}
      >
        <Form.Item
          label="Loại việc"
          name="itemKind"
          rules={[{ required: true, message: 'Hãy chọn loại việc cần nhắc hạn.' }]}
          extra={itemKind ? ITEM_KIND_DUE_RULES[itemKind] : undefined}
        >
          <Select<ItemKind>
            disabled={rule !== null || mutation.isPending}
            placeholder="Chọn loại việc"
            options={ITEM_KINDS.map((kind) => ({ value: kind, label: ITEM_KIND_LABELS[kind] }))}
            aria-label="Loại việc"
          />
        </Form.Item>
        <Form.Item label="Nhắc trước hạn (số ngày)" name="daysBefore" extra="Để trống nếu không nhắc trước hạn.">
          <InputNumber style={{ width: 160 }} precision={0} inputMode="numeric" placeholder="Không nhắc" aria-label="Nhắc trước hạn (số ngày)" />
        </Form.Item>
        <Form.Item name="onDue" valuePropName="checked">
          <Checkbox>Nhắc đúng ngày hạn</Checkbox>
        </Form.Item>
        <Form.Item label="Khi quá hạn: nhắc lại mỗi (số ngày)" name="daysAfter" extra="Nhắc lại đến khi hoàn thành. Để trống nếu không nhắc khi quá hạn.">
          <InputNumber style={{ width: 160 }} precision={0} inputMode="numeric" placeholder="Không nhắc" aria-label="Khi quá hạn: nhắc lại mỗi (số ngày)" />
        </Form.Item>
        <Form.Item name="digestToParent" valuePropName="checked" extra="Mỗi ngày một tin cho cấp ủy cấp trên, liệt kê các đơn vị trực thuộc quá hạn (không gửi từng tin một).">
          <Checkbox>Gửi tổng hợp cho cấp trên</Checkbox>
        </Form.Item>
        <div className={styles.quietRow}>
          <Form.Item label="Áp dụng từ ngày" name="validFrom" extra={rule ? undefined : 'Để trống: từ hôm nay.'}>
            <DatePicker format={DATE_INPUT_FORMATS} placeholder="dd/mm/yyyy" />
          </Form.Item>
          <Form.Item label="Đến ngày" name="validTo" extra="Để trống: không thời hạn.">
            <DatePicker format={DATE_INPUT_FORMATS} placeholder="dd/mm/yyyy" />
          </Form.Item>
        </div>
      </Form>
    </Modal>
  );
}

/** "Kết thúc quy tắc": the last day it applies (today by default); nothing is deleted. */
export function CloseRuleModal({ open, rule, onClose }: { open: boolean; rule: ReminderRule; onClose: () => void }) {
  const close = useCloseRule(rule);
  const { message } = App.useApp();
  const [form] = Form.useForm<{ validTo: Dayjs | null }>();
  return (
    <Modal
      open={open}
      title="Kết thúc quy tắc nhắc hạn"
      okText="Kết thúc quy tắc"
      okButtonProps={{ htmlType: 'submit', form: 'close-rule-form', danger: true, size: 'large' }}
      cancelText="Đóng"
      cancelButtonProps={{ size: 'large' }}
      onCancel={onClose}
      confirmLoading={close.isPending}
      destroyOnHidden
      afterClose={() => close.reset()}
    >
      {close.isError ? <FormError error={close.error} conflictHint={CONFLICT_HINT} /> : null}
      <p>
        <strong>{ITEM_KIND_LABELS[rule.itemKind]}</strong>
        <br />
        <Typography.Text type="secondary">
          {offsetsText(rule)} · {validityText(rule)}
        </Typography.Text>
      </p>
      <Form<{ validTo: Dayjs | null }>
        key={`${rule.id}-${rule.version}`}
        form={form}
        name="close-rule-form"
        layout="vertical"
        disabled={close.isPending}
        initialValues={{ validTo: null }}
        onFinish={(values) =>
          close.mutate(values.validTo ? { validTo: toIsoDate(values.validTo) } : {}, {
            onSuccess: (closed) => {
              void message.success(closed.validTo ? `Quy tắc áp dụng đến hết ngày ${formatDate(closed.validTo)}.` : 'Đã kết thúc quy tắc.');
              onClose();
            },
            onError: (error) => applyFieldErrors(form, error, ['validTo']),
          })
        }
      >
        <Form.Item label="Ngày cuối áp dụng" name="validTo" extra="Để trống: hôm nay. Lịch sử nhắc hạn đã gửi vẫn được giữ.">
          <DatePicker format={DATE_INPUT_FORMATS} placeholder="dd/mm/yyyy" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
