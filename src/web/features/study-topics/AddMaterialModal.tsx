import { useQuery } from '@tanstack/react-query';
import { App, Form, Input, Modal, Radio, Select, Spin, Typography } from 'antd';
import type { FormInstance } from 'antd';
import { useState } from 'react';
import { formatDate } from '../../../shared/domain/text';
import { errorMessage } from '../../api/client';
import { documentQueries } from '../../api/documents';
import type { StoredFile, StudyTopic } from '../../api/meetings';
import { FormError } from '../../components/FormError';
import { applyServerErrors } from '../../components/serverErrors';
import { useDebounced } from '../../components/useDebounced';
import { useMe } from '../auth/useMe';
import { FileField } from '../meetings/MeetingFields';
import { useAddMaterial } from './useStudyTopicMutations';

type Source = 'url' | 'file' | 'document';

interface Values {
  title?: string;
  source: Source;
  url?: string;
  documentId?: number;
}

const FORM_NAME = 'add-material';
const FIELD_MAP: Record<string, string> = { 'body.title': 'title', 'body.url': 'url', 'body.documentId': 'documentId' };

/** A registered Party document, found on the server as the user types. */
function DocumentSelect({ id, value, onChange }: { id?: string; value?: number; onChange?: (value: number | undefined) => void }) {
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 300);
  const search = useQuery(documentQueries.list({ q, includeAbove: true, pageSize: 20 }));
  const options = (search.data?.items ?? []).map((doc) => ({ value: doc.id, label: `${doc.symbol} — ${doc.title}`, doc }));
  return (
    <Select<number>
      id={id}
      value={value}
      onChange={(next) => onChange?.(next)}
      style={{ width: '100%' }}
      placeholder="Gõ số, ký hiệu hoặc trích yếu (có thể gõ không dấu)"
      showSearch={{ filterOption: false, onSearch: setText, searchValue: text }}
      options={options}
      loading={search.isFetching}
      virtual={false}
      notFoundContent={
        search.isFetching ? (
          <Spin size="small" />
        ) : search.isError ? (
          <Typography.Text type="danger">{errorMessage(search.error)}</Typography.Text>
        ) : (
          'Không có văn bản phù hợp.'
        )
      }
      optionRender={(option) => (
        <div style={{ whiteSpace: 'normal', lineHeight: 1.35 }}>
          <strong>{option.data.doc.symbol}</strong> · {formatDate(option.data.doc.issuedOn)}
          <div>{option.data.doc.title}</div>
        </div>
      )}
    />
  );
}

/** "Thêm tài liệu": a link, a file (uploaded for the officer's own unit) or a registered document. */
export function AddMaterialModal({ topic, open, onClose }: { topic: StudyTopic; open: boolean; onClose: () => void }) {
  const add = useAddMaterial(topic.id);
  return (
    <Modal
      open={open}
      title="Thêm tài liệu học tập"
      okText="Thêm"
      cancelText="Hủy"
      okButtonProps={{ htmlType: 'submit', form: FORM_NAME }}
      confirmLoading={add.isPending}
      onCancel={onClose}
      destroyOnHidden
      afterClose={() => add.reset()}
    >
      {add.isError ? <FormError error={add.error} /> : null}
      <MaterialForm add={add} onDone={onClose} />
    </Modal>
  );
}

function MaterialForm({ add, onDone }: { add: ReturnType<typeof useAddMaterial>; onDone: () => void }) {
  const me = useMe();
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const source = (Form.useWatch('source', form) as Source | undefined) ?? 'url';
  const [file, setFile] = useState<StoredFile | null>(null);
  const [fileMissing, setFileMissing] = useState(false);

  const submit = (values: Values, instance: FormInstance<Values>) => {
    const title = values.title?.trim() ?? '';
    let body;
    if (values.source === 'url') body = { title, url: values.url?.trim() ?? '' };
    else if (values.source === 'document' && values.documentId !== undefined) body = { title, documentId: values.documentId };
    else if (values.source === 'file') {
      if (!file) {
        setFileMissing(true);
        return;
      }
      body = { title, fileId: file.id };
    }
    if (!body) return;
    add.mutate(body, {
      onSuccess: () => {
        void message.success('Đã thêm tài liệu.');
        onDone();
      },
      onError: (error) => applyServerErrors(instance, error, FIELD_MAP),
    });
  };

  return (
    <Form<Values> form={form} name={FORM_NAME} layout="vertical" initialValues={{ title: '', source: 'url' }} disabled={add.isPending} onFinish={(values) => submit(values, form)}>
      <Form.Item
        label="Tên tài liệu"
        name="title"
        rules={[
          { required: true, whitespace: true, message: 'Vui lòng nhập tên tài liệu.' },
          { min: 2, message: 'Tên tài liệu phải có ít nhất 2 ký tự.' },
          { max: 300, message: 'Tên tài liệu dài quá 300 ký tự.' },
        ]}
      >
        <Input />
      </Form.Item>
      <Form.Item label="Loại tài liệu" name="source">
        <Radio.Group
          optionType="button"
          options={[
            { value: 'url', label: 'Đường dẫn' },
            { value: 'file', label: 'Tệp tải lên' },
            { value: 'document', label: 'Văn bản đã đăng ký' },
          ]}
        />
      </Form.Item>
      {source === 'url' ? (
        <Form.Item
          label="Địa chỉ trang web"
          name="url"
          rules={[
            { required: true, message: 'Vui lòng nhập đường dẫn.' },
            { pattern: /^https?:\/\/\S+$/u, message: 'Đường dẫn phải bắt đầu bằng http:// hoặc https://' },
          ]}
        >
          <Input inputMode="url" placeholder="https://" />
        </Form.Item>
      ) : null}
      {source === 'file' ? (
        <Form.Item label="Chọn tệp" validateStatus={fileMissing && !file ? 'error' : undefined} help={fileMissing && !file ? 'Vui lòng chọn tệp.' : undefined}>
          <FileField unitId={me.scopeUnit.id} file={file} onChange={setFile} buttonText="Chọn tệp" disabled={add.isPending} />
        </Form.Item>
      ) : null}
      {source === 'document' ? (
        <Form.Item label="Chọn văn bản" name="documentId" rules={[{ required: true, message: 'Vui lòng chọn văn bản.' }]}>
          <DocumentSelect />
        </Form.Item>
      ) : null}
    </Form>
  );
}
