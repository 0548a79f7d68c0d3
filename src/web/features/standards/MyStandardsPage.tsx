import { useQuery } from '@tanstack/react-query';
import { Typography } from 'antd';
import { STANDARD_KIND_LABELS } from '../../../shared/domain/standards';
import { formatDate } from '../../../shared/domain/text';
import { standardQueries } from '../../api/standards';
import { Panel } from '../../components/Panel';
import { EmptyState, ErrorState, LoadingBlock } from '../../components/states';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { CriteriaList } from './standardsFormat';
import styles from './Standards.module.css';

/** /chuan-muc-cua-toi: the standards in force for the member, their own unit's first. */
export function MyStandardsPage() {
  useDocumentTitle('Chuẩn mực của đơn vị tôi');
  return <MyStandardsView />;
}

/** Read-only, one column: what a member reads on a phone. */
export function MyStandardsView() {
  const mine = useQuery(standardQueries.mine());
  return (
    <div className={styles.narrow}>
      <Typography.Title level={1} className="page-title">
        Chuẩn mực của đơn vị tôi
      </Typography.Title>
      {mine.isPending ? (
        <LoadingBlock rows={8} />
      ) : mine.isError ? (
        <ErrorState error={mine.error} onRetry={() => void mine.refetch()} />
      ) : mine.data.items.length === 0 ? (
        <EmptyState description="Đơn vị của bạn và các cấp ủy cấp trên chưa ban hành chuẩn mực đạo đức." />
      ) : (
        mine.data.items.map((version) => (
          <Panel key={version.id} className={styles.block} title={`${STANDARD_KIND_LABELS[version.kind]} — ${version.unit.name}`}>
            <h3 className={styles.versionTitle}>{version.title}</h3>
            <p className={styles.small}>
              {version.documentSymbol ? `Ban hành theo ${version.documentSymbol}` : 'Đã ban hành'}
              {version.issuedOn ? ` ngày ${formatDate(version.issuedOn)}` : ''}
              {version.versionNo > 1 ? ` (bản sửa đổi lần ${version.versionNo - 1})` : ''}
            </p>
            <CriteriaList criteria={version.criteria} />
          </Panel>
        ))
      )}
    </div>
  );
}
