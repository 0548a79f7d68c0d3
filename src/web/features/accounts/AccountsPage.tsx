import { EditOutlined, KeyOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Flex, Input, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { ROLE_LABELS } from '../../../shared/domain/roles';
import { formatDateTime, formatNumber } from '../../../shared/domain/text';
import type { Account } from '../../../shared/schemas/accounts';
import { accountQueries } from '../../api/accounts';
import { ForbiddenPage } from '../../components/ForbiddenPage';
import { EmptyState, ErrorState } from '../../components/states';
import { useDebounced } from '../../components/useDebounced';
import { UnitPicker } from '../../components/UnitPicker';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { useIsMobile } from '../../components/useIsMobile';
import { useMe } from '../auth/useMe';
import { AccountFormModal } from './AccountFormModal';
import styles from './AccountsPage.module.css';
import { ResetPasswordModal } from './ResetPasswordModal';

const PAGE_SIZE = 20;

type Dialog = { type: 'create' } | { type: 'edit'; id: number } | { type: 'password'; id: number } | null;

export function AccountsPage() {
  const me = useMe();
  useDocumentTitle('Tài khoản');
  if (!me.permissions.manageAccounts) return <ForbiddenPage />;
  return <Accounts scopeRootId={me.scopeUnit.id} />;
}

function Accounts({ scopeRootId }: { scopeRootId: number }) {
  const isMobile = useIsMobile();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 300);
  const [unitId, setUnitId] = useState<number | undefined>(undefined);
  const [page, setPage] = useState(1);
  const [dialog, setDialog] = useState<Dialog>(null);
  const list = useQuery(accountQueries.list({ q, unitId, page, pageSize: PAGE_SIZE }));

  const items = list.data?.items ?? [];
  const dialogAccount = dialog && dialog.type !== 'create' ? items.find((account) => account.id === dialog.id) : undefined;

  const actions = (account: Account) => (
    <Flex gap={4} wrap vertical={isMobile}>
      <Button size="small" icon={<EditOutlined />} onClick={() => setDialog({ type: 'edit', id: account.id })} aria-label={`Sửa tài khoản ${account.username}`}>
        Sửa
      </Button>
      <Button size="small" icon={<KeyOutlined />} onClick={() => setDialog({ type: 'password', id: account.id })} aria-label={`Đặt lại mật khẩu cho ${account.username}`}>
        Mật khẩu
      </Button>
    </Flex>
  );
  const status = (account: Account) => (account.disabled ? <Tag color="red">Đã khóa</Tag> : <Tag color="green">Đang hoạt động</Tag>);

  // Phones: everything about an account stacked in one cell, actions beside it.
  const phoneColumns: TableColumnsType<Account> = [
    {
      title: 'Tài khoản',
      key: 'account',
      render: (_value, account) => (
        <div className={styles.stacked}>
          <div className={styles.displayName}>{account.displayName}</div>
          <div>
            <Typography.Text code>{account.username}</Typography.Text> {status(account)}
          </div>
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            {ROLE_LABELS[account.role]} · {account.scopeUnit.name}
          </Typography.Text>
        </div>
      ),
    },
    { title: 'Thao tác', key: 'actions', width: 112, render: (_value, account) => actions(account) },
  ];

  const columns: TableColumnsType<Account> = [
    {
      title: 'Tài khoản',
      key: 'account',
      render: (_value, account) => (
        <div>
          <div className={styles.displayName}>{account.displayName}</div>
          <Typography.Text code>{account.username}</Typography.Text>
        </div>
      ),
    },
    { title: 'Vai trò', key: 'role', render: (_value, account) => ROLE_LABELS[account.role] },
    { title: 'Phạm vi', key: 'scope', render: (_value, account) => account.scopeUnit.name },
    {
      title: 'Trạng thái',
      key: 'disabled',
      render: (_value, account) => status(account),
    },
    {
      title: 'Đăng nhập gần nhất',
      key: 'lastLoginAt',
      render: (_value, account) =>
        account.lastLoginAt ? formatDateTime(account.lastLoginAt) : <Typography.Text type="secondary">Chưa đăng nhập</Typography.Text>,
    },
    {
      title: 'Thao tác',
      key: 'actions',
      render: (_value, account) => actions(account),
    },
  ];

  return (
    <div>
      <Flex wrap justify="space-between" align="center" gap={12} style={{ marginBottom: 16 }}>
        <Typography.Title level={1} className="page-title" style={{ margin: 0 }}>
          Tài khoản
        </Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ type: 'create' })}>
          Thêm tài khoản
        </Button>
      </Flex>
      <Card size="small">
        <Flex wrap gap={8} className={styles.toolbar}>
          <Input
            type="search"
            allowClear
            value={text}
            onChange={(event) => {
              setText(event.target.value);
              setPage(1);
            }}
            placeholder="Tìm theo tên đăng nhập hoặc tên hiển thị"
            aria-label="Tìm tài khoản"
            prefix={<SearchOutlined aria-hidden />}
            className={styles.search}
          />
          <div className={styles.unitFilter}>
            <UnitPicker
              within={scopeRootId}
              allowClear
              aria-label="Lọc theo đơn vị"
              placeholder="Mọi đơn vị"
              value={unitId ?? null}
              onChange={(value) => {
                setUnitId(value);
                setPage(1);
              }}
            />
          </div>
        </Flex>
        {list.isError && !list.data ? (
          <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<Account>
            rowKey="id"
            size="middle"
            columns={isMobile ? phoneColumns : columns}
            dataSource={items}
            loading={list.isFetching}
            pagination={{
              current: page,
              pageSize: PAGE_SIZE,
              total: list.data?.total ?? 0,
              showSizeChanger: false,
              onChange: setPage,
              showTotal: (total) => `${formatNumber(total)} tài khoản`,
            }}
            locale={{
              emptyText: list.isPending ? ' ' : <EmptyState description={q || unitId ? 'Không có tài khoản nào khớp với điều kiện tìm.' : 'Chưa có tài khoản nào.'} />,
            }}
          />
        )}
      </Card>

      <AccountFormModal
        mode="create"
        open={dialog?.type === 'create'}
        scopeRootId={scopeRootId}
        onClose={() => setDialog(null)}
      />
      {dialogAccount ? (
        <>
          <AccountFormModal
            mode="edit"
            account={dialogAccount}
            open={dialog?.type === 'edit'}
            scopeRootId={scopeRootId}
            onClose={() => setDialog(null)}
          />
          <ResetPasswordModal account={dialogAccount} open={dialog?.type === 'password'} onClose={() => setDialog(null)} />
        </>
      ) : null}
    </div>
  );
}
