import { useQuery } from '@tanstack/react-query';
import { Alert, Select, Typography } from 'antd';
import { Navigate, useSearchParams } from 'react-router-dom';
import { registrationState } from '../../../shared/domain/commitments';
import { formatDate } from '../../../shared/domain/text';
import { commitmentQueries } from '../../api/commitments';
import type { Commitment, CommitmentRound, MyCommitment } from '../../api/commitments';
import { Panel } from '../../components/Panel';
import { EmptyState, ErrorState, LoadingBlock } from '../../components/states';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { TimelinessTag } from '../cascade/TimelinessTag';
import { useMe } from '../auth/useMe';
import { CommitmentEditor } from './CommitmentEditor';
import { FormDownloads, ItemsView, LeaderTag, ReviewSummary, StateTag } from './CommitmentParts';
import { roundYearOptions, yearParam } from './commitmentFormat';
import { CheckinButton, SelfReviewForm } from './ReviewForms';
import styles from './Commitments.module.css';

/** The browser's today as yyyy-mm-dd (only for the state shown before anything is registered). */
function todayIso(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** "Đăng ký làm theo của tôi": a member writes, submits and follows up their own commitment. Phone first. */
export function MyCommitmentPage() {
  const me = useMe();
  useDocumentTitle('Đăng ký làm theo của tôi');
  if (me.memberId === null && me.role !== 'member') return <Navigate to="/dang-ky" replace />;
  if (me.memberId === null) {
    return (
      <div className={styles.page}>
        <Typography.Title level={1} className="page-title">
          Đăng ký làm theo của tôi
        </Typography.Title>
        <Panel>
          <EmptyState description="Tài khoản này chưa gắn với hồ sơ đảng viên nào." />
        </Panel>
      </div>
    );
  }
  return <MyCommitmentScreen />;
}

function MyCommitmentScreen() {
  const [params, setParams] = useSearchParams();
  const year = yearParam(params.get('year'));
  const mine = useQuery(commitmentQueries.mine(year));
  const rounds = useQuery(commitmentQueries.rounds());
  const shownYear = mine.data?.round?.year ?? year;

  const setYear = (value: number) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        next.set('year', String(value));
        return next;
      },
      { replace: true },
    );

  let body;
  if (mine.isPending) body = <LoadingBlock rows={8} />;
  else if (mine.isError && !mine.data) body = <ErrorState error={mine.error} onRetry={() => void mine.refetch()} />;
  else if (mine.data) body = <MyCommitmentBody data={mine.data} year={shownYear} />;

  return (
    <div className={styles.page}>
      <Typography.Title level={1} className="page-title">
        Đăng ký làm theo của tôi
      </Typography.Title>
      <div className={styles.toolbarRow}>
        <label className={styles.inlineLabel}>
          <span>Năm</span>
          <Select
            className={styles.yearBox}
            size="large"
            value={shownYear}
            placeholder="Chọn năm"
            loading={rounds.isPending}
            options={roundYearOptions(rounds.data?.items ?? [], shownYear)}
            onChange={setYear}
            aria-label="Năm"
          />
        </label>
      </div>
      {body}
    </div>
  );
}

function MyCommitmentBody({ data, year }: { data: MyCommitment; year: number | undefined }) {
  const { round, member, commitment } = data;
  if (!round) {
    return (
      <Panel>
        <EmptyState description={year ? `Chưa mở đợt đăng ký làm theo năm ${year}.` : 'Chưa mở đợt đăng ký làm theo nào.'} />
      </Panel>
    );
  }
  const deadline = data.deadline ?? (member.isLeader ? round.leaderDeadline : round.memberDeadline);
  const timeliness = commitment ? commitment.timeliness : registrationState(null, deadline, todayIso());
  return (
    <>
      {/* What the cell asked to change comes first: it is why the member opened the page. */}
      {commitment?.state === 'returned' && commitment.returnComment ? (
        <Alert
          className={styles.returnAlert}
          type="warning"
          showIcon
          role="alert"
          title="Chi bộ trả lại để sửa"
          description={<span className={styles.returnComment}>{commitment.returnComment}</span>}
        />
      ) : null}
      <RoundPanel round={round} deadline={deadline} isLeader={member.isLeader} cellName={member.cell.name} timeliness={timeliness} fullName={member.fullName} />
      {commitment ? (
        <CommitmentPanel round={round} commitment={commitment} memberId={member.id} />
      ) : (
        <Panel title="Bản đăng ký của tôi" className={styles.block}>
          <p className={styles.muted}>Bạn chưa đăng ký. Viết từ 1 đến 10 việc cụ thể sẽ làm trong năm, mỗi việc nêu rõ cách đo kết quả và thời hạn.</p>
          <CommitmentEditor round={round} existing={null} owner={{ roundId: round.id, memberId: member.id }} isLeader={member.isLeader} />
        </Panel>
      )}
    </>
  );
}

