import { DownloadOutlined, FileExcelOutlined, FileWordOutlined, SaveOutlined } from '@ant-design/icons';
import { Alert, App, Button, Col, DatePicker, Form, Input, Row } from 'antd';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { formatRatio, indicatorRatio } from '../../../shared/domain/indicators';
import { formatNumber } from '../../../shared/domain/text';
import { errorMessage } from '../../api/client';
import type { DashboardParams } from '../../api/dashboard';
import type { ReportDocxBody, ReportDraft, ReportSection } from '../../api/reports';
import { useDownloadAppendix, useDownloadDocx } from '../../api/reports';
import { DATE_INPUT_FORMATS, toIsoDate } from '../../components/dates';
import { FormError } from '../../components/FormError';
import { applyServerErrors } from '../../components/serverErrors';
import { useMe } from '../auth/useMe';
import { CreateDocumentDrawer } from '../documents/DocumentFormDrawer';
import styles from './Reports.module.css';

interface EditorValues {
  superiorBody: string;
  issuingBody: string;
  number: string;
  place: string;
  date: Dayjs | null;
  title: string;
  summary: string;
  introduction: string;
  assessmentHeading: string;
  sections: ReportSection[];
  onBehalf: string;
  position: string;
  signer: string;
  recipients: string;
}

/** The server names fields by the request body (`header.number`); the form keeps them flat. */
const FIELD_MAP: Record<string, string> = {
  'header.superiorBody': 'superiorBody',
  'header.issuingBody': 'issuingBody',
  'header.number': 'number',
  'header.place': 'place',
  'header.date': 'date',
  'signature.onBehalf': 'onBehalf',
  'signature.position': 'position',
  'signature.signer': 'signer',
};

function initialValues(draft: ReportDraft): EditorValues {
  return {
    superiorBody: draft.header.superiorBody,
    issuingBody: draft.header.issuingBody,
    number: draft.header.number,
    place: draft.header.place,
    date: dayjs(draft.header.date),
    title: draft.title,
    summary: draft.summary,
    introduction: draft.introduction,
    assessmentHeading: draft.assessmentHeading,
    sections: draft.sections.map((section) => ({ ...section })),
    onBehalf: draft.signature.onBehalf,
    position: draft.signature.position,
    signer: draft.signature.signer,
    recipients: draft.recipients.join('\n'),
  };
}

function toBody(draft: ReportDraft, values: EditorValues): ReportDocxBody {
  return {
    unitId: draft.unit.id,
    periodLabel: draft.period.label,
    header: {
      superiorBody: values.superiorBody,
      issuingBody: values.issuingBody,
      number: values.number,
      place: values.place,
      date: values.date ? toIsoDate(values.date) : draft.header.date,
    },
    title: values.title,
    summary: values.summary,
    introduction: values.introduction,
    assessmentHeading: values.assessmentHeading,
    // The form holds headings and texts; each section keeps the key the server gave it.
    sections: draft.sections.map((section, index) => ({
      key: section.key,
      heading: values.sections[index]?.heading ?? section.heading,
      text: values.sections[index]?.text ?? section.text,
    })),
    signature: { onBehalf: values.onBehalf, position: values.position, signer: values.signer },
    recipients: values.recipients
      .split('\n')
      .map((line) => line.replace(/^\s*-\s*/u, '').trim())
      .filter((line) => line.length > 0),
  };
}

const required = (message: string) => [{ required: true, whitespace: true, message }];

