import { BellOutlined, SettingOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { App, Badge, Button, Drawer, Popover, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { errorMessage } from '../../api/client';
import { notificationQueries } from '../../api/urging';
import { EmptyState, ErrorState, LoadingBlock } from '../../components/states';
import { useIsMobile } from '../../components/useIsMobile';
import { NotificationList } from './NotificationList';
import { useReadAll } from './useUrgingMutations';
import styles from './Urging.module.css';

const LATEST = 8;

/** What the bell's button says to a screen reader (and to the browser journeys). */
export function bellLabel(unread: number): string {
  return unread === 0 ? 'Thông báo, không có thông báo chưa đọc' : `Thông báo, ${unread} chưa đọc`;
}

/**
 * The bell in the header: the unread count (asked every minute and whenever the window gets focus),
 * and the latest notifications in a popover (a drawer on phones).
 */
export function NotificationBell() {
  const isMobile = useIsMobile();
  const [open, setOpen] = useState(false);
  const count = useQuery(notificationQueries.count());
  const unread = count.data?.unread ?? 0;

  const button = (
    <Button
      type="text"
      className={styles.bell}
      aria-label={bellLabel(unread)}
      aria-haspopup="dialog"
      aria-expanded={open}
      data-testid="notification-bell"
      data-unread={unread}
      onClick={() => setOpen((value) => !value)}
      icon={
        <Badge count={unread} overflowCount={99} size="small" offset={[2, -2]} className={styles.bellBadge}>
          <BellOutlined className={styles.bellIcon} />
        </Badge>
      }
    />
  );

  if (isMobile) {
    return (
      <>
        {button}
        <Drawer open={open} onClose={() => setOpen(false)} placement="right" size="100%" title="Thông báo" styles={{ body: { padding: 0 } }}>
          {open ? <BellPanel onClose={() => setOpen(false)} /> : null}
        </Drawer>
      </>
    );
  }
  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      trigger="click"
      placement="bottomRight"
      arrow={false}
      title={null}
      content={open ? <BellPanel onClose={() => setOpen(false)} /> : null}
    >
      {button}
    </Popover>
  );
}

function BellPanel({ onClose }: { onClose: () => void }) {
  const list = useQuery(notificationQueries.list({ unreadOnly: false, page: 1, pageSize: LATEST }));
  const readAll = useReadAll();
  const { message } = App.useApp();
  const unread = list.data?.unread ?? 0;
  return (
    <div className={styles.panel} role="dialog" aria-label="Thông báo mới nhất">
      <div className={styles.panelHead}>
        <Typography.Text strong className={styles.panelTitle}>
          {unread > 0 ? `${unread} thông báo chưa đọc` : 'Không có thông báo chưa đọc'}
        </Typography.Text>
        {unread > 0 ? (
          <Button
            type="link"
            loading={readAll.isPending}
            onClick={() => readAll.mutate(undefined, { onError: (error) => void message.error(errorMessage(error)) })}
          >
            Đánh dấu tất cả đã đọc
          </Button>
        ) : null}
      </div>
      <div className={styles.panelBody}>
        {list.isPending ? (
          <div className={styles.panelPad}>
            <LoadingBlock rows={3} />
          </div>
        ) : list.isError ? (
          <div className={styles.panelPad}>
            <ErrorState error={list.error} onRetry={() => void list.refetch()} />
          </div>
        ) : list.data.items.length === 0 ? (
          <EmptyState description="Chưa có thông báo nào." />
        ) : (
          <NotificationList items={list.data.items} compact onOpened={onClose} />
        )}
      </div>
      <div className={styles.panelFoot}>
        <Link to="/thong-bao" onClick={onClose} className={styles.panelLink}>
          Xem tất cả thông báo
        </Link>
        <Link to="/thong-bao/cai-dat" onClick={onClose} className={styles.panelLink}>
          <SettingOutlined aria-hidden /> Cài đặt
        </Link>
      </div>
    </div>
  );
}
