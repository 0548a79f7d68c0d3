import type { ReactNode } from 'react';
import styles from './Panel.module.css';

/**
 * A plain white box with an optional heading: antd's Card look without its code (Card brings
 * Tabs along, ~15 KiB gzip), for the pages members and first-time users open on cheap phones.
 */
export function Panel({ title, children, className }: { title?: ReactNode; children: ReactNode; className?: string | undefined }) {
  return (
    <section className={className ? `${styles.panel} ${className}` : styles.panel}>
      {title ? <h2 className={styles.title}>{title}</h2> : null}
      <div className={styles.body}>{children}</div>
    </section>
  );
}
