import { ApartmentOutlined, SearchOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Drawer, Flex, Input, Result, Switch } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { unitQueries } from '../../api/units';
import { ErrorState, LoadingBlock } from '../../components/states';
import { useDebounced } from '../../components/useDebounced';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { useIsMobile } from '../../components/useIsMobile';
import { useMe } from '../auth/useMe';
import styles from './OrgTreePage.module.css';
import { UnitDetailPanel } from './UnitDetailPanel';
import { UnitSearchResults } from './UnitSearchResults';
import { UnitTree } from './UnitTree';

export const SEARCH_PLACEHOLDER = 'Tìm đơn vị (có thể gõ không dấu)';

function parseId(value: string): number | null {
  return /^[1-9]\d{0,15}$/u.test(value) ? Number(value) : null;
}

/**
 * "Cơ cấu tổ chức": the tree of the user's scope on the left (a drawer on phones), the chosen
 * unit on the right. The chosen unit lives in the URL (/don-vi/:id), so links and Back work.
 */
export function OrgTreePage() {
  const me = useMe();
  const root = me.scopeUnit;
  const params = useParams();
  const navigate = useNavigate();
  const isMobile = useIsMobile();
  const selectedId = params.unitId === undefined ? root.id : parseId(params.unitId);

  const [searchText, setSearchText] = useState('');
  const q = useDebounced(searchText.trim(), 300);
  const searching = searchText.trim().length > 0;
  const [includeClosed, setIncludeClosed] = useState(false);
  const [treeOpen, setTreeOpen] = useState(false);

  const detail = useQuery({ ...unitQueries.detail(selectedId ?? root.id), enabled: selectedId !== null });
  useDocumentTitle(detail.data?.name ?? 'Cơ cấu tổ chức');

  const open = (id: number) => {
    setSearchText('');
    setTreeOpen(false);
    if (id !== selectedId) void navigate(`/don-vi/${id}`);
  };

  const revealIds = detail.data && detail.data.id === selectedId ? detail.data.ancestors.map((ancestor) => ancestor.id) : [];

  const searchBox = (
    <Input
      type="search"
      allowClear
      value={searchText}
      onChange={(event) => setSearchText(event.target.value)}
      onKeyDown={(event) => {
        if (event.key === 'Escape') setSearchText('');
      }}
      placeholder={SEARCH_PLACEHOLDER}
      aria-label="Tìm đơn vị"
      prefix={<SearchOutlined aria-hidden />}
      enterKeyHint="search"
      autoComplete="off"
      spellCheck={false}
    />
  );
  const closedSwitch = (
    <label className={styles.switchRow}>
      <Switch size="small" checked={includeClosed} onChange={setIncludeClosed} />
      <span>Hiện cả đơn vị đã đóng</span>
    </label>
  );
  const results = <UnitSearchResults q={q} within={root.id} includeClosed={includeClosed} selectedId={selectedId ?? 0} onOpen={open} />;
  const tree = (maxHeight: number | string) => (
    <UnitTree
      root={root}
      selectedId={selectedId ?? 0}
      revealIds={revealIds}
      includeClosed={includeClosed}
      maxHeight={maxHeight}
      onOpen={open}
    />
  );

  let main;
  if (selectedId === null) {
    main = <Result status="404" title="Không tìm thấy đơn vị" subTitle="Địa chỉ đơn vị không hợp lệ." extra={<Button onClick={() => open(root.id)}>Về {root.name}</Button>} />;
  } else if (detail.isPending) {
    main = <LoadingBlock rows={8} />;
  } else if (detail.isError) {
    main = (
      <Flex vertical gap={12}>
        <ErrorState error={detail.error} title="Không mở được đơn vị" onRetry={() => void detail.refetch()} />
        {selectedId !== root.id ? (
          <div>
            <Button onClick={() => open(root.id)}>Về {root.name}</Button>
          </div>
        ) : null}
      </Flex>
    );
  } else {
    main = <UnitDetailPanel unit={detail.data} scopeRootId={root.id} onOpen={open} />;
  }

  if (isMobile) {
    return (
      <div>
        <div className={styles.mobileBar}>{searchBox}</div>
        {searching ? null : (
          <Button
            icon={<ApartmentOutlined />}
            onClick={() => setTreeOpen(true)}
            aria-expanded={treeOpen}
            className={styles.treeButton}
          >
            Cây tổ chức
          </Button>
        )}
        {searching ? <div className={styles.mobileResults}>{results}</div> : main}
        <Drawer
          open={treeOpen}
          onClose={() => setTreeOpen(false)}
          placement="left"
          size="92%"
          title="Cây tổ chức"
          styles={{ body: { padding: 12 } }}
        >
          {closedSwitch}
          {tree('none')}
        </Drawer>
      </div>
    );
  }

  return (
    <div className={styles.page}>
      <Card size="small" className={styles.side} title="Cây tổ chức" styles={{ body: { padding: 12 } }}>
        {searchBox}
        {closedSwitch}
        {searching ? results : tree('calc(100vh - 250px)')}
      </Card>
      <div className={styles.main}>{main}</div>
    </div>
  );
}
