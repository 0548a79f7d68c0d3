import { useQuery } from '@tanstack/react-query';
import { App, Col, DatePicker, Form, Input, InputNumber, Modal, Row, Select } from 'antd';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { commitmentQueries } from '../../api/commitments';
import type { CommitmentRound } from '../../api/commitments';
import { studyTopicQueries } from '../../api/meetings';
import { DATE_INPUT_FORMATS, toIsoDate } from '../../components/dates';
import { FormError } from '../../components/FormError';
import { applyServerErrors } from '../../components/serverErrors';
import { PHONE_SAFE_ALIGN, orNull } from './commitmentFormat';
import { useCreateRound, useUpdateRound } from './useCommitmentMutations';
import styles from './Commitments.module.css';

interface Values {
  year?: number | null;
  leaderDeadline?: Dayjs | null;
  memberDeadline?: Dayjs | null;
  reviewOpensOn?: Dayjs | null;
  schemeId?: number | null;
  studyTopicId?: number | null;
  standardsNote?: string;
}

const FIELDS = ['year', 'leaderDeadline', 'memberDeadline', 'reviewOpensOn', 'schemeId', 'studyTopicId', 'standardsNote'];
const FIELD_MAP: Record<string, string> = Object.fromEntries(FIELDS.map((field) => [`body.${field}`, field]));
const CONFLICT_HINT = 'Đợt đăng ký mới nhất đã được tải lại. Hãy kiểm tra rồi lưu lại nếu vẫn cần.';

function valuesOf(round: CommitmentRound | null, year: number): Values {
  if (round) {
    return {
      year: round.year,
      leaderDeadline: dayjs(round.leaderDeadline),
      memberDeadline: dayjs(round.memberDeadline),
      reviewOpensOn: dayjs(round.reviewOpensOn),
      schemeId: round.scheme.id,
      studyTopicId: round.studyTopic?.id ?? null,
      standardsNote: round.standardsNote ?? '',
    };
  }
  // The article's calendar: leaders register first (mid-May), everyone by the end of May, reviews from December.
  return {
    year,
    leaderDeadline: dayjs(`${year}-05-15`),
    memberDeadline: dayjs(`${year}-05-31`),
    reviewOpensOn: dayjs(`${year}-12-01`),
    schemeId: null,
    studyTopicId: null,
    standardsNote: '',
  };
}

