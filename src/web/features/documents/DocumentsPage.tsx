import { PaperClipOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Flex, Input, Select, Switch, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { DOCUMENT_TYPES } from '../../../shared/domain/documents';
import { formatDate, formatNumber } from '../../../shared/domain/text';
import { documentQueries } from '../../api/documents';
import type { DocumentSummary } from '../../api/documents';
import { ForbiddenPage } from '../../components/ForbiddenPage';
import { EmptyState, ErrorState } from '../../components/states';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { useIsMobile } from '../../components/useIsMobile';
import { useMe } from '../auth/useMe';
import { CampaignSelect, DOCUMENT_TYPE_OPTIONS, foldedSearch, typeLabel } from './documentOptions';
import { CreateDocumentDrawer } from './DocumentFormDrawer';
import styles from './Documents.module.css';

const PAGE_SIZE = 20;
const SEARCH_DELAY_MS = 350;
export const DOCUMENT_SEARCH_PLACEHOLDER = 'Tìm theo số, ký hiệu hoặc trích yếu';

function positiveInt(value: string | null): number | undefined {
  return value && /^[1-9]\d{0,15}$/u.test(value) ? Number(value) : undefined;
}

/** Filters live in the URL (`/van-ban?campaign=1&type=plan&q=08&above=false&page=2`). */
function readFilters(params: URLSearchParams) {
  return {
    campaignId: positiveInt(params.get('campaign')),
    docType: DOCUMENT_TYPES.find((type) => type === params.get('type')),
    q: params.get('q') ?? undefined,
    includeAbove: params.get('above') !== 'false',
    page: positiveInt(params.get('page')) ?? 1,
  };
}

/** "Văn bản chỉ đạo": Party documents of the caller's scope and, by default, those from above. */
export function DocumentsPage() {
  const me = useMe();
  useDocumentTitle('Văn bản chỉ đạo');
  if (me.role === 'member') return <ForbiddenPage />;
  return <DocumentRegistry />;
}

type Changes = Record<string, string | undefined>;

function DocumentRegistry() {
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);
  const [creating, setCreating] = useState(false);
  const list = useQuery(documentQueries.list({ ...filters, pageSize: PAGE_SIZE }));

  const update = (changes: Changes, options: { resetPage?: boolean; replace?: boolean } = {}) => {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes)) {
          if (value === undefined || value === '') next.delete(key);
          else next.set(key, value);
        }
        if (options.resetPage ?? true) next.delete('page');
        return next;
      },
      { replace: options.replace ?? false },
    );
  };

  // The box types freely; the URL follows after a pause. Back/links that change `q` refill the box.
  const urlQ = filters.q ?? '';
  const [text, setText] = useState(urlQ);
  const [seenQ, setSeenQ] = useState(urlQ);
  const [written, setWritten] = useState(urlQ);
  if (urlQ !== seenQ) {
    setSeenQ(urlQ);
    if (urlQ !== written) {
      setWritten(urlQ);
      setText(urlQ);
    }
  }
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => () => window.clearTimeout(timer.current), []);
  const onSearch = (value: string, immediate = false) => {
    setText(value);
    window.clearTimeout(timer.current);
    const commit = () => {
      const q = value.trim();
      setWritten(q);
      update({ q: q || undefined }, { replace: true });
    };
    if (immediate) commit();
    else timer.current = window.setTimeout(commit, SEARCH_DELAY_MS);
  };

  const can = list.data?.can;
  const narrowed = Boolean(filters.q?.trim() || filters.campaignId || filters.docType);

  const symbolLink = (document: DocumentSummary) => (
    <Link to={`/van-ban/${document.id}`} className={styles.symbolLink}>
      {document.symbol}
    </Link>
  );
  const fileIcon = (document: DocumentSummary) =>
    document.hasFile ? <PaperClipOutlined aria-label="Có tệp đính kèm" title="Có tệp đính kèm" /> : null;
  const requirementTag = (document: DocumentSummary) =>
    document.requirementCount > 0 ? (
      <Tag color="blue" style={{ marginInlineStart: 6 }}>
        Có yêu cầu triển khai
      </Tag>
    ) : null;

  const columns: TableColumnsType<DocumentSummary> = [
    { title: 'Số, ký hiệu', key: 'symbol', width: 130, render: (_value, document) => symbolLink(document) },
    { title: 'Ngày ban hành', key: 'issuedOn', width: 130, render: (_value, document) => <span className={styles.nowrap}>{formatDate(document.issuedOn)}</span> },
    {
      title: 'Trích yếu',
      key: 'title',
      render: (_value, document) => (
        <div className={styles.title}>
          <Typography.Text type="secondary">{typeLabel(document.docType)}</Typography.Text> {document.title}
          {requirementTag(document)}
        </div>
      ),
    },
    { title: 'Cơ quan ban hành', key: 'issuer', width: 220, render: (_value, document) => document.issuer.name },
    { title: <PaperClipOutlined aria-label="Tệp đính kèm" />, key: 'file', align: 'center', width: 48, render: (_value, document) => fileIcon(document) },
  ];
  const phoneColumns: TableColumnsType<DocumentSummary> = [
    {
      title: 'Văn bản',
      key: 'document',
      render: (_value, document) => (
        <div className={styles.stacked}>
          <Flex gap={8} align="center" wrap>
            {symbolLink(document)}
            <span className={styles.meta}>{formatDate(document.issuedOn)}</span>
            {fileIcon(document)}
          </Flex>
          <div className={styles.stackedTitle}>
            <Typography.Text type="secondary">{typeLabel(document.docType)}</Typography.Text> {document.title}
          </div>
          <div className={styles.meta}>{document.issuer.name}</div>
          {requirementTag(document)}
        </div>
      ),
    },
  ];

  return (
    <div>
      <Flex wrap justify="space-between" align="flex-start" gap={8} className={styles.header}>
        <div className={styles.headerText}>
          <Typography.Title level={1} className="page-title">
            Văn bản chỉ đạo
          </Typography.Title>
        </div>
        {can?.create ? (
          <Button type="primary" size="large" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            Đăng ký văn bản
          </Button>
        ) : null}
      </Flex>

      <Card size="small" className={styles.toolbar}>
        <div className={styles.filters} role="group" aria-label="Bộ lọc">
          <div>
            <label className={styles.filterLabel} htmlFor="document-search">
              Tìm kiếm
            </label>
            <Input
              id="document-search"
              type="search"
              allowClear
              value={text}
              onChange={(event) => onSearch(event.target.value)}
              onPressEnter={() => onSearch(text, true)}
              placeholder={DOCUMENT_SEARCH_PLACEHOLDER}
              prefix={<SearchOutlined aria-hidden />}
              enterKeyHint="search"
              autoComplete="off"
              spellCheck={false}
            />
          </div>
          <div>
            <label className={styles.filterLabel} htmlFor="document-campaign">
              Cuộc vận động
            </label>
            <CampaignSelect id="document-campaign" placeholder="Tất cả" value={filters.campaignId ?? null} onChange={(value) => update({ campaign: value ? String(value) : undefined })} />
          </div>
          <div>
            <label className={styles.filterLabel} htmlFor="document-type">
              Loại văn bản
            </label>
            <Select
              id="document-type"
              style={{ width: '100%' }}
              allowClear
              showSearch={foldedSearch}
              placeholder="Tất cả"
              options={DOCUMENT_TYPE_OPTIONS}
              value={filters.docType}
              onChange={(value?: string) => update({ type: value })}
            />
          </div>
          <label className={styles.switchRow}>
            <Switch checked={filters.includeAbove} onChange={(checked) => update({ above: checked ? undefined : 'false' })} />
            <span>Kể cả văn bản cấp trên</span>
          </label>
        </div>
      </Card>

      <Card size="small" className={styles.tableCard} styles={{ body: { padding: 0 } }}>
        {list.isError && !list.data ? (
          <div style={{ padding: 12 }}>
            <ErrorState error={list.error} onRetry={() => void list.refetch()} />
          </div>
        ) : (
          <Table<DocumentSummary>
            rowKey="id"
            size={isMobile ? 'small' : 'middle'}
            columns={isMobile ? phoneColumns : columns}
            dataSource={list.data?.items ?? []}
            loading={list.isFetching}
            scroll={isMobile ? undefined : { x: 900 }}
            pagination={{
              current: filters.page,
              pageSize: PAGE_SIZE,
              total: list.data?.total ?? 0,
              showSizeChanger: false,
              hideOnSinglePage: true,
              size: isMobile ? 'small' : undefined,
              showTotal: (count) => `${formatNumber(count)} văn bản`,
              onChange: (page) => update({ page: page > 1 ? String(page) : undefined }, { resetPage: false }),
            }}
            locale={{
              emptyText: list.isPending ? (
                ' '
              ) : (
                <EmptyState description={narrowed ? 'Không có văn bản nào khớp với điều kiện tìm kiếm.' : 'Chưa có văn bản nào được đăng ký.'}>
                  {!narrowed && can?.create ? (
                    <Button type="primary" onClick={() => setCreating(true)}>
                      Đăng ký văn bản đầu tiên
                    </Button>
                  ) : null}
                </EmptyState>
              ),
            }}
          />
        )}
      </Card>

      {can?.create ? (
        <CreateDocumentDrawer
          open={creating}
          canCreateExternal={can.createExternal}
          onClose={() => setCreating(false)}
          onCreated={(document) => {
            setCreating(false);
            void navigate(`/van-ban/${document.id}`);
          }}
        />
      ) : null}
    </div>
  );
}
