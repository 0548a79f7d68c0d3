import { ArrowLeftOutlined, CameraOutlined, DeleteOutlined, PaperClipOutlined, SaveOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Radio, Select, Typography, Upload } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Dispatch, SetStateAction } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { EXEMPLAR_SUBJECT_KINDS, EXEMPLAR_SUBJECT_KIND_LABELS, PHOTO_ACCEPT, SUMMARY_MAX } from '../../../shared/domain/exemplars';
import type { ExemplarSubjectKind } from '../../../shared/domain/exemplars';
import { ATTACHMENT_ACCEPT, formatFileSize } from '../../../shared/domain/files';
import type { ExemplarSubjectInput } from '../../../shared/schemas/exemplars';
import { exemplarQueries } from '../../api/exemplars';
import type { ExemplarDetail } from '../../api/exemplars';
import { unitQueries } from '../../api/units';
import { ForbiddenPage } from '../../components/ForbiddenPage';
import { FormError } from '../../components/FormError';
import { applyServerErrors } from '../../components/serverErrors';
import { ErrorState, LoadingBlock } from '../../components/states';
import { UnitPicker } from '../../components/UnitPicker';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { useMe } from '../auth/useMe';
import { positiveInt, yearParam } from '../meetings/meetingFormat';
import { exemplarLink } from './exemplarFormat';
import { MemberSelect } from './MemberSelect';
import { StoryEditor } from './StoryEditor';
import { useCreateExemplar, useUpdateExemplar } from './useExemplarMutations';
import type { UploadProblem } from './useExemplarMutations';
import styles from './Exemplars.module.css';

interface Values {
  nominatingUnitId?: number;
  year: number;
  subjectKind: ExemplarSubjectKind;
  memberId?: number;
  familyName?: string;
  middleName?: string;
  givenName?: string;
  collectiveUnitId?: number | null;
  collectiveName?: string;
  title: string;
  field?: string;
  summary: string;
  storyHtml?: string;
  decidingUnitId?: number;
}

/** Server paths (`body.subject.memberId`) → form fields. */
const FIELD_MAP: Record<string, string> = {
  'body.nominatingUnitId': 'nominatingUnitId',
  'body.year': 'year',
  'body.subject': 'subjectKind',
  'body.subject.kind': 'subjectKind',
  'body.subject.memberId': 'memberId',
  'body.subject.familyName': 'familyName',
  'body.subject.middleName': 'middleName',
  'body.subject.givenName': 'givenName',
  'body.subject.unitId': 'collectiveUnitId',
  'body.subject.name': 'collectiveName',
  'body.title': 'title',
  'body.field': 'field',
  'body.summary': 'summary',
  'body.storyHtml': 'storyHtml',
  'body.decidingUnitId': 'decidingUnitId',
  'subject.memberId': 'memberId',
  'subject.unitId': 'collectiveUnitId',
  decidingUnitId: 'decidingUnitId',
  nominatingUnitId: 'nominatingUnitId',
  storyHtml: 'storyHtml',
  year: 'year',
};

const KIND_OPTIONS = EXEMPLAR_SUBJECT_KINDS.map((value) => ({ value, label: EXEMPLAR_SUBJECT_KIND_LABELS[value] }));
const CONFLICT_HINT = 'Đề nghị đã được tải lại. Hãy mở lại trang sửa để làm tiếp.';

function yearChoices(thisYear: number) {
  const years: { value: number; label: string }[] = [];
  for (let year = thisYear; year >= 2011; year--) years.push({ value: year, label: `Năm ${year}` });
  return years;
}

function subjectOf(values: Values): ExemplarSubjectInput {
  if (values.subjectKind === 'member') return { kind: 'member', memberId: values.memberId ?? 0 };
  if (values.subjectKind === 'person') {
    return { kind: 'person', familyName: (values.familyName ?? '').trim(), middleName: (values.middleName ?? '').trim(), givenName: (values.givenName ?? '').trim() };
  }
  const name = (values.collectiveName ?? '').trim();
  return { kind: 'collective', unitId: values.collectiveUnitId ?? null, name: name === '' ? null : name };
}

