import { useQuery } from '@tanstack/react-query';
import { App, Button, DatePicker, Drawer, Flex, Form, Input } from 'antd';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { DEFAULT_TOPIC_RULE, meetingItemsProblem, planDeadline } from '../../../shared/domain/meetings';
import { formatDate } from '../../../shared/domain/text';
import { meetingQueries } from '../../api/meetings';
import type { CellYear, MeetingDetail } from '../../api/meetings';
import { DATE_INPUT_FORMATS, toIsoDate } from '../../components/dates';
import { FormError } from '../../components/FormError';
import { applyServerErrors } from '../../components/serverErrors';
import { ErrorState, LoadingBlock } from '../../components/states';
import { ItemsField, useDrawerSize } from './MeetingFields';
import { itemRange, monthBounds, monthTitle } from './meetingFormat';
import { usePlanMeeting } from './useMeetingMutations';

interface Values {
  plannedOn?: Dayjs | null;
  itemIds?: number[];
  note?: string;
}

const FORM_NAME = 'plan-meeting';
const FIELD_MAP: Record<string, string> = { 'body.plannedOn': 'plannedOn', 'body.itemIds': 'itemIds', 'body.note': 'note' };

export interface MonthRef {
  month: number;
  meetingId: number | null;
}

/** "Lập kế hoạch": date, the topic items chosen and material to read, for one month of a cell. */
export function PlanMeetingDrawer({ cellYear, target, onClose }: { cellYear: CellYear; target: MonthRef | null; onClose: () => void }) {
  const plan = usePlanMeeting();
  const size = useDrawerSize();
  return (
    <Drawer
      open={target !== null}
      size={size}
      title={target ? `Kế hoạch sinh hoạt ${monthTitle(target.month, cellYear.year).toLowerCase()}` : ''}
      onClose={onClose}
      destroyOnHidden
      afterOpenChange={(visible) => {
        if (!visible) plan.reset();
      }}
      footer={
        <Flex gap={8} justify="flex-end">
          <Button size="large" onClick={onClose}>
            Hủy
          </Button>
          <Button size="large" type="primary" htmlType="submit" form={FORM_NAME} loading={plan.isPending}>
            Lưu kế hoạch
          </Button>
        </Flex>
      }
    >
      {plan.isError ? <FormError error={plan.error} /> : null}
      {target ? <PlanLoader cellYear={cellYear} target={target} plan={plan} onDone={onClose} /> : null}
    </Drawer>
  );
}

function PlanLoader({ cellYear, target, plan, onDone }: { cellYear: CellYear; target: MonthRef; plan: ReturnType<typeof usePlanMeeting>; onDone: () => void }) {
  const detail = useQuery({ ...meetingQueries.detail(target.meetingId ?? 0), enabled: target.meetingId !== null });
  if (target.meetingId !== null) {
    if (detail.isPending) return <LoadingBlock rows={6} />;
    if (detail.isError) return <ErrorState error={detail.error} onRetry={() => void detail.refetch()} />;
  }
  return <PlanForm cellYear={cellYear} month={target.month} meeting={detail.data ?? null} plan={plan} onDone={onDone} />;
}

function PlanForm({
  cellYear,
  month,
  meeting,
  plan,
  onDone,
}: {
  cellYear: CellYear;
  month: number;
  meeting: MeetingDetail | null;
  plan: ReturnType<typeof usePlanMeeting>;
  onDone: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const [refusals, setRefusals] = useState(0);
  const rule = cellYear.topic?.rule ?? DEFAULT_TOPIC_RULE;
  const items = cellYear.topic?.items ?? [];
  const chosen = (Form.useWatch('itemIds', form) as number[] | undefined) ?? meeting?.plannedItems.map((item) => item.id) ?? [];
  // A plan may leave the items for later; only too many is a problem here.
  const problem = chosen.length > rule.maxItems ? meetingItemsProblem(chosen.length, rule, month) : null;
  const { first, last } = monthBounds(cellYear.year, month);
  const deadline = planDeadline(cellYear.year, month, rule);

  const initialValues: Values = {
    plannedOn: meeting?.plannedOn ? dayjs(meeting.plannedOn) : null,
    itemIds: meeting?.plannedItems.map((item) => item.id) ?? [],
    note: meeting?.planNote ?? '',
  };

  return (
    <Form<Values>
      form={form}
      name={FORM_NAME}
      layout="vertical"
      size="large"
      initialValues={initialValues}
      disabled={plan.isPending}
      scrollToFirstError={{ block: 'center' }}
      onFinish={(values) => {
        const itemIds = values.itemIds ?? [];
        if (problem) {
          setRefusals((count) => count + 1);
          return;
        }
        plan.mutate(
          {
            unitId: cellYear.cell.id,
            // Re-planning sends the version read, so a plan changed meanwhile is never overwritten.
            ...(meeting ? { version: meeting.version } : {}),
            year: cellYear.year,
            month,
            plannedOn: values.plannedOn ? toIsoDate(values.plannedOn) : null,
            itemIds,
            note: values.note?.trim() ? values.note.trim() : null,
          },
          {
            onSuccess: (saved) => {
              if (saved.planLate) void message.warning(`Đã lưu kế hoạch (lập sau hạn ngày ${formatDate(deadline)}).`);
              else void message.success(`Đã lưu kế hoạch sinh hoạt ${monthTitle(month, cellYear.year).toLowerCase()}.`);
              onDone();
            },
            onError: (error) => applyServerErrors(form, error, FIELD_MAP),
          },
        );
      }}
    >
      <Form.Item label="Ngày sinh hoạt dự kiến" name="plannedOn" extra={`Nên lập kế hoạch trước ngày ${formatDate(deadline)}.`}>
        <DatePicker
          format={DATE_INPUT_FORMATS}
          placeholder="dd/mm/yyyy"
          style={{ width: '100%' }}
          defaultPickerValue={dayjs(first)}
          disabledDate={(date) => date.isBefore(dayjs(first), 'day') || date.isAfter(dayjs(last), 'day')}
        />
      </Form.Item>
      <Form.Item label={`Nội dung chuyên đề sẽ học (${itemRange(rule)} nội dung)`} name="itemIds">
        <ItemsField items={items} problem={problem} refusals={refusals} />
      </Form.Item>
      <Form.Item label="Tài liệu cần đọc, ghi chú" name="note" rules={[{ max: 4000, message: 'Ghi chú dài quá 4000 ký tự.' }]}>
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} placeholder="Ví dụ: đọc trước bài 2 trong tài liệu chuyên đề" />
      </Form.Item>
    </Form>
  );
}
