import { Alert, Button, Flex, Input } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import type { MemberDetail } from '../../api/members';
import { useUpdateMyPhone } from './useMemberMutations';

const PHONE = /^\+?[0-9 .-]{8,15}$/u;

/**
 * "Sửa số điện thoại" on the member's own profile: the one field a member may change themself.
 * Plain inputs (no Form) to keep the profile page light on cheap phones.
 */
export function MyPhoneEditor({ member }: { member: MemberDetail }) {
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const update = useUpdateMyPhone(member);

  if (!member.can.editPhone) return null;
  if (!editing) {
    return (
      <Flex vertical gap={8} align="flex-start">
        {saved ? <Alert type="success" showIcon title="Đã lưu số điện thoại." /> : null}
        <Button
          onClick={() => {
            setValue(member.phone ?? '');
            setProblem(null);
            setSaved(false);
            update.reset();
            setEditing(true);
          }}
        >
          Sửa số điện thoại
        </Button>
      </Flex>
    );
  }

  const save = () => {
    const phone = value.trim();
    if (phone !== '' && !PHONE.test(phone)) {
      setProblem('Số điện thoại không hợp lệ.');
      return;
    }
    setProblem(null);
    update.mutate(phone === '' ? null : phone, {
      onSuccess: () => {
        setEditing(false);
        setSaved(true);
      },
    });
  };

  return (
    <Flex vertical gap={8}>
      <label htmlFor="my-phone">Số điện thoại mới</label>
      <Input
        id="my-phone"
        type="tel"
        inputMode="tel"
        autoComplete="tel"
        value={value}
        onChange={(event) => setValue(event.target.value)}
        onPressEnter={save}
        status={problem ? 'error' : undefined}
        aria-invalid={problem ? true : undefined}
        disabled={update.isPending}
        style={{ maxWidth: 280 }}
      />
      {problem ? <Alert type="error" showIcon role="alert" title={problem} /> : null}
      {update.isError ? <Alert type="error" showIcon role="alert" title={errorMessage(update.error)} /> : null}
      <Flex gap={8}>
        <Button type="primary" loading={update.isPending} onClick={save}>
          Lưu số điện thoại
        </Button>
        <Button onClick={() => setEditing(false)} disabled={update.isPending}>
          Hủy
        </Button>
      </Flex>
    </Flex>
  );
}
