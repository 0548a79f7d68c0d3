import { useQuery } from '@tanstack/react-query';
import { Spin, Tag, Typography } from 'antd';
import { formatDate } from '../../../shared/domain/text';
import { UNIT_KIND_LABELS } from '../../../shared/domain/units';
import { unitQueries } from '../../api/units';
import { EmptyState, ErrorState } from '../../components/states';
import styles from './OrgTreePage.module.css';

export const MIN_SEARCH_LENGTH = 2;

/** Hits of the server-side search (diacritics folded), each with its path inside the user's scope. */
export function UnitSearchResults({ q, within, includeClosed, selectedId, onOpen }: { q: string; within: number; includeClosed: boolean; selectedId: number; onOpen: (id: number) => void }) {
  const search = useQuery({ ...unitQueries.search({ q, within, includeClosed, limit: 20 }), enabled: q.length >= MIN_SEARCH_LENGTH });

  if (q.length < MIN_SEARCH_LENGTH) {
    return <Typography.Text type="secondary">Gõ ít nhất {MIN_SEARCH_LENGTH} ký tự để tìm.</Typography.Text>;
  }
  if (search.isPending) {
    return (
      <div className={styles.searchState}>
        <Spin description="Đang tìm…" />
      </div>
    );
  }
  if (search.isError) return <ErrorState error={search.error} title="Không tìm được" onRetry={() => void search.refetch()} />;
  if (search.data.length === 0) return <EmptyState description={`Không tìm thấy đơn vị nào khớp với “${q}”.`} />;

  return (
    <div aria-live="polite">
      <Typography.Text type="secondary" className={styles.searchCount}>
        {search.data.length >= 20 ? 'Hiện 20 kết quả đầu tiên — gõ cụ thể hơn để thu hẹp.' : `${search.data.length} kết quả`}
      </Typography.Text>
      <ul className={styles.hits} aria-label="Kết quả tìm đơn vị">
        {search.data.map((hit) => (
          <li key={hit.id}>
            <button
              type="button"
              className={hit.id === selectedId ? `${styles.hit} ${styles.hitSelected}` : styles.hit}
              aria-current={hit.id === selectedId ? 'true' : undefined}
              onClick={() => onOpen(hit.id)}
            >
              <span className={styles.hitName}>
                {hit.name}
                {hit.closedOn ? (
                  <Tag color="red" className={styles.inlineTag}>
                    Đã đóng {formatDate(hit.closedOn)}
                  </Tag>
                ) : null}
              </span>
              <span className={styles.hitPath}>
                {UNIT_KIND_LABELS[hit.kind]}
                {hit.path.length > 0 ? ` · ${hit.path.join(' › ')}` : ''}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
