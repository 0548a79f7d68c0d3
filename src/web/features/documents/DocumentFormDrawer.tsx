import { useQuery } from '@tanstack/react-query';
import { App, Button, Col, DatePicker, Drawer, Flex, Form, Input, Radio, Row, Select, Typography } from 'antd';
import type { Rule } from 'antd/es/form';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import { useEffect, useRef } from 'react';
import type { ReactNode } from 'react';
import { documentSymbolProblem, parseDocumentSymbol } from '../../../shared/domain/documents';
import type { DocumentType } from '../../../shared/domain/documents';
import type { UpdateDocumentBody } from '../../../shared/schemas/documents';
import { errorMessage } from '../../api/client';
import { documentQueries } from '../../api/documents';
import type { DocumentDetail, DocumentSummary, StoredFile } from '../../api/documents';
import { DATE_INPUT_FORMATS, toIsoDate } from '../../components/dates';
import { FormError } from '../../components/FormError';
import { applyServerErrors } from '../../components/serverErrors';
import { UnitPicker } from '../../components/UnitPicker';
import { useDebounced } from '../../components/useDebounced';
import { useIsMobile } from '../../components/useIsMobile';
import { useMe } from '../auth/useMe';
import { CampaignSelect, DOCUMENT_TYPE_OPTIONS, DocumentSelect } from './documentOptions';
import { FileField } from './FileField';
import { useCreateDocument, useUpdateDocument } from './useDocumentMutations';

interface DocumentFormValues {
  issuerMode: 'unit' | 'external';
  issuerUnitId?: number;
  issuerName?: string;
  issuerCode?: string;
  docType?: DocumentType;
  issuedOn?: Dayjs | null;
  symbol?: string;
  title?: string;
  signer?: string;
  implementsId?: number | null;
  campaignId?: number | null;
  file?: StoredFile | null;
}

const FIELDS = ['issuerUnitId', 'issuerName', 'issuerCode', 'docType', 'issuedOn', 'symbol', 'title', 'signer', 'implementsId', 'campaignId'];
/** The server names fields by the request body (`body.symbol`, `fileId`); the form by its own names. */
const FIELD_MAP: Record<string, string> = {
  ...Object.fromEntries(FIELDS.flatMap((field) => [[`body.${field}`, field], [field, field]])),
  'body.fileId': 'file',
  fileId: 'file',
};

const CONFLICT_HINT = 'Văn bản mới nhất đã được tải lại. Hãy đóng lại, kiểm tra rồi sửa lại nếu vẫn cần.';
const ISSUER_CODE = /^[A-ZĐ][A-ZĐ0-9]{0,15}$/u;
const isFuture = (date: Dayjs) => date.isAfter(dayjs(), 'day');
const orNull = (value: string | undefined) => {
  const text = value?.trim() ?? '';
  return text === '' ? null : text;
};

function useDrawerSize() {
  return useIsMobile() ? '100%' : 640;
}

/** The symbol must parse; with a known issuer code it must also match the type and the issuer. */
function symbolRule(issuerCode: string | undefined): Rule {
  return (form) => ({
    validator: async (_rule, value: string | undefined) => {
      const text = value?.trim() ?? '';
      if (text === '') throw new Error('Vui lòng nhập số, ký hiệu văn bản.');
      const type = form.getFieldValue('docType') as DocumentType | undefined;
      if (type && issuerCode) {
        const problem = documentSymbolProblem(text, type, issuerCode);
        if (problem) throw new Error(problem);
      } else if (!parseDocumentSymbol(text)) {
        throw new Error('Số, ký hiệu phải theo mẫu <số>-<loại>/<cơ quan ban hành>, ví dụ 08-KH/TU.');
      }
    },
  });
}

function CommonFields({ unitId, excludeId, initialImplements }: { unitId: number; excludeId?: number; initialImplements: DocumentSummary | null }) {
  return (
    <>
      <Form.Item label="Trích yếu" name="title" rules={[{ required: true, whitespace: true, message: 'Vui lòng nhập trích yếu văn bản.' }, { min: 5, message: 'Trích yếu phải có ít nhất 5 ký tự.' }, { max: 1000, message: 'Trích yếu dài quá 1000 ký tự.' }]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} placeholder="Ví dụ: Thực hiện Chỉ thị 03-CT/TW của Bộ Chính trị về tiếp tục đẩy mạnh việc học tập và làm theo tấm gương đạo đức Hồ Chí Minh" />
      </Form.Item>
      <Form.Item label="Người ký" name="signer" rules={[{ max: 200, message: 'Tên người ký dài quá 200 ký tự.' }]}>
        <Input autoComplete="off" placeholder="Ví dụ: Nguyễn Văn A" />
      </Form.Item>
      <Form.Item label="Thực hiện văn bản" name="implementsId" extra="Văn bản cấp trên mà văn bản này triển khai thực hiện (nếu có).">
        <DocumentSelect initial={initialImplements} {...(excludeId === undefined ? {} : { exclude: excludeId })} />
      </Form.Item>
      <Form.Item label="Cuộc vận động" name="campaignId">
        <CampaignSelect />
      </Form.Item>
      <Form.Item label="Tệp đính kèm" name="file">
        <FileField unitId={unitId} />
      </Form.Item>
    </>
  );
}