/** "Đề cử điển hình" (/dien-hinh/moi) and "Sửa đề nghị" (/dien-hinh/:id/sua). */
export function ExemplarFormPage() {
  const me = useMe();
  const { id: idParam } = useParams();
  const id = positiveInt(idParam);
  useDocumentTitle(id ? 'Sửa đề nghị điển hình' : 'Đề cử điển hình');
  const detail = useQuery({ ...exemplarQueries.detail(id ?? 0), enabled: id !== undefined });
  if (me.role === 'member') return <ForbiddenPage />;
  if (id === undefined) return <ExemplarForm exemplar={null} />;
  if (detail.isPending) return <LoadingBlock rows={12} />;
  if (detail.isError) return <ErrorState error={detail.error} onRetry={() => void detail.refetch()} />;
  if (!detail.data.can.edit) {
    return (
      <div className={styles.narrow}>
        <Alert type="info" showIcon title="Đề nghị này không sửa được" description="Chỉ đơn vị đề cử sửa đề nghị khi đề nghị ở trạng thái Nháp hoặc Bị trả lại." />
        <p style={{ marginTop: 12 }}>
          <Link to={exemplarLink(detail.data.id)}>
            <ArrowLeftOutlined aria-hidden /> Về đề nghị
          </Link>
        </p>
      </div>
    );
  }
  return <ExemplarForm key={`${detail.data.id}-${detail.data.version}`} exemplar={detail.data} />;
}

interface QueuedPhoto {
  uid: string;
  file: File;
  caption: string;
  preview: string;
}

