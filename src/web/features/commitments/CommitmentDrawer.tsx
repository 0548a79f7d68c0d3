import { CheckOutlined, RollbackOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Drawer, Flex, Form, Input } from 'antd';
import { useState } from 'react';
import { formatDate } from '../../../shared/domain/text';
import { commitmentQueries } from '../../api/commitments';
import type { Commitment, CommitmentRound } from '../../api/commitments';
import { FormError } from '../../components/FormError';
import { ErrorState, LoadingBlock } from '../../components/states';
import { useIsMobile } from '../../components/useIsMobile';
import { TimelinessTag } from '../cascade/TimelinessTag';
import { CommitmentEditor } from './CommitmentEditor';
import { FormDownloads, ItemsView, LeaderTag, ReviewSummary, StateTag } from './CommitmentParts';
import { CellReviewForm } from './ReviewForms';
import { useJudgeCommitment } from './useCommitmentMutations';
import styles from './Commitments.module.css';

/** What the drawer shows: a commitment by id, or a new collective commitment of a unit. */
export type DrawerTarget = { kind: 'open'; id: number } | { kind: 'new-collective'; unit: { id: number; name: string } };

const CONFLICT_HINT = 'Bản đăng ký mới nhất đã được tải lại. Hãy đọc lại rồi quyết định.';

/** A commitment read by the cell (accept, return with a comment, propose a level) or a collective one being written. */
export function CommitmentDrawer({ target, round, onClose }: { target: DrawerTarget | null; round: CommitmentRound; onClose: () => void }) {
  const isMobile = useIsMobile();
  const [createdId, setCreatedId] = useState<number | null>(null);
  const id = target?.kind === 'open' ? target.id : createdId;
  const detail = useQuery({ ...commitmentQueries.detail(id ?? 0), enabled: id !== null });
  const commitment = id !== null ? detail.data : undefined;

  let title = 'Bản đăng ký';
  if (commitment) title = commitment.member ? `Bản đăng ký của ${commitment.member.fullName}` : `Bản đăng ký tập thể ${commitment.unit.name}`;
  else if (target?.kind === 'new-collective') title = `Đăng ký tập thể ${target.unit.name}`;

  let body;
  if (!target) body = null;
  else if (id === null && target.kind === 'new-collective') {
    body = (
      <>
        <p className={styles.muted}>Chi bộ, cơ quan, cấp ủy đăng ký việc làm theo của tập thể như đảng viên: 1–10 việc, mỗi việc có cách đo và thời hạn.</p>
        <CommitmentEditor
          round={round}
          existing={null}
          owner={{ roundId: round.id, unitId: target.unit.id }}
          isLeader={false}
          onSaved={(saved) => setCreatedId(saved.id)}
        />
      </>
    );
  } else if (detail.isPending) body = <LoadingBlock rows={8} />;
  else if (detail.isError) body = <ErrorState error={detail.error} onRetry={() => void detail.refetch()} />;
  else if (commitment) body = <CommitmentBody commitment={commitment} round={round} />;

  return (
    <Drawer
      open={target !== null}
      size={isMobile ? '100%' : 640}
      title={title}
      onClose={onClose}
      destroyOnHidden
      // Accept / return stay at hand under the text on a phone.
      footer={commitment && (commitment.can.accept || commitment.can.return) ? <JudgeActions key={commitment.version} commitment={commitment} onDone={onClose} /> : null}
      afterOpenChange={(visible) => {
        if (!visible) setCreatedId(null);
      }}
    >
      {body}
    </Drawer>
  );
}