function DrawerFooter({ formName, submitText, pending, onClose }: { formName: string; submitText: string; pending: boolean; onClose: () => void }) {
  return (
    <Flex gap={8} justify="flex-end" wrap>
      <Button onClick={onClose}>Hủy</Button>
      <Button type="primary" htmlType="submit" form={formName} loading={pending}>
        {submitText}
      </Button>
    </Flex>
  );
}

export interface CreateDefaults {
  implements?: DocumentSummary | null;
  campaignId?: number | null;
  docType?: DocumentType;
  /** Prefilled by the report editor: the issuing unit, the report's number, date and summary line. */
  issuer?: { id: number; name: string };
  symbol?: string;
  issuedOn?: string;
  title?: string;
  signer?: string;
}

/** "Đăng ký văn bản": a drawer whose form mounts on open, so every opening starts clean. */
export function CreateDocumentDrawer({
  open,
  canCreateExternal,
  defaults,
  onClose,
  onCreated,
}: {
  open: boolean;
  canCreateExternal: boolean;
  defaults?: CreateDefaults;
  onClose: () => void;
  onCreated: (document: DocumentDetail) => void;
}) {
  const create = useCreateDocument();
  const size = useDrawerSize();
  return (
    <Drawer
      open={open}
      size={size}
      title="Đăng ký văn bản"
      onClose={onClose}
      destroyOnHidden
      afterOpenChange={(visible) => {
        if (!visible) create.reset();
      }}
      footer={<DrawerFooter formName="create-document" submitText="Lưu văn bản" pending={create.isPending} onClose={onClose} />}
    >
      {create.isError ? <FormError error={create.error} /> : null}
      <CreateDocumentForm create={create} canCreateExternal={canCreateExternal} defaults={defaults ?? {}} onCreated={onCreated} />
    </Drawer>
  );
}

