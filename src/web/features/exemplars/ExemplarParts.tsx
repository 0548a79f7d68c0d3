import { CameraOutlined, DeleteOutlined, LinkOutlined, NotificationOutlined, PaperClipOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Form, Input, Modal, Popconfirm, Select, Table, Upload } from 'antd';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { PHOTO_ACCEPT, PHOTOS_PER_EXEMPLAR } from '../../../shared/domain/exemplars';
import { ATTACHMENT_ACCEPT, formatFileSize } from '../../../shared/domain/files';
import { formatDate, viCollator } from '../../../shared/domain/text';
import { errorMessage } from '../../api/client';
import { exemplarFileUrls, publicityQueries } from '../../api/exemplars';
import type { ExemplarDetail } from '../../api/exemplars';
import { DATE_INPUT_FORMATS, toIsoDate } from '../../components/dates';
import { FormError } from '../../components/FormError';
import { applyServerErrors } from '../../components/serverErrors';
import { EmptyState } from '../../components/states';
import { useAddEvidence, useAddPhoto, useAddPublicity, useRemoveExemplarPart } from './useExemplarMutations';
import styles from './Exemplars.module.css';

export function Section({ id, title, extra, children }: { id: string; title: ReactNode; extra?: ReactNode; children: ReactNode }) {
  return (
    <section className={styles.section} aria-labelledby={id}>
      <div className={styles.sectionHead}>
        <h2 className={styles.sectionTitle} id={id}>
          {title}
        </h2>
        {extra}
      </div>
      <div className={styles.sectionBody}>{children}</div>
    </section>
  );
}

/** Photos (resized and stripped on the server); uploaded one by one, each refusal shown with the server's words. */
export function PhotosSection({ exemplar }: { exemplar: ExemplarDetail }) {
  const add = useAddPhoto(exemplar);
  const remove = useRemoveExemplarPart(exemplar);
  const { message } = App.useApp();
  const [problems, setProblems] = useState<{ name: string; message: string }[]>([]);
  const [uploading, setUploading] = useState(0);
  const full = exemplar.photos.length >= PHOTOS_PER_EXEMPLAR;

  // One upload at a time, in the order chosen: each answer is the new detail.
  const queue = useRef<Promise<void>>(Promise.resolve());
  const upload = (file: File) => {
    setUploading((count) => count + 1);
    queue.current = queue.current.then(async () => {
      try {
        await add.mutateAsync({ file });
        setProblems((current) => current.filter((problem) => problem.name !== file.name));
      } catch (error) {
        setProblems((current) => [...current.filter((problem) => problem.name !== file.name), { name: file.name, message: errorMessage(error) }]);
      } finally {
        setUploading((count) => count - 1);
      }
    });
  };

  return (
    <Section
      id="photos-title"
      title={`Ảnh (${exemplar.photos.length})`}
      extra={
        exemplar.can.addPhoto ? (
          <Upload
            accept={PHOTO_ACCEPT}
            multiple
            showUploadList={false}
            disabled={full}
            beforeUpload={(file) => {
              upload(file);
              return false;
            }}
          >
            <Button size="small" icon={<CameraOutlined />} loading={uploading > 0} disabled={full}>
              Thêm ảnh
            </Button>
          </Upload>
        ) : null
      }
    >
      {problems.map((problem) => (
        <Alert
          key={problem.name}
          type="error"
          showIcon
          role="alert"
          closable={{ onClose: () => setProblems((current) => current.filter((item) => item.name !== problem.name)) }}
          title={`Không tải được ảnh "${problem.name}"`}
          description={problem.message}
          style={{ marginBottom: 8 }}
        />
      ))}
      {exemplar.photos.length === 0 ? (
        <p className={styles.small} style={{ margin: 0 }}>
          Chưa có ảnh.{exemplar.can.addPhoto ? ' Ảnh JPEG, PNG hoặc WebP, tối đa 10 MB; hệ thống thu nhỏ ảnh và xóa thông tin vị trí chụp.' : ''}
        </p>
      ) : (
        <div className={styles.photos}>
          {exemplar.photos.map((photo) => (
            <figure key={photo.id} className={styles.photo}>
              <a href={exemplarFileUrls.photo(exemplar.id, photo.id)} target="_blank" rel="noreferrer">
                <img src={exemplarFileUrls.photo(exemplar.id, photo.id)} alt={photo.caption ?? `Ảnh ${photo.name}`} loading="lazy" />
              </a>
              <figcaption>
                {photo.caption ?? photo.name}
                {exemplar.can.addPhoto ? (
                  <Popconfirm
                    title="Bỏ ảnh này?"
                    okText="Bỏ ảnh"
                    cancelText="Không"
                    onConfirm={() => remove.mutate({ kind: 'photo', fileId: photo.id }, { onError: (error) => void message.error(errorMessage(error)) })}
                  >
                    <Button size="small" type="text" icon={<DeleteOutlined />} aria-label={`Bỏ ảnh ${photo.name}`} />
                  </Popconfirm>
                ) : null}
              </figcaption>
            </figure>
          ))}
        </div>
      )}
    </Section>
  );
}

