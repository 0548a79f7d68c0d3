import { Alert, App, DatePicker, Form, Modal, Select, Typography } from 'antd';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import { useCallback } from 'react';
import type { LeftReason } from '../../../shared/domain/members';
import type { Position } from '../../../shared/domain/roles';
import { formatDate } from '../../../shared/domain/text';
import { UNIT_KIND_LABELS } from '../../../shared/domain/units';
import type { UnitSearchHit } from '../../../shared/schemas/units';
import type { MemberDetail } from '../../api/members';
import { DATE_INPUT_FORMATS, toIsoDate } from '../../components/dates';
import { FormError } from '../../components/FormError';
import { UnitPicker } from '../../components/UnitPicker';
import { LEFT_REASON_OPTIONS, POSITION_OPTIONS, acceptOpenCell } from './memberOptions';
import { useAddPosition, useEndPosition, useLeaveMember, useTransferMember } from './useMemberMutations';

const CONFLICT_HINT = 'Hồ sơ mới nhất đã được tải lại. Hãy kiểm tra rồi thực hiện lại nếu vẫn cần.';

interface ModalProps {
  member: MemberDetail;
  open: boolean;
  onClose: () => void;
}

const isFuture = (date: Dayjs) => date.isAfter(dayjs(), 'day');

function DateField({ label, name, notBefore }: { label: string; name: string; notBefore?: string | null }) {
  const min = notBefore ? dayjs(notBefore) : null;
  return (
    <Form.Item label={label} name={name} rules={[{ required: true, message: `Vui lòng chọn ${label.toLowerCase()}.` }]}>
      <DatePicker
        format={DATE_INPUT_FORMATS}
        placeholder="dd/mm/yyyy"
        style={{ width: '100%' }}
        allowClear={false}
        disabledDate={(date) => isFuture(date) || (min !== null && date.isBefore(min, 'day'))}
      />
    </Form.Item>
  );
}

/** Chuyển sinh hoạt: to another open cell in the user's scope, from a given day. */
export function TransferMemberModal({ member, open, onClose, scopeRootId }: ModalProps & { scopeRootId: number }) {
  const transfer = useTransferMember(member);
  return (
    <Modal
      open={open}
      title={`Chuyển sinh hoạt: ${member.fullName}`}
      okText="Xác nhận chuyển"
      okButtonProps={{ htmlType: 'submit', form: 'transfer-member' }}
      cancelText="Hủy"
      onCancel={onClose}
      confirmLoading={transfer.isPending}
      destroyOnHidden
      afterClose={() => transfer.reset()}
    >
      {transfer.isError ? <FormError error={transfer.error} conflictHint={CONFLICT_HINT} /> : null}
      <TransferForm member={member} transfer={transfer} scopeRootId={scopeRootId} onClose={onClose} />
    </Modal>
  );
}

/*
 * Every dialog keeps its <Form> in a child that mounts when the dialog opens: a second opening
 * starts from the current record. The OK button submits it through the HTML `form` attribute.
 */
