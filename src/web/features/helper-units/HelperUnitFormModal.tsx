import { useQuery } from '@tanstack/react-query';
import { App, DatePicker, Form, Input, Modal, Select } from 'antd';
import type { FormInstance } from 'antd';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import type { DocumentType } from '../../../shared/domain/documents';
import { formatDate } from '../../../shared/domain/text';
import { helperUnitQueries } from '../../api/helper-units';
import type { HelperUnitDetail } from '../../api/helper-units';
import { DATE_INPUT_FORMATS, toIsoDate } from '../../components/dates';
import { FormError } from '../../components/FormError';
import { applyServerErrors } from '../../components/serverErrors';
import { useCreateHelperUnit, useUpdateHelperUnit } from './useHelperUnitMutations';
import styles from './HelperUnits.module.css';

interface Values {
  name: string;
  establishedOn?: Dayjs;
  foundingDocumentId?: number | null;
  regulationDocumentId?: number | null;
}

interface Body {
  name: string;
  establishedOn: string;
  foundingDocumentId: number | null;
  regulationDocumentId: number | null;
}

const FIELD_MAP: Record<string, string> = Object.fromEntries(['name', 'establishedOn', 'foundingDocumentId', 'regulationDocumentId'].map((field) => [`body.${field}`, field]));
const CONFLICT_HINT = 'Bộ phận giúp việc đã được tải lại. Hãy đóng hộp thoại, kiểm tra rồi sửa lại nếu vẫn cần.';

/** The committee's own documents of one type, for the founding decision and the regulation. */
function OwnDocumentSelect({ id, unitId, docType, value, onChange }: { id?: string; unitId: number; docType: DocumentType; value?: number | null; onChange?: (value: number | null) => void }) {
  const documents = useQuery(helperUnitQueries.documents(unitId, docType));
  const options = (documents.data ?? []).map((doc) => ({ value: doc.id, label: `${doc.symbol} (${formatDate(doc.issuedOn)})`, title: doc.title }));
  return (
    <Select<number | null>
      id={id}
      allowClear
      value={value ?? null}
      onChange={(next) => onChange?.(next ?? null)}
      options={options}
      loading={documents.isFetching}
      placeholder={docType === 'decision' ? 'Chọn quyết định (QĐ) của cấp ủy' : 'Chọn quy chế (QC) của cấp ủy'}
      notFoundContent={documents.isError ? 'Không tải được danh sách văn bản.' : 'Cấp ủy chưa đăng ký văn bản loại này trong mục Văn bản chỉ đạo.'}
      optionRender={(option) => (
        <div className={styles.docOption}>
          <div>{option.data.label}</div>
          <div className={styles.muted}>{option.data.title}</div>
        </div>
      )}
    />
  );
}

function HelperFields({ unitId, helper, defaultName, pending, onSubmit }: { unitId: number; helper: HelperUnitDetail | null; defaultName: string; pending: boolean; onSubmit: (body: Body, form: FormInstance<Values>) => void }) {
  const [form] = Form.useForm<Values>();
  const initialValues: Values = helper
    ? { name: helper.name, establishedOn: dayjs(helper.establishedOn), foundingDocumentId: helper.foundingDocument?.id ?? null, regulationDocumentId: helper.regulationDocument?.id ?? null }
    : { name: defaultName, foundingDocumentId: null, regulationDocumentId: null };
  return (
    <Form<Values>
      form={form}
      name="helper-unit"
      layout="vertical"
      initialValues={initialValues}
      disabled={pending}
      onFinish={(values) => {
        if (!values.establishedOn) return;
        onSubmit(
          {
            name: values.name.trim(),
            establishedOn: toIsoDate(values.establishedOn),
            foundingDocumentId: values.foundingDocumentId ?? null,
            regulationDocumentId: values.regulationDocumentId ?? null,
          },
          form,
        );
      }}
    >
      <Form.Item label="Tên bộ phận" name="name" rules={[{ required: true, whitespace: true, message: 'Vui lòng nhập tên bộ phận.' }, { max: 300, message: 'Tên dài quá 300 ký tự.' }]}>
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item label="Ngày thành lập" name="establishedOn" rules={[{ required: true, message: 'Vui lòng chọn ngày thành lập.' }]}>
        <DatePicker format={DATE_INPUT_FORMATS} placeholder="dd/mm/yyyy" style={{ width: '100%' }} disabledDate={(date) => date.isAfter(dayjs(), 'day')} />
      </Form.Item>
      <Form.Item label="Quyết định thành lập" name="foundingDocumentId" extra="Quyết định (QĐ) do chính cấp ủy ban hành, đã đăng ký trong mục Văn bản chỉ đạo.">
        <OwnDocumentSelect unitId={unitId} docType="decision" />
      </Form.Item>
      <Form.Item label="Quy chế làm việc" name="regulationDocumentId" extra="Quy chế (QC) của bộ phận, do cấp ủy ban hành.">
        <OwnDocumentSelect unitId={unitId} docType="rules" />
      </Form.Item>
    </Form>
  );
}

export function CreateHelperUnitModal({ open, unitId, unitName, onClose }: { open: boolean; unitId: number; unitName: string; onClose: () => void }) {
  const create = useCreateHelperUnit(unitId);
  const { message } = App.useApp();
  return (
    <Modal
      open={open}
      title={`Thành lập Bộ phận giúp việc: ${unitName}`}
      okText="Thành lập"
      okButtonProps={{ htmlType: 'submit', form: 'helper-unit' }}
      cancelText="Hủy"
      onCancel={onClose}
      confirmLoading={create.isPending}
      destroyOnHidden
      afterClose={() => create.reset()}
    >
      {create.isError ? <FormError error={create.error} /> : null}
      <HelperFields
        unitId={unitId}
        helper={null}
        defaultName="Bộ phận giúp việc Ban Chỉ đạo"
        pending={create.isPending}
        onSubmit={(body, form) =>
          create.mutate(body, {
            onSuccess: () => {
              void message.success('Đã ghi nhận Bộ phận giúp việc.');
              onClose();
            },
            onError: (error) => applyServerErrors(form, error, FIELD_MAP),
          })
        }
      />
    </Modal>
  );
}

export function EditHelperUnitModal({ open, helper, onClose }: { open: boolean; helper: HelperUnitDetail; onClose: () => void }) {
  const update = useUpdateHelperUnit(helper);
  const { message } = App.useApp();
  return (
    <Modal
      open={open}
      title="Sửa Bộ phận giúp việc"
      okText="Lưu"
      okButtonProps={{ htmlType: 'submit', form: 'helper-unit' }}
      cancelText="Hủy"
      onCancel={onClose}
      confirmLoading={update.isPending}
      destroyOnHidden
      afterClose={() => update.reset()}
    >
      {update.isError ? <FormError error={update.error} conflictHint={CONFLICT_HINT} /> : null}
      <HelperFields
        unitId={helper.unitId}
        helper={helper}
        defaultName={helper.name}
        pending={update.isPending}
        onSubmit={(body, form) =>
          update.mutate(body, {
            onSuccess: () => {
              void message.success('Đã lưu.');
              onClose();
            },
            onError: (error) => applyServerErrors(form, error, FIELD_MAP),
          })
        }
      />
    </Modal>
  );
}
