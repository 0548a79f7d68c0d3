import { DeleteOutlined, EditOutlined, FileTextOutlined, LinkOutlined, PaperClipOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Popconfirm, Select, Typography } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { formatFileSize } from '../../../shared/domain/files';
import { errorMessage } from '../../api/client';
import { materialFileUrl, studyTopicQueries } from '../../api/meetings';
import type { StudyTopic, TopicMaterial } from '../../api/meetings';
import { Panel } from '../../components/Panel';
import { EmptyState, ErrorState, LoadingBlock } from '../../components/states';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { ruleSentences, yearOptions, yearParam } from '../meetings/meetingFormat';
import { AddMaterialModal } from './AddMaterialModal';
import styles from './StudyTopics.module.css';
import { TopicFormDrawer } from './TopicFormDrawer';
import { useRemoveMaterial } from './useStudyTopicMutations';

/** "Chuyên đề năm": the year's study topic, its items, rule and reading material. */
export function StudyTopicPage() {
  useDocumentTitle('Chuyên đề năm');
  const [params, setParams] = useSearchParams();
  const year = yearParam(params.get('year'));
  const list = useQuery(studyTopicQueries.list(year));
  const [editing, setEditing] = useState<{ topic: StudyTopic | null } | null>(null);

  const setYear = (value: number) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        next.set('year', String(value));
        return next;
      },
      { replace: true },
    );

  let body;
  if (list.isPending) body = <LoadingBlock rows={8} />;
  else if (list.isError && !list.data) body = <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  else if (list.data.items.length === 0) {
    body = (
      <Panel>
        <EmptyState description={`Chưa có chuyên đề năm ${year}`}>
          {list.data.can.create ? (
            <Button type="primary" size="large" icon={<PlusOutlined />} onClick={() => setEditing({ topic: null })}>
              Tạo chuyên đề năm {year}
            </Button>
          ) : null}
        </EmptyState>
      </Panel>
    );
  } else body = list.data.items.map((topic) => <TopicCard key={topic.id} topic={topic} onEdit={() => setEditing({ topic })} />);

  const canCreateMore = list.data?.can.create === true && list.data.items.length > 0 && !list.data.items.some((topic) => topic.can.edit);

  return (
    <div className={styles.page}>
      <Typography.Title level={1} className="page-title">
        Chuyên đề năm
      </Typography.Title>
      <div className={styles.toolbar}>
        <label className={styles.inlineLabel}>
          <span>Năm</span>
          <Select className={styles.yearBox} size="large" value={year} options={yearOptions(year)} onChange={setYear} aria-label="Năm" />
        </label>
        {canCreateMore ? (
          <Button size="large" icon={<PlusOutlined />} onClick={() => setEditing({ topic: null })}>
            Tạo chuyên đề năm {year}
          </Button>
        ) : null}
      </div>
      {body}
      <TopicFormDrawer open={editing !== null} year={year} topic={editing?.topic ?? null} onClose={() => setEditing(null)} />
    </div>
  );
}

function TopicCard({ topic, onEdit }: { topic: StudyTopic; onEdit: () => void }) {
  const [adding, setAdding] = useState(false);
  return (
    <article className={styles.card} aria-labelledby={`chuyen-de-${topic.id}`}>
      <div className={styles.cardHead}>
        <div className={styles.kicker}>Chuyên đề năm {topic.year}</div>
        <h2 id={`chuyen-de-${topic.id}`} className={styles.title}>
          {topic.title}
        </h2>
        {topic.can.edit ? (
          <Button size="large" icon={<EditOutlined />} onClick={onEdit}>
            Sửa chuyên đề
          </Button>
        ) : null}
      </div>
      {topic.description ? <p className={styles.description}>{topic.description}</p> : null}
      <div className={styles.rule} role="note" aria-label="Quy định học chuyên đề">
        {ruleSentences(topic.rule).map((sentence) => (
          <p key={sentence}>{sentence}</p>
        ))}
      </div>
      <h3 className={styles.section}>Các nội dung</h3>
      {topic.items.length === 0 ? (
        <p className={styles.muted}>Chưa có nội dung nào.</p>
      ) : (
        <ol className={styles.items}>
          {topic.items.map((item) => (
            <li key={item.id} value={item.number}>
              <span className={styles.itemTitle}>{item.title}</span>
              {item.description ? <span className={styles.itemDescription}>{item.description}</span> : null}
            </li>
          ))}
        </ol>
      )}
      <h3 className={styles.section}>Tài liệu học tập</h3>
      {topic.materials.length === 0 ? (
        <p className={styles.muted}>Chưa có tài liệu nào.</p>
      ) : (
        <ul className={styles.materials}>
          {topic.materials.map((material) => (
            <MaterialRow key={material.id} topic={topic} material={material} />
          ))}
        </ul>
      )}
      {topic.can.edit ? (
        <>
          <Button icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            Thêm tài liệu
          </Button>
          <AddMaterialModal topic={topic} open={adding} onClose={() => setAdding(false)} />
        </>
      ) : null}
    </article>
  );
}

function MaterialRow({ topic, material }: { topic: StudyTopic; material: TopicMaterial }) {
  const remove = useRemoveMaterial(topic.id);
  const { message } = App.useApp();
  let link;
  if (material.url) {
    link = (
      <a href={material.url} target="_blank" rel="noopener noreferrer">
        <LinkOutlined aria-hidden /> {material.title}
      </a>
    );
  } else if (material.file) {
    link = (
      <a href={materialFileUrl(topic.id, material.id)}>
        <PaperClipOutlined aria-hidden /> {material.title} <span className={styles.muted}>({formatFileSize(material.file.size)})</span>
      </a>
    );
  } else if (material.document) {
    link = (
      <Link to={`/van-ban/${material.document.id}`}>
        <FileTextOutlined aria-hidden /> {material.title} <span className={styles.muted}>({material.document.symbol})</span>
      </Link>
    );
  } else link = <span>{material.title}</span>;
  return (
    <li className={styles.material}>
      <span className={styles.materialLink}>{link}</span>
      {topic.can.edit ? (
        <Popconfirm
          title="Bỏ tài liệu này khỏi chuyên đề?"
          okText="Bỏ"
          okButtonProps={{ danger: true }}
          cancelText="Không"
          onConfirm={() =>
            remove.mutate(material.id, {
              onSuccess: () => void message.success('Đã bỏ tài liệu.'),
              onError: (error) => void message.error(errorMessage(error)),
            })
          }
        >
          <Button danger type="text" icon={<DeleteOutlined />} loading={remove.isPending} aria-label={`Bỏ tài liệu ${material.title}`} />
        </Popconfirm>
      ) : null}
    </li>
  );
}
