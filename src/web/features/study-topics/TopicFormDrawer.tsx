import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Checkbox, Col, Drawer, Flex, Form, Input, InputNumber, Row, Select } from 'antd';
import type { FormInstance } from 'antd';
import { DEFAULT_TOPIC_RULE } from '../../../shared/domain/meetings';
import { campaignQueries } from '../../api/campaigns';
import type { StudyTopic } from '../../api/meetings';
import { FormError } from '../../components/FormError';
import { applyServerErrors } from '../../components/serverErrors';
import { useIsMobile } from '../../components/useIsMobile';
import styles from './StudyTopics.module.css';
import { useCreateStudyTopic, useUpdateStudyTopic } from './useStudyTopicMutations';

interface ItemValue {
  id?: number;
  title?: string;
  description?: string;
}

interface Values {
  title?: string;
  description?: string;
  campaignId?: number | null;
  items?: ItemValue[];
  requiredMonths?: number[];
  minItems?: number | null;
  maxItems?: number | null;
  planDay?: number | null;
  recordDays?: number | null;
}

const FORM_NAME = 'study-topic';
const FIELDS = ['title', 'description', 'campaignId', 'items', 'requiredMonths', 'minItems', 'maxItems', 'planDay', 'recordDays'];
const FIELD_MAP: Record<string, string> = Object.fromEntries(FIELDS.map((field) => [`body.${field}`, field]));
const CONFLICT_HINT = 'Chuyên đề mới nhất đã được tải lại. Hãy đóng lại, kiểm tra rồi sửa lại nếu vẫn cần.';
const MONTH_OPTIONS = Array.from({ length: 12 }, (_, index) => ({ value: index + 1, label: `Tháng ${index + 1}` }));

const orNull = (value: string | undefined) => (value?.trim() ? value.trim() : null);

function initialValues(topic: StudyTopic | null): Values {
  const rule = topic?.rule ?? DEFAULT_TOPIC_RULE;
  return {
    title: topic?.title ?? '',
    description: topic?.description ?? '',
    campaignId: topic?.campaignId ?? null,
    items: topic ? topic.items.map((item) => ({ id: item.id, title: item.title, description: item.description ?? '' })) : [{ title: '' }],
    requiredMonths: [...rule.requiredMonths],
    minItems: rule.minItems,
    maxItems: rule.maxItems,
    planDay: rule.planDay,
    recordDays: rule.recordDays,
  };
}

function toBody(values: Values) {
  return {
    title: values.title?.trim() ?? '',
    description: orNull(values.description),
    campaignId: values.campaignId ?? null,
    items: (values.items ?? []).map((item) => ({
      ...(item.id ? { id: item.id } : {}),
      title: item.title?.trim() ?? '',
      description: orNull(item.description),
    })),
    requiredMonths: [...(values.requiredMonths ?? [])].sort((a, b) => a - b),
    minItems: values.minItems ?? DEFAULT_TOPIC_RULE.minItems,
    maxItems: values.maxItems ?? DEFAULT_TOPIC_RULE.maxItems,
    planDay: values.planDay ?? DEFAULT_TOPIC_RULE.planDay,
    recordDays: values.recordDays ?? DEFAULT_TOPIC_RULE.recordDays,
  };
}

/** Create the year's topic (`topic` null) or edit it: items as an editable list, the rule as plain fields. */
export function TopicFormDrawer({ open, year, topic, onClose }: { open: boolean; year: number; topic: StudyTopic | null; onClose: () => void }) {
  const create = useCreateStudyTopic();
  const update = useUpdateStudyTopic(topic);
  const saving = topic ? update : create;
  const isMobile = useIsMobile();
  const { message } = App.useApp();

  const submit = (values: Values, form: FormInstance<Values>) => {
    const body = toBody(values);
    const onError = (error: unknown) => applyServerErrors(form, error, FIELD_MAP);
    if (topic) {
      update.mutate(body, {
        onSuccess: () => {
          void message.success('Đã lưu chuyên đề.');
          onClose();
        },
        onError,
      });
    } else {
      create.mutate(
        { year, ...body },
        {
          onSuccess: () => {
            void message.success(`Đã tạo chuyên đề năm ${year}.`);
            onClose();
          },
          onError,
        },
      );
    }
  };

  return (
    <Drawer
      open={open}
      size={isMobile ? '100%' : 720}
      title={topic ? `Sửa chuyên đề năm ${topic.year}` : `Tạo chuyên đề năm ${year}`}
      onClose={onClose}
      destroyOnHidden
      afterOpenChange={(visible) => {
        if (!visible) {
          create.reset();
          update.reset();
        }
      }}
      footer={
        <Flex gap={8} justify="flex-end">
          <Button size="large" onClick={onClose}>
            Hủy
          </Button>
          <Button size="large" type="primary" htmlType="submit" form={FORM_NAME} loading={saving.isPending}>
            {topic ? 'Lưu thay đổi' : 'Tạo chuyên đề'}
          </Button>
        </Flex>
      }
    >
      {saving.isError ? <FormError error={saving.error} conflictHint={CONFLICT_HINT} /> : null}
      {open ? <TopicForm topic={topic} pending={saving.isPending} onSubmit={submit} /> : null}
    </Drawer>
  );
}