function RoundPanel({
  round,
  deadline,
  isLeader,
  cellName,
  fullName,
  timeliness,
}: {
  round: CommitmentRound;
  deadline: string;
  isLeader: boolean;
  cellName: string;
  fullName: string;
  timeliness: Commitment['timeliness'];
}) {
  return (
    <Panel className={styles.block}>
      <div className={styles.roundHead}>
        <div>
          <div className={styles.kicker}>Đợt đăng ký năm {round.year}</div>
          <div className={styles.who}>
            <span data-member-name>{fullName}</span> {isLeader ? <LeaderTag /> : null}
          </div>
          <div className={styles.muted}>{cellName}</div>
        </div>
      </div>
      <p className={styles.deadline}>
        Hạn đăng ký: <strong>{formatDate(deadline)}</strong> <TimelinessTag state={timeliness} long />
      </p>
      {isLeader ? <p className={styles.muted}>Cán bộ lãnh đạo chủ chốt, người đứng đầu đăng ký trước, kèm nội dung nêu gương.</p> : null}
      {round.studyTopic ? (
        <p className={styles.topicLine}>
          Chuyên đề năm {round.year}: <strong>{round.studyTopic.title}</strong>
        </p>
      ) : null}
      {round.standardsNote ? (
        <Typography.Paragraph className={styles.paragraph} ellipsis={{ rows: 3, expandable: 'collapsible', symbol: (expanded) => (expanded ? 'Thu gọn' : 'Xem thêm') }}>
          {round.standardsNote}
        </Typography.Paragraph>
      ) : null}
    </Panel>
  );
}

function CommitmentPanel({ round, commitment, memberId }: { round: CommitmentRound; commitment: Commitment; memberId: number }) {
  const reviewed = commitment.review.selfReviewedAt !== null;
  return (
    <>
      <Panel
        className={styles.block}
        title={
          <span className={styles.panelTitle}>
            Bản đăng ký của tôi <StateTag state={commitment.state} />
          </span>
        }
      >
        {commitment.firstSubmittedOn ? <p className={styles.muted}>Nộp lần đầu ngày {formatDate(commitment.firstSubmittedOn)}.</p> : null}
        {commitment.state === 'submitted' ? <p className={styles.muted}>Đã nộp, chờ chi bộ xem. Nội dung được khóa cho đến khi chi bộ trả lại.</p> : null}
        {commitment.can.edit ? (
          <CommitmentEditor
            key={`${commitment.id}-${commitment.version}`}
            round={round}
            existing={commitment}
            owner={{ roundId: round.id, memberId }}
            isLeader={commitment.isLeader}
          />
        ) : (
          <ItemsView commitment={commitment} renderExtra={commitment.can.checkin ? (item) => <CheckinButton commitment={commitment} item={item} /> : undefined} />
        )}
        <FormDownloads commitment={commitment} />
      </Panel>
      {commitment.can.selfReview ? (
        <Panel title={reviewed ? 'Tự đánh giá cuối năm (đã lưu, có thể sửa)' : 'Tự đánh giá cuối năm'} className={styles.block}>
          <SelfReviewForm commitment={commitment} />
        </Panel>
      ) : commitment.state === 'accepted' && !reviewed ? (
        <p className={styles.muted}>Tự đánh giá cuối năm mở từ ngày {formatDate(commitment.reviewOpensOn)}.</p>
      ) : null}
      <ReviewSummary commitment={commitment} />
    </>
  );
}
