import { CheckOutlined, SettingOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Card, Pagination, Segmented, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import { formatNumber } from '../../../shared/domain/text';
import { errorMessage } from '../../api/client';
import { notificationQueries } from '../../api/urging';
import { EmptyState, ErrorState, LoadingBlock } from '../../components/states';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { useIsMobile } from '../../components/useIsMobile';
import { positiveInt } from '../meetings/meetingFormat';
import { NotificationList } from './NotificationList';
import { useReadAll } from './useUrgingMutations';
import styles from './Urging.module.css';

const PAGE_SIZE = 20;

type Filter = 'all' | 'unread';

/** "Thông báo": every notification of the signed-in account, newest first; readable on a phone. */
export function NotificationsPage() {
  useDocumentTitle('Thông báo');
  const isMobile = useIsMobile();
  const [params, setParams] = useSearchParams();
  const filter: Filter = params.get('unread') === '1' ? 'unread' : 'all';
  const page = positiveInt(params.get('page')) ?? 1;
  const list = useQuery(notificationQueries.list({ unreadOnly: filter === 'unread', page, pageSize: PAGE_SIZE }));
  const readAll = useReadAll();
  const { message } = App.useApp();
  const unread = list.data?.unread ?? 0;

  const update = (changes: Record<string, string | undefined>) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      for (const [key, value] of Object.entries(changes)) {
        if (value === undefined) next.delete(key);
        else next.set(key, value);
      }
      return next;
    });

  return (
    <div className={styles.page}>
      <Typography.Title level={1} className="page-title">
        Thông báo
      </Typography.Title>
      <div className={styles.toolbar}>
        <Segmented<Filter>
          size="large"
          value={filter}
          onChange={(value) => update({ unread: value === 'unread' ? '1' : undefined, page: undefined })}
          options={[
            { value: 'all', label: 'Tất cả' },
            { value: 'unread', label: list.data ? `Chưa đọc (${formatNumber(unread)})` : 'Chưa đọc' },
          ]}
          aria-label="Lọc thông báo"
        />
        <div className={styles.toolbarEnd}>
          <Button
            size="large"
            icon={<CheckOutlined />}
            disabled={unread === 0}
            loading={readAll.isPending}
            onClick={() =>
              readAll.mutate(undefined, {
                onSuccess: (result) => void message.success(`Đã đánh dấu ${formatNumber(result.updated)} thông báo là đã đọc.`),
                onError: (error) => void message.error(errorMessage(error)),
              })
            }
          >
            Đánh dấu tất cả đã đọc
          </Button>
          <Link to="/thong-bao/cai-dat">
            <Button size="large" icon={<SettingOutlined />}>
              Cài đặt nhận thông báo
            </Button>
          </Link>
        </div>
      </div>

      {list.isPending ? (
        <LoadingBlock rows={6} />
      ) : list.isError && !list.data ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data ? (
        <>
          <Card size="small" className={styles.listCard}>
            <section aria-label={filter === 'unread' ? 'Thông báo chưa đọc' : 'Tất cả thông báo'}>
              {list.data.items.length === 0 ? (
                <EmptyState description={filter === 'unread' ? 'Không có thông báo chưa đọc.' : 'Chưa có thông báo nào.'} />
              ) : (
                <NotificationList items={list.data.items} />
              )}
            </section>
          </Card>
          {list.data.total > PAGE_SIZE ? (
            <div className={styles.pager}>
              <Pagination
                current={page}
                pageSize={PAGE_SIZE}
                total={list.data.total}
                showSizeChanger={false}
                simple={isMobile}
                onChange={(next) => update({ page: next === 1 ? undefined : String(next) })}
              />
            </div>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
