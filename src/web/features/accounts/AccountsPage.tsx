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
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { useIsMobile } from '../../components/useIsMobile';
import { useMe } from '../auth/useMe';
import { AccountFormModal } from './AccountFormModal';
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
  const [page, setPage] = useState(1);
  const [dialog, setDialog] = useState<Dialog>(null);
  const list = useQuery(accountQueries.list({ q, page, pageSize: PAGE_SIZE }));

  const items = list.data?.items ?? [];
  const dialogAccount = dialog && dialog.type !== 'create' ? items.find((account) => account.id === dialog.id) : undefined;

  const columns: TableColumnsType<Account> = [
    {
      title: 'Tên đăng nhập',
      dataIndex: 'username',
      key: 'username',
      render: (username: string, account) => (
        <div>
          <Typography.Text code>{username}</Typography.Text>
          {isMobile ? <div>{account.displayName}</div> : null}
        </div>
      ),
    },
    ...(isMobile ? [] : [{ title: 'Tên hiển thị', dataIndex: 'displayName', key: 'displayName' }]),
    { title: 'Vai trò', key: 'role', render: (_value, account) => ROLE_LABELS[account.role] },
    { title: 'Phạm vi', key: 'scope', render: (_value, account) => account.scopeUnit.name },
    {
      title: 'Trạng thái',
      key: 'disabled',
      render: (_value, account) => (account.disabled ? <Tag color="red">Đã khóa</Tag> : <Tag color="green">Đang hoạt động</Tag>),
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
      render: (_value, account) => (
        <Flex gap={4} wrap>
          <Button size="small" icon={<EditOutlined />} onClick={() => setDialog({ type: 'edit', id: account.id })} aria-label={`Sửa tài khoản ${account.username}`}>
            Sửa
          </Button>
          <Button size="small" icon={<KeyOutlined />} onClick={() => setDialog({ type: 'password', id: account.id })} aria-label={`Đặt lại mật khẩu cho ${account.username}`}>
            Đặt lại mật khẩu
          </Button>
        </Flex>
      ),
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
          style={{ maxWidth: 420, marginBottom: 12 }}
        />
        {list.isError && !list.data ? (
          <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<Account>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={items}
            loading={list.isFetching}
            scroll={{ x: 'max-content' }}
            pagination={{
              current: page,
              pageSize: PAGE_SIZE,
              total: list.data?.total ?? 0,
              showSizeChanger: false,
              onChange: setPage,
              showTotal: (total) => `${formatNumber(total)} tài khoản`,
            }}
            locale={{
              emptyText: list.isPending ? ' ' : <EmptyState description={q ? `Không có tài khoản nào khớp với “${q}”.` : 'Chưa có tài khoản nào.'} />,
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
