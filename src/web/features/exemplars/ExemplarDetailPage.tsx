import { ArrowLeftOutlined, ExportOutlined, TrophyOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Descriptions, Steps, Typography } from 'antd';
import { Link, useLocation, useParams } from 'react-router-dom';
import { publicStoryPath } from '../../../shared/domain/public-stories';
import { COMMENDATION_FORM_LABELS, EXEMPLAR_STEP_LABELS, EXEMPLAR_SUBJECT_KIND_LABELS } from '../../../shared/domain/exemplars';
import { formatDate } from '../../../shared/domain/text';
import { exemplarQueries } from '../../api/exemplars';
import type { ExemplarDetail } from '../../api/exemplars';
import { ForbiddenPage } from '../../components/ForbiddenPage';
import { ErrorState, LoadingBlock } from '../../components/states';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { useMe } from '../auth/useMe';
import { positiveInt } from '../meetings/meetingFormat';
import { ExemplarActions } from './ExemplarActions';
import { EvidenceSection, PhotosSection, PublicitySection, Section } from './ExemplarParts';
import { ExemplarStateTag, PublicTag, formatWhen, levelStatusLabel, stepStatus, whereNow } from './exemplarFormat';
import type { UploadProblem } from './useExemplarMutations';
import styles from './Exemplars.module.css';

/** One nomination: subject, story, photos, evidence, the approval chain, history, commendation, publicity. */
export function ExemplarDetailPage() {
  const me = useMe();
  const { id: idParam } = useParams();
  const id = positiveInt(idParam);
  const detail = useQuery({ ...exemplarQueries.detail(id ?? 0), enabled: id !== undefined && me.role !== 'member' });
  useDocumentTitle(detail.data ? detail.data.subject.displayName : 'Điển hình tiên tiến');
  if (me.role === 'member') return <ForbiddenPage />;
  if (id === undefined) return <ErrorState error={new Error('not found')} title="Không tìm thấy đề nghị" />;
  if (detail.isPending) return <LoadingBlock rows={12} />;
  if (detail.isError) {
    return (
      <div className={styles.narrow}>
        <BackLink />
        <ErrorState error={detail.error} onRetry={() => void detail.refetch()} />
      </div>
    );
  }
  return <DetailBody exemplar={detail.data} />;
}

function BackLink() {
  return (
    <p style={{ margin: '0 0 4px' }}>
      <Link to="/dien-hinh">
        <ArrowLeftOutlined aria-hidden /> Điển hình tiên tiến
      </Link>
    </p>
  );
}

function DetailBody({ exemplar }: { exemplar: ExemplarDetail }) {
  const location = useLocation();
  const problems = ((location.state as { uploadProblems?: UploadProblem[] } | null)?.uploadProblems ?? []).filter((problem) => problem.message);
  const { subject } = exemplar;
  const publicPath = publicStoryPath(exemplar.id, exemplar.title);

  const subjectItems = [
    { key: 'kind', label: 'Đối tượng', children: EXEMPLAR_SUBJECT_KIND_LABELS[subject.kind] },
    ...(subject.kind === 'member' && subject.memberId !== null
      ? [
          {
            key: 'member',
            label: 'Đảng viên',
            children: (
              <span>
                <Link to={`/dang-vien/${subject.memberId}`}>{subject.displayName}</Link>
                {subject.memberUnit ? ` · ${subject.memberUnit.name}` : ''}
              </span>
            ),
          },
        ]
      : []),
    ...(subject.kind === 'person' ? [{ key: 'person', label: 'Họ và tên', children: subject.displayName }] : []),
    ...(subject.kind === 'collective' ? [{ key: 'collective', label: 'Tập thể', children: subject.collectiveUnit?.name ?? subject.collectiveName ?? subject.displayName }] : []),
    { key: 'year', label: 'Năm', children: exemplar.year },
    ...(exemplar.field ? [{ key: 'field', label: 'Lĩnh vực', children: exemplar.field }] : []),
    { key: 'nominating', label: 'Đơn vị đề cử', children: exemplar.nominatingUnit.name },
    { key: 'deciding', label: 'Cấp xét công nhận', children: exemplar.decidingUnit.name },
    { key: 'created', label: 'Người lập', children: `${exemplar.createdBy}, ${formatWhen(exemplar.createdAt)}` },
  ];

  return (
    <div className={styles.pageWide}>
      <BackLink />
      <div className={styles.detailHead}>
        <Typography.Title level={1} className={`page-title ${styles.detailTitle}`}>
          {subject.displayName}
        </Typography.Title>
        <div className={styles.tags}>
          <ExemplarStateTag state={exemplar.state} />
          {exemplar.isPublic ? <PublicTag /> : null}
        </div>
      </div>
      <p className={styles.muted} style={{ fontSize: 16, color: 'rgba(0,0,0,0.8)' }}>
        {exemplar.title}
      </p>
      {problems.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          role="alert"
          style={{ marginBottom: 12 }}
          title="Đề nghị đã lưu, nhưng có tệp chưa tải lên được"
          description={
            <ul style={{ margin: 0, paddingLeft: 18 }}>
              {problems.map((problem) => (
                <li key={problem.name}>
                  <strong>{problem.name}</strong>: {problem.message}
                </li>
              ))}
            </ul>
          }
        />
      ) : null}
      <div className={styles.grid}>
        <div className={styles.gridMain}>
          <Section id="summary-title" title="Thành tích">
            <Descriptions column={{ xs: 1, sm: 1, md: 2 }} size="small" items={subjectItems} />
            <h3 className={styles.sectionTitle} style={{ fontSize: 15, margin: '12px 0 4px' }}>
              Tóm tắt
            </h3>
            <p className={styles.story} style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
              {exemplar.summary}
            </p>
          </Section>
          <Section id="story-title" title="Câu chuyện">
            {exemplar.storyHtml ? (
              // Sanitised on the server (a short allow-list: paragraphs, emphasis, lists, quotes, headings, links).
              <div className={styles.story} data-testid="story" dangerouslySetInnerHTML={{ __html: exemplar.storyHtml }} />
            ) : (
              <p className={styles.small} style={{ margin: 0 }}>
                Chưa có câu chuyện.
              </p>
            )}
          </Section>
          <PhotosSection exemplar={exemplar} />
          <EvidenceSection exemplar={exemplar} />
          <PublicitySection exemplar={exemplar} />
        </div>
        <div className={styles.gridStatus}>
          <Section id="status-title" title="Tình trạng">
            <p className={styles.small} style={{ marginTop: 0 }} data-testid="where-now">
              {whereNow(exemplar)}
            </p>
            <ExemplarActions exemplar={exemplar} />
            {exemplar.isPublic ? (
              <p style={{ margin: '12px 0 0' }}>
                <a href={publicPath} target="_blank" rel="noopener">
                  <ExportOutlined aria-hidden /> Xem trên trang công khai
                </a>
                {exemplar.publishedAt ? <span className={styles.small}> · từ {formatWhen(exemplar.publishedAt)}</span> : null}
              </p>
            ) : null}
          </Section>
          {exemplar.commendation ? <CommendationBox exemplar={exemplar} /> : null}
        </div>
        <div className={styles.gridChain}>
          <Section id="chain-title" title="Các cấp xác minh">
            <ChainSteps exemplar={exemplar} />
          </Section>
          <Section id="history-title" title={`Lịch sử (${exemplar.steps.length})`}>
            <History exemplar={exemplar} />
          </Section>
        </div>
      </div>
    </div>
  );
}

