import { DeleteOutlined, EditOutlined, PlusOutlined, UserAddOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { App, Breadcrumb, Button, DatePicker, Descriptions, Flex, Form, Input, Popconfirm, Result, Select, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { HELPER_ACTIVITY_LABELS } from '../../../shared/domain/direction';
import type { HelperActivityKind } from '../../../shared/domain/direction';
import { formatDate, formatNumber } from '../../../shared/domain/text';
import { UNIT_KIND_LABELS } from '../../../shared/domain/units';
import { errorMessage } from '../../api/client';
import { helperUnitQueries } from '../../api/helper-units';
import type { HelperUnitByUnit, HelperUnitDetail } from '../../api/helper-units';
import { DATE_INPUT_FORMATS, toIsoDate } from '../../components/dates';
import { FormError } from '../../components/FormError';
import { Panel } from '../../components/Panel';
import { applyServerErrors } from '../../components/serverErrors';
import { EmptyState, ErrorState, LoadingBlock } from '../../components/states';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { useIsMobile } from '../../components/useIsMobile';
import { useMe } from '../auth/useMe';
import { positiveInt } from '../conferences/conferenceFormat';
import { AddHelperMemberModal } from './AddHelperMemberModal';
import { ACTIVITY_OPTIONS, RoleTag, StateTag } from './helperUnitOptions';
import { CreateHelperUnitModal, EditHelperUnitModal } from './HelperUnitFormModal';
import { useAddHelperActivity, useRemoveHelperMember } from './useHelperUnitMutations';
import styles from './HelperUnits.module.css';

/** /bo-phan-giup-viec/:unitId — one committee's helper unit: set up, members, activity log. */
export function HelperUnitDetailPage() {
  const me = useMe();
  const params = useParams();
  const unitId = positiveInt(params.unitId ?? null);
  const query = useQuery({ ...helperUnitQueries.byUnit(unitId ?? 0), enabled: unitId !== undefined && me.role !== 'member' });
  useDocumentTitle(query.data ? `Bộ phận giúp việc — ${query.data.unit.name}` : 'Bộ phận giúp việc');
  const back = <Link to="/bo-phan-giup-viec">Về danh sách cấp ủy</Link>;

  if (unitId === undefined || me.role === 'member') {
    return <Result status="404" title="Không tìm thấy cấp ủy" subTitle="Địa chỉ không hợp lệ." extra={back} />;
  }
  if (query.isPending) return <LoadingBlock rows={10} />;
  if (query.isError) {
    return (
      <Flex vertical gap={12}>
        <ErrorState error={query.error} title="Không mở được Bộ phận giúp việc" onRetry={() => void query.refetch()} />
        <div>{back}</div>
      </Flex>
    );
  }
  return <HelperUnitView data={query.data} />;
}

function HelperUnitView({ data }: { data: HelperUnitByUnit }) {
  const [creating, setCreating] = useState(false);
  const { unit, helperUnit, can } = data;
  return (
    <section aria-labelledby="helper-title" className={styles.detail}>
      <Breadcrumb
        className={styles.breadcrumb}
        items={[
          { key: 'list', title: <Link to="/bo-phan-giup-viec">Bộ phận giúp việc</Link> },
          { key: 'unit', title: <Link to={`/don-vi/${unit.id}`}>{unit.name}</Link> },
        ]}
      />
      <Typography.Title level={1} id="helper-title" className="page-title" style={{ marginBottom: 4 }}>
        {helperUnit ? helperUnit.name : 'Bộ phận giúp việc'}
      </Typography.Title>
      <Typography.Paragraph type="secondary" className={styles.subtitle}>
        {unit.name} · {UNIT_KIND_LABELS[unit.kind]}
        {unit.closedOn ? ` · đã đóng ngày ${formatDate(unit.closedOn)}` : ''}
      </Typography.Paragraph>

      {helperUnit ? (
        <HelperUnitSections helper={helperUnit} canEdit={can.edit} />
      ) : (
        <Panel className={styles.block}>
          <Flex vertical align="center" gap={8}>
            <StateTag state="missing" />
            <EmptyState description={`${unit.name} chưa ghi nhận Bộ phận giúp việc.`}>
              {can.create ? (
                <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                  Thành lập Bộ phận giúp việc
                </Button>
              ) : null}
            </EmptyState>
          </Flex>
        </Panel>
      )}
      {can.create ? <CreateHelperUnitModal open={creating} unitId={unit.id} unitName={unit.name} onClose={() => setCreating(false)} /> : null}
    </section>
  );
}

function HelperUnitSections({ helper, canEdit }: { helper: HelperUnitDetail; canEdit: boolean }) {
  const isMobile = useIsMobile();
  const [editing, setEditing] = useState(false);
  const [adding, setAdding] = useState(false);
  const remove = useRemoveHelperMember(helper);
  const { message } = App.useApp();
  const documentText = (doc: HelperUnitDetail['foundingDocument'], missing: string) =>
    doc ? (
      <span>
        <Link to={`/van-ban/${doc.id}`}>
          <strong>{doc.symbol}</strong>
        </Link>{' '}
        ngày {formatDate(doc.issuedOn)} — {doc.title}
      </span>
    ) : (
      <Typography.Text type="secondary">{missing}</Typography.Text>
    );

  return (
    <>
      <Panel
        className={styles.block}
        title={
          <Flex justify="space-between" align="center" wrap gap={8}>
            <span>Thông tin chung</span>
            {canEdit ? (
              <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(true)}>
                Sửa
              </Button>
            ) : null}
          </Flex>
        }
      >
        <Descriptions column={1} size="small" layout={isMobile ? 'vertical' : 'horizontal'}>
          <Descriptions.Item label="Tình trạng">
            <StateTag state={helper.state} />
          </Descriptions.Item>
          <Descriptions.Item label="Ngày thành lập">{formatDate(helper.establishedOn)}</Descriptions.Item>
          <Descriptions.Item label="Quyết định thành lập">{documentText(helper.foundingDocument, 'Chưa gắn quyết định')}</Descriptions.Item>
          <Descriptions.Item label="Quy chế làm việc">{documentText(helper.regulationDocument, 'Chưa có quy chế')}</Descriptions.Item>
        </Descriptions>
      </Panel>

      <Panel
        className={styles.block}
        title={
          <Flex justify="space-between" align="center" wrap gap={8}>
            <span>Thành viên ({formatNumber(helper.members.length)})</span>
            {canEdit ? (
              <Button size="small" type="primary" icon={<UserAddOutlined />} onClick={() => setAdding(true)}>
                Thêm thành viên
              </Button>
            ) : null}
          </Flex>
        }
      >
        {helper.members.length === 0 ? (
          <EmptyState description="Chưa có thành viên." />
        ) : (
          <ul className={styles.list}>
            {helper.members.map((member) => (
              <li key={member.id} className={styles.listItem}>
                <div className={styles.listMain}>
                  <Link to={`/dang-vien/${member.memberId}`} className={styles.nameLink}>
                    {member.fullName}
                  </Link>{' '}
                  <RoleTag role={member.role} />
                  {member.leftOn ? <Tag color="red">Đã ra khỏi danh sách {formatDate(member.leftOn)}</Tag> : null}
                  <div className={styles.muted}>{[member.unitName, member.duty].filter(Boolean).join(' · ')}</div>
                </div>
                {canEdit ? (
                  <Popconfirm
                    title={`Bỏ ${member.fullName} khỏi bộ phận?`}
                    okText="Bỏ"
                    okButtonProps={{ danger: true }}
                    cancelText="Không"
                    onConfirm={() =>
                      remove.mutateAsync(member.memberId).then(
                        () => void message.success(`Đã bỏ ${member.fullName} khỏi bộ phận.`),
                        (error: unknown) => void message.error(errorMessage(error)),
                      )
                    }
                  >
                    <Button size="small" danger icon={<DeleteOutlined />} aria-label={`Bỏ ${member.fullName} khỏi bộ phận`}>
                      {isMobile ? null : 'Bỏ'}
                    </Button>
                  </Popconfirm>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </Panel>

      <Panel className={styles.block} title={`Hoạt động (${formatNumber(helper.activityCount)})`}>
        {canEdit ? <ActivityForm helper={helper} /> : null}
        {helper.activities.length === 0 ? (
          <EmptyState description="Chưa ghi nhận hoạt động nào." />
        ) : (
          <ul className={styles.list}>
            {helper.activities.map((activity) => (
              <li key={activity.id} className={styles.activity}>
                <div className={styles.activityHead}>
                  <strong>{formatDate(activity.heldOn)}</strong> <Tag>{HELPER_ACTIVITY_LABELS[activity.kind]}</Tag>
                </div>
                <div className={styles.activityContent}>{activity.content}</div>
                {activity.createdBy ? <div className={styles.muted}>Người ghi: {activity.createdBy}</div> : null}
              </li>
            ))}
          </ul>
        )}
        {helper.activityCount > helper.activities.length ? (
          <Typography.Paragraph type="secondary" className={styles.hint}>
            Hiển thị {formatNumber(helper.activities.length)} hoạt động gần nhất trong tổng số {formatNumber(helper.activityCount)}.
          </Typography.Paragraph>
        ) : null}
      </Panel>

      {canEdit ? <EditHelperUnitModal open={editing} helper={helper} onClose={() => setEditing(false)} /> : null}
      {canEdit ? <AddHelperMemberModal open={adding} helper={helper} onClose={() => setAdding(false)} /> : null}
    </>
  );
}

interface ActivityValues {
  heldOn?: Dayjs;
  kind: HelperActivityKind;
  content: string;
}

/** The add form opens on demand, so the log itself stays in view on a phone. */
function ActivityForm({ helper }: { helper: HelperUnitDetail }) {
  const [open, setOpen] = useState(false);
  if (!open) {
    return (
      <div className={styles.activityForm}>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
          Ghi hoạt động
        </Button>
      </div>
    );
  }
  return <ActivityFields helper={helper} onDone={() => setOpen(false)} />;
}

function ActivityFields({ helper, onDone }: { helper: HelperUnitDetail; onDone: () => void }) {
  const [form] = Form.useForm<ActivityValues>();
  const add = useAddHelperActivity(helper);
  const { message } = App.useApp();
  const established = dayjs(helper.establishedOn);
  return (
    <div className={styles.activityForm}>
      {add.isError ? <FormError error={add.error} /> : null}
      <Form<ActivityValues>
        form={form}
        name="helper-activity"
        layout="vertical"
        initialValues={{ heldOn: dayjs(), kind: 'meeting', content: '' }}
        disabled={add.isPending}
        onFinish={(values) => {
          if (!values.heldOn) return;
          add.mutate(
            { heldOn: toIsoDate(values.heldOn), kind: values.kind, content: values.content.trim() },
            {
              onSuccess: () => {
                void message.success('Đã ghi hoạt động.');
                onDone();
              },
              onError: (error) => applyServerErrors(form, error, { 'body.heldOn': 'heldOn', 'body.kind': 'kind', 'body.content': 'content' }),
            },
          );
        }}
      >
        <div className={styles.activityFields}>
          <Form.Item label="Ngày" name="heldOn" rules={[{ required: true, message: 'Vui lòng chọn ngày.' }]} className={styles.activityDate}>
            <DatePicker
              format={DATE_INPUT_FORMATS}
              placeholder="dd/mm/yyyy"
              style={{ width: '100%' }}
              allowClear={false}
              disabledDate={(date) => date.isAfter(dayjs(), 'day') || date.isBefore(established, 'day')}
            />
          </Form.Item>
          <Form.Item label="Loại" name="kind" rules={[{ required: true, message: 'Vui lòng chọn loại hoạt động.' }]} className={styles.activityKind}>
            <Select options={ACTIVITY_OPTIONS} />
          </Form.Item>
        </div>
        <Form.Item label="Nội dung" name="content" rules={[{ required: true, whitespace: true, message: 'Vui lòng nhập nội dung.' }, { max: 4000, message: 'Nội dung dài quá 4000 ký tự.' }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} placeholder="Ví dụ: họp triển khai kế hoạch năm; tham mưu sơ kết 6 tháng" />
        </Form.Item>
        <Flex gap={8} wrap>
          <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={add.isPending}>
            Ghi hoạt động
          </Button>
          <Button onClick={onDone} disabled={add.isPending}>
            Hủy
          </Button>
        </Flex>
      </Form>
    </div>
  );
}
