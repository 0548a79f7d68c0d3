import { LineChartOutlined } from '@ant-design/icons';
import { App, Button, Flex, Form, Input, InputNumber, Radio, Select, Slider } from 'antd';
import { useState } from 'react';
import { SELF_RESULTS, SELF_RESULT_LABELS } from '../../../shared/domain/commitments';
import type { SelfResult } from '../../../shared/domain/commitments';
import type { Commitment, CommitmentItem, StoredFile } from '../../api/commitments';
import { FormError } from '../../components/FormError';
import { FileField } from '../meetings/MeetingFields';
import { orNull } from './commitmentFormat';
import { useCellReview, useCheckin, useSelfReview } from './useCommitmentMutations';
import styles from './Commitments.module.css';

const CONFLICT_HINT = 'Bản đăng ký mới nhất đã được tải lại. Hãy kiểm tra rồi gửi lại.';

/** "Cập nhật tiến độ" of one item: percent done, a note and optionally an evidence file. */
export function CheckinButton({ commitment, item }: { commitment: Commitment; item: CommitmentItem }) {
  const [open, setOpen] = useState(false);
  if (!open) {
    return (
      <Button className={styles.checkinToggle} icon={<LineChartOutlined />} onClick={() => setOpen(true)}>
        Cập nhật tiến độ
      </Button>
    );
  }
  return <CheckinForm commitment={commitment} item={item} onDone={() => setOpen(false)} />;
}

interface CheckinValues {
  percent: number;
  note?: string;
}

function CheckinForm({ commitment, item, onDone }: { commitment: Commitment; item: CommitmentItem; onDone: () => void }) {
  const [form] = Form.useForm<CheckinValues>();
  const { message } = App.useApp();
  const checkin = useCheckin(commitment);
  const [evidence, setEvidence] = useState<StoredFile | null>(null);
  const percent = Form.useWatch('percent', form) ?? item.percent ?? 0;

  const submit = (values: CheckinValues) => {
    checkin.mutate(
      { itemId: item.id, percent: values.percent, note: values.note?.trim() ?? '', evidenceFileId: evidence?.id ?? null },
      {
        onSuccess: () => {
          void message.success(`Đã cập nhật tiến độ việc ${item.number}: ${values.percent}%.`);
          onDone();
        },
      },
    );
  };

  return (
    <section className={styles.subForm} aria-label={`Cập nhật tiến độ việc ${item.number}`}>
      {checkin.isError ? <FormError error={checkin.error} conflictHint={CONFLICT_HINT} /> : null}
      <Form<CheckinValues> form={form} name={`checkin-${item.id}`} layout="vertical" initialValues={{ percent: item.percent ?? 0, note: '' }} disabled={checkin.isPending} onFinish={submit}>
        <Form.Item label={`Đã làm được (${percent}%)`} required>
          <Flex gap={12} align="center">
            <Form.Item name="percent" noStyle>
              <Slider min={0} max={100} step={5} className={styles.slider} aria-label="Phần trăm đã làm" />
            </Form.Item>
            <Form.Item name="percent" noStyle rules={[{ required: true, message: 'Nhập phần trăm đã làm.' }]}>
              <InputNumber min={0} max={100} precision={0} suffix="%" className={styles.percentBox} inputMode="numeric" aria-label="Phần trăm" />
            </Form.Item>
          </Flex>
        </Form.Item>
        <Form.Item
          label="Ghi chú tiến độ"
          name="note"
          rules={[
            { required: true, whitespace: true, message: 'Hãy ghi đã làm được gì.' },
            { min: 3, message: 'Ghi chú phải có ít nhất 3 ký tự.' },
            { max: 2000, message: 'Ghi chú dài quá 2000 ký tự.' },
          ]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} placeholder="Đã làm được gì, kết quả ra sao" />
        </Form.Item>
        <Form.Item label="Minh chứng (không bắt buộc)">
          <FileField unitId={commitment.unit.id} file={evidence} onChange={setEvidence} buttonText="Chọn tệp minh chứng" disabled={checkin.isPending} />
        </Form.Item>
        <Flex gap={8} justify="flex-end" wrap>
          <Button onClick={onDone} disabled={checkin.isPending}>
            Hủy
          </Button>
          <Button type="primary" htmlType="submit" loading={checkin.isPending}>
            Lưu tiến độ
          </Button>
        </Flex>
      </Form>
    </section>
  );
}

interface SelfReviewValues {
  results?: Record<string, { result?: SelfResult; note?: string }>;
  level?: string;
  note?: string;
}

