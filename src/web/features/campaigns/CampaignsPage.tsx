import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Flex, Form, Input, InputNumber, Modal, Row, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { formatNumber } from '../../../shared/domain/text';
import { auditKeys } from '../../api/audit';
import { campaignApi, campaignKeys, campaignQueries } from '../../api/campaigns';
import type { Campaign } from '../../api/campaigns';
import { isApiError } from '../../api/client';
import { FormError } from '../../components/FormError';
import { applyServerErrors } from '../../components/serverErrors';
import { EmptyState, ErrorState } from '../../components/states';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { useIsMobile } from '../../components/useIsMobile';

interface CampaignFormValues {
  name: string;
  startYear: number | null;
  endYear: number | null;
  description?: string;
}

const FIELDS = ['name', 'startYear', 'endYear', 'description'];
const FIELD_MAP: Record<string, string> = Object.fromEntries(FIELDS.flatMap((field) => [[`body.${field}`, field], [field, field]]));

/** "Cuộc vận động": the campaigns documents belong to; created and edited by the province (per `can`). */
export function CampaignsPage() {
  useDocumentTitle('Cuộc vận động');
  const isMobile = useIsMobile();
  const list = useQuery(campaignQueries.list());
  const [editing, setEditing] = useState<{ campaign: Campaign | null } | null>(null);
  const [lastEdited, setLastEdited] = useState<Campaign | null>(null);
  const can = list.data?.can;

  const open = (campaign: Campaign | null) => {
    setLastEdited(campaign);
    setEditing({ campaign });
  };

  const columns: TableColumnsType<Campaign> = [
    {
      title: 'Cuộc vận động',
      key: 'name',
      render: (_value, campaign) => (
        <div>
          <Link to={`/van-ban?campaign=${campaign.id}`} style={{ fontWeight: 500 }}>
            {campaign.name}
          </Link>
          {campaign.description ? <div style={{ fontSize: 13, color: 'rgba(0,0,0,0.6)' }}>{campaign.description}</div> : null}
          {isMobile ? (
            <div style={{ fontSize: 13, color: 'rgba(0,0,0,0.6)' }}>
              {campaign.startYear}–{campaign.endYear} · {formatNumber(campaign.documentCount)} văn bản
            </div>
          ) : null}
        </div>
      ),
    },
    ...(isMobile
      ? []
      : [
          { title: 'Thời gian', key: 'years', render: (_value: unknown, campaign: Campaign) => <span style={{ whiteSpace: 'nowrap' }}>{campaign.startYear}–{campaign.endYear}</span> },
          { title: <span style={{ whiteSpace: 'nowrap' }}>Số văn bản</span>, key: 'documents', align: 'right' as const, render: (_value: unknown, campaign: Campaign) => formatNumber(campaign.documentCount) },
        ]),
    ...(can?.edit
      ? [
          {
            title: <span className="visually-hidden">Thao tác</span>,
            key: 'actions',
            width: 1,
            render: (_value: unknown, campaign: Campaign) => (
              <Button icon={<EditOutlined />} onClick={() => open(campaign)} aria-label={`Sửa ${campaign.name}`}>
                {isMobile ? null : 'Sửa'}
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <div style={{ maxWidth: 1000 }}>
      <Flex wrap justify="space-between" align="flex-start" gap={8} style={{ marginBottom: 12 }}>
        <Typography.Title level={1} className="page-title">
          Cuộc vận động
        </Typography.Title>
        {can?.create ? (
          <Button type="primary" size="large" icon={<PlusOutlined />} onClick={() => open(null)}>
            Thêm cuộc vận động
          </Button>
        ) : null}
      </Flex>
      <Card size="small" styles={{ body: { padding: 0 } }}>
        {list.isError ? (
          <div style={{ padding: 12 }}>
            <ErrorState error={list.error} onRetry={() => void list.refetch()} />
          </div>
        ) : (
          <Table<Campaign>
            rowKey="id"
            size={isMobile ? 'small' : 'middle'}
            loading={list.isFetching}
            columns={columns}
            dataSource={list.data?.items ?? []}
            pagination={false}
            locale={{ emptyText: list.isPending ? ' ' : <EmptyState description="Chưa có cuộc vận động nào." /> }}
          />
        )}
      </Card>
      <CampaignModal open={editing !== null} campaign={editing?.campaign ?? lastEdited} onClose={() => setEditing(null)} />
    </div>
  );
}

function useSaveCampaign(campaign: Campaign | null) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (values: { name: string; startYear: number; endYear: number; description: string | null }) =>
      campaign ? campaignApi.update(campaign.id, { version: campaign.version, ...values }) : campaignApi.create(values),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: campaignKeys.all });
      void queryClient.invalidateQueries({ queryKey: auditKeys.all });
    },
    onError: (error) => {
      if (isApiError(error, 'conflict') || isApiError(error, 'not_found')) void queryClient.invalidateQueries({ queryKey: campaignKeys.all });
    },
  });
}

