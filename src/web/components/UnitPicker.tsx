import { useQuery } from '@tanstack/react-query';
import { Select, Spin, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { UNIT_KIND_LABELS } from '../../shared/domain/units';
import type { UnitSearchHit } from '../../shared/schemas/units';
import { errorMessage } from '../api/client';
import { unitQueries } from '../api/units';
import { useDebounced } from './useDebounced';

export interface UnitOption {
  id: number;
  name: string;
}

interface PickerOption {
  value: number;
  label: string;
  hit?: UnitSearchHit;
}

interface UnitPickerProps {
  id?: string;
  value?: number | null;
  onChange?: (value: number | undefined, unit: UnitSearchHit | undefined) => void;
  /** Search inside this unit's subtree (normally the user's scope root). */
  within: number;
  /** The unit already chosen, so its name shows before any search. */
  initial?: UnitOption | null;
  /** Hide hits that cannot be chosen (e.g. the unit being moved). */
  accept?: (hit: UnitSearchHit) => boolean;
  placeholder?: string;
  allowClear?: boolean;
  disabled?: boolean;
  'aria-label'?: string;
}

/** A select that finds units through the server's diacritic-insensitive search. */
export function UnitPicker({
  id,
  value,
  onChange,
  within,
  initial,
  accept,
  placeholder = 'Gõ tên đơn vị để tìm (có thể gõ không dấu)',
  allowClear,
  disabled,
  'aria-label': ariaLabel,
}: UnitPickerProps) {
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 300);
  const search = useQuery({ ...unitQueries.search({ q, within, limit: 20 }), enabled: q.length >= 2 });

  const hits = useMemo(() => (search.data ?? []).filter((hit) => (accept ? accept(hit) : true)), [search.data, accept]);
  const options = useMemo(() => {
    const list: PickerOption[] = hits.map((hit) => ({ value: hit.id, label: hit.name, hit }));
    if (initial && !list.some((option) => option.value === initial.id)) list.unshift({ value: initial.id, label: initial.name });
    return list;
  }, [hits, initial]);

  let notFound: ReactNode;
  if (q.length < 2) notFound = <Typography.Text type="secondary">Gõ ít nhất 2 ký tự để tìm.</Typography.Text>;
  else if (search.isFetching) notFound = <Spin size="small" />;
  else if (search.isError) notFound = <Typography.Text type="danger">{errorMessage(search.error)}</Typography.Text>;
  else notFound = <Typography.Text type="secondary">Không tìm thấy đơn vị phù hợp.</Typography.Text>;

  return (
    <Select<number, PickerOption>
      id={id}
      aria-label={ariaLabel}
      value={value ?? undefined}
      style={{ width: '100%' }}
      placeholder={placeholder}
      disabled={disabled}
      allowClear={allowClear}
      showSearch={{ filterOption: false, onSearch: setText, searchValue: text }}
      options={options}
      notFoundContent={notFound}
      loading={search.isFetching}
      onChange={(next) => {
        const option = options.find((candidate) => candidate.value === next);
        onChange?.(next ?? undefined, option?.hit);
        setText('');
      }}
      optionRender={(option) => {
        const hit = option.data.hit;
        return (
          <div style={{ whiteSpace: 'normal', lineHeight: 1.35, padding: '2px 0' }}>
            <div>{option.label}</div>
            {hit ? (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {UNIT_KIND_LABELS[hit.kind]}
                {hit.path.length > 0 ? ` · ${hit.path.join(' › ')}` : ''}
              </Typography.Text>
            ) : null}
          </div>
        );
      }}
    />
  );
}
