import { CheckCircleOutlined, ClockCircleOutlined, DownloadOutlined, EditOutlined, ExclamationCircleOutlined, PaperClipOutlined, SendOutlined, SoundOutlined, StarOutlined } from '@ant-design/icons';
import { Alert, App, Button, Descriptions, Flex, Progress, Tag } from 'antd';
import { useState } from 'react';
import type { ReactNode } from 'react';
import { COMMITMENT_STATE_LABELS, ITEM_KIND_LABELS, SELF_RESULT_LABELS } from '../../../shared/domain/commitments';
import type { CommitmentState } from '../../../shared/domain/commitments';
import { formatDate } from '../../../shared/domain/text';
import { errorMessage, isApiError } from '../../api/client';
import { commitmentFormUrl } from '../../api/commitments';
import type { Commitment, CommitmentItem } from '../../api/commitments';
import type { CommitmentForm } from '../../api/commitments';
import { downloadFile } from '../../api/members';
import { ErrorState } from '../../components/states';
import styles from './Commitments.module.css';

/** Each state has its colour, icon and words (readable without colour). */
const STATE_LOOK: Record<CommitmentState, { color: string; icon: ReactNode; short: string }> = {
  draft: { color: 'default', icon: <EditOutlined aria-hidden />, short: 'Bản nháp' },
  submitted: { color: 'processing', icon: <SendOutlined aria-hidden />, short: 'Chờ chi bộ xem' },
  accepted: { color: 'success', icon: <CheckCircleOutlined aria-hidden />, short: 'Đã chấp nhận' },
  returned: { color: 'warning', icon: <ExclamationCircleOutlined aria-hidden />, short: 'Trả lại để sửa' },
};

export function StateTag({ state, short = false }: { state: CommitmentState; short?: boolean }) {
  const look = STATE_LOOK[state];
  return (
    <Tag color={look.color} icon={look.icon} className={styles.tag} title={COMMITMENT_STATE_LABELS[state]} data-state={state}>
      {short ? look.short : COMMITMENT_STATE_LABELS[state]}
    </Tag>
  );
}

export function NotRegisteredTag() {
  return (
    <Tag className={styles.tag} icon={<ClockCircleOutlined aria-hidden />} data-state="none">
      Chưa đăng ký
    </Tag>
  );
}

export function LeaderTag() {
  return (
    <Tag color="red" className={styles.tag} icon={<StarOutlined aria-hidden />} title="Cán bộ lãnh đạo chủ chốt, người đứng đầu">
      Lãnh đạo
    </Tag>
  );
}

export function QuietTag() {
  return (
    <Tag color="volcano" className={styles.tag} icon={<SoundOutlined aria-hidden />} title="Đã lâu không cập nhật tiến độ">
      Im lặng
    </Tag>
  );
}

/** A commitment's items read-only: what, how measured, by when, what it cites, progress and (optionally) the history. */
export function ItemsView({
  commitment,
  withHistory = true,
  renderExtra,
}: {
  commitment: Commitment;
  withHistory?: boolean;
  /** Extra content under an item (the check-in form on the holder's page). */
  renderExtra?: (item: CommitmentItem) => ReactNode;
}) {
  if (commitment.items.length === 0) return <p className={styles.muted}>Bản đăng ký chưa có việc nào.</p>;
  const started = commitment.state === 'accepted' || commitment.items.some((item) => item.checkins.length > 0);
  return (
    <ol className={styles.itemCards}>
      {commitment.items.map((item) => (
        <li key={item.id} className={styles.itemCard} aria-label={`Việc ${item.number}`}>
          <div className={styles.itemHead}>
            <span className={styles.itemNumber}>Việc {item.number}</span>
            {item.kind === 'example' ? <Tag color="red" className={styles.tag}>{ITEM_KIND_LABELS.example}</Tag> : null}
          </div>
          <p className={styles.itemAction}>{item.action}</p>
          <dl className={styles.itemFacts}>
            <dt>Cách đo kết quả</dt>
            <dd>{item.measure ?? <span className={styles.missing}>Chưa nêu</span>}</dd>
            <dt>Thời hạn</dt>
            <dd>{item.dueOn ? formatDate(item.dueOn) : '—'}</dd>
            {item.topicItem ? (
              <>
                <dt>Nội dung chuyên đề</dt>
                <dd>
                  {item.topicItem.number}. {item.topicItem.title}
                </dd>
              </>
            ) : null}
            {item.standardRef ? (
              <>
                <dt>Chuẩn mực</dt>
                <dd>{item.standardRef}</dd>
              </>
            ) : null}
            {item.selfResult ? (
              <>
                <dt>Tự đánh giá</dt>
                <dd>
                  <strong>{SELF_RESULT_LABELS[item.selfResult]}</strong>
                  {item.selfNote ? ` — ${item.selfNote}` : null}
                </dd>
              </>
            ) : null}
          </dl>
          {started ? (
            <div className={styles.progressRow}>
              <span className={styles.progressLabel}>Tiến độ</span>
              <Progress percent={item.percent ?? 0} size="small" status={item.percent === 100 ? 'success' : 'normal'} aria-label={`Tiến độ việc ${item.number}`} />
            </div>
          ) : null}
          {renderExtra?.(item)}
          {withHistory && item.checkins.length > 0 ? <CheckinHistory commitmentId={commitment.id} item={item} /> : null}
        </li>
      ))}
    </ol>
  );
}