function CampaignModal({ open, campaign, onClose }: { open: boolean; campaign: Campaign | null; onClose: () => void }) {
  const save = useSaveCampaign(campaign);
  return (
    <Modal
      open={open}
      title={campaign ? 'Sửa cuộc vận động' : 'Thêm cuộc vận động'}
      okText={campaign ? 'Lưu thay đổi' : 'Thêm cuộc vận động'}
      okButtonProps={{ htmlType: 'submit', form: 'campaign' }}
      cancelText="Hủy"
      onCancel={onClose}
      confirmLoading={save.isPending}
      destroyOnHidden
      afterClose={() => save.reset()}
    >
      {save.isError ? <FormError error={save.error} conflictHint="Danh sách mới nhất đã được tải lại. Hãy đóng hộp thoại, kiểm tra rồi sửa lại nếu vẫn cần." /> : null}
      <CampaignForm campaign={campaign} save={save} onClose={onClose} />
    </Modal>
  );
}

const yearRules = (label: string) => [
  { required: true, message: `Vui lòng nhập ${label}.` },
  { type: 'integer' as const, min: 1945, max: 2100, message: `${label[0]?.toUpperCase()}${label.slice(1)} phải từ 1945 đến 2100.` },
];

function CampaignForm({ campaign, save, onClose }: { campaign: Campaign | null; save: ReturnType<typeof useSaveCampaign>; onClose: () => void }) {
  const [form] = Form.useForm<CampaignFormValues>();
  const { message } = App.useApp();
  const submit = (values: CampaignFormValues) => {
    const description = values.description?.trim() ?? '';
    save.mutate(
      { name: values.name.trim(), startYear: values.startYear ?? 0, endYear: values.endYear ?? 0, description: description === '' ? null : description },
      {
        onSuccess: (saved) => {
          void message.success(campaign ? 'Đã lưu cuộc vận động.' : `Đã thêm cuộc vận động ${saved.name}.`);
          onClose();
        },
        onError: (error) => applyServerErrors(form, error, FIELD_MAP),
      },
    );
  };
  return (
    <Form<CampaignFormValues>
      form={form}
      name="campaign"
      layout="vertical"
      initialValues={campaign ? { name: campaign.name, startYear: campaign.startYear, endYear: campaign.endYear, description: campaign.description ?? '' } : { name: '', startYear: null, endYear: null, description: '' }}
      onFinish={submit}
      disabled={save.isPending}
    >
      <Form.Item
        label="Tên cuộc vận động"
        name="name"
        rules={[
          { required: true, whitespace: true, message: 'Vui lòng nhập tên cuộc vận động.' },
          { min: 5, message: 'Tên cuộc vận động phải có ít nhất 5 ký tự.' },
          { max: 300, message: 'Tên cuộc vận động dài quá 300 ký tự.' },
        ]}
      >
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} placeholder="Ví dụ: Học tập và làm theo tấm gương đạo đức Hồ Chí Minh (Chỉ thị 03-CT/TW)" />
      </Form.Item>
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item label="Năm bắt đầu" name="startYear" rules={yearRules('năm bắt đầu')}>
            <InputNumber style={{ width: '100%' }} precision={0} inputMode="numeric" placeholder="2011" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            label="Năm kết thúc"
            name="endYear"
            dependencies={['startYear']}
            rules={[
              ...yearRules('năm kết thúc'),
              (instance) => ({
                validator: async (_rule, value: number | null) => {
                  const start = instance.getFieldValue('startYear') as number | null;
                  if (value !== null && start !== null && value < start) throw new Error('Năm kết thúc không được trước năm bắt đầu.');
                },
              }),
            ]}
          >
            <InputNumber style={{ width: '100%' }} precision={0} inputMode="numeric" placeholder="2016" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label="Mô tả" name="description" rules={[{ max: 2000, message: 'Mô tả dài quá 2000 ký tự.' }]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
      </Form.Item>
    </Form>
  );
}
