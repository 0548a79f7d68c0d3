import { SaveOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Flex, Input, Select, Table } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { capProblem } from '../../../shared/domain/commitments';
import { formatNumber } from '../../../shared/domain/text';
import { errorMessage, isApiError } from '../../api/client';
import { commitmentQueries } from '../../api/commitments';
import type { Register, RegisterRow } from '../../api/commitments';
import { ErrorState, LoadingBlock } from '../../components/states';
import { LeaderTag } from './CommitmentParts';
import { NOT_ASSESSED } from './CoverageView';
import { useDecide } from './useCommitmentMutations';
import styles from './Commitments.module.css';

interface Decision {
  level: string | null;
  reason: string;
}

type DecidedRow = RegisterRow & { commitment: NonNullable<RegisterRow['commitment']> };

function initialDecision(row: DecidedRow): Decision {
  if (row.commitment.decidedLevel) return { level: row.commitment.decidedLevel, reason: '' };
  if (row.commitment.notAssessedReason) return { level: NOT_ASSESSED, reason: row.commitment.notAssessedReason };
  return { level: null, reason: '' };
}

function same(a: Decision, b: Decision): boolean {
  return a.level === b.level && (a.level !== NOT_ASSESSED || a.reason.trim() === b.reason.trim());
}

/** "Xếp loại": the grassroots committee decides each member's level; all decisions are saved together so the cap is checked once. */
export function DecisionsPanel({ unitId, roundId }: { unitId: number; roundId: number }) {
  const register = useQuery(commitmentQueries.register(unitId, roundId));
  if (register.isPending) return <LoadingBlock rows={8} />;
  if (register.isError && !register.data) return <ErrorState error={register.error} onRetry={() => void register.refetch()} />;
  // A fresh table (and fresh choices) for every saved state of the register.
  const stamp = register.data.rows.map((row) => row.commitment?.version ?? 0).join('.');
  return <DecisionsTable key={stamp} register={register.data} />;
}