export function EvidenceSection({ exemplar }: { exemplar: ExemplarDetail }) {
  const add = useAddEvidence(exemplar);
  const remove = useRemoveExemplarPart(exemplar);
  const { message } = App.useApp();
  const [problem, setProblem] = useState<string | null>(null);
  const canChange = exemplar.can.edit;
  return (
    <Section
      id="evidence-title"
      title={`Minh chứng (${exemplar.evidence.length})`}
      extra={
        canChange ? (
          <Upload
            accept={ATTACHMENT_ACCEPT}
            showUploadList={false}
            beforeUpload={(file) => {
              setProblem(null);
              add.mutate(file, { onError: (error) => setProblem(`${file.name}: ${errorMessage(error)}`) });
              return false;
            }}
          >
            <Button size="small" icon={<UploadOutlined />} loading={add.isPending}>
              Đính kèm
            </Button>
          </Upload>
        ) : null
      }
    >
      {problem ? <Alert type="error" showIcon role="alert" title={problem} style={{ marginBottom: 8 }} /> : null}
      {exemplar.evidence.length === 0 ? (
        <p className={styles.small} style={{ margin: 0 }}>
          Chưa có minh chứng.
        </p>
      ) : (
        <ul className={styles.fileList}>
          {exemplar.evidence.map((file) => (
            <li key={file.id}>
              <a href={exemplarFileUrls.evidence(exemplar.id, file.id)} download>
                <PaperClipOutlined aria-hidden /> {file.name}
              </a>
              <span className={styles.small}>{formatFileSize(file.size)}</span>
              {canChange ? (
                <Popconfirm
                  title="Gỡ minh chứng này?"
                  okText="Gỡ"
                  cancelText="Không"
                  onConfirm={() => remove.mutate({ kind: 'evidence', fileId: file.id }, { onError: (error) => void message.error(errorMessage(error)) })}
                >
                  <Button size="small" type="text" icon={<DeleteOutlined />} aria-label={`Gỡ ${file.name}`} />
                </Popconfirm>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

/** The publicity ledger of one exemplar: where and when it was published. */
export function PublicitySection({ exemplar }: { exemplar: ExemplarDetail }) {
  const [adding, setAdding] = useState(false);
  const remove = useRemoveExemplarPart(exemplar);
  const { message } = App.useApp();
  const canChange = exemplar.can.addPublicity;
  const entries = [...exemplar.publicity].sort((a, b) => b.publishedOn.localeCompare(a.publishedOn) || viCollator.compare(a.title, b.title));
  return (
    <Section
      id="publicity-title"
      title={`Tuyên truyền (${exemplar.publicity.length})`}
      extra={
        canChange ? (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            Thêm tin tuyên truyền
          </Button>
        ) : null
      }
    >
      {entries.length === 0 ? (
        <EmptyState
          description={
            exemplar.state === 'approved' || exemplar.state === 'commended'
              ? 'Chưa ghi tin, bài tuyên truyền nào về tấm gương này.'
              : 'Tấm gương được tuyên truyền sau khi được xác minh.'
          }
        />
      ) : (
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={entries}
          scroll={{ x: 'max-content' }}
          columns={[
            { title: 'Ngày', key: 'date', width: 100, render: (_v, row) => formatDate(row.publishedOn) },
            { title: 'Kênh', key: 'channel', render: (_v, row) => row.channel.name },
            {
              title: 'Tin, bài',
              key: 'title',
              render: (_v, row) => (
                <span style={{ overflowWrap: 'anywhere' }}>
                  {row.url ? (
                    <a href={row.url} target="_blank" rel="noopener noreferrer nofollow">
                      {row.title} <LinkOutlined aria-hidden />
                    </a>
                  ) : (
                    row.title
                  )}
                  {row.file ? (
                    <>
                      {' '}
                      <a href={exemplarFileUrls.publicityFile(row.id)} download aria-label={`Tệp ${row.file.name}`}>
                        <PaperClipOutlined aria-hidden /> {row.file.name}
                      </a>
                    </>
                  ) : null}
                </span>
              ),
            },
            { title: 'Người ghi', key: 'by', render: (_v, row) => row.recordedBy },
            ...(canChange
              ? [
                  {
                    title: '',
                    key: 'remove',
                    width: 48,
                    render: (_v: unknown, row: ExemplarDetail['publicity'][number]) => (
                      <Popconfirm
                        title="Xóa tin tuyên truyền ghi nhầm?"
                        okText="Xóa"
                        cancelText="Không"
                        onConfirm={() => remove.mutate({ kind: 'publicity', entryId: row.id }, { onError: (error) => void message.error(errorMessage(error)) })}
                      >
                        <Button size="small" type="text" icon={<DeleteOutlined />} aria-label={`Xóa ${row.title}`} />
                      </Popconfirm>
                    ),
                  },
                ]
              : []),
          ]}
        />
      )}
      {canChange ? <PublicityModal open={adding} exemplar={exemplar} onClose={() => setAdding(false)} /> : null}
    </Section>
  );
}

interface PublicityValues {
  channelId?: number;
  publishedOn?: Dayjs;
  title: string;
  url?: string;
}

const PUBLICITY_FIELDS: Record<string, string> = {
  'body.channelId': 'channelId',
  'body.publishedOn': 'publishedOn',
  'body.title': 'title',
  'body.url': 'url',
  channelId: 'channelId',
  publishedOn: 'publishedOn',
};

function PublicityModal({ open, exemplar, onClose }: { open: boolean; exemplar: ExemplarDetail; onClose: () => void }) {
  const [form] = Form.useForm<PublicityValues>();
  const add = useAddPublicity(exemplar);
  const { message } = App.useApp();
  const channels = useQuery({ ...publicityQueries.channels(), enabled: open });
  const [file, setFile] = useState<File | null>(null);
  const options = (channels.data?.items ?? []).filter((channel) => channel.active).map((channel) => ({ value: channel.id, label: channel.name }));

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue({ channelId: undefined, publishedOn: dayjs(), title: exemplar.title, url: '' });
  }, [open, form, exemplar.title]);

  return (
    <Modal
      open={open}
      title="Thêm tin tuyên truyền"
      okText="Ghi"
      cancelText="Hủy"
      okButtonProps={{ htmlType: 'submit', form: `publicity-${exemplar.id}` }}
      confirmLoading={add.isPending}
      onCancel={onClose}
      forceRender
      afterClose={() => {
        add.reset();
        setFile(null);
      }}
    >
      {add.isError ? <FormError error={add.error} /> : null}
      <Form<PublicityValues>
        form={form}
        name={`publicity-${exemplar.id}`}
        layout="vertical"
        disabled={add.isPending}
        onFinish={(values) => {
          if (values.channelId === undefined || !values.publishedOn) return;
          const url = (values.url ?? '').trim();
          add.mutate(
            { body: { channelId: values.channelId, publishedOn: toIsoDate(values.publishedOn), title: values.title.trim(), url: url === '' ? null : url }, file },
            {
              onSuccess: () => {
                void message.success('Đã ghi tin tuyên truyền.');
                onClose();
              },
              onError: (error) => applyServerErrors(form, error, PUBLICITY_FIELDS),
            },
          );
        }}
      >
        <Form.Item label="Kênh" name="channelId" rules={[{ required: true, message: 'Vui lòng chọn kênh tuyên truyền.' }]}>
          <Select options={options} loading={channels.isPending} showSearch={{ optionFilterProp: 'label' }} placeholder="Báo, đài, bản tin, thông tin sinh hoạt chi bộ…" />
        </Form.Item>
        <Form.Item label="Ngày đăng, phát" name="publishedOn" rules={[{ required: true, message: 'Vui lòng chọn ngày.' }]}>
          <DatePicker format={DATE_INPUT_FORMATS} placeholder="dd/mm/yyyy" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item label="Tên tin, bài" name="title" rules={[{ required: true, whitespace: true, message: 'Vui lòng nhập tên tin, bài.' }, { min: 3, message: 'Quá ngắn.' }, { max: 500, message: 'Dài quá 500 ký tự.' }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item
          label="Đường dẫn (nếu có)"
          name="url"
          rules={[{ max: 1000, message: 'Dài quá 1000 ký tự.' }, { pattern: /^(https?:\/\/\S+)?$/iu, message: 'Đường dẫn phải bắt đầu bằng http:// hoặc https://.' }]}
        >
          <Input autoComplete="off" inputMode="url" placeholder="https://baobacninh.vn/…" />
        </Form.Item>
        <div className={styles.fileLine}>
          <span>Tệp (bản chụp, bản scan):</span>
          {file ? (
            <>
              <span>
                <PaperClipOutlined aria-hidden /> {file.name}
              </span>
              <Button size="small" icon={<DeleteOutlined />} onClick={() => setFile(null)}>
                Bỏ tệp
              </Button>
            </>
          ) : (
            <span className={styles.small}>chưa chọn</span>
          )}
          <Upload
            accept={ATTACHMENT_ACCEPT}
            showUploadList={false}
            beforeUpload={(chosen) => {
              setFile(chosen);
              return false;
            }}
          >
            <Button size="small" icon={<NotificationOutlined />}>
              {file ? 'Chọn tệp khác' : 'Chọn tệp'}
            </Button>
          </Upload>
        </div>
      </Form>
    </Modal>
  );
}