function Figures({ draft }: { draft: ReportDraft }) {
  if (draft.figures.length === 0) return null;
  return (
    <aside className={styles.figures} aria-labelledby="figures-title">
      <h2 className={styles.sideTitle} id="figures-title">
        Số liệu dùng trong dự thảo
      </h2>
      <p className={styles.muted}>
        {draft.unit.name} · {draft.period.label}
      </p>
      <table className={styles.figureTable}>
        <tbody>
          {draft.figures.map((figure) => (
            <tr key={figure.key}>
              <th scope="row">{figure.name}</th>
              <td>
                {figure.denominator === null ? (
                  formatNumber(figure.numerator)
                ) : (
                  <>
                    {formatRatio(indicatorRatio(figure))}
                    <span className={styles.dim}>
                      {' '}
                      {formatNumber(figure.numerator)}/{formatNumber(figure.denominator)}
                    </span>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </aside>
  );
}

/** The generated draft as an editable form: header, summary, sections, signature and recipients. */
export function ReportEditor({ draft, params }: { draft: ReportDraft; params: DashboardParams }) {
  const me = useMe();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<EditorValues>();
  const docx = useDownloadDocx();
  const appendix = useDownloadAppendix();
  const [downloaded, setDownloaded] = useState<ReportDocxBody | null>(null);
  const [registering, setRegistering] = useState(false);

  const download = (values: EditorValues) => {
    const body = toBody(draft, values);
    docx.mutate(body, {
      onSuccess: (name) => {
        setDownloaded(body);
        void message.success(`Đã tải ${name}.`);
      },
      onError: (error) => applyServerErrors(form, error, FIELD_MAP),
    });
  };

  const downloadAppendix = () => {
    appendix.mutate(params, {
      onSuccess: (name) => void message.success(`Đã tải ${name}.`),
      onError: (error) => void message.error(errorMessage(error)),
    });
  };

  return (
    <div className={styles.editorLayout}>
      <Form<EditorValues>
        form={form}
        name="report-draft"
        layout="vertical"
        className={styles.editor}
        initialValues={initialValues(draft)}
        onFinish={download}
        disabled={docx.isPending}
        aria-label="Dự thảo báo cáo"
      >
        {docx.isError ? <FormError error={docx.error} /> : null}
        <fieldset className={styles.fieldset}>
          <legend>Phần đầu văn bản</legend>
          <Row gutter={12}>
            <Col xs={24} md={12}>
              <Form.Item label="Cơ quan cấp trên" name="superiorBody" extra="Để trống nếu là cấp cao nhất.">
                <Input autoComplete="off" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label="Cơ quan ban hành" name="issuingBody" rules={required('Vui lòng nhập cơ quan ban hành.')}>
                <Input autoComplete="off" />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={12}>
            <Col xs={24} md={8}>
              <Form.Item
                label="Số, ký hiệu"
                name="number"
                extra={draft.numbering ? `Số tiếp theo trong nhiệm kỳ ${draft.numbering.termName}.` : 'Chưa có nhiệm kỳ cấp ủy cho ngày này: hãy nhập số.'}
              >
                <Input autoComplete="off" spellCheck={false} placeholder="05-BC/TU" />
              </Form.Item>
            </Col>
            <Col xs={12} md={8}>
              <Form.Item label="Địa danh" name="place">
                <Input autoComplete="off" />
              </Form.Item>
            </Col>
            <Col xs={12} md={8}>
              <Form.Item label="Ngày" name="date" rules={[{ required: true, message: 'Vui lòng chọn ngày của báo cáo.' }]}>
                <DatePicker format={DATE_INPUT_FORMATS} placeholder="dd/mm/yyyy" style={{ width: '100%' }} allowClear={false} />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={12}>
            <Col xs={24} md={6}>
              <Form.Item label="Tên loại văn bản" name="title" rules={required('Vui lòng nhập tên loại văn bản.')}>
                <Input autoComplete="off" />
              </Form.Item>
            </Col>
            <Col xs={24} md={18}>
              <Form.Item label="Trích yếu" name="summary" rules={required('Vui lòng nhập trích yếu.')}>
                <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
              </Form.Item>
            </Col>
          </Row>
        </fieldset>

        <fieldset className={styles.fieldset}>
          <legend>Nội dung</legend>
          <p className={styles.hint}>Mỗi dòng là một đoạn; dòng bắt đầu bằng "- " in thành gạch đầu dòng.</p>
          <Form.Item label="Phần mở đầu" name="introduction">
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 12 }} />
          </Form.Item>
          {draft.sections.map((section, index) => (
            <div key={section.key} className={styles.section}>
              {section.key === 'strengths' ? (
                <Form.Item label="Tiêu đề phần đánh giá" name="assessmentHeading" className={styles.headingItem}>
                  <Input autoComplete="off" className={styles.headingInput} />
                </Form.Item>
              ) : null}
              <Form.Item label={`Tiêu đề mục ${index + 1}`} name={['sections', index, 'heading']} className={styles.headingItem}>
                <Input autoComplete="off" className={styles.headingInput} />
              </Form.Item>
              <Form.Item label={`Nội dung mục ${index + 1}: ${section.heading}`} name={['sections', index, 'text']}>
                <Input.TextArea autoSize={{ minRows: 4, maxRows: 30 }} />
              </Form.Item>
            </div>
          ))}
        </fieldset>

        <fieldset className={styles.fieldset}>
          <legend>Chữ ký và nơi nhận</legend>
          <Row gutter={12}>
            <Col xs={24} md={8}>
              <Form.Item label="Thẩm quyền ký" name="onBehalf">
                <Input autoComplete="off" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item label="Chức vụ người ký" name="position">
                <Input autoComplete="off" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item label="Họ tên người ký" name="signer">
                <Input autoComplete="off" />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item label="Nơi nhận" name="recipients" extra="Mỗi dòng một nơi nhận.">
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} />
          </Form.Item>
        </fieldset>

        <div className={styles.actions}>
          <Button type="primary" htmlType="submit" icon={<FileWordOutlined />} loading={docx.isPending}>
            Tải Word (.docx)
          </Button>
          <Button icon={<FileExcelOutlined />} loading={appendix.isPending} onClick={downloadAppendix} disabled={false}>
            Tải phụ lục Excel
          </Button>
          {downloaded ? (
            <Button icon={<SaveOutlined />} onClick={() => setRegistering(true)} disabled={false}>
              Đăng ký văn bản
            </Button>
          ) : null}
        </div>
        {downloaded ? (
          <Alert
            className={styles.afterDownload}
            type="success"
            showIcon
            icon={<DownloadOutlined />}
            title={`Đã tải báo cáo số ${downloaded.header.number || '(chưa có số)'}.`}
            description='Sau khi ký ban hành, bấm "Đăng ký văn bản" để đưa báo cáo vào sổ văn bản với số này.'
          />
        ) : null}
      </Form>
      <Figures draft={draft} />
      {downloaded && me.role !== 'member' ? (
        <CreateDocumentDrawer
          open={registering}
          canCreateExternal={false}
          defaults={{
            docType: 'report',
            issuer: { id: draft.unit.id, name: draft.unit.name },
            ...(downloaded.header.number ? { symbol: downloaded.header.number } : {}),
            issuedOn: downloaded.header.date,
            title: downloaded.summary,
            ...(downloaded.signature.signer ? { signer: downloaded.signature.signer } : {}),
          }}
          onClose={() => setRegistering(false)}
          onCreated={(document) => {
            setRegistering(false);
            void navigate(`/van-ban/${document.id}`);
          }}
        />
      ) : null}
    </div>
  );
}