function ExemplarForm({ exemplar }: { exemplar: ExemplarDetail | null }) {
  const me = useMe();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [params] = useSearchParams();
  const [form] = Form.useForm<Values>();
  const create = useCreateExemplar();
  const update = useUpdateExemplar(exemplar ?? ({ id: 0, version: 0 } as ExemplarDetail));
  const mutation = exemplar ? update : create;
  const thisYear = new Date().getFullYear();
  const isSecretary = me.role === 'cell_secretary';

  const startUnitId = exemplar?.nominatingUnit.id ?? (isSecretary ? me.scopeUnit.id : (positiveInt(params.get('unit')) ?? me.scopeUnit.id));
  const startUnit = useQuery({ ...unitQueries.detail(startUnitId), enabled: startUnitId !== me.scopeUnit.id && !exemplar });
  const startUnitName = exemplar?.nominatingUnit.name ?? (startUnitId === me.scopeUnit.id ? me.scopeUnit.name : startUnit.data?.name);

  const initialValues = useMemo<Values>(() => {
    if (exemplar) {
      const subject = exemplar.subject;
      return {
        nominatingUnitId: exemplar.nominatingUnit.id,
        year: exemplar.year,
        subjectKind: subject.kind,
        ...(subject.memberId !== null ? { memberId: subject.memberId } : {}),
        familyName: subject.kind === 'person' ? (subject.familyName ?? '') : '',
        middleName: subject.kind === 'person' ? (subject.middleName ?? '') : '',
        givenName: subject.kind === 'person' ? (subject.givenName ?? '') : '',
        collectiveUnitId: subject.collectiveUnit?.id ?? null,
        collectiveName: subject.collectiveName ?? '',
        title: exemplar.title,
        field: exemplar.field ?? '',
        summary: exemplar.summary,
        storyHtml: exemplar.storyHtml,
        decidingUnitId: exemplar.decidingUnit.id,
      };
    }
    const year = Math.min(yearParam(params.get('year')), thisYear);
    return { nominatingUnitId: startUnitId, year, subjectKind: 'member', title: '', field: '', summary: '', storyHtml: '', familyName: '', middleName: '', givenName: '', collectiveName: '', collectiveUnitId: null };
  }, [exemplar, params, startUnitId, thisYear]);

  const nominatingUnitId = Form.useWatch('nominatingUnitId', form) ?? initialValues.nominatingUnitId;
  const subjectKind = Form.useWatch('subjectKind', form) ?? initialValues.subjectKind;
  const summary = Form.useWatch('summary', form) ?? '';
  const deciding = useQuery({ ...exemplarQueries.decidingUnits(nominatingUnitId ?? 0), enabled: nominatingUnitId !== undefined });
  const decidingOptions = (deciding.data?.items ?? []).map((unit, index, all) => ({
    value: unit.id,
    label: index === all.length - 1 && all.length > 1 ? `${unit.name} (cấp cao nhất)` : unit.name,
  }));

  // A new nominating unit: the nearest committee decides unless the officer chooses another.
  useEffect(() => {
    if (!deciding.data) return;
    const current = form.getFieldValue('decidingUnitId') as number | undefined;
    if (current === undefined || !deciding.data.items.some((unit) => unit.id === current)) form.setFieldValue('decidingUnitId', deciding.data.items[0]?.id);
  }, [deciding.data, form]);

  const [photos, setPhotos] = useState<QueuedPhoto[]>([]);
  const [evidence, setEvidence] = useState<{ uid: string; file: File }[]>([]);
  // Previews live until the page goes away.
  const previews = useRef<string[]>([]);
  useEffect(() => {
    const urls = previews.current;
    return () => urls.forEach((url) => URL.revokeObjectURL(url));
  }, []);
  const trackPreview = (url: string) => previews.current.push(url);

  const onFinish = (values: Values) => {
    const subject = subjectOf(values);
    const field = (values.field ?? '').trim();
    const common = {
      year: values.year,
      subject,
      title: values.title.trim(),
      field: field === '' ? null : field,
      summary: values.summary.trim(),
      storyHtml: values.storyHtml ?? '',
      ...(values.decidingUnitId !== undefined ? { decidingUnitId: values.decidingUnitId } : {}),
    };
    const onError = (error: unknown) => applyServerErrors(form, error, FIELD_MAP);
    if (exemplar) {
      update.mutate(common, {
        onSuccess: (saved) => {
          void message.success('Đã lưu đề nghị.');
          void navigate(exemplarLink(saved.id));
        },
        onError,
      });
      return;
    }
    if (values.nominatingUnitId === undefined || values.decidingUnitId === undefined) return;
    create.mutate(
      {
        body: { nominatingUnitId: values.nominatingUnitId, decidingUnitId: values.decidingUnitId, ...common },
        photos: photos.map((photo) => ({ file: photo.file, caption: photo.caption })),
        evidence: evidence.map((item) => item.file),
      },
      {
        onSuccess: ({ saved, problems }) => {
          void message.success('Đã lưu đề nghị (nháp). Kiểm tra lại rồi bấm "Gửi đề cử".');
          void navigate(exemplarLink(saved.id), { state: { uploadProblems: problems satisfies UploadProblem[] } });
        },
        onError,
      },
    );
  };

  const backLink = exemplar ? exemplarLink(exemplar.id) : '/dien-hinh';

  return (
    <div className={styles.narrow}>
      <p style={{ margin: '0 0 4px' }}>
        <Link to={backLink}>
          <ArrowLeftOutlined aria-hidden /> {exemplar ? 'Về đề nghị' : 'Điển hình tiên tiến'}
        </Link>
      </p>
      <Typography.Title level={1} className="page-title">
        {exemplar ? 'Sửa đề nghị điển hình' : 'Đề cử điển hình'}
      </Typography.Title>
      {mutation.isError ? <FormError error={mutation.error} conflictHint={CONFLICT_HINT} /> : null}
      <section className={styles.section}>
        <div className={styles.sectionBody}>
          <Form<Values> form={form} name="exemplar" layout="vertical" initialValues={initialValues} disabled={mutation.isPending} onFinish={onFinish} scrollToFirstError>
            <div className={styles.formRow}>
              <Form.Item label="Đơn vị đề cử" name="nominatingUnitId" rules={[{ required: true, message: 'Vui lòng chọn đơn vị đề cử.' }]} style={{ flex: '2 1 260px' }}>
                {exemplar || isSecretary ? (
                  <FixedUnit name={startUnitName ?? ''} />
                ) : (
                  <UnitPicker within={me.scopeUnit.id} initial={startUnitName ? { id: startUnitId, name: startUnitName } : null} />
                )}
              </Form.Item>
              <Form.Item label="Năm" name="year" rules={[{ required: true, message: 'Vui lòng chọn năm.' }]} style={{ flex: '1 1 140px' }}>
                <Select options={yearChoices(thisYear)} />
              </Form.Item>
            </div>

            <Form.Item label="Đối tượng đề cử" name="subjectKind">
              <Radio.Group options={KIND_OPTIONS} optionType="button" buttonStyle="solid" />
            </Form.Item>
            {subjectKind === 'member' ? (
              <Form.Item label="Đảng viên được đề cử" name="memberId" rules={[{ required: true, message: 'Vui lòng chọn đảng viên.' }]} extra="Đảng viên đang sinh hoạt ở đơn vị đề cử hoặc đơn vị trực thuộc.">
                <MemberSelect
                  unitId={nominatingUnitId ?? me.scopeUnit.id}
                  initial={exemplar?.subject.kind === 'member' && exemplar.subject.memberId !== null ? { id: exemplar.subject.memberId, name: exemplar.subject.displayName } : null}
                />
              </Form.Item>
            ) : null}
            {subjectKind === 'person' ? (
              <div className={styles.formRow}>
                <Form.Item label="Họ" name="familyName" rules={[{ required: true, whitespace: true, message: 'Vui lòng nhập họ.' }, { max: 60, message: 'Dài quá 60 ký tự.' }]}>
                  <Input autoComplete="off" placeholder="Nguyễn" />
                </Form.Item>
                <Form.Item label="Tên đệm" name="middleName" rules={[{ max: 60, message: 'Dài quá 60 ký tự.' }]}>
                  <Input autoComplete="off" placeholder="Thị Thu" />
                </Form.Item>
                <Form.Item label="Tên" name="givenName" rules={[{ required: true, whitespace: true, message: 'Vui lòng nhập tên.' }, { max: 60, message: 'Dài quá 60 ký tự.' }]}>
                  <Input autoComplete="off" placeholder="Hà" />
                </Form.Item>
              </div>
            ) : null}
            {subjectKind === 'collective' ? (
              <>
                <Form.Item label="Tập thể là đơn vị trong cây tổ chức" name="collectiveUnitId" extra="Đơn vị đề cử hoặc một đơn vị trực thuộc; để trống nếu tập thể không phải tổ chức đảng (tổ dân phố, trường học…).">
                  <UnitPicker within={nominatingUnitId ?? me.scopeUnit.id} allowClear initial={exemplar?.subject.collectiveUnit ?? null} />
                </Form.Item>
                <Form.Item
                  label="Hoặc tên tập thể"
                  name="collectiveName"
                  dependencies={['collectiveUnitId']}
                  rules={[
                    ({ getFieldValue }) => ({
                      validator: async (_rule, value: string | undefined) => {
                        if (!getFieldValue('collectiveUnitId') && !(value ?? '').trim()) throw new Error('Chọn một đơn vị trong cây hoặc nhập tên tập thể.');
                        if ((value ?? '').trim().length > 0 && (value ?? '').trim().length < 3) throw new Error('Tên tập thể quá ngắn.');
                      },
                    }),
                    { max: 200, message: 'Dài quá 200 ký tự.' },
                  ]}
                >
                  <Input autoComplete="off" placeholder="Ví dụ: Tổ dân phố số 3, khu phố Đình" />
                </Form.Item>
              </>
            ) : null}

            <Form.Item
              label="Tiêu đề"
              name="title"
              rules={[{ required: true, whitespace: true, message: 'Vui lòng nhập tiêu đề.' }, { min: 5, message: 'Tiêu đề quá ngắn.' }, { max: 300, message: 'Dài quá 300 ký tự.' }]}
            >
              <Input autoComplete="off" placeholder="Ví dụ: Người đảng viên tận tụy với công tác dân vận ở khu phố" />
            </Form.Item>
            <Form.Item label="Lĩnh vực" name="field" rules={[{ max: 200, message: 'Dài quá 200 ký tự.' }]}>
              <Input autoComplete="off" placeholder="Ví dụ: Dân vận, Xây dựng nông thôn mới, Giáo dục" />
            </Form.Item>
            <Form.Item
              label="Tóm tắt thành tích"
              name="summary"
              extra={`${summary.length}/${SUMMARY_MAX} ký tự`}
              rules={[{ required: true, whitespace: true, message: 'Vui lòng tóm tắt thành tích.' }, { min: 10, message: 'Tóm tắt quá ngắn.' }, { max: SUMMARY_MAX, message: `Dài quá ${SUMMARY_MAX} ký tự.` }]}
            >
              <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} placeholder="Vài câu nêu rõ việc làm, kết quả, sự lan tỏa" />
            </Form.Item>
            <Form.Item label="Câu chuyện" name="storyHtml" extra="Kể lại việc làm tốt: định dạng đậm, nghiêng, danh sách, trích dẫn, liên kết. Hệ thống tự bỏ định dạng không được phép.">
              <StoryEditor aria-label="Câu chuyện" placeholder="Kể câu chuyện về tấm gương…" />
            </Form.Item>
            <Form.Item
              label="Cấp xét công nhận"
              name="decidingUnitId"
              rules={[{ required: true, message: 'Vui lòng chọn cấp xét công nhận.' }]}
              extra="Đề nghị lần lượt qua các cấp ủy cấp trên để xác minh; cấp xét công nhận xác minh cuối cùng và ghi khen thưởng."
            >
              <Select loading={deciding.isFetching} options={decidingOptions} showSearch={{ optionFilterProp: 'label' }} placeholder="Chọn cấp ủy" notFoundContent="Không có cấp ủy nào" />
            </Form.Item>

            {exemplar ? null : (
              <>
                <PhotoQueue photos={photos} setPhotos={setPhotos} onPreview={trackPreview} />
                <EvidenceQueue files={evidence} setFiles={setEvidence} />
              </>
            )}

            <div className={styles.actions} style={{ marginTop: 8 }}>
              <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={mutation.isPending}>
                {exemplar ? 'Lưu' : 'Lưu đề nghị'}
              </Button>
              <Button onClick={() => void navigate(backLink)} disabled={mutation.isPending}>
                Hủy
              </Button>
            </div>
            {exemplar ? null : <p className={styles.small} style={{ marginTop: 8 }}>Đề nghị được lưu ở trạng thái Nháp; bấm &quot;Gửi đề cử&quot; ở trang đề nghị để gửi cấp trên xác minh.</p>}
          </Form>
        </div>
      </section>
    </div>
  );
}

