import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Col, DatePicker, Flex, Form, Input, InputNumber, Modal, Row, Select, Spin, Typography } from 'antd';
import type { FormInstance } from 'antd';
import type { Rule } from 'antd/es/form';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import { useRef, useState } from 'react';
import type { ReactNode } from 'react';
import type { ConferenceForm } from '../../../shared/domain/direction';
import { ATTACHMENT_ACCEPT, formatFileSize } from '../../../shared/domain/files';
import { formatDate } from '../../../shared/domain/text';
import { attendanceProblems } from '../../../shared/schemas/conferences';
import type { UnitSearchHit } from '../../../shared/schemas/units';
import { errorMessage } from '../../api/client';
import { conferenceQueries } from '../../api/conferences';
import type { ConferenceDetail, ConferenceDocumentOption, StoredFile } from '../../api/conferences';
import { DATE_INPUT_FORMATS, toIsoDate } from '../../components/dates';
import { FormError } from '../../components/FormError';
import { applyServerErrors } from '../../components/serverErrors';
import { UnitPicker } from '../../components/UnitPicker';
import type { UnitOption } from '../../components/UnitPicker';
import { useDebounced } from '../../components/useDebounced';
import { FORM_OPTIONS } from './conferenceFormat';
import { useCreateConference, useUpdateConference, useUploadMinutes } from './useConferenceMutations';
import styles from './Conferences.module.css';

interface Values {
  unitId?: number;
  heldOn?: Dayjs;
  form?: ConferenceForm;
  expectedCadres?: number | null;
  attendedCadres?: number | null;
  expectedMembers?: number | null;
  attendedMembers?: number | null;
  documentIds?: number[];
  note?: string;
}

type DocumentRef = Pick<ConferenceDocumentOption, 'id' | 'symbol' | 'title' | 'issuedOn'> & { issuerName?: string };

const FIELD_MAP: Record<string, string> = Object.fromEntries(
  ['unitId', 'heldOn', 'form', 'expectedCadres', 'attendedCadres', 'expectedMembers', 'attendedMembers', 'documentIds', 'note'].map((field) => [`body.${field}`, field]),
);
const CONFLICT_HINT = 'Hội nghị mới nhất đã được tải lại. Hãy đóng hộp thoại, kiểm tra rồi sửa lại nếu vẫn cần.';
const acceptOpenUnit = (hit: UnitSearchHit) => hit.closedOn === null;

/** Attended ≤ invited: the same sentences as the server. */
function attendanceRule(field: 'attendedCadres' | 'attendedMembers'): Rule {
  return (form) => ({
    validator: async () => {
      const values = form.getFieldsValue(true) as Values;
      const problem = attendanceProblems({
        expectedCadres: values.expectedCadres ?? 0,
        attendedCadres: values.attendedCadres ?? 0,
        expectedMembers: values.expectedMembers ?? 0,
        attendedMembers: values.attendedMembers ?? 0,
      }).find((candidate) => candidate.field === field);
      if (problem) throw new Error(problem.message);
    },
  });
}

const countRules = (label: string): Rule[] => [{ required: true, message: `Vui lòng nhập ${label.toLowerCase()}.` }];

interface DocumentSelectProps {
  id?: string;
  unitId: number | undefined;
  initial: DocumentRef[];
  value?: number[];
  onChange?: (value: number[]) => void;
}