/** Open a round for a year (`round` null) or change one: deadlines, review date, scheme, the year's topic. */
export function RoundFormModal({ open, round, defaultYear, onClose }: { open: boolean; round: CommitmentRound | null; defaultYear: number; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const create = useCreateRound();
  const update = useUpdateRound(round);
  const saving = round ? update : create;
  const year = (Form.useWatch('year', form) as number | null | undefined) ?? round?.year ?? defaultYear;
  const schemes = useQuery({ ...commitmentQueries.schemes(), enabled: open });
  const topics = useQuery({ ...studyTopicQueries.list(year), enabled: open && year >= 1945 && year <= 2100 });

  // antd keeps the first initial values of a form store: load the round's current values at every opening.
  useEffect(() => {
    if (open) {
      form.resetFields();
      form.setFieldsValue(valuesOf(round, defaultYear));
    }
  }, [open, form, round, defaultYear]);

  const submit = (values: Values) => {
    if (!values.leaderDeadline || !values.memberDeadline) return;
    const fields = {
      leaderDeadline: toIsoDate(values.leaderDeadline),
      memberDeadline: toIsoDate(values.memberDeadline),
      ...(values.reviewOpensOn ? { reviewOpensOn: toIsoDate(values.reviewOpensOn) } : {}),
      ...(values.schemeId ? { schemeId: values.schemeId } : {}),
      studyTopicId: values.studyTopicId ?? null,
      standardsNote: orNull(values.standardsNote),
    };
    const onError = (error: unknown) => applyServerErrors(form, error, FIELD_MAP);
    if (round) {
      update.mutate(fields, {
        onSuccess: () => {
          void message.success(`Đã lưu đợt đăng ký năm ${round.year}.`);
          onClose();
        },
        onError,
      });
    } else {
      create.mutate(
        { year: values.year ?? defaultYear, ...fields },
        {
          onSuccess: (created) => {
            void message.success(`Đã mở đợt đăng ký năm ${created.year}.`);
            onClose();
          },
          onError,
        },
      );
    }
  };

  const schemeOptions = (schemes.data?.items ?? []).map((scheme) => ({
    value: scheme.id,
    label: `${scheme.code} (${scheme.validFromYear}–${scheme.validToYear ?? 'nay'})`,
    fits: year >= scheme.validFromYear && (scheme.validToYear === null || year <= scheme.validToYear),
  }));

  return (
    <Modal
      open={open}
      title={round ? `Sửa đợt đăng ký năm ${round.year}` : 'Mở đợt đăng ký làm theo'}
      okText={round ? 'Lưu thay đổi' : 'Mở đợt đăng ký'}
      cancelText="Hủy"
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={saving.isPending}
      width={640}
      destroyOnHidden
      afterClose={() => {
        create.reset();
        update.reset();
      }}
    >
      {saving.isError ? <FormError error={saving.error} conflictHint={CONFLICT_HINT} /> : null}
      <Form<Values> form={form} layout="vertical" name="commitment-round" initialValues={valuesOf(round, defaultYear)} disabled={saving.isPending} onFinish={submit}>
        <Form.Item label="Năm" name="year" rules={[{ required: true, message: 'Nhập năm của đợt đăng ký.' }]}>
          <InputNumber
            min={1945}
            max={2100}
            precision={0}
            disabled={round !== null}
            style={{ width: 160 }}
            inputMode="numeric"
            onChange={(value) => {
              // A new round's default dates follow the year typed.
              if (!round && typeof value === 'number' && value >= 1945 && value <= 2100) {
                const moved = (date: Dayjs | null | undefined) => (date ? date.year(value) : date);
                form.setFieldsValue({
                  leaderDeadline: moved(form.getFieldValue('leaderDeadline') as Dayjs | null),
                  memberDeadline: moved(form.getFieldValue('memberDeadline') as Dayjs | null),
                  reviewOpensOn: moved(form.getFieldValue('reviewOpensOn') as Dayjs | null),
                  studyTopicId: null,
                });
              }
            }}
          />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item label="Hạn lãnh đạo chủ chốt, người đứng đầu" name="leaderDeadline" rules={[{ required: true, message: 'Chọn hạn đăng ký của lãnh đạo.' }]}>
              <DatePicker format={DATE_INPUT_FORMATS} placeholder="dd/mm/yyyy" style={{ width: '100%' }} popupAlign={PHONE_SAFE_ALIGN} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              label="Hạn tất cả đảng viên"
              name="memberDeadline"
              dependencies={['leaderDeadline']}
              rules={[
                { required: true, message: 'Chọn hạn đăng ký của đảng viên.' },
                ({ getFieldValue }) => ({
                  validator: async (_rule, value: Dayjs | null) => {
                    const leaders = getFieldValue('leaderDeadline') as Dayjs | null;
                    if (value && leaders && value.isBefore(leaders, 'day')) throw new Error('Hạn của đảng viên không được trước hạn của lãnh đạo.');
                  },
                }),
              ]}
            >
              <DatePicker format={DATE_INPUT_FORMATS} placeholder="dd/mm/yyyy" style={{ width: '100%' }} popupAlign={PHONE_SAFE_ALIGN} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item label="Mở kiểm điểm cuối năm từ" name="reviewOpensOn">
              <DatePicker format={DATE_INPUT_FORMATS} placeholder="dd/mm/yyyy" style={{ width: '100%' }} popupAlign={PHONE_SAFE_ALIGN} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item label="Hướng dẫn đánh giá, xếp loại" name="schemeId" extra={round ? undefined : 'Để trống: hướng dẫn có hiệu lực trong năm.'}>
              <Select
                allowClear
                placeholder="Theo năm"
                loading={schemes.isPending}
                options={schemeOptions.map((option) => ({ value: option.value, label: option.fits ? option.label : `${option.label} — không áp dụng cho năm ${year}` }))}
                optionRender={(option) => <span className={styles.wrapOption}>{option.label}</span>}
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label={`Chuyên đề năm ${year}`} name="studyTopicId">
          <Select
            allowClear
            placeholder={topics.data && topics.data.items.length === 0 ? `Chưa có chuyên đề năm ${year}` : 'Chọn chuyên đề'}
            loading={topics.isPending}
            options={(topics.data?.items ?? []).map((topic) => ({ value: topic.id, label: topic.title }))}
            optionRender={(option) => <span className={styles.wrapOption}>{option.label}</span>}
          />
        </Form.Item>
        <Form.Item label="Chuẩn mực viện dẫn, ghi chú" name="standardsNote" rules={[{ max: 2000, message: 'Ghi chú dài quá 2000 ký tự.' }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} placeholder="Các chuẩn mực đạo đức mà bản đăng ký có thể viện dẫn" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