function CreateDocumentForm({
  create,
  canCreateExternal,
  defaults,
  onCreated,
}: {
  create: ReturnType<typeof useCreateDocument>;
  canCreateExternal: boolean;
  defaults: CreateDefaults;
  onCreated: (document: DocumentDetail) => void;
}) {
  const me = useMe();
  const [form] = Form.useForm<DocumentFormValues>();
  const { message } = App.useApp();
  const mode = Form.useWatch('issuerMode', form) ?? 'unit';
  const issuerUnitId = Form.useWatch('issuerUnitId', form);
  const rawIssuerCode = Form.useWatch('issuerCode', form);
  const docType = Form.useWatch('docType', form);
  const issuedOn = Form.useWatch('issuedOn', form);

  const typedCode = useDebounced((rawIssuerCode ?? '').normalize('NFC').trim().toUpperCase(), 300);
  const issuer = mode === 'unit' ? (issuerUnitId ? { issuerUnitId } : null) : ISSUER_CODE.test(typedCode) ? { issuerCode: typedCode } : null;
  const suggestion = useQuery({
    ...documentQueries.nextNumber({ ...issuer, docType: docType ?? 'plan', issuedOn: issuedOn ? toIsoDate(issuedOn) : '' }),
    enabled: issuer !== null && docType !== undefined && Boolean(issuedOn),
  });

  // Whenever issuer, type or date change, the symbol takes the next free number (the user may overwrite it).
  const suggested = suggestion.data;
  // A prefilled number (a generated report's) stays until issuer, type or date change.
  const keepSymbol = useRef(Boolean(defaults.symbol));
  useEffect(() => {
    if (!suggested) return;
    if (keepSymbol.current) {
      keepSymbol.current = false;
      return;
    }
    form.setFieldValue('symbol', suggested.symbol);
    void form.validateFields(['symbol']).catch(() => undefined);
  }, [suggested, form]);

  const submit = (values: DocumentFormValues) => {
    if (!values.docType || !values.issuedOn) return;
    const external = values.issuerMode === 'external';
    create.mutate(
      {
        issuerUnitId: external ? null : (values.issuerUnitId ?? me.scopeUnit.id),
        ...(external ? { issuerName: values.issuerName?.trim() ?? '', issuerCode: values.issuerCode?.trim() ?? '' } : {}),
        docType: values.docType,
        symbol: values.symbol?.trim() ?? '',
        issuedOn: toIsoDate(values.issuedOn),
        title: values.title?.trim() ?? '',
        signer: orNull(values.signer),
        implementsId: values.implementsId ?? null,
        campaignId: values.campaignId ?? null,
        fileId: values.file?.id ?? null,
      },
      {
        onSuccess: (document) => {
          void message.success(`Đã đăng ký văn bản ${document.symbol}.`);
          onCreated(document);
        },
        onError: (error) => applyServerErrors(form, error, FIELD_MAP),
      },
    );
  };

  let symbolHelp: ReactNode = 'Theo mẫu <số>-<loại>/<cơ quan ban hành>, ví dụ 08-KH/TU.';
  if (suggestion.isFetching) symbolHelp = 'Đang lấy số tiếp theo…';
  else if (suggestion.isError) symbolHelp = <Typography.Text type="danger">{errorMessage(suggestion.error)}</Typography.Text>;
  else if (suggested) symbolHelp = `Số tiếp theo trong nhiệm kỳ ${suggested.termName}: ${suggested.symbol}. Có thể sửa nếu cần.`;

  return (
    <Form<DocumentFormValues>
      form={form}
      name="create-document"
      layout="vertical"
     
      initialValues={{
        issuerMode: 'unit',
        issuerUnitId: defaults.issuer?.id ?? me.scopeUnit.id,
        docType: defaults.docType ?? 'plan',
        issuedOn: defaults.issuedOn ? dayjs(defaults.issuedOn) : dayjs(),
        ...(defaults.symbol ? { symbol: defaults.symbol } : {}),
        ...(defaults.title ? { title: defaults.title } : {}),
        ...(defaults.signer ? { signer: defaults.signer } : {}),
        implementsId: defaults.implements?.id ?? null,
        campaignId: defaults.campaignId ?? null,
        file: null,
      }}
      onFinish={submit}
      disabled={create.isPending}
    >
      {canCreateExternal ? (
        <Form.Item label="Cơ quan ban hành thuộc" name="issuerMode">
          <Radio.Group
            options={[
              { value: 'unit', label: 'Đơn vị trong hệ thống' },
              { value: 'external', label: 'Cơ quan cấp trên (Trung ương…)' },
            ]}
          />
        </Form.Item>
      ) : null}
      {mode === 'unit' ? (
        <Form.Item label="Cơ quan ban hành" name="issuerUnitId" rules={[{ required: true, message: 'Vui lòng chọn cơ quan ban hành.' }]}>
          <UnitPicker within={me.scopeUnit.id} initial={defaults.issuer ?? { id: me.scopeUnit.id, name: me.scopeUnit.name }} />
        </Form.Item>
      ) : (
        <Row gutter={12}>
          <Col xs={24} sm={16}>
            <Form.Item
              label="Tên cơ quan ban hành"
              name="issuerName"
              rules={[{ required: true, whitespace: true, message: 'Vui lòng nhập tên cơ quan ban hành.' }, { max: 200, message: 'Tên dài quá 200 ký tự.' }]}
            >
              <Input autoComplete="off" placeholder="Ví dụ: Bộ Chính trị" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item
              label="Ký hiệu cơ quan"
              name="issuerCode"
              normalize={(value: string) => value.toUpperCase()}
              rules={[
                { required: true, whitespace: true, message: 'Vui lòng nhập ký hiệu cơ quan.' },
                { pattern: ISSUER_CODE, message: 'Chỉ gồm chữ in hoa và số, ví dụ TW, BTGTW.' },
              ]}
            >
              <Input autoComplete="off" placeholder="TW" spellCheck={false} />
            </Form.Item>
          </Col>
        </Row>
      )}
      <Row gutter={12}>
        <Col xs={24} sm={12}>
          <Form.Item label="Loại văn bản" name="docType" rules={[{ required: true, message: 'Vui lòng chọn loại văn bản.' }]}>
            <Select options={DOCUMENT_TYPE_OPTIONS} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item label="Ngày ban hành" name="issuedOn" rules={[{ required: true, message: 'Vui lòng chọn ngày ban hành.' }]}>
            <DatePicker format={DATE_INPUT_FORMATS} placeholder="dd/mm/yyyy" style={{ width: '100%' }} disabledDate={isFuture} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label="Số, ký hiệu" name="symbol" required dependencies={['docType']} rules={[symbolRule(suggested?.issuerCode)]} extra={symbolHelp}>
        <Input autoComplete="off" spellCheck={false} placeholder="08-KH/TU" />
      </Form.Item>
      <CommonFields unitId={mode === 'unit' ? (issuerUnitId ?? me.scopeUnit.id) : me.scopeUnit.id} initialImplements={defaults.implements ?? null} />
    </Form>
  );
}

