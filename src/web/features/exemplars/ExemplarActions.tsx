import { CheckOutlined, CloseCircleOutlined, EditOutlined, EyeInvisibleOutlined, GlobalOutlined, RollbackOutlined, SendOutlined, TrophyOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { App, Button, DatePicker, Form, Input, Modal, Popconfirm, Select } from 'antd';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { issuerCodeForUnit } from '../../../shared/domain/documents';
import { COMMENDATION_FORMS, COMMENDATION_FORM_LABELS } from '../../../shared/domain/exemplars';
import type { CommendationForm } from '../../../shared/domain/exemplars';
import { formatDate } from '../../../shared/domain/text';
import type { UnitKind } from '../../../shared/domain/units';
import { errorMessage } from '../../api/client';
import { documentQueries } from '../../api/documents';
import type { ExemplarDetail, ExemplarStepAction } from '../../api/exemplars';
import { DATE_INPUT_FORMATS, toIsoDate } from '../../components/dates';
import { FormError } from '../../components/FormError';
import { applyServerErrors } from '../../components/serverErrors';
import { useDebounced } from '../../components/useDebounced';
import { useCommendExemplar, useExemplarStep, useSetPublic } from './useExemplarMutations';
import styles from './Exemplars.module.css';

const CONFLICT_HINT = 'Đề nghị đã được tải lại. Hãy đóng hộp thoại, xem lại rồi thử lại.';

type CommentAction = Exclude<ExemplarStepAction, 'submit'>;

const COMMENT_DIALOGS: Record<CommentAction, { title: string; ok: string; label: string; required: boolean; done: string; placeholder: string }> = {
  verify: {
    title: 'Xác minh đề nghị',
    ok: 'Xác minh',
    label: 'Ý kiến (không bắt buộc)',
    required: false,
    done: 'Đã xác minh đề nghị.',
    placeholder: 'Ví dụ: Đã kiểm tra thực tế tại khu phố, thành tích đúng như báo cáo',
  },
  return: {
    title: 'Trả lại đề nghị',
    ok: 'Trả lại',
    label: 'Ý kiến trả lại',
    required: true,
    done: 'Đã trả lại đề nghị để đơn vị bổ sung.',
    placeholder: 'Ví dụ: Bổ sung minh chứng về kết quả vận động nhân dân hiến đất',
  },
  reject: {
    title: 'Không công nhận đề nghị',
    ok: 'Không công nhận',
    label: 'Lý do không công nhận',
    required: true,
    done: 'Đã ghi không công nhận.',
    placeholder: 'Ví dụ: Thành tích chưa tiêu biểu so với các đề nghị khác trong năm',
  },
};

/** The buttons the server's `can` flags allow, with their dialogs. */
export function ExemplarActions({ exemplar }: { exemplar: ExemplarDetail }) {
  const navigate = useNavigate();
  const { message } = App.useApp();
  const step = useExemplarStep(exemplar);
  const publication = useSetPublic(exemplar);
  // The dialog keeps its action while it closes (the title must not change during the animation).
  const [dialog, setDialog] = useState<{ action: CommentAction; open: boolean }>({ action: 'verify', open: false });
  const openDialog = (action: CommentAction) => setDialog({ action, open: true });
  const [commending, setCommending] = useState(false);
  const { can } = exemplar;
  const busy = step.isPending || publication.isPending;

  const buttons = [];
  if (can.edit) {
    buttons.push(
      <Button key="edit" icon={<EditOutlined />} onClick={() => void navigate(`/dien-hinh/${exemplar.id}/sua`)}>
        Sửa đề nghị
      </Button>,
    );
  }
  if (can.submit) {
    buttons.push(
      <Popconfirm
        key="submit"
        title="Gửi đề cử lên cấp trên xác minh?"
        description="Sau khi gửi, đề nghị không sửa được cho đến khi cấp trên trả lại."
        okText="Gửi"
        cancelText="Không"
        onConfirm={() =>
          step.mutate(
            { action: 'submit', comment: null },
            { onSuccess: () => void message.success('Đã gửi đề cử.'), onError: (error) => void message.error(errorMessage(error)) },
          )
        }
      >
        <Button type="primary" icon={<SendOutlined />} loading={step.isPending}>
          Gửi đề cử
        </Button>
      </Popconfirm>,
    );
  }
  if (can.verify) {
    buttons.push(
      <Button key="verify" type="primary" icon={<CheckOutlined />} disabled={busy} onClick={() => openDialog('verify')}>
        Xác minh
      </Button>,
    );
  }
  if (can.return) {
    buttons.push(
      <Button key="return" icon={<RollbackOutlined />} disabled={busy} onClick={() => openDialog('return')}>
        Trả lại
      </Button>,
    );
  }
  if (can.reject) {
    buttons.push(
      <Button key="reject" danger icon={<CloseCircleOutlined />} disabled={busy} onClick={() => openDialog('reject')}>
        Không công nhận
      </Button>,
    );
  }
  if (can.commend) {
    buttons.push(
      <Button key="commend" type="primary" icon={<TrophyOutlined />} disabled={busy} onClick={() => setCommending(true)}>
        Khen thưởng
      </Button>,
    );
  }
  if (can.publish) {
    const makePublic = !exemplar.isPublic;
    buttons.push(
      <Popconfirm
        key="publish"
        title={makePublic ? 'Công khai câu chuyện trên trang công khai?' : 'Thôi công khai câu chuyện?'}
        description={
          makePublic
            ? 'Mọi người xem được tiêu đề, tóm tắt, câu chuyện và ảnh, không cần đăng nhập. Không hiện số điện thoại, số CCCD.'
            : 'Câu chuyện sẽ không còn trên trang công khai.'
        }
        okText={makePublic ? 'Công khai' : 'Thôi công khai'}
        cancelText="Không"
        onConfirm={() =>
          publication.mutate(makePublic, {
            onSuccess: () => void message.success(makePublic ? 'Đã công khai trên trang công khai.' : 'Đã thôi công khai.'),
            onError: (error) => void message.error(errorMessage(error)),
          })
        }
      >
        <Button icon={makePublic ? <GlobalOutlined /> : <EyeInvisibleOutlined />} loading={publication.isPending}>
          {makePublic ? 'Công khai trên trang công khai' : 'Thôi công khai'}
        </Button>
      </Popconfirm>,
    );
  }
  if (buttons.length === 0) return null;
  return (
    <>
      <div className={styles.actions} role="group" aria-label="Thao tác">
        {buttons}
      </div>
      <CommentModal action={dialog.action} open={dialog.open} exemplar={exemplar} onClose={() => setDialog((current) => ({ ...current, open: false }))} />
      {can.commend ? <CommendModal open={commending} exemplar={exemplar} onClose={() => setCommending(false)} /> : null}
    </>
  );
}

function CommentModal({ action, open, exemplar, onClose }: { action: CommentAction; open: boolean; exemplar: ExemplarDetail; onClose: () => void }) {
  const [form] = Form.useForm<{ comment: string }>();
  const step = useExemplarStep(exemplar);
  const { message } = App.useApp();
  useEffect(() => {
    if (open) {
      form.resetFields();
      form.setFieldsValue({ comment: '' });
    }
  }, [open, action, form]);
  const look = COMMENT_DIALOGS[action];
  return (
    <Modal
      open={open}
      title={`${look.title}: ${exemplar.subject.displayName}`}
      okText={look.ok}
      cancelText="Hủy"
      okButtonProps={{ htmlType: 'submit', form: `exemplar-${look.ok}`, danger: action === 'reject' }}
      confirmLoading={step.isPending}
      onCancel={onClose}
      forceRender
      afterClose={() => step.reset()}
    >
      {step.isError ? <FormError error={step.error} conflictHint={CONFLICT_HINT} /> : null}
      {exemplar.pendingUnit ? <p className={styles.small}>Thay mặt: {exemplar.pendingUnit.name}</p> : null}
      <Form
        form={form}
        name={`exemplar-${look.ok}`}
        layout="vertical"
        disabled={step.isPending}
        onFinish={(values) => {
          const comment = values.comment.trim();
          step.mutate(
            { action, comment: comment === '' ? null : comment },
            {
              onSuccess: () => {
                void message.success(look.done);
                onClose();
              },
              onError: (error) => applyServerErrors(form, error, { 'body.comment': 'comment' }),
            },
          );
        }}
      >
        <Form.Item
          label={look.label}
          name="comment"
          rules={[
            ...(look.required ? [{ required: true, whitespace: true, message: 'Vui lòng ghi ý kiến.' }, { min: 3, message: 'Ý kiến quá ngắn.' }] : []),
            { max: 2000, message: 'Ý kiến dài quá 2000 ký tự.' },
          ]}
        >
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} placeholder={look.placeholder} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** "Ban Thường vụ Tỉnh ủy" for a committee unit (the body that signs commendations). */
function standingCommittee(unit: { kind: UnitKind; name: string }): string {
  switch (unit.kind) {
    case 'province_committee':
      return 'Ban Thường vụ Tỉnh ủy';
    case 'district_committee':
      if (/thị xã/iu.test(unit.name)) return 'Ban Thường vụ Thị ủy';
      if (/thành phố/iu.test(unit.name)) return 'Ban Thường vụ Thành ủy';
      return 'Ban Thường vụ Huyện ủy';
    default:
      return 'Đảng ủy';
  }
}

interface CommendValues {
  form: CommendationForm;
  commendationTitle: string;
  decisionSymbol: string;
  decisionDate?: Dayjs;
  decisionDocumentId?: number | null;
}

const COMMEND_FIELDS: Record<string, string> = {
  'body.form': 'form',
  'body.commendationTitle': 'commendationTitle',
  'body.decisionSymbol': 'decisionSymbol',
  'body.decisionDate': 'decisionDate',
  'body.decisionDocumentId': 'decisionDocumentId',
  decisionSymbol: 'decisionSymbol',
  decisionDate: 'decisionDate',
  decisionDocumentId: 'decisionDocumentId',
};

function CommendModal({ open, exemplar, onClose }: { open: boolean; exemplar: ExemplarDetail; onClose: () => void }) {
  const [form] = Form.useForm<CommendValues>();
  const commend = useCommendExemplar(exemplar);
  const { message } = App.useApp();
  const deciding = exemplar.decidingUnit;
  const body = standingCommittee(deciding);
  const issuer = issuerCodeForUnit(deciding);
  const chosenForm = Form.useWatch('form', form);
  const [docText, setDocText] = useState('');
  const q = useDebounced(docText.trim(), 300);
  const documents = useQuery({ ...documentQueries.list({ unitId: deciding.id, includeAbove: false, docType: 'decision', q: q || undefined, pageSize: 20 }), enabled: open });
  const docOptions = (documents.data?.items ?? [])
    .filter((doc) => doc.issuer.unitId === deciding.id)
    .map((doc) => ({ value: doc.id, label: `${doc.symbol} ngày ${formatDate(doc.issuedOn)} — ${doc.title}`, doc }));

  useEffect(() => {
    if (!open) return;
    const initial: CommendationForm = deciding.kind === 'province_committee' ? 'bang_khen' : 'giay_khen';
    form.resetFields();
    form.setFieldsValue({ form: initial, commendationTitle: `${COMMENDATION_FORM_LABELS[initial]} của ${body}`, decisionSymbol: '', decisionDate: dayjs(), decisionDocumentId: null });
  }, [open, form, deciding.kind, body]);

  return (
    <Modal
      open={open}
      title={`Khen thưởng: ${exemplar.subject.displayName}`}
      okText="Ghi khen thưởng"
      cancelText="Hủy"
      okButtonProps={{ htmlType: 'submit', form: `exemplar-commend-${exemplar.id}` }}
      confirmLoading={commend.isPending}
      onCancel={onClose}
      forceRender
      afterClose={() => commend.reset()}
    >
      {commend.isError ? <FormError error={commend.error} conflictHint={CONFLICT_HINT} /> : null}
      <Form<CommendValues>
        form={form}
        name={`exemplar-commend-${exemplar.id}`}
        layout="vertical"
        disabled={commend.isPending}
        onValuesChange={(changed: Partial<CommendValues>) => {
          // The suggested title follows the form until the officer writes their own.
          if (changed.form) {
            const title = form.getFieldValue('commendationTitle') as string;
            const suggested = COMMENDATION_FORMS.map((value) => `${COMMENDATION_FORM_LABELS[value]} của ${body}`);
            if (!title || suggested.includes(title)) form.setFieldValue('commendationTitle', changed.form === 'other' ? '' : `${COMMENDATION_FORM_LABELS[changed.form]} của ${body}`);
          }
        }}
        onFinish={(values) => {
          if (!values.decisionDate) return;
          commend.mutate(
            {
              form: values.form,
              commendationTitle: values.commendationTitle.trim(),
              decisionSymbol: values.decisionSymbol.trim(),
              decisionDate: toIsoDate(values.decisionDate),
              decisionDocumentId: values.decisionDocumentId ?? null,
            },
            {
              onSuccess: () => {
                void message.success('Đã ghi quyết định khen thưởng.');
                onClose();
              },
              onError: (error) => applyServerErrors(form, error, COMMEND_FIELDS),
            },
          );
        }}
      >
        <p className={styles.small}>Cấp xét công nhận: {deciding.name}</p>
        <Form.Item label="Hình thức khen thưởng" name="form" rules={[{ required: true, message: 'Vui lòng chọn hình thức.' }]}>
          <Select options={COMMENDATION_FORMS.map((value) => ({ value, label: COMMENDATION_FORM_LABELS[value] }))} />
        </Form.Item>
        <Form.Item
          label="Tên hình thức khen thưởng"
          name="commendationTitle"
          rules={[{ required: true, whitespace: true, message: 'Vui lòng nhập tên hình thức khen thưởng.' }, { min: 5, message: 'Quá ngắn.' }, { max: 300, message: 'Dài quá 300 ký tự.' }]}
        >
          <Input autoComplete="off" placeholder={chosenForm === 'other' ? 'Ví dụ: Biểu dương tại hội nghị sơ kết' : `Bằng khen của ${body}`} />
        </Form.Item>
        <Form.Item label="Văn bản quyết định đã đăng ký (không bắt buộc)" name="decisionDocumentId" extra="Chọn để điền sẵn số, ký hiệu và ngày quyết định.">
          <Select<number>
            allowClear
            placeholder="Tìm quyết định theo số hoặc trích yếu"
            showSearch={{ filterOption: false, onSearch: setDocText, searchValue: docText }}
            loading={documents.isFetching}
            options={docOptions}
            notFoundContent={<span className={styles.small}>Không có quyết định nào của {deciding.name}.</span>}
            onChange={(id) => {
              const chosen = docOptions.find((option) => option.value === id)?.doc;
              if (chosen) form.setFieldsValue({ decisionSymbol: chosen.symbol, decisionDate: dayjs(chosen.issuedOn) });
              setDocText('');
            }}
          />
        </Form.Item>
        <div className={styles.formRow}>
          <Form.Item
            label="Số, ký hiệu quyết định"
            name="decisionSymbol"
            extra={`Ví dụ: 125-QĐ/${issuer}`}
            rules={[{ required: true, whitespace: true, message: 'Vui lòng nhập số, ký hiệu quyết định.' }, { min: 3, message: 'Quá ngắn.' }, { max: 60, message: 'Dài quá 60 ký tự.' }]}
          >
            <Input autoComplete="off" placeholder={`125-QĐ/${issuer}`} />
          </Form.Item>
          <Form.Item label="Ngày quyết định" name="decisionDate" rules={[{ required: true, message: 'Vui lòng chọn ngày quyết định.' }]}>
            <DatePicker format={DATE_INPUT_FORMATS} placeholder="dd/mm/yyyy" style={{ width: '100%' }} />
          </Form.Item>
        </div>
      </Form>
    </Modal>
  );
}