function CommitmentBody({ commitment, round }: { commitment: Commitment; round: CommitmentRound }) {
  return (
    <div>
      <div className={styles.drawerTags}>
        <StateTag state={commitment.state} />
        <TimelinessTag state={commitment.timeliness} long />
        {commitment.isLeader ? <LeaderTag /> : null}
      </div>
      <p className={styles.muted}>
        {commitment.unit.name} · hạn đăng ký {formatDate(commitment.deadline)}
        {commitment.firstSubmittedOn ? ` · nộp lần đầu ${formatDate(commitment.firstSubmittedOn)}` : ''}
      </p>
      {commitment.returnComment && commitment.state === 'returned' ? (
        <Alert className={styles.block} type="warning" showIcon title="Đã trả lại để sửa" description={<span className={styles.returnComment}>{commitment.returnComment}</span>} />
      ) : null}
      {/* The cell may also edit a member's draft, but the text is the member's own: the drawer only reads it. */}
      {commitment.can.edit && commitment.kind === 'collective' ? (
        <CommitmentEditor
          key={`${commitment.id}-${commitment.version}`}
          round={round}
          existing={commitment}
          owner={commitment.member ? { roundId: round.id, memberId: commitment.member.id } : { roundId: round.id, unitId: commitment.unit.id }}
          isLeader={commitment.isLeader}
        />
      ) : (
        <ItemsView commitment={commitment} />
      )}
      <ReviewSummary commitment={commitment} />
      {commitment.can.cellReview ? <CellReviewForm commitment={commitment} /> : null}
      <FormDownloads commitment={commitment} />
    </div>
  );
}

/** Accept the commitment, or return it with a comment (required) saying what to change. */
function JudgeActions({ commitment, onDone }: { commitment: Commitment; onDone: () => void }) {
  const judge = useJudgeCommitment();
  const { message } = App.useApp();
  const [returning, setReturning] = useState(false);
  const [form] = Form.useForm<{ comment?: string }>();
  const who = commitment.member?.fullName ?? commitment.unit.name;

  return (
    <section className={styles.judge} aria-label="Chi bộ xem bản đăng ký">
      {judge.isError ? <FormError error={judge.error} conflictHint={CONFLICT_HINT} /> : null}
      {returning ? (
        <Form
          form={form}
          layout="vertical"
          name={`return-${commitment.id}`}
          disabled={judge.isPending}
          onFinish={(values) =>
            judge.mutate(
              { commitment, action: 'return', comment: values.comment?.trim() ?? '' },
              {
                onSuccess: () => {
                  void message.success(`Đã trả lại bản đăng ký của ${who}.`);
                  onDone();
                },
              },
            )
          }
        >
          <Form.Item
            label="Ý kiến trả lại"
            name="comment"
            rules={[
              { required: true, whitespace: true, message: 'Hãy ghi rõ cần sửa gì.' },
              { min: 3, message: 'Ý kiến trả lại phải có ít nhất 3 ký tự.' },
              { max: 2000, message: 'Ý kiến trả lại dài quá 2000 ký tự.' },
            ]}
          >
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} placeholder="Việc nào cần sửa, sửa thế nào" autoFocus />
          </Form.Item>
          <Flex gap={8} justify="flex-end" wrap>
            <Button size="large" onClick={() => setReturning(false)} disabled={judge.isPending}>
              Hủy
            </Button>
            <Button size="large" type="primary" danger htmlType="submit" icon={<RollbackOutlined />} loading={judge.isPending}>
              Gửi trả lại
            </Button>
          </Flex>
        </Form>
      ) : (
        <Flex gap={8} wrap className={styles.judgeButtons}>
          {commitment.can.return ? (
            <Button size="large" icon={<RollbackOutlined />} onClick={() => setReturning(true)}>
              Trả lại để sửa
            </Button>
          ) : null}
          {commitment.can.accept ? (
            <Button
              size="large"
              type="primary"
              icon={<CheckOutlined />}
              loading={judge.isPending}
              onClick={() =>
                judge.mutate(
                  { commitment, action: 'accept' },
                  {
                    onSuccess: () => {
                      void message.success(`Đã chấp nhận bản đăng ký của ${who}.`);
                      onDone();
                    },
                  },
                )
              }
            >
              Chấp nhận
            </Button>
          ) : null}
        </Flex>
      )}
    </section>
  );
}