function TopicForm({ topic, pending, onSubmit }: { topic: StudyTopic | null; pending: boolean; onSubmit: (values: Values, form: FormInstance<Values>) => void }) {
  const [form] = Form.useForm<Values>();
  const campaigns = useQuery(campaignQueries.list());
  return (
    <Form<Values> form={form} name={FORM_NAME} layout="vertical" initialValues={initialValues(topic)} disabled={pending} onFinish={(values) => onSubmit(values, form)}>
      <Form.Item
        label="Tên chuyên đề"
        name="title"
        rules={[
          { required: true, whitespace: true, message: 'Vui lòng nhập tên chuyên đề.' },
          { min: 5, message: 'Tên chuyên đề phải có ít nhất 5 ký tự.' },
          { max: 500, message: 'Tên chuyên đề dài quá 500 ký tự.' },
        ]}
      >
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} />
      </Form.Item>
      <Form.Item label="Mô tả" name="description" rules={[{ max: 4000, message: 'Mô tả dài quá 4000 ký tự.' }]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
      </Form.Item>
      <Form.Item label="Cuộc vận động" name="campaignId">
        <Select
          allowClear
          placeholder="Không gắn với cuộc vận động"
          loading={campaigns.isPending}
          options={(campaigns.data?.items ?? []).map((campaign) => ({ value: campaign.id, label: `${campaign.name} (${campaign.startYear}–${campaign.endYear})` }))}
        />
      </Form.Item>

      <fieldset className={styles.fieldset}>
        <legend className={styles.legend}>Các nội dung của chuyên đề</legend>
        <Form.List
          name="items"
          rules={[
            {
              validator: async (_rule, items: ItemValue[] | undefined) => {
                if (!items || items.length === 0) throw new Error('Chuyên đề cần ít nhất một nội dung.');
              },
            },
          ]}
        >
          {(fields, { add, remove, move }, { errors }) => (
            <>
              <ol className={styles.itemEditList}>
                {fields.map((field, index) => (
                  <li key={field.key} className={styles.itemEditRow}>
                    <div className={styles.itemEditHead}>
                      <span className={styles.itemEditNumber}>Nội dung {index + 1}</span>
                      <Flex gap={4}>
                        <Button size="small" icon={<ArrowUpOutlined />} aria-label={`Đưa nội dung ${index + 1} lên`} disabled={index === 0} onClick={() => move(index, index - 1)} />
                        <Button
                          size="small"
                          icon={<ArrowDownOutlined />}
                          aria-label={`Đưa nội dung ${index + 1} xuống`}
                          disabled={index === fields.length - 1}
                          onClick={() => move(index, index + 1)}
                        />
                        <Button size="small" danger icon={<DeleteOutlined />} aria-label={`Xóa nội dung ${index + 1}`} onClick={() => remove(field.name)} />
                      </Flex>
                    </div>
                    <Form.Item
                      name={[field.name, 'title']}
                      label={`Tên nội dung ${index + 1}`}
                      className={styles.compactItem}
                      rules={[
                        { required: true, whitespace: true, message: 'Vui lòng nhập tên nội dung.' },
                        { min: 3, message: 'Tên nội dung phải có ít nhất 3 ký tự.' },
                        { max: 500, message: 'Tên nội dung dài quá 500 ký tự.' },
                      ]}
                    >
                      <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'description']} label="Mô tả (không bắt buộc)" className={styles.compactItem}>
                      <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
                    </Form.Item>
                  </li>
                ))}
              </ol>
              <Form.ErrorList errors={errors} />
              <Button icon={<PlusOutlined />} onClick={() => add({ title: '' })} disabled={fields.length >= 30}>
                Thêm nội dung
              </Button>
            </>
          )}
        </Form.List>
      </fieldset>

      <fieldset className={styles.fieldset}>
        <legend className={styles.legend}>Quy định học chuyên đề</legend>
        <Row gutter={12}>
          <Col xs={12} sm={6}>
            <Form.Item label="Tối thiểu mỗi buổi" name="minItems" rules={[{ required: true, message: 'Nhập số nội dung tối thiểu.' }]}>
              <InputNumber min={0} max={10} precision={0} style={{ width: '100%' }} inputMode="numeric" />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item
              label="Tối đa mỗi buổi"
              name="maxItems"
              dependencies={['minItems']}
              rules={[
                { required: true, message: 'Nhập số nội dung tối đa.' },
                ({ getFieldValue }) => ({
                  validator: async (_rule, value: number | null) => {
                    const min = getFieldValue('minItems') as number | null;
                    if (value !== null && min !== null && value < min) throw new Error('Tối đa không được nhỏ hơn tối thiểu.');
                  },
                }),
              ]}
            >
              <InputNumber min={1} max={10} precision={0} style={{ width: '100%' }} inputMode="numeric" />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item label="Hạn lập kế hoạch (ngày của tháng trước)" name="planDay" rules={[{ required: true, message: 'Nhập hạn lập kế hoạch.' }]}>
              <InputNumber min={1} max={28} precision={0} style={{ width: '100%' }} inputMode="numeric" />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item label="Số ngày ghi biên bản" name="recordDays" rules={[{ required: true, message: 'Nhập số ngày ghi biên bản.' }]}>
              <InputNumber min={0} max={60} precision={0} style={{ width: '100%' }} inputMode="numeric" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label="Các tháng phải học chuyên đề" name="requiredMonths">
          <Checkbox.Group className={styles.monthGrid} options={MONTH_OPTIONS} />
        </Form.Item>
      </fieldset>
    </Form>
  );
}
