import { CheckOutlined, CloseOutlined, PaperClipOutlined, RedoOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Flex, Form, Input, Modal } from 'antd';
import type { FormInstance } from 'antd';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { doneOnProblem } from '../../../shared/domain/oversight';
import { formatDate } from '../../../shared/domain/text';
import { TIMELINESS_LABELS } from '../../../shared/domain/timeliness';
import { evidenceFileUrl } from '../../api/oversight';
import type { FollowUp, StoredFile } from '../../api/oversight';
import { DATE_INPUT_FORMATS, toIsoDate } from '../../components/dates';
import { FormError } from '../../components/FormError';
import { applyServerErrors } from '../../components/serverErrors';
import { TimelinessTag } from '../cascade/TimelinessTag';
import { FilesField } from './FilesField';
import { FollowUpStateTag } from './oversightFormat';
import { ReasonModal } from './ReasonModal';
import { useCancelFollowUp, useCompleteFollowUp, useReopenFollowUp } from './useOversightMutations';
import styles from './Oversight.module.css';

const CONFLICT_HINT = 'Việc khắc phục mới nhất đã được tải lại. Hãy đóng hộp thoại, kiểm tra rồi báo lại nếu vẫn cần.';

interface CompleteValues {
  doneOn: Dayjs | null;
  result: string;
  evidence: StoredFile[];
}

const COMPLETE_FIELDS = { 'body.doneOn': 'doneOn', 'body.result': 'result', 'body.evidenceFileId': 'evidence' };

function CompleteForm({ followUp, heldOn, pending, onSubmit }: { followUp: FollowUp; heldOn: string | null; pending: boolean; onSubmit: (values: CompleteValues, form: FormInstance<CompleteValues>) => void }) {
  const [form] = Form.useForm<CompleteValues>();
  const today = dayjs();
  return (
    <Form<CompleteValues> form={form} name="complete-follow-up" layout="vertical" disabled={pending} initialValues={{ doneOn: today, result: '', evidence: [] }} onFinish={(values) => onSubmit(values, form)}>
      <Form.Item
        label="Ngày hoàn thành"
        name="doneOn"
        rules={[
          { required: true, message: 'Vui lòng chọn ngày hoàn thành.' },
          {
            validator: async (_rule, value: Dayjs | null | undefined) => {
              const problem = value ? doneOnProblem(toIsoDate(value), heldOn ?? toIsoDate(value), toIsoDate(today)) : null;
              if (problem) throw new Error(problem);
            },
          },
        ]}
        extra={`Hạn hoàn thành: ${formatDate(followUp.dueOn)}.`}
      >
        <DatePicker format={DATE_INPUT_FORMATS} placeholder="dd/mm/yyyy" style={{ width: '100%' }} disabledDate={(date) => date.isAfter(today, 'day')} />
      </Form.Item>
      <Form.Item
        label="Kết quả, minh chứng"
        name="result"
        rules={[
          { required: true, whitespace: true, message: 'Vui lòng nêu kết quả thực hiện.' },
          { min: 3, message: 'Quá ngắn.' },
          { max: 4000, message: 'Dài quá 4000 ký tự.' },
        ]}
      >
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} placeholder="Đã làm gì, khi nào, văn bản hoặc biên bản nào chứng minh…" />
      </Form.Item>
      <Form.Item label="Tệp minh chứng (không bắt buộc)" name="evidence">
        <FilesField unitId={followUp.owner.id} max={1} buttonText="Chọn tệp minh chứng" disabled={pending} />
      </Form.Item>
    </Form>
  );
}

/** "Báo cáo hoàn thành": the day, what was done and an optional evidence file uploaded for the owner unit. */
export function CompleteFollowUpModal({ open, followUp, heldOn, onClose }: { open: boolean; followUp: FollowUp; heldOn: string | null; onClose: () => void }) {
  const complete = useCompleteFollowUp(followUp);
  const { message } = App.useApp();
  return (
    <Modal
      open={open}
      title="Báo cáo hoàn thành việc khắc phục"
      okText="Báo cáo hoàn thành"
      okButtonProps={{ htmlType: 'submit', form: 'complete-follow-up' }}
      cancelText="Đóng"
      onCancel={onClose}
      confirmLoading={complete.isPending}
      destroyOnHidden
      afterClose={() => complete.reset()}
    >
      {complete.isError ? <FormError error={complete.error} conflictHint={CONFLICT_HINT} /> : null}
      <p className={styles.quote}>{followUp.task}</p>
      <CompleteForm
        key={followUp.version}
        followUp={followUp}
        heldOn={heldOn}
        pending={complete.isPending}
        onSubmit={(values, form) => {
          if (!values.doneOn) return;
          complete.mutate(
            { doneOn: toIsoDate(values.doneOn), result: values.result.trim(), evidenceFileId: values.evidence[0]?.id ?? null },
            {
              onSuccess: (done) => {
                void message.success(done.timeliness ? `Đã báo cáo hoàn thành: ${TIMELINESS_LABELS[done.timeliness].toLowerCase()}.` : 'Đã báo cáo hoàn thành.');
                onClose();
              },
              onError: (error) => applyServerErrors(form, error, COMPLETE_FIELDS),
            },
          );
        }}
      />
    </Modal>
  );
}