/** Documents the chosen unit may disseminate (its own and its ancestors'), found on the server as the user types. Also used by the oversight calendar. */
export function DocumentSelect({ id, unitId, initial, value, onChange }: DocumentSelectProps) {
  const [text, setText] = useState('');
  const [chosen, setChosen] = useState<DocumentRef[]>(initial);
  const q = useDebounced(text.trim(), 300);
  const search = useQuery({ ...conferenceQueries.documentOptions(unitId ?? 0, q), enabled: unitId !== undefined });
  const found = search.data?.items ?? [];
  const known = [...chosen, ...found.filter((doc) => !chosen.some((c) => c.id === doc.id))];
  const options = known.map((doc) => ({ value: doc.id, label: doc.symbol, doc }));

  let notFound: ReactNode;
  if (unitId === undefined) notFound = <Typography.Text type="secondary">Chọn đơn vị tổ chức trước.</Typography.Text>;
  else if (search.isFetching) notFound = <Spin size="small" />;
  else if (search.isError) notFound = <Typography.Text type="danger">{errorMessage(search.error)}</Typography.Text>;
  else notFound = <Typography.Text type="secondary">Không có văn bản phù hợp của đơn vị hoặc cấp trên.</Typography.Text>;

  return (
    <Select<number[]>
      id={id}
      mode="multiple"
      value={value ?? []}
      style={{ width: '100%' }}
      placeholder="Gõ số, ký hiệu hoặc trích yếu để tìm (có thể gõ không dấu)"
      disabled={unitId === undefined}
      showSearch={{ filterOption: false, onSearch: setText, searchValue: text }}
      options={options}
      notFoundContent={notFound}
      loading={search.isFetching}
      maxCount={20}
      onChange={(ids) => {
        setChosen(ids.map((docId) => known.find((doc) => doc.id === docId)).filter((doc): doc is DocumentRef => doc !== undefined));
        onChange?.(ids);
        setText('');
      }}
      optionRender={(option) => {
        const doc = option.data.doc;
        return (
          <div className={styles.docOption}>
            <div>
              <strong>{doc.symbol}</strong> · {formatDate(doc.issuedOn)}
            </div>
            <div className={styles.docOptionTitle}>{doc.title}</div>
            {doc.issuerName ? <div className={styles.muted}>{doc.issuerName}</div> : null}
          </div>
        );
      }}
    />
  );
}

/** Minutes: uploaded for the unit as soon as chosen (the server checks the content), then attached on save. */
function MinutesField({ unitId, file, onChange }: { unitId: number | undefined; file: StoredFile | null; onChange: (file: StoredFile | null) => void }) {
  const input = useRef<HTMLInputElement>(null);
  const upload = useUploadMinutes();
  const { message } = App.useApp();
  return (
    <div>
      <input
        ref={input}
        type="file"
        accept={ATTACHMENT_ACCEPT}
        className="visually-hidden"
        tabIndex={-1}
        aria-hidden
        onChange={(event) => {
          const chosen = event.target.files?.[0];
          event.target.value = '';
          if (!chosen || unitId === undefined) return;
          upload.mutate(
            { unitId, file: chosen },
            {
              onSuccess: (stored) => onChange(stored),
              onError: (error) => void message.error(errorMessage(error)),
            },
          );
        }}
      />
      {file ? (
        <Flex align="center" gap={8} wrap className={styles.fileRow}>
          <PaperClipOutlined aria-hidden />
          <span className={styles.fileName}>{file.name}</span>
          <Typography.Text type="secondary">{formatFileSize(file.size)}</Typography.Text>
          <Button size="small" icon={<DeleteOutlined />} onClick={() => onChange(null)}>
            Bỏ tệp
          </Button>
        </Flex>
      ) : (
        <Button icon={<UploadOutlined />} loading={upload.isPending} disabled={unitId === undefined} onClick={() => input.current?.click()}>
          Chọn tệp biên bản
        </Button>
      )}
      <Typography.Text type="secondary" className={styles.hint}>
        PDF, Word (DOCX) hoặc ảnh PNG/JPEG, tối đa 20 MB.
      </Typography.Text>
    </div>
  );
}

interface FormProps {
  scopeRootId: number;
  defaultUnit: UnitOption | null;
  conference: ConferenceDetail | null;
  pending: boolean;
  onSubmit: (body: {
    unitId: number;
    heldOn: string;
    form: ConferenceForm;
    expectedCadres: number;
    attendedCadres: number;
    expectedMembers: number;
    attendedMembers: number;
    documentIds: number[];
    note: string | null;
    minutesFileId: number | null;
  }, form: FormInstance<Values>) => void;
}

