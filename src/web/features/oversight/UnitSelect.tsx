import { useQuery } from '@tanstack/react-query';
import { Select, Spin, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { viCollator } from '../../../shared/domain/text';
import { UNIT_KIND_LABELS } from '../../../shared/domain/units';
import type { UnitKind } from '../../../shared/domain/units';
import { errorMessage } from '../../api/client';
import { unitQueries } from '../../api/units';
import { useDebounced } from '../../components/useDebounced';

export interface UnitChoice {
  id: number;
  name: string;
  kind?: UnitKind;
  /** Ancestors' names inside the caller's scope, top first (from the search). */
  path?: string[];
}

interface Option {
  value: number;
  label: string;
  unit: UnitChoice;
}

interface BaseProps {
  id?: string;
  /** Search inside this unit's subtree (e.g. the organiser). */
  within: number | undefined;
  /** Offered before anything is typed (e.g. the units an inspection concerns). */
  preset?: readonly UnitChoice[];
  /** Units already chosen, so their names show before any search. */
  known?: readonly UnitChoice[];
  placeholder?: string;
  disabled?: boolean;
  /** Told which unit (name and all) was chosen, e.g. to offer it elsewhere in the form. */
  onPick?: (unit: UnitChoice | undefined) => void;
  'aria-label'?: string;
}

type Props = BaseProps &
  ({ multiple: true; value?: number[]; onChange?: (value: number[]) => void } | { multiple?: false; value?: number | null; onChange?: (value: number | undefined) => void });

/**
 * A unit select searched on the server (diacritics optional), limited to a subtree, that offers a
 * preset list while nothing is typed. One unit, or several with `multiple`.
 */
export function UnitSelect(props: Props) {
  const { id, within, preset = [], known = [], placeholder = 'Gõ tên đơn vị để tìm (có thể gõ không dấu)', disabled, onPick, 'aria-label': ariaLabel } = props;
  const [text, setText] = useState('');
  const [remembered, setRemembered] = useState<UnitChoice[]>([]);
  const q = useDebounced(text.trim(), 300);
  const searching = q.length >= 2;
  const search = useQuery({ ...unitQueries.search({ q, within, limit: 20 }), enabled: searching && within !== undefined });

  const options = useMemo(() => {
    const found: UnitChoice[] = searching
      ? (search.data ?? []).filter((hit) => hit.closedOn === null).map((hit) => ({ id: hit.id, name: hit.name, kind: hit.kind, path: hit.path }))
      : [...preset].sort((a, b) => viCollator.compare(a.name, b.name));
    const list: Option[] = found.map((unit) => ({ value: unit.id, label: unit.name, unit }));
    // Chosen units keep their names even when the current search does not list them.
    const selected = props.multiple ? (props.value ?? []) : props.value !== null && props.value !== undefined ? [props.value] : [];
    for (const unitId of selected) {
      if (list.some((option) => option.value === unitId)) continue;
      const unit = [...remembered, ...known, ...preset].find((candidate) => candidate.id === unitId);
      if (unit) list.push({ value: unit.id, label: unit.name, unit });
    }
    return list;
  }, [searching, search.data, preset, known, remembered, props.multiple, props.value]);

  const remember = (ids: number[]) => {
    const chosen = ids.map((unitId) => options.find((option) => option.value === unitId)?.unit).filter((unit): unit is UnitChoice => unit !== undefined);
    setRemembered((current) => [...chosen, ...current.filter((unit) => !ids.includes(unit.id))]);
    setText('');
    onPick?.(chosen.at(-1));
  };

  let notFound: ReactNode;
  if (within === undefined) notFound = <Typography.Text type="secondary">Chọn đơn vị tổ chức trước.</Typography.Text>;
  else if (!searching) notFound = <Typography.Text type="secondary">Gõ ít nhất 2 ký tự để tìm.</Typography.Text>;
  else if (search.isFetching) notFound = <Spin size="small" />;
  else if (search.isError) notFound = <Typography.Text type="danger">{errorMessage(search.error)}</Typography.Text>;
  else notFound = <Typography.Text type="secondary">Không tìm thấy đơn vị phù hợp.</Typography.Text>;

  const common = {
    id,
    'aria-label': ariaLabel,
    style: { width: '100%' },
    placeholder,
    disabled: disabled || within === undefined,
    showSearch: { filterOption: false as const, onSearch: setText, searchValue: text },
    options,
    notFoundContent: notFound,
    loading: search.isFetching,
    optionRender: (option: { data: Option }) => {
      const unit = option.data.unit;
      return (
        <div style={{ whiteSpace: 'normal', lineHeight: 1.35, padding: '2px 0' }}>
          <div>{unit.name}</div>
          {unit.kind || (unit.path && unit.path.length > 0) ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {unit.kind ? UNIT_KIND_LABELS[unit.kind] : ''}
              {unit.path && unit.path.length > 0 ? `${unit.kind ? ' · ' : ''}${unit.path.join(' › ')}` : ''}
            </Typography.Text>
          ) : null}
        </div>
      );
    },
  };

  if (props.multiple) {
    const { onChange, value } = props;
    return (
      <Select<number[], Option>
        {...common}
        mode="multiple"
        value={value ?? []}
        maxCount={50}
        onChange={(ids) => {
          remember(ids);
          onChange?.(ids);
        }}
      />
    );
  }
  const { onChange, value } = props;
  return (
    <Select<number, Option>
      {...common}
      value={value ?? undefined}
      onChange={(next) => {
        remember(next === undefined ? [] : [next]);
        onChange?.(next ?? undefined);
      }}
    />
  );
}