function CommendationBox({ exemplar }: { exemplar: ExemplarDetail }) {
  const c = exemplar.commendation;
  if (!c) return null;
  return (
    <div className={styles.commendation} data-testid="commendation">
      <TrophyOutlined aria-hidden style={{ color: '#d48806' }} /> <strong>{c.title ?? COMMENDATION_FORM_LABELS[c.form]}</strong>
      <div className={styles.small}>
        Quyết định số {c.decisionSymbol} ngày {formatDate(c.decisionDate)}
        {c.decisionDocument ? (
          <>
            {' '}
            · <Link to={`/van-ban/${c.decisionDocument.id}`}>xem văn bản</Link>
          </>
        ) : null}
        {c.commendedBy ? ` · ghi bởi ${c.commendedBy}` : ''}
      </div>
    </div>
  );
}

/** The levels that verify, nearest first; the nominating unit's own step on top. */
function ChainSteps({ exemplar }: { exemplar: ExemplarDetail }) {
  const sent = exemplar.state !== 'draft';
  const items = [
    {
      key: 'nominating',
      status: sent ? ('finish' as const) : ('process' as const),
      title: exemplar.nominatingUnit.name,
      content: <span className={styles.small}>{sent ? 'Đơn vị đề cử: đã gửi' : 'Đơn vị đề cử: đang soạn'}</span>,
    },
    ...exemplar.chain.map((level, index) => ({
      key: `${level.unit.id}-${index}`,
      status: stepStatus(level.status),
      title: (
        <span>
          {level.unit.name}
          {level.isDeciding ? <span className={styles.small}> · cấp xét công nhận</span> : null}
        </span>
      ),
      content: (
        <div data-testid="chain-level" data-status={level.status}>
          <div>{levelStatusLabel(level.status)}</div>
          {level.actedBy || level.actedAt ? (
            <div className={styles.small}>
              {level.actedBy ?? ''}
              {level.actedAt ? `, ${formatWhen(level.actedAt)}` : ''}
            </div>
          ) : null}
          {level.comment ? <p className={styles.comment}>{level.comment}</p> : null}
        </div>
      ),
    })),
  ];
  return <Steps orientation="vertical" size="small" items={items} />;
}

function History({ exemplar }: { exemplar: ExemplarDetail }) {
  if (exemplar.steps.length === 0) return <p className={styles.small} style={{ margin: 0 }}>Chưa gửi đề cử.</p>;
  const steps = [...exemplar.steps].sort((a, b) => b.actedAt.localeCompare(a.actedAt) || b.id - a.id);
  return (
    <ol className={styles.history} reversed>
      {steps.map((step) => (
        <li key={step.id} className={styles.historyItem}>
          <strong>{EXEMPLAR_STEP_LABELS[step.action]}</strong> <span className={styles.small}>· {step.unit.name}</span>
          <div className={styles.small}>
            {step.actedBy}, {formatWhen(step.actedAt)}
          </div>
          {step.comment ? <p className={styles.comment}>{step.comment}</p> : null}
        </li>
      ))}
    </ol>
  );
}
