import { useQuery } from '@tanstack/react-query';
import { Select, Spin, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { DOCUMENT_TYPES, DOCUMENT_TYPE_INFO } from '../../../shared/domain/documents';
import type { DocumentType } from '../../../shared/domain/documents';
import { foldForSearch, formatDate } from '../../../shared/domain/text';
import { UNIT_KIND_LABELS } from '../../../shared/domain/units';
import type { UnitKind } from '../../../shared/domain/units';
import { campaignQueries } from '../../api/campaigns';
import { errorMessage } from '../../api/client';
import { documentQueries } from '../../api/documents';
import type { DocumentSummary } from '../../api/documents';
import { useDebounced } from '../../components/useDebounced';

export const DOCUMENT_TYPE_OPTIONS = DOCUMENT_TYPES.map((type) => ({
  value: type,
  label: `${DOCUMENT_TYPE_INFO[type].label} (${DOCUMENT_TYPE_INFO[type].symbol})`,
}));

export function typeLabel(type: DocumentType): string {
  return DOCUMENT_TYPE_INFO[type].label;
}

/** Select's search without diacritics: "ke hoach" finds "Kế hoạch". */
export const foldedSearch = {
  filterOption: (input: string, option?: { label?: ReactNode }) => foldForSearch(String(option?.label ?? '')).includes(foldForSearch(input)),
};

/** "Kế hoạch 08-KH/TU ngày 07/09/2011" */
export function documentName(document: Pick<DocumentSummary, 'docType' | 'symbol' | 'issuedOn'>): string {
  return `${typeLabel(document.docType)} ${document.symbol} ngày ${formatDate(document.issuedOn)}`;
}

/** Kind labels as a plural subject: "Huyện ủy/Thị ủy/Thành ủy". */
export function kindLabel(kind: UnitKind): string {
  return UNIT_KIND_LABELS[kind].replace(/\s*\/\s*/gu, '/');
}

export function CampaignSelect({
  id,
  value,
  onChange,
  placeholder = 'Chọn cuộc vận động',
  allowClear = true,
  'aria-label': ariaLabel,
}: {
  id?: string;
  value?: number | null;
  onChange?: (value: number | null) => void;
  placeholder?: string;
  allowClear?: boolean;
  'aria-label'?: string;
}) {
  const campaigns = useQuery(campaignQueries.list());
  const options = (campaigns.data?.items ?? []).map((campaign) => ({
    value: campaign.id,
    label: `${campaign.name} (${campaign.startYear}–${campaign.endYear})`,
  }));
  return (
    <Select<number>
      id={id}
      aria-label={ariaLabel}
      style={{ width: '100%' }}
      value={value ?? undefined}
      onChange={(next) => onChange?.(next ?? null)}
      allowClear={allowClear}
      placeholder={placeholder}
      loading={campaigns.isPending}
      showSearch={foldedSearch}
      options={options}
      notFoundContent={
        campaigns.isError ? (
          <Typography.Text type="danger">{errorMessage(campaigns.error)}</Typography.Text>
        ) : (
          <Typography.Text type="secondary">Chưa có cuộc vận động nào.</Typography.Text>
        )
      }
      optionRender={(option) => <div style={{ whiteSpace: 'normal', lineHeight: 1.35 }}>{option.label}</div>}
    />
  );
}

/**
 * One line per option ("08-KH/TU · 07/09/2011 — trích yếu", cut with an ellipsis): rows of equal
 * height keep the select's virtual list scrolling to the right place while results change.
 */
function optionLabel(document: DocumentSummary): string {
  return `${document.symbol} · ${formatDate(document.issuedOn)} — ${document.title}`;
}

interface DocumentOption {
  value: number;
  label: string;
  document?: DocumentSummary;
}

/** Finds a document to implement through the server's search (this unit's documents and those from above). */
export function DocumentSelect({
  id,
  value,
  onChange,
  initial,
  exclude,
  placeholder = 'Gõ số, ký hiệu hoặc trích yếu để tìm',
  'aria-label': ariaLabel,
}: {
  id?: string;
  value?: number | null;
  onChange?: (value: number | null) => void;
  initial?: DocumentSummary | null;
  exclude?: number;
  placeholder?: string;
  'aria-label'?: string;
}) {
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 300);
  const search = useQuery({ ...documentQueries.list({ q: q || undefined, includeAbove: true, pageSize: 20 }), placeholderData: undefined });

  const options = useMemo(() => {
    // A document whose symbol matches comes first: many plans quote their parent's symbol in the title.
    const folded = foldForSearch(q);
    const rank = (document: DocumentSummary) => (folded && foldForSearch(document.symbol).startsWith(folded) ? 0 : 1);
    const list: DocumentOption[] = (search.data?.items ?? [])
      .filter((document) => document.id !== exclude)
      .sort((a, b) => rank(a) - rank(b))
      .map((document) => ({ value: document.id, label: optionLabel(document), document }));
    if (initial && !list.some((option) => option.value === initial.id)) list.unshift({ value: initial.id, label: optionLabel(initial), document: initial });
    return list;
  }, [search.data, initial, exclude, q]);

  let notFound: ReactNode;
  if (search.isFetching) notFound = <Spin size="small" />;
  else if (search.isError) notFound = <Typography.Text type="danger">{errorMessage(search.error)}</Typography.Text>;
  else notFound = <Typography.Text type="secondary">Không tìm thấy văn bản phù hợp.</Typography.Text>;

  return (
    <Select<number, DocumentOption>
      id={id}
      aria-label={ariaLabel}
      style={{ width: '100%' }}
      value={value ?? undefined}
      placeholder={placeholder}
      allowClear
      showSearch={{ filterOption: false, onSearch: setText, searchValue: text }}
      options={options}
      loading={search.isFetching}
      notFoundContent={notFound}
      onChange={(next) => {
        onChange?.(next ?? null);
        setText('');
      }}
    />
  );
}