type Dialog = 'complete' | 'reopen' | 'cancel' | null;

/** The buttons a follow-up offers the caller (the server's `can` flags), with their dialogs. */
export function FollowUpActions({ followUp, heldOn, size = 'small' }: { followUp: FollowUp; heldOn: string | null; size?: 'small' | 'middle' }) {
  const [dialog, setDialog] = useState<Dialog>(null);
  const reopen = useReopenFollowUp(followUp);
  const cancel = useCancelFollowUp(followUp);
  const close = () => setDialog(null);
  const { can } = followUp;
  if (!can.complete && !can.reopen && !can.cancel) return null;
  return (
    <>
      <Flex wrap gap={6}>
        {can.complete ? (
          <Button size={size} type="primary" icon={<CheckOutlined />} onClick={() => setDialog('complete')}>
            Báo cáo hoàn thành
          </Button>
        ) : null}
        {can.reopen ? (
          <Button size={size} icon={<RedoOutlined />} onClick={() => setDialog('reopen')}>
            Mở lại
          </Button>
        ) : null}
        {can.cancel ? (
          <Button size={size} danger icon={<CloseOutlined />} onClick={() => setDialog('cancel')}>
            Hủy việc
          </Button>
        ) : null}
      </Flex>
      {can.complete ? <CompleteFollowUpModal open={dialog === 'complete'} followUp={followUp} heldOn={heldOn} onClose={close} /> : null}
      {can.reopen ? (
        <ReasonModal
          open={dialog === 'reopen'}
          formId="reopen-follow-up"
          title="Mở lại việc khắc phục"
          label="Lý do mở lại"
          okText="Mở lại"
          placeholder="Kết quả chưa đạt yêu cầu vì…"
          intro={<p className={styles.quote}>{followUp.task}</p>}
          success="Đã mở lại việc khắc phục."
          mutation={reopen}
          onClose={close}
        />
      ) : null}
      {can.cancel ? (
        <ReasonModal
          open={dialog === 'cancel'}
          formId="cancel-follow-up"
          title="Hủy việc khắc phục"
          label="Lý do hủy"
          okText="Hủy việc khắc phục"
          danger
          intro={<p className={styles.quote}>{followUp.task}</p>}
          success="Đã hủy việc khắc phục."
          mutation={cancel}
          onClose={close}
        />
      ) : null}
    </>
  );
}

/** A follow-up as a block: task, owner, due date, state and timeliness, result and evidence, comments. */
export function FollowUpBlock({ followUp, heldOn, showOwner = true }: { followUp: FollowUp; heldOn: string | null; showOwner?: boolean }) {
  return (
    <div className={styles.followUp} data-testid="follow-up">
      <div className={styles.followUpHead}>
        <span className={styles.followUpLabel}>Việc khắc phục</span>
        <FollowUpStateTag state={followUp.state} />
        {followUp.timeliness ? <TimelinessTag state={followUp.timeliness} /> : null}
      </div>
      <p className={styles.paragraph}>{followUp.task}</p>
      <div className={styles.meta}>
        {showOwner ? (
          <>
            Đơn vị thực hiện: <strong>{followUp.owner.name}</strong> ·{' '}
          </>
        ) : null}
        Hạn: <strong>{formatDate(followUp.dueOn)}</strong>
        {followUp.doneOn ? (
          <>
            {' '}
            · Hoàn thành ngày <strong>{formatDate(followUp.doneOn)}</strong>
            {followUp.closedBy ? ` (${followUp.closedBy} báo cáo)` : ''}
          </>
        ) : null}
      </div>
      {followUp.result ? (
        <p className={styles.paragraph}>
          <span className={styles.metaLabel}>Kết quả: </span>
          {followUp.result}
        </p>
      ) : null}
      {followUp.evidenceFile ? (
        <div>
          <a href={evidenceFileUrl(followUp.id)} download={followUp.evidenceFile.name}>
            <PaperClipOutlined aria-hidden /> {followUp.evidenceFile.name}
          </a>
        </div>
      ) : null}
      {followUp.reopenComment && followUp.state === 'open' ? (
        <p className={styles.paragraph}>
          <span className={styles.metaLabel}>Mở lại vì: </span>
          {followUp.reopenComment}
        </p>
      ) : null}
      {followUp.cancelReason ? (
        <p className={styles.paragraph}>
          <span className={styles.metaLabel}>Lý do hủy: </span>
          {followUp.cancelReason}
        </p>
      ) : null}
      <FollowUpActions followUp={followUp} heldOn={heldOn} />
    </div>
  );
}