/** A read-only unit in a form (the nominating unit is fixed once chosen, or by the account's scope). */
function FixedUnit({ id, name }: { id?: string; name: string; value?: number }) {
  return <Input id={id} value={name} readOnly aria-readonly="true" variant="filled" />;
}

function PhotoQueue({ photos, setPhotos, onPreview }: { photos: QueuedPhoto[]; setPhotos: Dispatch<SetStateAction<QueuedPhoto[]>>; onPreview: (url: string) => void }) {
  return (
    <Form.Item label="Ảnh" extra="Ảnh JPEG, PNG hoặc WebP, tối đa 10 MB mỗi ảnh; hệ thống thu nhỏ ảnh và xóa thông tin vị trí chụp khi tải lên.">
      <Upload
        accept={PHOTO_ACCEPT}
        multiple
        showUploadList={false}
        beforeUpload={(file) => {
          const preview = URL.createObjectURL(file);
          onPreview(preview);
          setPhotos((current) => [...current, { uid: file.uid, file, caption: '', preview }]);
          return false;
        }}
      >
        <Button icon={<CameraOutlined />}>Chọn ảnh</Button>
      </Upload>
      {photos.length > 0 ? (
        <ul className={styles.uploadList} aria-label="Ảnh đã chọn">
          {photos.map((photo, index) => (
            <li key={photo.uid}>
              <img className={styles.thumb} src={photo.preview} alt="" />
              <Input
                size="small"
                aria-label={`Chú thích ảnh ${index + 1}`}
                placeholder={`Chú thích (${photo.file.name})`}
                value={photo.caption}
                maxLength={300}
                onChange={(event) => {
                  const caption = event.target.value;
                  setPhotos((current) => current.map((item) => (item.uid === photo.uid ? { ...item, caption } : item)));
                }}
              />
              <span className={`${styles.small} ${styles.nowrap}`}>{formatFileSize(photo.file.size)}</span>
              <Button
                size="small"
                type="text"
                icon={<DeleteOutlined />}
                aria-label={`Bỏ ảnh ${photo.file.name}`}
                onClick={() => setPhotos((current) => current.filter((item) => item.uid !== photo.uid))}
              />
            </li>
          ))}
        </ul>
      ) : null}
    </Form.Item>
  );
}

