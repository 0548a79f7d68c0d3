import { useQuery } from '@tanstack/react-query';
import { Select, Spin, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { errorMessage } from '../../api/client';
import { memberQueries } from '../../api/members';
import { useDebounced } from '../../components/useDebounced';

interface MemberOption {
  value: number;
  label: string;
  unitName?: string;
  positions?: string[];
}

/**
 * Active members of a unit and the units below it, found by name on the server (with or without
 * diacritics, the registry's own search), as a form control.
 */
export function MemberSelect({
  id,
  unitId,
  value,
  onChange,
  initial,
  disabled,
  'aria-label': ariaLabel,
}: {
  id?: string;
  unitId: number;
  value?: number | null;
  onChange?: (value: number | undefined) => void;
  /** The member already chosen (editing), shown before any search. */
  initial?: { id: number; name: string } | null;
  disabled?: boolean;
  'aria-label'?: string;
}) {
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 300);
  const search = useQuery({
    ...memberQueries.list({ unitId, subtree: true, q, includeLeft: false, page: 1, pageSize: 20 }),
    enabled: q.length >= 2,
  });
  const options = useMemo(() => {
    const list: MemberOption[] = (q.length >= 2 ? (search.data?.items ?? []) : []).map((member) => ({
      value: member.id,
      label: member.fullName,
      unitName: member.unit.name,
      positions: member.positions,
    }));
    if (initial && !list.some((option) => option.value === initial.id)) list.unshift({ value: initial.id, label: initial.name });
    return list;
  }, [q, search.data, initial]);

  let notFound: ReactNode;
  if (q.length < 2) notFound = <Typography.Text type="secondary">Gõ ít nhất 2 ký tự của họ tên.</Typography.Text>;
  else if (search.isFetching) notFound = <Spin size="small" />;
  else if (search.isError) notFound = <Typography.Text type="danger">{errorMessage(search.error)}</Typography.Text>;
  else notFound = <Typography.Text type="secondary">Không tìm thấy đảng viên đang sinh hoạt phù hợp trong đơn vị.</Typography.Text>;

  return (
    <Select<number, MemberOption>
      id={id}
      aria-label={ariaLabel}
      value={value ?? undefined}
      onChange={(next) => {
        onChange?.(next ?? undefined);
        setText('');
      }}
      disabled={disabled}
      style={{ width: '100%' }}
      placeholder="Gõ họ tên để tìm (có thể gõ không dấu)"
      showSearch={{ filterOption: false, onSearch: setText, searchValue: text }}
      options={options}
      notFoundContent={notFound}
      loading={search.isFetching}
      optionRender={(option) => (
        <div style={{ whiteSpace: 'normal', lineHeight: 1.35, padding: '2px 0' }}>
          <div>{option.data.label}</div>
          {option.data.unitName ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {[option.data.unitName, ...(option.data.positions ?? [])].join(' · ')}
            </Typography.Text>
          ) : null}
        </div>
      )}
    />
  );
}