function TransferForm({ member, transfer, scopeRootId, onClose }: { member: MemberDetail; transfer: ReturnType<typeof useTransferMember>; scopeRootId: number; onClose: () => void }) {
  const [form] = Form.useForm<{ toUnitId: number; on: Dayjs }>();
  const { message } = App.useApp();
  const accept = useCallback((hit: UnitSearchHit) => acceptOpenCell(hit) && hit.id !== member.unit.id, [member.unit.id]);
  const current = member.positionHistory.filter((position) => position.endedOn === null);
  return (
    <>
      <Typography.Paragraph>
        Đang sinh hoạt tại: <strong>{member.unit.name}</strong>.
      </Typography.Paragraph>
      {current.length > 0 ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title="Các chức vụ ở chi bộ cũ sẽ kết thúc vào ngày chuyển."
          description={current.map((position) => `${position.label} — ${position.unit.name}`).join('; ')}
        />
      ) : null}
      <Form
        form={form}
        name="transfer-member"
        layout="vertical"
        initialValues={{ on: dayjs() }}
        disabled={transfer.isPending}
        onFinish={(values) =>
          transfer.mutate(
            { toUnitId: values.toUnitId, on: toIsoDate(values.on) },
            {
              onSuccess: (moved) => {
                void message.success(`Đã chuyển ${moved.fullName} sang ${moved.unit.name}.`);
                onClose();
              },
            },
          )
        }
      >
        <Form.Item label="Chi bộ mới" name="toUnitId" rules={[{ required: true, message: 'Vui lòng chọn chi bộ mới.' }]}>
          <UnitPicker within={scopeRootId} accept={accept} placeholder="Gõ tên chi bộ để tìm (có thể gõ không dấu)" />
        </Form.Item>
        <DateField label="Ngày chuyển" name="on" notBefore={member.joinedOn} />
      </Form>
    </>
  );
}

/** Ra khỏi danh sách: moved out, deceased, expelled. The record stays, marked as left. */
export function LeaveMemberModal({ member, open, onClose }: ModalProps) {
  const leave = useLeaveMember(member);

  return (
    <Modal
      open={open}
      title={`Ra khỏi danh sách: ${member.fullName}`}
      okText="Xác nhận ra khỏi danh sách"
      okButtonProps={{ danger: true, htmlType: 'submit', form: 'leave-member' }}
      cancelText="Hủy"
      onCancel={onClose}
      confirmLoading={leave.isPending}
      destroyOnHidden
      afterClose={() => leave.reset()}
    >
      {leave.isError ? <FormError error={leave.error} conflictHint={CONFLICT_HINT} /> : null}
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 16 }}
        title="Đảng viên sẽ không còn trong danh sách đang sinh hoạt."
        description="Hồ sơ và lịch sử vẫn được giữ lại; mọi chức vụ đang giữ kết thúc vào ngày này. Không sửa được hồ sơ sau khi đã ra khỏi danh sách."
      />
      <LeaveForm member={member} leave={leave} onClose={onClose} />
    </Modal>
  );
}

function LeaveForm({ member, leave, onClose }: { member: MemberDetail; leave: ReturnType<typeof useLeaveMember>; onClose: () => void }) {
  const [form] = Form.useForm<{ reason: LeftReason; leftOn: Dayjs }>();
  const { message } = App.useApp();
  return (
    <Form
      form={form}
      name="leave-member"
      layout="vertical"
      initialValues={{ leftOn: dayjs() }}
      disabled={leave.isPending}
      onFinish={(values) =>
        leave.mutate(
          { reason: values.reason, leftOn: toIsoDate(values.leftOn) },
          {
            onSuccess: (left) => {
              void message.success(`${left.fullName} đã ra khỏi danh sách.`);
              onClose();
            },
          },
        )
      }
    >
      <Form.Item label="Lý do" name="reason" rules={[{ required: true, message: 'Vui lòng chọn lý do.' }]}>
        <Select options={LEFT_REASON_OPTIONS} placeholder="Chọn lý do" />
      </Form.Item>
      <DateField label="Ngày ra khỏi danh sách" name="leftOn" notBefore={member.joinedOn} />
    </Form>
  );
}

/** Giao chức vụ: in the member's cell or a committee above it (inside the user's scope). */
export function AddPositionModal({ member, open, onClose }: ModalProps) {
  const add = useAddPosition(member);

  return (
    <Modal
      open={open}
      title={`Giao chức vụ: ${member.fullName}`}
      okText="Giao chức vụ"
      okButtonProps={{ htmlType: 'submit', form: 'add-position' }}
      cancelText="Hủy"
      onCancel={onClose}
      confirmLoading={add.isPending}
      destroyOnHidden
      afterClose={() => add.reset()}
    >
      {add.isError ? <FormError error={add.error} conflictHint={CONFLICT_HINT} /> : null}
      <AddPositionForm member={member} add={add} onClose={onClose} />
    </Modal>
  );
}