/** The year-end self-review: each item done / partly / not done with a note, and the level the member proposes. */
export function SelfReviewForm({ commitment }: { commitment: Commitment }) {
  const [form] = Form.useForm<SelfReviewValues>();
  const { message } = App.useApp();
  const review = useSelfReview(commitment);
  const initial: SelfReviewValues = {
    results: Object.fromEntries(commitment.items.map((item) => [String(item.id), { result: item.selfResult ?? undefined, note: item.selfNote ?? '' }])),
    level: commitment.review.selfLevel?.code,
    note: commitment.review.selfNote ?? '',
  };

  const submit = (values: SelfReviewValues) => {
    review.mutate(
      {
        items: commitment.items.map((item) => {
          const entry = values.results?.[String(item.id)];
          return { itemId: item.id, result: entry?.result ?? 'not_done', note: orNull(entry?.note) };
        }),
        level: values.level ?? '',
        note: orNull(values.note),
      },
      { onSuccess: () => void message.success('Đã lưu bản tự đánh giá.') },
    );
  };

  return (
    <section className={styles.subForm} aria-label="Tự đánh giá cuối năm">
      {review.isError ? <FormError error={review.error} conflictHint={CONFLICT_HINT} /> : null}
      <Form<SelfReviewValues>
        key={commitment.version}
        form={form}
        name={`self-review-${commitment.id}`}
        layout="vertical"
        initialValues={initial}
        disabled={review.isPending}
        onFinish={submit}
        scrollToFirstError={{ block: 'center' }}
      >
        {commitment.items.map((item) => (
          <fieldset key={item.id} className={styles.reviewItem}>
            <legend className={styles.reviewLegend}>
              Việc {item.number}: <span className={styles.reviewAction}>{item.action}</span>
            </legend>
            <Form.Item name={['results', String(item.id), 'result']} rules={[{ required: true, message: 'Hãy chọn kết quả của việc này.' }]} className={styles.compactItem}>
              <Radio.Group
                className={styles.resultGroup}
                aria-label={`Kết quả việc ${item.number}`}
                options={SELF_RESULTS.map((result) => ({ value: result, label: SELF_RESULT_LABELS[result] }))}
              />
            </Form.Item>
            <Form.Item name={['results', String(item.id), 'note']} className={styles.compactItem} rules={[{ max: 1000, message: 'Ghi chú dài quá 1000 ký tự.' }]}>
              <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} placeholder="Ghi chú (không bắt buộc)" aria-label={`Ghi chú việc ${item.number}`} />
            </Form.Item>
          </fieldset>
        ))}
        <Form.Item label="Tự xếp loại" name="level" rules={[{ required: true, message: 'Hãy chọn mức tự xếp loại.' }]}>
          <Select placeholder="Chọn mức xếp loại" options={commitment.levels.map((level) => ({ value: level.code, label: level.label }))} optionRender={(option) => <span className={styles.wrapOption}>{option.label}</span>} />
        </Form.Item>
        <Form.Item label="Nhận xét (không bắt buộc)" name="note" rules={[{ max: 2000, message: 'Nhận xét dài quá 2000 ký tự.' }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
        </Form.Item>
        <Flex justify="flex-end">
          <Button type="primary" size="large" htmlType="submit" loading={review.isPending}>
            Lưu tự đánh giá
          </Button>
        </Flex>
      </Form>
    </section>
  );
}

interface CellReviewValues {
  level?: string;
  note?: string;
}

/** The cell's proposed level for a member, after the member's own review. */
export function CellReviewForm({ commitment }: { commitment: Commitment }) {
  const [form] = Form.useForm<CellReviewValues>();
  const { message } = App.useApp();
  const review = useCellReview(commitment);
  return (
    <section className={styles.subForm} aria-label="Chi bộ đề nghị xếp loại">
      {review.isError ? <FormError error={review.error} conflictHint={CONFLICT_HINT} /> : null}
      <Form<CellReviewValues>
        key={commitment.version}
        form={form}
        name={`cell-review-${commitment.id}`}
        layout="vertical"
        initialValues={{ level: commitment.review.cellLevel?.code, note: commitment.review.cellNote ?? '' }}
        disabled={review.isPending}
        onFinish={(values) =>
          review.mutate({ level: values.level ?? '', note: orNull(values.note) }, { onSuccess: () => void message.success('Đã lưu mức chi bộ đề nghị.') })
        }
      >
        <Form.Item label="Chi bộ đề nghị xếp loại" name="level" rules={[{ required: true, message: 'Hãy chọn mức chi bộ đề nghị.' }]}>
          <Select placeholder="Chọn mức xếp loại" options={commitment.levels.map((level) => ({ value: level.code, label: level.label }))} optionRender={(option) => <span className={styles.wrapOption}>{option.label}</span>} />
        </Form.Item>
        <Form.Item label="Nhận xét của chi bộ (không bắt buộc)" name="note" rules={[{ max: 2000, message: 'Nhận xét dài quá 2000 ký tự.' }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
        </Form.Item>
        <Flex justify="flex-end">
          <Button type="primary" htmlType="submit" loading={review.isPending}>
            Lưu đề nghị
          </Button>
        </Flex>
      </Form>
    </section>
  );
}