function ConferenceFields({ scopeRootId, defaultUnit, conference, pending, onSubmit }: FormProps) {
  const [form] = Form.useForm<Values>();
  const unitId = Form.useWatch('unitId', form) as number | undefined;
  const [minutes, setMinutes] = useState<StoredFile | null>(conference?.minutesFile ?? null);
  const initialUnit = conference ? { id: conference.unit.id, name: conference.unit.name } : defaultUnit;
  const initialValues: Values = conference
    ? {
        unitId: conference.unit.id,
        heldOn: dayjs(conference.heldOn),
        form: conference.form,
        expectedCadres: conference.expectedCadres,
        attendedCadres: conference.attendedCadres,
        expectedMembers: conference.expectedMembers,
        attendedMembers: conference.attendedMembers,
        documentIds: conference.documents.map((d) => d.id),
        note: conference.note ?? '',
      }
    : { unitId: defaultUnit?.id, form: 'in_person', documentIds: [], note: '' };

  return (
    <Form<Values>
      form={form}
      name="conference"
      layout="vertical"
      initialValues={initialValues}
      disabled={pending}
      onValuesChange={(changed: Partial<Values>) => {
        // Minutes belong to the unit they were uploaded for.
        if (changed.unitId !== undefined && minutes && changed.unitId !== conference?.unit.id) setMinutes(null);
      }}
      onFinish={(values) => {
        if (values.unitId === undefined || !values.heldOn || !values.form) return;
        onSubmit(
          {
            unitId: values.unitId,
            heldOn: toIsoDate(values.heldOn),
            form: values.form,
            expectedCadres: values.expectedCadres ?? 0,
            attendedCadres: values.attendedCadres ?? 0,
            expectedMembers: values.expectedMembers ?? 0,
            attendedMembers: values.attendedMembers ?? 0,
            documentIds: values.documentIds ?? [],
            note: values.note?.trim() ? values.note.trim() : null,
            minutesFileId: minutes?.id ?? null,
          },
          form,
        );
      }}
    >
      <Form.Item label="Đơn vị tổ chức" name="unitId" rules={[{ required: true, message: 'Vui lòng chọn đơn vị tổ chức hội nghị.' }]}>
        <UnitPicker within={scopeRootId} initial={initialUnit} accept={acceptOpenUnit} />
      </Form.Item>
      <Row gutter={12}>
        <Col xs={24} sm={12}>
          <Form.Item label="Ngày tổ chức" name="heldOn" rules={[{ required: true, message: 'Vui lòng chọn ngày tổ chức.' }]}>
            <DatePicker format={DATE_INPUT_FORMATS} placeholder="dd/mm/yyyy" style={{ width: '100%' }} disabledDate={(date) => date.isAfter(dayjs(), 'day')} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item label="Hình thức" name="form" rules={[{ required: true, message: 'Vui lòng chọn hình thức.' }]}>
            <Select options={FORM_OPTIONS} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        label="Văn bản được quán triệt"
        name="documentIds"
        rules={[{ required: true, type: 'array', min: 1, message: 'Chọn ít nhất một văn bản được quán triệt.' }]}
        extra="Văn bản của chính đơn vị, của cấp ủy cấp trên hoặc của Trung ương; tối đa 20 văn bản."
      >
        <DocumentSelect unitId={unitId} initial={conference?.documents ?? []} />
      </Form.Item>
      <fieldset className={styles.fieldset}>
        <legend className={styles.legend}>Thành phần tham dự</legend>
        <Row gutter={12}>
          <Col xs={12} sm={6}>
            <Form.Item label="Cán bộ triệu tập" name="expectedCadres" rules={countRules('Số cán bộ triệu tập')}>
              <InputNumber min={0} precision={0} style={{ width: '100%' }} inputMode="numeric" />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item label="Cán bộ dự" name="attendedCadres" dependencies={['expectedCadres']} rules={[...countRules('Số cán bộ dự'), attendanceRule('attendedCadres')]}>
              <InputNumber min={0} precision={0} style={{ width: '100%' }} inputMode="numeric" />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item label="Đảng viên triệu tập" name="expectedMembers" rules={countRules('Số đảng viên triệu tập')}>
              <InputNumber min={0} precision={0} style={{ width: '100%' }} inputMode="numeric" />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item label="Đảng viên dự" name="attendedMembers" dependencies={['expectedMembers']} rules={[...countRules('Số đảng viên dự'), attendanceRule('attendedMembers')]}>
              <InputNumber min={0} precision={0} style={{ width: '100%' }} inputMode="numeric" />
            </Form.Item>
          </Col>
        </Row>
      </fieldset>
      <Form.Item label="Biên bản hội nghị">
        <MinutesField unitId={unitId} file={minutes} onChange={setMinutes} />
      </Form.Item>
      <Form.Item label="Ghi chú" name="note" rules={[{ max: 2000, message: 'Ghi chú dài quá 2000 ký tự.' }]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
      </Form.Item>
    </Form>
  );
}

const MODAL_WIDTH = 720;

/*
 * The <Form> lives in a child that mounts when the dialog opens (destroyOnHidden), so each opening
 * starts from the current record; the OK button submits it through the HTML `form` attribute.
 */

export function CreateConferenceModal({
  open,
  scopeRootId,
  defaultUnit,
  onClose,
  onCreated,
}: {
  open: boolean;
  scopeRootId: number;
  defaultUnit: UnitOption | null;
  onClose: () => void;
  onCreated: (conference: ConferenceDetail) => void;
}) {
  const create = useCreateConference();
  const { message } = App.useApp();
  return (
    <Modal
      open={open}
      width={MODAL_WIDTH}
      title="Ghi nhận hội nghị quán triệt"
      okText="Ghi nhận"
      okButtonProps={{ htmlType: 'submit', form: 'conference' }}
      cancelText="Hủy"
      onCancel={onClose}
      confirmLoading={create.isPending}
      destroyOnHidden
      afterClose={() => create.reset()}
    >
      {create.isError ? <FormError error={create.error} /> : null}
      <ConferenceFields
        scopeRootId={scopeRootId}
        defaultUnit={defaultUnit}
        conference={null}
        pending={create.isPending}
        onSubmit={(body, form) =>
          create.mutate(body, {
            onSuccess: (created) => {
              void message.success(`Đã ghi nhận hội nghị ngày ${formatDate(created.heldOn)} của ${created.unit.name}.`);
              onCreated(created);
            },
            onError: (error) => applyServerErrors(form, error, FIELD_MAP),
          })
        }
      />
    </Modal>
  );
}

export function EditConferenceModal({ open, scopeRootId, conference, onClose }: { open: boolean; scopeRootId: number; conference: ConferenceDetail; onClose: () => void }) {
  const update = useUpdateConference(conference);
  const { message } = App.useApp();
  return (
    <Modal
      open={open}
      width={MODAL_WIDTH}
      title={`Sửa hội nghị ngày ${formatDate(conference.heldOn)}`}
      okText="Lưu"
      okButtonProps={{ htmlType: 'submit', form: 'conference' }}
      cancelText="Hủy"
      onCancel={onClose}
      confirmLoading={update.isPending}
      destroyOnHidden
      afterClose={() => update.reset()}
    >
      {update.isError ? <FormError error={update.error} conflictHint={CONFLICT_HINT} /> : null}
      <ConferenceFields
        scopeRootId={scopeRootId}
        defaultUnit={null}
        conference={conference}
        pending={update.isPending}
        onSubmit={(body, form) =>
          update.mutate(body, {
            onSuccess: () => {
              void message.success('Đã lưu hội nghị.');
              onClose();
            },
            onError: (error) => applyServerErrors(form, error, FIELD_MAP),
          })
        }
      />
    </Modal>
  );
}
