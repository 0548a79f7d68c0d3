import { CheckOutlined, FileDoneOutlined, RollbackOutlined, SendOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Form, Input, Modal, Popconfirm } from 'antd';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../api/client';
import type { StandardVersion } from '../../api/standards';
import { DATE_INPUT_FORMATS, toIsoDate } from '../../components/dates';
import { FormError } from '../../components/FormError';
import { applyServerErrors } from '../../components/serverErrors';
import { useStandardStep } from './useStandardMutations';
import styles from './Standards.module.css';

const CONFLICT_HINT = 'Bản chuẩn mực đã được tải lại. Hãy đóng hộp thoại và thử lại.';

/** Submit / approve / return / issue, as the server's `can` flags allow. */
export function StandardActions({ version }: { version: StandardVersion }) {
  const step = useStandardStep(version);
  const { message } = App.useApp();
  const [returning, setReturning] = useState(false);
  const [issuing, setIssuing] = useState(false);
  const { can } = version;
  if (!can.submit && !can.approve && !can.return && !can.issue) return null;
  const run = (action: 'submit' | 'approve', done: string) =>
    step.mutate(
      { action },
      {
        onSuccess: () => void message.success(done),
        onError: (error) => void message.error(errorMessage(error)),
      },
    );
  return (
    <div className={styles.actions}>
      {can.submit ? (
        <Popconfirm
          title="Trình bản chuẩn mực lên cấp ủy cấp trên?"
          description="Sau khi trình, dự thảo không sửa được cho đến khi cấp trên trả lại."
          okText="Trình"
          cancelText="Không"
          onConfirm={() => run('submit', 'Đã trình cấp trên.')}
        >
          <Button type="primary" icon={<SendOutlined />} loading={step.isPending}>
            Trình cấp trên
          </Button>
        </Popconfirm>
      ) : null}
      {can.approve ? (
        <Button type="primary" icon={<CheckOutlined />} loading={step.isPending} onClick={() => run('approve', 'Đã duyệt bản chuẩn mực.')}>
          Duyệt
        </Button>
      ) : null}
      {can.return ? (
        <Button icon={<RollbackOutlined />} disabled={step.isPending} onClick={() => setReturning(true)}>
          Trả lại
        </Button>
      ) : null}
      {can.issue ? (
        <Button type="primary" icon={<FileDoneOutlined />} disabled={step.isPending} onClick={() => setIssuing(true)}>
          Ban hành
        </Button>
      ) : null}
      {can.return ? <ReturnModal open={returning} version={version} onClose={() => setReturning(false)} /> : null}
      {can.issue ? <IssueModal open={issuing} version={version} onClose={() => setIssuing(false)} /> : null}
    </div>
  );
}

function ReturnModal({ open, version, onClose }: { open: boolean; version: StandardVersion; onClose: () => void }) {
  const [form] = Form.useForm<{ comment: string }>();
  const step = useStandardStep(version);
  const { message } = App.useApp();
  useEffect(() => {
    if (open) form.setFieldsValue({ comment: '' });
  }, [open, form]);
  return (
    <Modal
      open={open}
      title={`Trả lại dự thảo: ${version.unit.name}`}
      okText="Trả lại"
      cancelText="Hủy"
      okButtonProps={{ htmlType: 'submit', form: `standard-return-${version.id}` }}
      confirmLoading={step.isPending}
      onCancel={onClose}
      forceRender
      afterClose={() => step.reset()}
    >
      {step.isError ? <FormError error={step.error} conflictHint={CONFLICT_HINT} /> : null}
      <Form
        form={form}
        name={`standard-return-${version.id}`}
        layout="vertical"
        disabled={step.isPending}
        onFinish={(values) =>
          step.mutate(
            { action: 'return', comment: values.comment.trim() },
            {
              onSuccess: () => {
                void message.success('Đã trả lại dự thảo để đơn vị sửa.');
                onClose();
              },
              onError: (error) => applyServerErrors(form, error, { 'body.comment': 'comment' }),
            },
          )
        }
      >
        <Form.Item
          label="Ý kiến trả lại"
          name="comment"
          rules={[
            { required: true, whitespace: true, message: 'Vui lòng ghi ý kiến để đơn vị sửa.' },
            { min: 3, message: 'Ý kiến quá ngắn.' },
            { max: 2000, message: 'Ý kiến dài quá 2000 ký tự.' },
          ]}
        >
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} placeholder="Ví dụ: tiêu chí 3 còn dài, nên tách thành hai ý" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface IssueValues {
  documentSymbol: string;
  issuedOn?: Dayjs;
}

function IssueModal({ open, version, onClose }: { open: boolean; version: StandardVersion; onClose: () => void }) {
  const [form] = Form.useForm<IssueValues>();
  const step = useStandardStep(version);
  const { message } = App.useApp();
  useEffect(() => {
    if (open) form.setFieldsValue({ documentSymbol: '', issuedOn: dayjs() });
  }, [open, form]);
  return (
    <Modal
      open={open}
      title={`Ban hành: ${version.title}`}
      okText="Ban hành"
      cancelText="Hủy"
      okButtonProps={{ htmlType: 'submit', form: `standard-issue-${version.id}` }}
      confirmLoading={step.isPending}
      onCancel={onClose}
      forceRender
      afterClose={() => step.reset()}
    >
      {step.isError ? <FormError error={step.error} conflictHint={CONFLICT_HINT} /> : null}
      <Form<IssueValues>
        form={form}
        name={`standard-issue-${version.id}`}
        layout="vertical"
        disabled={step.isPending}
        onFinish={(values) => {
          if (!values.issuedOn) return;
          step.mutate(
            { action: 'issue', documentSymbol: values.documentSymbol.trim(), issuedOn: toIsoDate(values.issuedOn) },
            {
              onSuccess: () => {
                void message.success('Đã ban hành chuẩn mực.');
                onClose();
              },
              onError: (error) => applyServerErrors(form, error, { 'body.documentSymbol': 'documentSymbol', 'body.issuedOn': 'issuedOn' }),
            },
          );
        }}
      >
        <Form.Item
          label="Số, ký hiệu văn bản ban hành"
          name="documentSymbol"
          extra="Ví dụ: 05-QĐ/ĐU"
          rules={[
            { required: true, whitespace: true, message: 'Vui lòng nhập số, ký hiệu văn bản.' },
            { min: 3, message: 'Số, ký hiệu quá ngắn.' },
            { max: 60, message: 'Số, ký hiệu dài quá 60 ký tự.' },
          ]}
        >
          <Input autoComplete="off" placeholder="05-QĐ/ĐU" />
        </Form.Item>
        <Form.Item label="Ngày ban hành" name="issuedOn" rules={[{ required: true, message: 'Vui lòng chọn ngày ban hành.' }]}>
          <DatePicker format={DATE_INPUT_FORMATS} placeholder="dd/mm/yyyy" style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