function EvidenceQueue({ files, setFiles }: { files: { uid: string; file: File }[]; setFiles: Dispatch<SetStateAction<{ uid: string; file: File }[]>> }) {
  return (
    <Form.Item label="Minh chứng" extra="PDF, Word (DOCX), ảnh PNG hoặc JPEG, tối đa 20 MB mỗi tệp.">
      <Upload
        accept={ATTACHMENT_ACCEPT}
        multiple
        showUploadList={false}
        beforeUpload={(file) => {
          setFiles((current) => [...current, { uid: file.uid, file }]);
          return false;
        }}
      >
        <Button icon={<PaperClipOutlined />}>Chọn tệp minh chứng</Button>
      </Upload>
      {files.length > 0 ? (
        <ul className={styles.uploadList} aria-label="Minh chứng đã chọn">
          {files.map((item) => (
            <li key={item.uid}>
              <PaperClipOutlined aria-hidden />
              <span>{item.file.name}</span>
              <span className={`${styles.small} ${styles.nowrap}`}>{formatFileSize(item.file.size)}</span>
              <Button size="small" type="text" icon={<DeleteOutlined />} aria-label={`Bỏ tệp ${item.file.name}`} onClick={() => setFiles((current) => current.filter((other) => other.uid !== item.uid))} />
            </li>
          ))}
        </ul>
      ) : null}
    </Form.Item>
  );
}