function AddPositionForm({ member, add, onClose }: { member: MemberDetail; add: ReturnType<typeof useAddPosition>; onClose: () => void }) {
  const [form] = Form.useForm<{ position: Position; unitId: number; startedOn: Dayjs }>();
  const { message } = App.useApp();
  // unitPath runs from the user's scope root down to the member's cell: exactly the units allowed.
  const units = member.unitPath.length > 0 ? member.unitPath : [member.unit];
  const unitOptions = [...units].reverse().map((unit) => ({ value: unit.id, label: `${unit.name} (${UNIT_KIND_LABELS[unit.kind]})` }));
  return (
    <Form
      form={form}
      name="add-position"
      layout="vertical"
      initialValues={{ unitId: member.unit.id, startedOn: dayjs() }}
      disabled={add.isPending}
      onFinish={(values) =>
        add.mutate(
          { position: values.position, unitId: values.unitId, startedOn: toIsoDate(values.startedOn) },
          {
            onSuccess: () => {
              void message.success('Đã giao chức vụ.');
              onClose();
            },
          },
        )
      }
    >
      <Form.Item label="Chức vụ" name="position" rules={[{ required: true, message: 'Vui lòng chọn chức vụ.' }]}>
        <Select options={POSITION_OPTIONS} placeholder="Chọn chức vụ" />
      </Form.Item>
      <Form.Item
        label="Thuộc cấp ủy / chi bộ"
        name="unitId"
        rules={[{ required: true, message: 'Vui lòng chọn đơn vị.' }]}
        extra="Chi bộ của đảng viên hoặc một cấp ủy cấp trên."
      >
        <Select options={unitOptions} />
      </Form.Item>
      <DateField label="Ngày nhận chức vụ" name="startedOn" />
    </Form>
  );
}

/** Thôi chức vụ: close one position held now. */
export function EndPositionModal({ member, positionId, open, onClose }: ModalProps & { positionId: number | null }) {
  const end = useEndPosition(member);
  const position = member.positionHistory.find((candidate) => candidate.id === positionId);

  return (
    <Modal
      open={open && position !== undefined}
      title={`Thôi chức vụ: ${member.fullName}`}
      okText="Xác nhận thôi chức vụ"
      okButtonProps={{ danger: true, htmlType: 'submit', form: 'end-position' }}
      cancelText="Hủy"
      onCancel={onClose}
      confirmLoading={end.isPending}
      destroyOnHidden
      afterClose={() => end.reset()}
    >
      {end.isError ? <FormError error={end.error} conflictHint={CONFLICT_HINT} /> : null}
      {position ? <EndPositionForm position={position} end={end} onClose={onClose} /> : null}
    </Modal>
  );
}

function EndPositionForm({ position, end, onClose }: { position: MemberDetail['positionHistory'][number]; end: ReturnType<typeof useEndPosition>; onClose: () => void }) {
  const [form] = Form.useForm<{ endedOn: Dayjs }>();
  const { message } = App.useApp();
  return (
    <>
      <Typography.Paragraph>
        <strong>{position.label}</strong> — {position.unit.name}, từ ngày {formatDate(position.startedOn)}.
      </Typography.Paragraph>
      <Form
        form={form}
        name="end-position"
        layout="vertical"
        initialValues={{ endedOn: dayjs() }}
        disabled={end.isPending}
        onFinish={(values) =>
          end.mutate(
            { positionId: position.id, endedOn: toIsoDate(values.endedOn) },
            {
              onSuccess: () => {
                void message.success(`Đã ghi nhận thôi chức vụ ${position.label}.`);
                onClose();
              },
            },
          )
        }
      >
        <DateField label="Ngày thôi chức vụ" name="endedOn" notBefore={position.startedOn} />
      </Form>
    </>
  );
}
