import { DownloadOutlined, FilterOutlined, PlusOutlined, SearchOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Card, Checkbox, Flex, Input, Select, Switch, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { GENDER_LABELS } from '../../../shared/domain/members';
import { formatDate, formatNumber } from '../../../shared/domain/text';
import { holdsMembers } from '../../../shared/domain/units';
import { errorMessage } from '../../api/client';
import { downloadFile, exportUrl, memberQueries } from '../../api/members';
import type { MemberSummary } from '../../api/members';
import { unitQueries } from '../../api/units';
import { ForbiddenPage } from '../../components/ForbiddenPage';
import { EmptyState, ErrorState } from '../../components/states';
import { UnitPicker } from '../../components/UnitPicker';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { useIsMobile } from '../../components/useIsMobile';
import { useMe } from '../auth/useMe';
import { CreateMemberModal } from './MemberFormModal';
import { PAGE_SIZE, countNarrowingFilters, readMemberFilters } from './memberFilters';
import {
  AGE_BAND_OPTIONS,
  FlagTags,
  POSITION_OPTIONS,
  SECTOR_FILTER_OPTIONS,
  STATUS_OPTIONS,
  StatusTag,
  YES_NO_OPTIONS,
  foldedFilter,
} from './memberOptions';
import styles from './Members.module.css';

export const MEMBER_SEARCH_PLACEHOLDER = 'Tìm theo họ tên (có thể gõ không dấu)';
const SEARCH_DELAY_MS = 350;

/** "Đảng viên": officers and cell secretaries; a member sees only their own record (Hồ sơ của tôi). */
export function MembersPage() {
  const me = useMe();
  useDocumentTitle('Đảng viên');
  if (me.role === 'member') return <ForbiddenPage />;
  return <MemberRegistry />;
}

type Changes = Record<string, string | undefined>;

function MemberRegistry() {
  const me = useMe();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const filters = readMemberFilters(params, me.scopeUnit.id);
  const narrowing = countNarrowingFilters(filters);
  const [filtersOpen, setFiltersOpen] = useState(false);
  const [creating, setCreating] = useState(false);
  const [exporting, setExporting] = useState(false);

  const list = useQuery(memberQueries.list({ ...filters, pageSize: PAGE_SIZE }));
  const unit = useQuery(unitQueries.detail(filters.unitId));
  const unitOption = { id: filters.unitId, name: unit.data?.name ?? (filters.unitId === me.scopeUnit.id ? me.scopeUnit.name : 'Đang tải…') };

  /** Write filters to the URL; any filter change goes back to page 1. */
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

  // The search box types freely; the URL follows after a pause (replacing the history entry, so
  // Back does not step through every letter). Back/links that change `q` refill the box.
  const urlQ = filters.q ?? '';
  const [text, setText] = useState(urlQ);
  const [seenQ, setSeenQ] = useState(urlQ);
  const [written, setWritten] = useState(urlQ);
  if (urlQ !== seenQ) {
    setSeenQ(urlQ);
    // Our own write coming back is not a reason to touch what the user is typing now.
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

  const onExport = async () => {
    setExporting(true);
    try {
      await downloadFile(exportUrl(filters), 'danh-sach-dang-vien.xlsx');
    } catch (error) {
      void message.error(errorMessage(error));
    } finally {
      setExporting(false);
    }
  };

  const defaultUnit = unit.data && holdsMembers(unit.data.kind) && unit.data.closedOn === null ? { id: unit.data.id, name: unit.data.name } : null;
  const total = list.data?.total ?? 0;
  const searching = Boolean(filters.q?.trim()) || narrowing > 0;

  const nameLink = (member: MemberSummary) => (
    <Link to={`/dang-vien/${member.id}`} className={styles.nameLink}>
      {member.fullName}
    </Link>
  );
  const columns: TableColumnsType<MemberSummary> = [
    { title: 'Họ và tên', key: 'name', fixed: 'left', render: (_value, member) => nameLink(member) },
    { title: 'Ngày sinh', key: 'birthDate', render: (_value, member) => <span className={styles.nowrap}>{formatDate(member.birthDate) || '—'}</span> },
    { title: 'Giới tính', key: 'gender', render: (_value, member) => GENDER_LABELS[member.gender] },
    { title: 'Trạng thái', key: 'status', render: (_value, member) => <StatusTag status={member.status} leftOn={member.leftOn} leftReason={member.leftReason} /> },
    { title: 'Chi bộ', key: 'unit', render: (_value, member) => member.unit.name },
    { title: 'Chức vụ', key: 'positions', render: (_value, member) => member.positions.join(', ') || '—' },
    { title: 'Diện', key: 'flags', render: (_value, member) => <FlagTags isKeyLeader={member.isKeyLeader} isHead={member.isHead} /> },
  ];
  // Phones: one stacked cell per member instead of seven columns to scroll sideways.
  const phoneColumns: TableColumnsType<MemberSummary> = [
    {
      title: 'Đảng viên',
      key: 'member',
      render: (_value, member) => (
        <div className={styles.stacked}>
          <div className={styles.stackedName}>{nameLink(member)}</div>
          <div className={styles.stackedMeta}>
            {[formatDate(member.birthDate), GENDER_LABELS[member.gender], member.unit.name].filter(Boolean).join(' · ')}
          </div>
          {member.positions.length > 0 ? <div className={styles.stackedMeta}>{member.positions.join(', ')}</div> : null}
          <div className={styles.stackedTags}>
            <StatusTag status={member.status} leftOn={member.leftOn} leftReason={member.leftReason} />
            <FlagTags isKeyLeader={member.isKeyLeader} isHead={member.isHead} />
          </div>
        </div>
      ),
    },
  ];

  const selectStyle = { width: '100%' };
  const filterPanel = (
    <div className={styles.filters} role="group" aria-label="Bộ lọc">
      <div>
        <label className={styles.filterLabel} htmlFor="member-status">
          Trạng thái
        </label>
        <Select
          id="member-status"
          style={selectStyle}
          allowClear
          placeholder="Tất cả"
          options={STATUS_OPTIONS}
          value={filters.status}
          onChange={(value?: string) => update({ status: value })}
        />
      </div>
      <div>
        <label className={styles.filterLabel} htmlFor="member-position">
          Chức vụ
        </label>
        <Select
          id="member-position"
          style={selectStyle}
          allowClear
          placeholder="Tất cả"
          options={POSITION_OPTIONS}
          value={filters.position}
          onChange={(value?: string) => update({ position: value })}
        />
      </div>
      <div>
        <label className={styles.filterLabel} htmlFor="member-key-leader">
          Lãnh đạo chủ chốt
        </label>
        <Select
          id="member-key-leader"
          style={selectStyle}
          allowClear
          placeholder="Tất cả"
          options={YES_NO_OPTIONS}
          value={filters.keyLeader === undefined ? undefined : String(filters.keyLeader)}
          onChange={(value?: string) => update({ keyLeader: value })}
        />
      </div>
      <div>
        <label className={styles.filterLabel} htmlFor="member-head">
          Người đứng đầu
        </label>
        <Select
          id="member-head"
          style={selectStyle}
          allowClear
          placeholder="Tất cả"
          options={YES_NO_OPTIONS}
          value={filters.head === undefined ? undefined : String(filters.head)}
          onChange={(value?: string) => update({ head: value })}
        />
      </div>
      <div>
        <label className={styles.filterLabel} htmlFor="member-age">
          Nhóm tuổi
        </label>
        <Select
          id="member-age"
          style={selectStyle}
          allowClear
          placeholder="Tất cả"
          options={AGE_BAND_OPTIONS}
          value={filters.ageBand}
          onChange={(value?: string) => update({ ageBand: value })}
        />
      </div>
      <div>
        <label className={styles.filterLabel} htmlFor="member-sector">
          Lĩnh vực
        </label>
        <Select
          id="member-sector"
          style={selectStyle}
          allowClear
          showSearch={foldedFilter}
          placeholder="Tất cả"
          options={SECTOR_FILTER_OPTIONS}
          value={filters.sector}
          onChange={(value?: string) => update({ sector: value })}
        />
      </div>
      <div className={styles.filterWide}>
        <Checkbox checked={filters.includeLeft} onChange={(event) => update({ includeLeft: event.target.checked ? 'true' : undefined })}>
          Gồm cả người đã ra khỏi danh sách
        </Checkbox>
      </div>
      {narrowing > 0 ? (
        <div>
          <Button
            onClick={() =>
              update({ status: undefined, position: undefined, keyLeader: undefined, head: undefined, ageBand: undefined, sector: undefined, includeLeft: undefined })
            }
          >
            Xóa bộ lọc
          </Button>
        </div>
      ) : null}
    </div>
  );

  return (
    <div>
      <Flex wrap justify="space-between" align="flex-start" gap={8} className={styles.header}>
        <div className={styles.headerText}>
          <Typography.Title level={1} className="page-title">
            Đảng viên
          </Typography.Title>
        </div>
        <Flex wrap gap={8}>
          {me.permissions.editTree ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              Thêm đảng viên
            </Button>
          ) : null}
          {me.permissions.editTree ? (
            <Button icon={<UploadOutlined />} onClick={() => void navigate(`/dang-vien/nhap?unit=${filters.unitId}`)}>
              Nhập từ Excel
            </Button>
          ) : null}
          <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void onExport()}>
            Xuất Excel
          </Button>
        </Flex>
      </Flex>

      <Card size="small" className={styles.toolbar}>
        <div className={styles.toolbarRow}>
          <div className={styles.unitBox}>
            <UnitPicker
              aria-label="Đơn vị"
              within={me.scopeUnit.id}
              value={filters.unitId}
              initial={unitOption}
              onChange={(value) => update({ unit: value && value !== me.scopeUnit.id ? String(value) : undefined })}
            />
          </div>
          <label className={styles.switchRow}>
            <Switch size="small" checked={filters.subtree} onChange={(checked) => update({ subtree: checked ? undefined : 'false' })} />
            <span>Gồm cả đơn vị trực thuộc</span>
          </label>
          <div className={styles.searchBox}>
            <Input
              type="search"
              allowClear
              value={text}
              onChange={(event) => onSearch(event.target.value)}
              onPressEnter={() => onSearch(text, true)}
              placeholder={MEMBER_SEARCH_PLACEHOLDER}
              aria-label="Tìm đảng viên theo họ tên"
              prefix={<SearchOutlined aria-hidden />}
              enterKeyHint="search"
              autoComplete="off"
              spellCheck={false}
            />
          </div>
          {isMobile ? (
            <Button icon={<FilterOutlined />} onClick={() => setFiltersOpen((open) => !open)} aria-expanded={filtersOpen}>
              {narrowing ? `Bộ lọc (${narrowing})` : 'Bộ lọc'}
            </Button>
          ) : null}
        </div>
        {isMobile && !filtersOpen ? null : filterPanel}
      </Card>

      <Card size="small" className={styles.tableCard} styles={{ body: { padding: 0 } }}>
        {list.isError && !list.data ? (
          <div style={{ padding: 12 }}>
            <ErrorState error={list.error} onRetry={() => void list.refetch()} />
          </div>
        ) : (
          <Table<MemberSummary>
            rowKey="id"
            size={isMobile ? 'small' : 'middle'}
            columns={isMobile ? phoneColumns : columns}
            dataSource={list.data?.items ?? []}
            loading={list.isFetching}
            scroll={isMobile ? undefined : { x: 'max-content' }}
            pagination={{
              current: filters.page,
              pageSize: PAGE_SIZE,
              total,
              showSizeChanger: false,
              size: isMobile ? 'small' : undefined,
              showTotal: (count) => `${formatNumber(count)} đảng viên`,
              onChange: (page) => update({ page: page > 1 ? String(page) : undefined }, { resetPage: false }),
            }}
            locale={{
              emptyText: list.isPending ? (
                ' '
              ) : (
                <EmptyState description={searching ? 'Chưa có đảng viên nào khớp với điều kiện tìm kiếm.' : 'Chưa có đảng viên nào trong đơn vị này.'} />
              ),
            }}
          />
        )}
      </Card>

      {me.permissions.editTree ? (
        <CreateMemberModal
          open={creating}
          scopeRootId={me.scopeUnit.id}
          defaultUnit={defaultUnit}
          onClose={() => setCreating(false)}
          onCreated={(member) => {
            setCreating(false);
            void navigate(`/dang-vien/${member.id}`);
          }}
        />
      ) : null}
    </div>
  );
}