function DecisionsTable({ register }: { register: Register }) {
  const { message } = App.useApp();
  const decide = useDecide();
  const errorBox = useRef<HTMLDivElement>(null);
  const rows = useMemo(() => register.rows.filter((row): row is DecidedRow => row.commitment !== null), [register.rows]);
  const initial = useMemo(() => new Map(rows.map((row) => [row.commitment.id, initialDecision(row)])), [rows]);
  const [choices, setChoices] = useState<Map<number, Decision>>(() => new Map(initial));
  const [missingReason, setMissingReason] = useState<Set<number>>(new Set());
  const labels: Record<string, string> = Object.fromEntries(register.levels.map((level) => [level.code, level.label]));
  const options = [
    ...[...register.levels].sort((a, b) => a.rank - b.rank).map((level) => ({ value: level.code, label: level.label })),
    { value: NOT_ASSESSED, label: 'Chưa đánh giá' },
  ];
  const without = register.rows.length - rows.length;

  const counts: Record<string, number> = {};
  for (const decision of choices.values()) if (decision.level) counts[decision.level] = (counts[decision.level] ?? 0) + 1;
  const capWarning = capProblem(register.cap, counts, labels, register.unit.name);
  const changed = rows.filter((row) => {
    const a = choices.get(row.commitment.id);
    const b = initial.get(row.commitment.id);
    return a && b && !same(a, b) && a.level !== null;
  });

  const setChoice = (id: number, change: Partial<Decision>) =>
    setChoices((current) => {
      const next = new Map(current);
      next.set(id, { ...(current.get(id) ?? { level: null, reason: '' }), ...change });
      return next;
    });

  const fillFromCell = () =>
    setChoices((current) => {
      const next = new Map(current);
      for (const row of rows) {
        if (!next.get(row.commitment.id)?.level && row.commitment.cellLevel) next.set(row.commitment.id, { level: row.commitment.cellLevel, reason: '' });
      }
      return next;
    });

  const save = () => {
    const missing = new Set(changed.filter((row) => choices.get(row.commitment.id)?.level === NOT_ASSESSED && (choices.get(row.commitment.id)?.reason.trim().length ?? 0) < 3).map((row) => row.commitment.id));
    setMissingReason(missing);
    if (missing.size > 0) return;
    if (changed.length === 0) {
      void message.info('Không có thay đổi nào.');
      return;
    }
    decide.mutate(
      {
        roundId: register.round.id,
        unitId: register.unit.id,
        decisions: changed.map((row) => {
          const decision = choices.get(row.commitment.id) ?? { level: null, reason: '' };
          return decision.level === NOT_ASSESSED
            ? { commitmentId: row.commitment.id, version: row.commitment.version, level: null, notAssessedReason: decision.reason.trim() }
            : { commitmentId: row.commitment.id, version: row.commitment.version, level: decision.level };
        }),
      },
      {
        onSuccess: () => void message.success(`Đã lưu xếp loại của ${changed.length} đảng viên.`),
        onError: () => window.setTimeout(() => errorBox.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' }), 0),
      },
    );
  };

  return (
    <div>
      <p className={styles.muted}>
        {register.unit.name} · {formatNumber(rows.length)} bản đăng ký
        {without > 0 ? ` · ${formatNumber(without)} đảng viên chưa có bản đăng ký` : ''}
        {register.cap ? ` · số "${labels[register.cap.capped] ?? register.cap.capped}" tối đa ${Math.round(register.cap.ratio * 100)}% số "${labels[register.cap.relativeTo] ?? register.cap.relativeTo}"` : ''}
      </p>
      <div className={styles.levelCounts} aria-live="polite">
        {options.map((option) => (
          <span key={option.value} className={styles.levelCount}>
            {option.label}: <strong>{formatNumber(counts[option.value] ?? 0)}</strong>
          </span>
        ))}
      </div>
      <div ref={errorBox}>
        {decide.isError ? (
          <Alert className={styles.block} type={isApiError(decide.error, 'conflict') ? 'warning' : 'error'} showIcon role="alert" title={errorMessage(decide.error)} />
        ) : capWarning ? (
          <Alert className={styles.block} type="warning" showIcon title={capWarning} />
        ) : null}
      </div>
      {register.can.decide ? (
        <Flex gap={8} wrap className={styles.block}>
          <Button onClick={fillFromCell} disabled={decide.isPending}>
            Điền theo đề nghị của chi bộ
          </Button>
          <Button type="primary" icon={<SaveOutlined />} loading={decide.isPending} onClick={save}>
            Lưu xếp loại{changed.length > 0 ? ` (${changed.length})` : ''}
          </Button>
        </Flex>
      ) : (
        <Alert className={styles.block} type="info" showIcon title="Chỉ cấp ủy cơ sở quyết định xếp loại; bạn đang xem." />
      )}
      <div className={styles.tableBox}>
        <Table<DecidedRow>
          rowKey={(row) => row.commitment.id}
          size="small"
          dataSource={rows}
          pagination={rows.length > 100 ? { pageSize: 100, showSizeChanger: false } : false}
          scroll={{ x: 'max-content' }}
          columns={[
            {
              title: 'Đảng viên',
              key: 'name',
              fixed: 'left',
              width: 180,
              render: (_value, row) => (
                <div>
                  <span className={styles.nameCell}>
                    {row.member.fullName} {row.isLeader ? <LeaderTag /> : null}
                  </span>
                  <div className={styles.muted}>{row.cell.name}</div>
                </div>
              ),
            },
            {
              title: 'Làm được',
              key: 'done',
              align: 'right',
              width: 80,
              render: (_value, row) => (row.commitment.doneShare === null ? '—' : `${Math.round(row.commitment.doneShare * 100)}%`),
            },
            { title: 'Tự xếp loại', key: 'self', width: 170, render: (_value, row) => (row.commitment.selfLevel ? (labels[row.commitment.selfLevel] ?? row.commitment.selfLevel) : '—') },
            { title: 'Chi bộ đề nghị', key: 'cell', width: 170, render: (_value, row) => (row.commitment.cellLevel ? (labels[row.commitment.cellLevel] ?? row.commitment.cellLevel) : '—') },
            {
              title: 'Quyết định',
              key: 'decision',
              width: 260,
              render: (_value, row) => {
                const decision = choices.get(row.commitment.id) ?? { level: null, reason: '' };
                return (
                  <div className={styles.decisionCell}>
                    <Select
                      className={styles.decisionSelect}
                      value={decision.level}
                      placeholder="Chọn mức xếp loại"
                      options={options}
                      disabled={!register.can.decide || decide.isPending}
                      onChange={(level: string) => setChoice(row.commitment.id, { level })}
                      aria-label={`Xếp loại ${row.member.fullName}`}
                      popupMatchSelectWidth={false}
                    />
                    {decision.level === NOT_ASSESSED ? (
                      <Input
                        value={decision.reason}
                        placeholder="Lý do chưa đánh giá"
                        status={missingReason.has(row.commitment.id) ? 'error' : undefined}
                        disabled={!register.can.decide || decide.isPending}
                        onChange={(event) => setChoice(row.commitment.id, { reason: event.target.value })}
                        aria-label={`Lý do chưa đánh giá ${row.member.fullName}`}
                      />
                    ) : null}
                    {missingReason.has(row.commitment.id) ? <span className={styles.fieldError}>Hãy ghi lý do chưa đánh giá (ít nhất 3 ký tự).</span> : null}
                  </div>
                );
              },
            },
          ]}
        />
      </div>
    </div>
  );
}
