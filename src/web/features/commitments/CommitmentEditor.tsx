import { DeleteOutlined, PlusOutlined, SaveOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, App, Button, DatePicker, Flex, Form, Input, Popconfirm, Radio, Select } from 'antd';
import type { FormInstance } from 'antd';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import { useRef, useState } from 'react';
import { ITEM_KIND_LABELS, MAX_ITEMS, itemsProblem } from '../../../shared/domain/commitments';
import type { ItemKind } from '../../../shared/domain/commitments';
import { isApiError } from '../../api/client';
import type { Commitment, CommitmentItemInput, CommitmentRound } from '../../api/commitments';
import { DATE_INPUT_FORMATS, toIsoDate } from '../../components/dates';
import { FormError } from '../../components/FormError';
import { PHONE_SAFE_ALIGN, orNull } from './commitmentFormat';
import { useSaveCommitment } from './useCommitmentMutations';
import type { CommitmentOwner } from './useCommitmentMutations';
import styles from './Commitments.module.css';

interface ItemValue {
  id?: number;
  kind?: ItemKind;
  action?: string;
  measure?: string;
  dueOn?: Dayjs | null;
  topicItemId?: number | null;
  standardRef?: string;
}

interface Values {
  items?: ItemValue[];
}

const CONFLICT_HINT = 'Bản đăng ký mới nhất đã được tải lại. Kiểm tra lại nội dung rồi lưu lại nếu vẫn cần.';
const ITEM_FIELDS = ['kind', 'action', 'measure', 'dueOn', 'topicItemId', 'standardRef'] as const;
type ItemField = (typeof ITEM_FIELDS)[number];
const isItemField = (value: string | undefined): value is ItemField => ITEM_FIELDS.includes(value as ItemField);

function initialValues(existing: Commitment | null): Values {
  if (!existing || existing.items.length === 0) return { items: [{ kind: 'action', action: '', measure: '', dueOn: null, topicItemId: null, standardRef: '' }] };
  return {
    items: existing.items.map((item) => ({
      id: item.id,
      kind: item.kind,
      action: item.action,
      measure: item.measure ?? '',
      dueOn: item.dueOn ? dayjs(item.dueOn) : null,
      topicItemId: item.topicItem?.id ?? null,
      standardRef: item.standardRef ?? '',
    })),
  };
}

function toItems(values: Values): CommitmentItemInput[] {
  return (values.items ?? []).map((item) => ({
    ...(item.id ? { id: item.id } : {}),
    kind: item.kind ?? 'action',
    action: item.action?.trim() ?? '',
    measure: orNull(item.measure),
    dueOn: item.dueOn ? toIsoDate(item.dueOn) : null,
    topicItemId: item.topicItemId ?? null,
    standardRef: orNull(item.standardRef),
  }));
}

/** The server's per-field messages ("body.items.0.action") under the matching item fields. */
function applyItemErrors(form: FormInstance<Values>, error: unknown): void {
  if (!isApiError(error, 'validation')) return;
  const fields = error.details.flatMap((detail) => {
    const match = /^(?:body\.)?items\.(\d+)\.(\w+)$/u.exec(detail.path);
    const field = match?.[2];
    if (!match || !isItemField(field)) return [];
    return [{ name: ['items', Number(match[1]), field] as ['items', number, ItemField], errors: [detail.message] }];
  });
  if (fields.length > 0) form.setFields(fields);
}

/**
 * The text of a commitment: 1–10 items, each what will be done, how it is measured and by when; it may
 * cite an item of the year's topic and a standard. Leaders may add "nêu gương" pledges. Drafts save
 * incomplete; submitting checks the shared rule first (every item needs a measure).
 */
