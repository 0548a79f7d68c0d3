import { CheckOutlined, RightOutlined } from '@ant-design/icons';
import { App, Button, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { formatDateTime } from '../../../shared/domain/text';
import { errorMessage } from '../../api/client';
import type { Notification } from '../../api/urging';
import { KindTag, StageTag, safeLink } from './urgingFormat';
import { useMarkRead } from './useUrgingMutations';
import styles from './Urging.module.css';

/** Opening a notification marks it read and follows its link (when it has one). */
export function useOpenNotification(onOpened?: () => void) {
  const markRead = useMarkRead();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const markOne = (id: number) => markRead.mutate(id, { onError: (error) => void message.error(errorMessage(error)) });
  const open = (notification: Notification) => {
    if (!notification.readAt) markOne(notification.id);
    const link = safeLink(notification.link);
    onOpened?.();
    if (link) void navigate(link);
  };
  return { open, markOne, markRead };
}

/** A digest lists many units: its text is cut after a few lines until the reader asks for all of it. */
function isLong(body: string): boolean {
  return body.split('\n').length > 6 || body.length > 480;
}

type Opener = ReturnType<typeof useOpenNotification>;

function Item({ notification, compact, opener }: { notification: Notification; compact: boolean; opener: Opener }) {
  const [expanded, setExpanded] = useState(false);
  const unread = notification.readAt === null;
  const link = safeLink(notification.link);
  const long = !compact && isLong(notification.body);
  const { open, markOne, markRead } = opener;
  let bodyClass = styles.itemBody;
  if (compact) bodyClass = styles.itemBodyCompact;
  else if (long && !expanded) bodyClass = `${styles.itemBody} ${styles.itemBodyClamped}`;

  return (
    <li className={unread ? `${styles.item} ${styles.unread}` : styles.item} data-unread={unread ? 'true' : 'false'}>
      <button type="button" className={styles.itemMain} onClick={() => open(notification)} aria-label={`${unread ? 'Chưa đọc: ' : ''}${notification.title}`}>
        <span className={styles.itemHead}>
          {unread ? <span className={styles.dot} aria-hidden="true" /> : null}
          <span className={styles.itemTitle}>{notification.title}</span>
          {link ? <RightOutlined aria-hidden className={styles.itemArrow} /> : null}
        </span>
        <span className={styles.itemMeta}>
          <KindTag kind={notification.kind} short />
          <StageTag stage={notification.stage} />
          <span>{formatDateTime(notification.createdAt)}</span>
        </span>
        <span className={bodyClass}>{notification.body}</span>
      </button>
      {long ? (
        <div className={styles.more}>
          <Button type="link" onClick={() => setExpanded(!expanded)} aria-expanded={expanded}>
            {expanded ? 'Thu gọn' : 'Xem đầy đủ nội dung'}
          </Button>
        </div>
      ) : null}
      {!compact && (unread || link) ? (
        <div className={styles.itemActions}>
          {link ? (
            <Button size="large" type="primary" ghost icon={<RightOutlined />} onClick={() => open(notification)} aria-label={`Xem việc: ${notification.title}`}>
              Xem việc
            </Button>
          ) : null}
          {unread ? (
            <Button size="large" icon={<CheckOutlined />} loading={markRead.isPending && markRead.variables === notification.id} onClick={() => markOne(notification.id)}>
              Đánh dấu đã đọc
            </Button>
          ) : null}
        </div>
      ) : null}
      {!unread && !compact && notification.readAt ? (
        <Typography.Text type="secondary" className={styles.readAt}>
          Đã đọc lúc {formatDateTime(notification.readAt)}
        </Typography.Text>
      ) : null}
    </li>
  );
}

interface Props {
  items: Notification[];
  /** The bell's short list: two lines of text per notification. */
  compact?: boolean;
  onOpened?: () => void;
}

/**
 * Notifications as large tap targets: the whole title block opens one (marks it read, follows its link);
 * unread ones are bold on a tinted background with a dot, and offer "Đánh dấu đã đọc".
 */
export function NotificationList({ items, compact = false, onOpened }: Props) {
  const opener = useOpenNotification(onOpened);
  return (
    <ul className={compact ? `${styles.list} ${styles.listCompact}` : styles.list} aria-label="Danh sách thông báo">
      {items.map((notification) => (
        <Item key={notification.id} notification={notification} compact={compact} opener={opener} />
      ))}
    </ul>
  );
}
