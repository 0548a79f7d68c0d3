import { ApartmentOutlined, DeleteOutlined, EditOutlined, PaperClipOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { App, Breadcrumb, Button, Card, Descriptions, Flex, Result, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { formatFileSize } from '../../../shared/domain/files';
import { formatDate } from '../../../shared/domain/text';
import { errorMessage } from '../../api/client';
import { documentFileUrl, documentQueries } from '../../api/documents';
import type { DocumentDetail, DocumentSummary, Requirement } from '../../api/documents';
import { EmptyState, ErrorState, LoadingBlock } from '../../components/states';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { CountTags } from '../cascade/TimelinessTag';
import { documentName, typeLabel } from './documentOptions';
import { CreateDocumentDrawer, EditDocumentDrawer } from './DocumentFormDrawer';
import styles from './Documents.module.css';
import { RequirementModal } from './RequirementModal';
import { requirementSentence } from './requirementText';
import { useDeleteDocument, useDeleteRequirement } from './useDocumentMutations';

type Dialog = { kind: 'edit' | 'implement' | 'requirement' } | null;

/** /van-ban/:id — one document, what it implements, who implements it, and what it requires of lower levels. */
export function DocumentDetailPage() {
  const params = useParams();
  const id = params.id && /^[1-9]\d{0,15}$/u.test(params.id) ? Number(params.id) : undefined;
  const detail = useQuery({ ...documentQueries.detail(id ?? 0), enabled: id !== undefined });
  useDocumentTitle(detail.data ? `${typeLabel(detail.data.docType)} ${detail.data.symbol}` : 'Văn bản');

  const back = <Link to="/van-ban">Về danh sách văn bản</Link>;
  if (id === undefined) return <Result status="404" title="Không tìm thấy văn bản" subTitle="Địa chỉ văn bản không hợp lệ." extra={back} />;
  if (detail.isPending) return <LoadingBlock rows={10} />;
  if (detail.isError) {
    return (
      <Flex vertical gap={12}>
        <ErrorState error={detail.error} title="Không mở được văn bản" onRetry={() => void detail.refetch()} />
        <div>{back}</div>
      </Flex>
    );
  }
  return <DocumentRecord document={detail.data} />;
}

function DocumentLink({ document }: { document: DocumentSummary }) {
  return (
    <span>
      <Link to={`/van-ban/${document.id}`}>{documentName(document)}</Link>
      <span className={styles.meta}> · {document.issuer.name}</span>
    </span>
  );
}

function DocumentRecord({ document }: { document: DocumentDetail }) {
  const navigate = useNavigate();
  const { message, modal } = App.useApp();
  const [dialog, setDialog] = useState<Dialog>(null);
  // Kept after closing, so the dialog's title does not change while it fades out.
  const [requirementTarget, setRequirementTarget] = useState<Requirement | null>(null);
  const close = () => setDialog(null);
  const openRequirement = (requirement: Requirement | null) => {
    setRequirementTarget(requirement);
    setDialog({ kind: 'requirement' });
  };
  // Whether the caller may register documents comes with the list (the same policy as the list page).
  const listCan = useQuery({ ...documentQueries.list({ pageSize: 1 }), select: (list) => list.can });
  const remove = useDeleteDocument(document);
  const removeRequirement = useDeleteRequirement(document.id);
  const { can } = document;

  const confirmDelete = () =>
    modal.confirm({
      title: `Xóa văn bản ${document.symbol}?`,
      content: 'Văn bản bị xóa khỏi danh sách; việc này được ghi vào nhật ký thay đổi.',
      okText: 'Xóa văn bản',
      okButtonProps: { danger: true },
      cancelText: 'Hủy',
      onOk: () =>
        remove.mutateAsync().then(
          () => {
            void message.success(`Đã xóa văn bản ${document.symbol}.`);
            void navigate('/van-ban');
          },
          (error: unknown) => {
            void message.error(errorMessage(error));
          },
        ),
    });

  const confirmDeleteRequirement = (requirement: Requirement) =>
    modal.confirm({
      title: 'Xóa yêu cầu triển khai?',
      content: requirementSentence(requirement),
      okText: 'Xóa yêu cầu',
      okButtonProps: { danger: true },
      cancelText: 'Hủy',
      onOk: () =>
        removeRequirement.mutateAsync(requirement).then(
          () => {
            void message.success('Đã xóa yêu cầu triển khai.');
          },
          (error: unknown) => {
            void message.error(errorMessage(error));
          },
        ),
    });

  const firstRequirement = document.requirements[0];

  return (
    <section aria-labelledby="document-title" className={styles.detail}>
      <Breadcrumb className={styles.breadcrumb} items={[{ key: 'list', title: <Link to="/van-ban">Văn bản chỉ đạo</Link> }, { key: 'this', title: document.symbol }]} />
      <Flex wrap justify="space-between" align="flex-start" gap={12} className={styles.heading}>
        <div className={styles.headingText}>
          <span className={styles.kicker}>{document.issuer.name}</span>
          <Typography.Title level={1} id="document-title" className="page-title" style={{ marginBottom: 8 }}>
            {typeLabel(document.docType)} số {document.symbol}
          </Typography.Title>
          <p className={styles.docTitle}>{document.title}</p>
        </div>
        <Flex wrap gap={8}>
          {can.edit ? (
            <Button type="primary" icon={<EditOutlined />} onClick={() => setDialog({ kind: 'edit' })}>
              Sửa
            </Button>
          ) : null}
          {listCan.data?.create ? (
            <Button icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'implement' })}>
              Đăng ký văn bản thực hiện
            </Button>
          ) : null}
          {can.delete ? (
            <Button danger icon={<DeleteOutlined />} loading={remove.isPending} onClick={confirmDelete}>
              Xóa
            </Button>
          ) : null}
        </Flex>
      </Flex>

      <Card size="small" title="Thông tin văn bản" className={styles.block}>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, lg: 2 }}
          items={[
            { key: 'type', label: 'Loại văn bản', children: typeLabel(document.docType) },
            { key: 'symbol', label: 'Số, ký hiệu', children: document.symbol },
            { key: 'issuedOn', label: 'Ngày ban hành', children: formatDate(document.issuedOn) },
            { key: 'issuer', label: 'Cơ quan ban hành', children: document.issuer.name },
            { key: 'signer', label: 'Người ký', children: document.signer ?? '—' },
            { key: 'term', label: 'Nhiệm kỳ', children: document.termName || '—' },
            { key: 'campaign', label: 'Cuộc vận động', children: document.campaign?.name ?? '—' },
            {
              key: 'implements',
              label: 'Thực hiện văn bản',
              children: document.implements ? <DocumentLink document={document.implements} /> : '—',
            },
            {
              key: 'file',
              label: 'Tệp đính kèm',
              children: document.file ? (
                <a href={documentFileUrl(document.id)} download={document.file.name}>
                  <PaperClipOutlined aria-hidden /> {document.file.name} ({formatFileSize(document.file.size)})
                </a>
              ) : (
                'Không có'
              ),
            },
          ]}
        />
      </Card>

      <Card
        size="small"
        title="Yêu cầu triển khai"
        className={styles.block}
        extra={
          can.addRequirement ? (
            <Button size="small" icon={<PlusOutlined />} onClick={() => openRequirement(null)}>
              Thêm yêu cầu
            </Button>
          ) : null
        }
      >
        {document.requirements.length === 0 ? (
          <EmptyState description="Văn bản này chưa đặt yêu cầu triển khai cho cấp dưới." />
        ) : (
          <ul className={styles.plainList} aria-label="Yêu cầu triển khai">
            {document.requirements.map((requirement) => (
              <li key={requirement.id} className={styles.requirement}>
                <p className={styles.requirementText}>{requirementSentence(requirement)}</p>
                <div>
                  <div className={styles.meta}>Ban hành văn bản:</div>
                  <CountTags counts={requirement.counts} label="Tình hình ban hành văn bản" />
                </div>
                {requirement.conferenceCounts ? (
                  <div>
                    <div className={styles.meta}>Hội nghị quán triệt:</div>
                    <CountTags counts={requirement.conferenceCounts} label="Tình hình tổ chức hội nghị quán triệt" />
                  </div>
                ) : null}
                <div className={styles.requirementActions}>
                  <Link to={`/chi-dao?document=${document.id}`}>
                    <ApartmentOutlined aria-hidden /> Xem tiến độ
                  </Link>
                  {requirement.can.edit ? (
                    <>
                      <Button size="small" icon={<EditOutlined />} onClick={() => openRequirement(requirement)}>
                        Sửa yêu cầu
                      </Button>
                      <Button size="small" danger icon={<DeleteOutlined />} onClick={() => confirmDeleteRequirement(requirement)}>
                        Xóa yêu cầu
                      </Button>
                    </>
                  ) : null}
                </div>
              </li>
            ))}
          </ul>
        )}
      </Card>

      <Card size="small" title={`Văn bản thực hiện (${document.implementedBy.length})`} className={styles.block}>
        {document.implementedBy.length === 0 ? (
          <EmptyState description="Chưa có văn bản nào thực hiện văn bản này." />
        ) : (
          <ul className={styles.plainList} aria-label="Văn bản thực hiện">
            {document.implementedBy.map((child) => (
              <li key={child.id}>
                <DocumentLink document={child} />
                <div className={styles.meta}>{child.title}</div>
              </li>
            ))}
          </ul>
        )}
      </Card>

      <EditDocumentDrawer document={document} open={dialog?.kind === 'edit'} onClose={close} />
      {listCan.data?.create ? (
        <CreateDocumentDrawer
          open={dialog?.kind === 'implement'}
          canCreateExternal={listCan.data.createExternal}
          defaults={{ implements: document, campaignId: document.campaignId, ...(firstRequirement ? { docType: firstRequirement.requiredType } : {}) }}
          onClose={close}
          onCreated={(created) => {
            close();
            void navigate(`/van-ban/${created.id}`);
          }}
        />
      ) : null}
      <RequirementModal document={document} requirement={requirementTarget} open={dialog?.kind === 'requirement'} onClose={close} />
    </section>
  );
}
