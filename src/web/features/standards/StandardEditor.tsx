import { DeleteOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import { Alert, App, AutoComplete, Button, Flex, Form, Input } from 'antd';
import type { FormInstance } from 'antd';
import { useMemo } from 'react';
import { STANDARD_GROUPS, STANDARD_KIND_LABELS, lengthWarnings } from '../../../shared/domain/standards';
import type { StandardKind } from '../../../shared/domain/standards';
import type { StandardVersion } from '../../api/standards';
import { FormError } from '../../components/FormError';
import { applyServerErrors } from '../../components/serverErrors';
import { useCreateStandard, useUpdateStandard } from './useStandardMutations';
import styles from './Standards.module.css';

interface CriterionValue {
  group?: string | null;
  text: string;
}

interface Values {
  title: string;
  criteria: CriterionValue[];
}

const GROUP_OPTIONS = STANDARD_GROUPS.map((group) => ({ value: group }));
const CONFLICT_HINT = 'Bản chuẩn mực đã được tải lại. Hãy hủy, kiểm tra rồi sửa lại nếu vẫn cần.';

function toBody(values: Values) {
  return {
    title: values.title.trim(),
    criteria: (values.criteria ?? []).map((criterion) => ({ group: criterion.group?.trim() ? criterion.group.trim() : null, text: criterion.text.trim() })),
  };
}

/** Gentle "ngắn gọn, dễ nhớ" warnings: never block saving or submitting. */
export function LengthWarnings({ warnings }: { warnings: string[] }) {
  if (warnings.length === 0) return null;
  return (
    <Alert
      className={styles.warnings}
      type="warning"
      showIcon
      title="Gợi ý: chuẩn mực nên ngắn gọn, dễ nhớ"
      description={
        <ul>
          {warnings.map((warning) => (
            <li key={warning}>{warning}</li>
          ))}
        </ul>
      }
    />
  );
}

type EditorProps =
  | { mode: 'create'; unitId: number; unitName: string; kind: StandardKind; onDone: () => void }
  | { mode: 'revise'; unitId: number; kind: StandardKind; from: StandardVersion; onDone: () => void }
  | { mode: 'edit'; version: StandardVersion; onDone: () => void };

/** Title and criteria of a draft: a new standard, a revision of the issued one, or an edit of the draft. */
export function StandardEditor(props: EditorProps) {
  if (props.mode === 'edit') return <EditDraft version={props.version} onDone={props.onDone} />;
  return <CreateDraft {...props} />;
}

function CreateDraft(props: Extract<EditorProps, { mode: 'create' | 'revise' }>) {
  const create = useCreateStandard();
  const { message } = App.useApp();
  const initial: Values =
    props.mode === 'revise'
      ? { title: props.from.title, criteria: props.from.criteria.map((criterion) => ({ group: criterion.group, text: criterion.text })) }
      : { title: `${STANDARD_KIND_LABELS[props.kind]} của cán bộ, đảng viên ${props.unitName}`, criteria: [{ group: null, text: '' }] };
  return (
    <>
      {create.isError ? <FormError error={create.error} /> : null}
      <CriteriaForm
        name={`standard-${props.kind}`}
        initial={initial}
        pending={create.isPending}
        saveLabel={props.mode === 'revise' ? 'Lưu dự thảo sửa đổi' : 'Lưu dự thảo'}
        onCancel={props.onDone}
        onSubmit={(values, form) =>
          create.mutate(
            { unitId: props.unitId, kind: props.kind, ...toBody(values) },
            {
              onSuccess: () => {
                void message.success(props.mode === 'revise' ? 'Đã tạo dự thảo sửa đổi.' : 'Đã lưu dự thảo chuẩn mực.');
                props.onDone();
              },
              onError: (error) => applyServerErrors(form, error, { 'body.title': 'title' }),
            },
          )
        }
      />
    </>
  );
}

function EditDraft({ version, onDone }: { version: StandardVersion; onDone: () => void }) {
  const update = useUpdateStandard(version);
  const { message } = App.useApp();
  const initial: Values = { title: version.title, criteria: version.criteria.map((criterion) => ({ group: criterion.group, text: criterion.text })) };
  return (
    <>
      {update.isError ? <FormError error={update.error} conflictHint={CONFLICT_HINT} /> : null}
      <CriteriaForm
        name={`standard-edit-${version.id}`}
        initial={initial}
        pending={update.isPending}
        saveLabel="Lưu dự thảo"
        onCancel={onDone}
        onSubmit={(values, form) =>
          update.mutate(toBody(values), {
            onSuccess: () => {
              void message.success('Đã lưu dự thảo.');
              onDone();
            },
            onError: (error) => applyServerErrors(form, error, { 'body.title': 'title' }),
          })
        }
      />
    </>
  );
}

function CriteriaForm({
  name,
  initial,
  pending,
  saveLabel,
  onCancel,
  onSubmit,
}: {
  name: string;
  initial: Values;
  pending: boolean;
  saveLabel: string;
  onCancel: () => void;
  onSubmit: (values: Values, form: FormInstance<Values>) => void;
}) {
  const [form] = Form.useForm<Values>();
  const watched = Form.useWatch('criteria', form) as CriterionValue[] | undefined;
  // The same rule as the server's `warnings`, computed as the user types.
  const warnings = useMemo(() => lengthWarnings((watched ?? initial.criteria).map((criterion) => ({ text: criterion?.text ?? '' }))), [watched, initial.criteria]);
  return (
    <Form<Values> form={form} name={name} layout="vertical" initialValues={initial} disabled={pending} onFinish={(values) => onSubmit(values, form)}>
      <Form.Item
        label="Tên bộ chuẩn mực"
        name="title"
        rules={[
          { required: true, whitespace: true, message: 'Vui lòng nhập tên bộ chuẩn mực.' },
          { min: 5, message: 'Tên bộ chuẩn mực quá ngắn.' },
          { max: 300, message: 'Tên dài quá 300 ký tự.' },
        ]}
      >
        <Input autoComplete="off" />
      </Form.Item>
      <div className={styles.subTitle}>Các tiêu chí</div>
      <p className={styles.small}>Có thể nhóm tiêu chí theo các mối quan hệ (với Đảng, Tổ quốc; với nhân dân; với công việc…) hoặc để trống nhóm.</p>
      <Form.List
        name="criteria"
        rules={[
          {
            validator: async (_rule, value: unknown[] | undefined) => {
              if (!value || value.length === 0) throw new Error('Bộ chuẩn mực phải có ít nhất 1 tiêu chí.');
              if (value.length > 40) throw new Error('Bộ chuẩn mực tối đa 40 tiêu chí.');
            },
          },
        ]}
      >
        {(fields, { add, remove }, { errors }) => (
          <>
            {fields.map((field, index) => (
              <div key={field.key} className={styles.criterionRow} role="group" aria-label={`Tiêu chí ${index + 1}`}>
                <span className={styles.criterionNumber} aria-hidden="true">
                  {index + 1}.
                </span>
                <Form.Item name={[field.name, 'group']} className={styles.cGroup}>
                  <AutoComplete options={GROUP_OPTIONS} placeholder="Nhóm (không bắt buộc)" aria-label={`Nhóm của tiêu chí ${index + 1}`} allowClear filterOption={(input, option) => (option?.value ?? '').toLowerCase().includes(input.toLowerCase())} />
                </Form.Item>
                <Form.Item
                  name={[field.name, 'text']}
                  className={styles.cText}
                  rules={[
                    { required: true, whitespace: true, message: 'Vui lòng nhập nội dung tiêu chí.' },
                    { min: 3, message: 'Tiêu chí quá ngắn.' },
                    { max: 1000, message: 'Tiêu chí dài quá 1000 ký tự.' },
                  ]}
                >
                  <Input.TextArea autoSize={{ minRows: 1, maxRows: 5 }} aria-label={`Nội dung tiêu chí ${index + 1}`} placeholder="Ví dụ: Trung thành với Đảng, hết lòng phục vụ nhân dân" />
                </Form.Item>
                <Button className={styles.cRemove} icon={<DeleteOutlined />} aria-label={`Xóa tiêu chí ${index + 1}`} onClick={() => remove(field.name)} disabled={fields.length <= 1 || pending} />
              </div>
            ))}
            <Form.ErrorList errors={errors} />
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ group: fields.length > 0 ? (form.getFieldValue(['criteria', fields.length - 1, 'group']) as string | null) : null, text: '' })} disabled={fields.length >= 40 || pending}>
              Thêm tiêu chí
            </Button>
          </>
        )}
      </Form.List>
      <div style={{ marginTop: 12 }}>
        <LengthWarnings warnings={warnings} />
      </div>
      <Flex gap={8} wrap>
        <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={pending}>
          {saveLabel}
        </Button>
        <Button onClick={onCancel} disabled={pending}>
          Hủy
        </Button>
      </Flex>
    </Form>
  );
}
