import { useQueries, useQueryClient } from '@tanstack/react-query';
import { Button, Tag, Tree, Typography } from 'antd';
import type { TreeDataNode } from 'antd';
import { useEffect, useRef, useState } from 'react';
import type { Key } from 'react';
import type { UnitKind } from '../../../shared/domain/units';
import type { UnitRef, UnitSummary } from '../../../shared/schemas/units';
import { unitQueries } from '../../api/units';
import styles from './OrgTreePage.module.css';

interface UnitTreeProps {
  root: UnitRef;
  selectedId: number;
  /** Ids from the root down to the selected unit's parent: these get expanded so the selection shows. */
  revealIds: readonly number[];
  includeClosed: boolean;
  /** CSS max-height of the scrolling box around the tree. */
  maxHeight: number | string;
  onOpen: (id: number) => void;
}

interface NodeUnit {
  id: number;
  name: string;
  kind: UnitKind;
  childCount?: number;
  closedOn?: string | null;
}

/**
 * The organisation tree, loaded one level at a time. Each expanded parent is one
 * `/api/units/:id/children` query, so invalidating a parent's children after a change
 * redraws exactly that branch.
 */
export function UnitTree({ root, selectedId, revealIds, includeClosed, maxHeight, onOpen }: UnitTreeProps) {
  const queryClient = useQueryClient();
  const boxRef = useRef<HTMLDivElement>(null);
  const [expanded, setExpanded] = useState<number[]>([root.id]);
  const [requested, setRequested] = useState<number[]>([root.id]);

  const request = (ids: readonly number[]) =>
    setRequested((current) => {
      const missing = ids.filter((id) => !current.includes(id));
      return missing.length ? [...current, ...missing] : current;
    });

  // Reveal the selected unit: expand (and load) every ancestor. Adjusting state while rendering,
  // as React recommends, instead of an effect that would draw the collapsed tree first.
  const revealKey = revealIds.join('/');
  const [revealed, setRevealed] = useState('');
  if (revealKey !== revealed) {
    setRevealed(revealKey);
    request(revealIds);
    setExpanded((current) => [...current, ...revealIds.filter((id) => !current.includes(id))]);
  }

  const results = useQueries({
    queries: requested.map((id) => unitQueries.children(id, includeClosed)),
  });

  const childrenOf = new Map<number, { units: UnitSummary[] | undefined; failed: boolean; retry: () => void }>();
  requested.forEach((id, index) => {
    const result = results[index];
    if (!result) return;
    childrenOf.set(id, { units: result.data, failed: result.isError && !result.data, retry: () => void result.refetch() });
  });

  const build = (unit: NodeUnit): TreeDataNode => {
    const loaded = childrenOf.get(unit.id);
    const node: TreeDataNode = { key: unit.id, title: <NodeTitle unit={unit} />, isLeaf: unit.childCount === 0 };
    if (loaded?.units) node.children = loaded.units.map(build);
    else if (loaded?.failed) {
      node.children = [
        {
          key: `error-${unit.id}`,
          selectable: false,
          isLeaf: true,
          title: (
            <span>
              <Typography.Text type="danger">Không tải được.</Typography.Text>{' '}
              <Button size="small" type="link" onClick={loaded.retry}>
                Thử lại
              </Button>
            </span>
          ),
        },
      ];
    }
    return node;
  };
  const treeData = [build(root)];

  const loadedKeys = [...childrenOf.entries()].filter(([, entry]) => entry.units || entry.failed).map(([id]) => id);

  // Bring the selected node into view once its row exists (native scrolling: the tree is not
  // virtualised, a branch rarely holds more than a few dozen units).
  const selectedPresent = loadedKeys.includes(revealIds[revealIds.length - 1] ?? root.id);
  useEffect(() => {
    if (!selectedPresent) return;
    const frame = requestAnimationFrame(() => {
      boxRef.current?.querySelector('.ant-tree-treenode-selected')?.scrollIntoView({ block: 'nearest' });
    });
    return () => cancelAnimationFrame(frame);
  }, [selectedId, selectedPresent]);

  return (
    <div ref={boxRef} className={styles.treeBox} style={{ maxHeight }}>
      <Tree
        className={styles.tree}
        aria-label="Cây tổ chức"
        blockNode
        showLine={{ showLeafIcon: false }}
        treeData={treeData}
        expandedKeys={expanded}
        loadedKeys={loadedKeys}
        selectedKeys={[selectedId]}
        onExpand={(keys: Key[]) => setExpanded(keys.filter((key): key is number => typeof key === 'number'))}
        onSelect={(keys: Key[]) => {
          const key = keys[0];
          // Clicking the open unit again deselects it in antd; it stays open here.
          if (typeof key === 'number') onOpen(key);
        }}
        loadData={async (node) => {
          const id = node.key;
          if (typeof id !== 'number') return;
          request([id]);
          try {
            await queryClient.fetchQuery(unitQueries.children(id, includeClosed));
          } catch {
            // shown as a "Thử lại" node under the parent
          }
        }}
      />
    </div>
  );
}

function NodeTitle({ unit }: { unit: NodeUnit }) {
  return (
    <span className={unit.closedOn ? styles.closedNode : undefined}>
      {unit.name}
      {unit.closedOn ? (
        <Tag className={styles.nodeTag} variant="filled">
          Đã đóng
        </Tag>
      ) : null}
    </span>
  );
}