export function CommitmentEditor({
  round,
  existing,
  owner,
  isLeader,
  onSaved,
}: {
  round: Pick<CommitmentRound, 'studyTopic' | 'year'>;
  existing: Commitment | null;
  owner: CommitmentOwner;
  isLeader: boolean;
  onSaved?: (saved: Commitment, submitted: boolean) => void;
}) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const save = useSaveCommitment();
  const [problem, setProblem] = useState<string | null>(null);
  const problemRef = useRef<HTMLDivElement>(null);
  const topicItems = round.studyTopic?.items ?? [];
  const formName = `commitment-${existing?.id ?? 'new'}`;

  const run = async (submit: boolean) => {
    setProblem(null);
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    const items = toItems(values);
    if (submit) {
      const why = itemsProblem(
        items.map((item) => ({ kind: item.kind ?? 'action', measure: item.measure ?? null })),
        isLeader,
      );
      if (why) {
        setProblem(why);
        const missing = items.findIndex((item) => !item.measure);
        if (missing >= 0 && why.includes('cách đo')) form.setFields([{ name: ['items', missing, 'measure'], errors: ['Hãy nêu cách đo kết quả trước khi nộp.'] }]);
        window.setTimeout(() => problemRef.current?.scrollIntoView({ block: 'center', behavior: 'smooth' }), 0);
        return;
      }
    }
    save.mutate(
      { existing, owner, items, submit },
      {
        onSuccess: (saved) => {
          if (submit) void message.success('Đã nộp bản đăng ký.');
          else void message.success('Đã lưu bản nháp.');
          onSaved?.(saved, submit);
        },
        onError: (error) => applyItemErrors(form, error),
      },
    );
  };

  return (
    <div>
      {save.isError ? <FormError error={save.error} conflictHint={CONFLICT_HINT} /> : null}
      <Form<Values> form={form} name={formName} layout="vertical" size="large" initialValues={initialValues(existing)} disabled={save.isPending} onFinish={() => void run(false)}>
        <Form.List name="items">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, index) => (
                <fieldset key={field.key} className={styles.itemEdit}>
                  <legend className={styles.itemEditLegend}>Việc {index + 1}</legend>
                  <Flex justify="flex-end" className={styles.itemEditTools}>
                    <Button danger type="text" icon={<DeleteOutlined />} disabled={fields.length <= 1} onClick={() => remove(field.name)} aria-label={`Xóa việc ${index + 1}`}>
                      Xóa
                    </Button>
                  </Flex>
                  {isLeader ? (
                    <Form.Item name={[field.name, 'kind']} label="Loại" className={styles.compactItem}>
                      <Radio.Group
                        optionType="button"
                        options={(['action', 'example'] as const).map((kind) => ({ value: kind, label: ITEM_KIND_LABELS[kind] }))}
                      />
                    </Form.Item>
                  ) : null}
                  <Form.Item
                    name={[field.name, 'action']}
                    label="Việc sẽ làm"
                    className={styles.compactItem}
                    rules={[
                      { required: true, whitespace: true, message: 'Hãy viết việc sẽ làm.' },
                      { min: 3, message: 'Việc sẽ làm phải có ít nhất 3 ký tự.' },
                      { max: 1000, message: 'Việc sẽ làm dài quá 1000 ký tự.' },
                    ]}
                  >
                    <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} placeholder="Việc cụ thể sẽ làm theo tấm gương của Bác" />
                  </Form.Item>
                  <Form.Item name={[field.name, 'measure']} label="Cách đo kết quả" className={styles.compactItem} rules={[{ max: 500, message: 'Cách đo kết quả dài quá 500 ký tự.' }]}>
                    <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} placeholder="Đo bằng gì, bao nhiêu" />
                  </Form.Item>
                  <Form.Item name={[field.name, 'dueOn']} label="Thời hạn" className={styles.compactItem}>
                    <DatePicker
                      format={DATE_INPUT_FORMATS}
                      placeholder="dd/mm/yyyy"
                      style={{ width: '100%' }}
                      defaultPickerValue={dayjs(`${round.year}-12-31`)}
                      // On a 360 px phone the calendar is wider than the space beside the field: keep it on screen.
                      popupAlign={PHONE_SAFE_ALIGN}
                    />
                  </Form.Item>
                  {topicItems.length > 0 ? (
                    <Form.Item name={[field.name, 'topicItemId']} label="Nội dung chuyên đề (không bắt buộc)" className={styles.compactItem}>
                      <Select
                        allowClear
                        placeholder="Không viện dẫn"
                        options={topicItems.map((item) => ({ value: item.id, label: `${item.number}. ${item.title}` }))}
                        popupMatchSelectWidth
                        optionRender={(option) => <span className={styles.wrapOption}>{option.label}</span>}
                      />
                    </Form.Item>
                  ) : null}
                  <Form.Item name={[field.name, 'standardRef']} label="Chuẩn mực viện dẫn (không bắt buộc)" className={styles.compactItem} rules={[{ max: 300, message: 'Chuẩn mực viện dẫn dài quá 300 ký tự.' }]}>
                    <Input placeholder="Chuẩn mực đạo đức của cơ quan, đơn vị" />
                  </Form.Item>
                </fieldset>
              ))}
              <Button
                icon={<PlusOutlined />}
                block
                className={styles.addItem}
                disabled={fields.length >= MAX_ITEMS || save.isPending}
                onClick={() => add({ kind: 'action', action: '', measure: '', dueOn: null, topicItemId: null, standardRef: '' })}
              >
                {fields.length >= MAX_ITEMS ? `Đã đủ ${MAX_ITEMS} việc` : 'Thêm việc'}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
      <div ref={problemRef}>{problem ? <Alert className={styles.block} type="error" showIcon role="alert" title={problem} /> : null}</div>
      <Flex gap={8} wrap className={styles.editorActions}>
        <Button size="large" icon={<SaveOutlined />} loading={save.isPending && !save.variables?.submit} disabled={save.isPending} onClick={() => void run(false)}>
          Lưu nháp
        </Button>
        <Popconfirm
          title="Nộp bản đăng ký?"
          description="Sau khi nộp, nội dung được khóa cho đến khi được trả lại để sửa."
          okText="Nộp"
          cancelText="Chưa nộp"
          onConfirm={() => void run(true)}
        >
          <Button size="large" type="primary" icon={<SendOutlined />} loading={save.isPending && Boolean(save.variables?.submit)} disabled={save.isPending}>
            Nộp bản đăng ký
          </Button>
        </Popconfirm>
      </Flex>
    </div>
  );
}