function CheckinHistory({ commitmentId, item }: { commitmentId: number; item: CommitmentItem }) {
  const [all, setAll] = useState(false);
  const shown = all ? item.checkins : item.checkins.slice(0, 3);
  return (
    <div className={styles.history}>
      <div className={styles.historyTitle}>Các lần cập nhật tiến độ</div>
      <ul className={styles.historyList}>
        {shown.map((checkin) => (
          <li key={checkin.id}>
            <div className={styles.historyHead}>
              <strong>{formatDate(checkin.postedOn)}</strong>
              <span>{checkin.percent}%</span>
            </div>
            <div className={styles.historyNote}>{checkin.note}</div>
            {checkin.evidence ? (
              <a className={styles.fileName} href={`/api/commitments/${commitmentId}/checkins/${checkin.id}/evidence`} download>
                <PaperClipOutlined aria-hidden /> {checkin.evidence.name}
              </a>
            ) : null}
            {checkin.postedBy ? <div className={styles.muted}>{checkin.postedBy}</div> : null}
          </li>
        ))}
      </ul>
      {item.checkins.length > 3 ? (
        <Button type="link" className={styles.inlineButton} onClick={() => setAll((value) => !value)}>
          {all ? 'Thu gọn' : `Xem cả ${item.checkins.length} lần cập nhật`}
        </Button>
      ) : null}
    </div>
  );
}

/** The year-end review so far: the member's own level, the cell's proposal and the committee's decision. */
export function ReviewSummary({ commitment }: { commitment: Commitment }) {
  const { review } = commitment;
  if (!review.selfLevel && !review.cellLevel && !review.decidedLevel && !review.notAssessedReason) return null;
  return (
    <Descriptions
      className={styles.block}
      size="small"
      column={1}
      bordered
      title="Kiểm điểm cuối năm"
      items={[
        {
          key: 'self',
          label: 'Tự xếp loại',
          children: review.selfLevel ? (
            <>
              {review.selfLevel.label}
              {review.selfNote ? <div className={styles.muted}>{review.selfNote}</div> : null}
            </>
          ) : (
            'Chưa tự đánh giá'
          ),
        },
        {
          key: 'cell',
          label: 'Chi bộ đề nghị',
          children: review.cellLevel ? (
            <>
              {review.cellLevel.label}
              {review.cellNote ? <div className={styles.muted}>{review.cellNote}</div> : null}
            </>
          ) : (
            'Chưa có'
          ),
        },
        {
          key: 'decided',
          label: 'Cấp ủy cơ sở quyết định',
          children: review.decidedLevel ? review.decidedLevel.label : review.notAssessedReason ? `Chưa đánh giá: ${review.notAssessedReason}` : 'Chưa có',
        },
      ]}
    />
  );
}

const FORM_NAMES: Record<CommitmentForm, string> = { registration: 'phieu-dang-ky', review: 'phieu-tu-kiem-diem' };

/** The two printable forms (.docx) of a commitment. */
export function FormDownloads({ commitment }: { commitment: Commitment }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState<CommitmentForm | null>(null);
  const download = async (form: CommitmentForm) => {
    setBusy(form);
    try {
      await downloadFile(commitmentFormUrl(commitment.id, form), `${FORM_NAMES[form]}-${commitment.year}.docx`);
    } catch (error) {
      void message.error(errorMessage(error));
    } finally {
      setBusy(null);
    }
  };
  return (
    <Flex gap={8} wrap className={styles.downloads}>
      <Button icon={<DownloadOutlined />} loading={busy === 'registration'} onClick={() => void download('registration')}>
        Phiếu đăng ký
      </Button>
      <Button icon={<DownloadOutlined />} loading={busy === 'review'} onClick={() => void download('review')}>
        Phiếu tự kiểm điểm
      </Button>
    </Flex>
  );
}

/** Lists of people refuse units too large to list (a 400 naming the unit): say so plainly; other errors as usual. */
export function TooBigOrError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  if (isApiError(error, 'validation')) return <Alert type="info" showIcon title={errorMessage(error)} />;
  return <ErrorState error={error} onRetry={onRetry} />;
}