export function EditDocumentDrawer({ document, open, onClose }: { document: DocumentDetail; open: boolean; onClose: () => void }) {
  const update = useUpdateDocument(document);
  const size = useDrawerSize();
  return (
    <Drawer
      open={open}
      size={size}
      title={`Sửa văn bản ${document.symbol}`}
      onClose={onClose}
      destroyOnHidden
      afterOpenChange={(visible) => {
        if (!visible) update.reset();
      }}
      footer={<DrawerFooter formName="edit-document" submitText="Lưu thay đổi" pending={update.isPending} onClose={onClose} />}
    >
      {update.isError ? <FormError error={update.error} conflictHint={CONFLICT_HINT} /> : null}
      <EditDocumentForm document={document} update={update} onClose={onClose} />
    </Drawer>
  );
}

type EditableFields = Omit<UpdateDocumentBody, 'version'>;

function editable(values: DocumentFormValues): EditableFields {
  return {
    symbol: values.symbol?.trim() ?? '',
    issuedOn: values.issuedOn ? toIsoDate(values.issuedOn) : '',
    title: values.title?.trim() ?? '',
    signer: orNull(values.signer),
    implementsId: values.implementsId ?? null,
    campaignId: values.campaignId ?? null,
    fileId: values.file?.id ?? null,
  };
}

function initialValues(document: DocumentDetail): DocumentFormValues {
  return {
    issuerMode: document.issuer.unitId === null ? 'external' : 'unit',
    docType: document.docType,
    symbol: document.symbol,
    issuedOn: dayjs(document.issuedOn),
    title: document.title,
    signer: document.signer ?? '',
    implementsId: document.implementsId,
    campaignId: document.campaignId,
    file: document.file,
  };
}

function EditDocumentForm({ document, update, onClose }: { document: DocumentDetail; update: ReturnType<typeof useUpdateDocument>; onClose: () => void }) {
  const me = useMe();
  const [form] = Form.useForm<DocumentFormValues>();
  const { message } = App.useApp();

  const submit = (values: DocumentFormValues) => {
    const next = editable(values);
    const before = editable(initialValues(document));
    const changes: EditableFields = {};
    for (const key of Object.keys(next) as (keyof EditableFields)[]) {
      if (next[key] !== before[key]) Object.assign(changes, { [key]: next[key] });
    }
    if (Object.keys(changes).length === 0) {
      void message.info('Không có thay đổi nào.');
      onClose();
      return;
    }
    update.mutate(changes, {
      onSuccess: () => {
        void message.success('Đã lưu văn bản.');
        onClose();
      },
      onError: (error) => applyServerErrors(form, error, FIELD_MAP),
    });
  };

  return (
    <Form<DocumentFormValues> form={form} name="edit-document" layout="vertical" initialValues={initialValues(document)} onFinish={submit} disabled={update.isPending}>
      <Typography.Paragraph type="secondary">
        Cơ quan ban hành: <strong>{document.issuer.name}</strong>. Loại văn bản và cơ quan ban hành không sửa được; nếu đăng ký nhầm, hãy xóa văn bản rồi đăng ký lại.
      </Typography.Paragraph>
      <Row gutter={12}>
        <Col xs={24} sm={12}>
          <Form.Item label="Số, ký hiệu" name="symbol" required rules={[symbolRule(document.issuer.code)]}>
            <Input autoComplete="off" spellCheck={false} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item label="Ngày ban hành" name="issuedOn" rules={[{ required: true, message: 'Vui lòng chọn ngày ban hành.' }]}>
            <DatePicker format={DATE_INPUT_FORMATS} placeholder="dd/mm/yyyy" style={{ width: '100%' }} disabledDate={isFuture} allowClear={false} />
          </Form.Item>
        </Col>
      </Row>
      <CommonFields unitId={document.issuer.unitId ?? me.scopeUnit.id} excludeId={document.id} initialImplements={document.implements} />
    </Form>
  );
}
