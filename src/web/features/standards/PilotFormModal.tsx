import { App, AutoComplete, Form, Input, Modal, Radio, Select } from 'antd';
import { useCallback } from 'react';
import { PILOT_KINDS, PILOT_KIND_LABELS } from '../../../shared/domain/standards';
import type { PilotKind } from '../../../shared/domain/standards';
import { SECTORS } from '../../../shared/domain/units';
import type { UnitSearchHit } from '../../../shared/schemas/units';
import type { CommitteeQuota, YearRuleOut } from '../../api/standards';
import { FormError } from '../../components/FormError';
import { applyServerErrors } from '../../components/serverErrors';
import { UnitPicker } from '../../components/UnitPicker';
import { useCreatePilot } from './useStandardMutations';

interface Values {
  committeeUnitId?: number;
  kind: PilotKind;
  field?: string;
  targetUnitId?: number;
  goals: string;
  responsible: string;
}

const FIELD_OPTIONS = SECTORS.filter((sector) => sector.priority).map((sector) => ({ value: sector.label }));
const FIELD_MAP: Record<string, string> = Object.fromEntries(['committeeUnitId', 'kind', 'field', 'targetUnitId', 'goals', 'responsible'].map((field) => [`body.${field}`, field]));

/** "Chọn đơn vị điểm": a committee picks a unit of its subtree as a comprehensive pilot or a pilot by field. Mounted fresh on every opening. */
export function PilotFormModal({
  open,
  year,
  rule,
  committees,
  committeeId,
  onClose,
}: {
  open: boolean;
  year: number;
  rule: YearRuleOut;
  committees: CommitteeQuota[];
  committeeId: number | null;
  onClose: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const create = useCreatePilot();
  const { message } = App.useApp();
  const chosenCommittee = Form.useWatch('committeeUnitId', form);
  const kind = Form.useWatch('kind', form);
  const quota = committees.find((row) => row.committee.id === chosenCommittee);
  const firstOpenKind: PilotKind = committeeId !== null && (committees.find((row) => row.committee.id === committeeId)?.comprehensive ?? 0) >= rule.comprehensivePilots ? 'field' : 'comprehensive';
  const notCommittee = useCallback((hit: UnitSearchHit) => hit.id !== chosenCommittee, [chosenCommittee]);

  const kindOptions = PILOT_KINDS.map((value) => {
    const limit = value === 'comprehensive' ? rule.comprehensivePilots : rule.fieldPilots;
    const have = quota ? quota[value] : null;
    return { value, label: `${PILOT_KIND_LABELS[value]}${have === null ? '' : ` (đã chọn ${have}/${limit})`}` };
  });

  return (
    <Modal
      open={open}
      title={`Chọn đơn vị chỉ đạo điểm năm ${year}`}
      okText="Lưu"
      cancelText="Hủy"
      okButtonProps={{ htmlType: 'submit', form: 'pilot-create' }}
      confirmLoading={create.isPending}
      onCancel={onClose}
      destroyOnHidden
    >
      {create.isError ? <FormError error={create.error} /> : null}
      <Form<Values>
        form={form}
        name="pilot-create"
        layout="vertical"
        disabled={create.isPending}
        initialValues={{ committeeUnitId: committeeId ?? undefined, kind: firstOpenKind, goals: '', responsible: '' }}
        onValuesChange={(changed: Partial<Values>) => {
          if ('committeeUnitId' in changed) form.setFieldValue('targetUnitId', undefined);
        }}
        onFinish={(values) => {
          if (!values.committeeUnitId || !values.targetUnitId) return;
          create.mutate(
            {
              committeeUnitId: values.committeeUnitId,
              year,
              kind: values.kind,
              field: values.kind === 'field' ? (values.field?.trim() ?? null) : null,
              targetUnitId: values.targetUnitId,
              goals: values.goals.trim(),
              responsible: values.responsible.trim(),
            },
            {
              onSuccess: (pilot) => {
                void message.success(`Đã chọn ${pilot.target.name} làm đơn vị chỉ đạo điểm.`);
                onClose();
              },
              onError: (error) => applyServerErrors(form, error, FIELD_MAP),
            },
          );
        }}
      >
        <Form.Item label="Cấp ủy chọn điểm" name="committeeUnitId" rules={[{ required: true, message: 'Vui lòng chọn cấp ủy.' }]}>
          <Select<number>
            options={committees.map((row) => ({ value: row.committee.id, label: row.committee.name }))}
            placeholder="Chọn Huyện ủy hoặc Đảng ủy trực thuộc"
            showSearch={{ optionFilterProp: 'label' }}
          />
        </Form.Item>
        <Form.Item label="Loại chỉ đạo điểm" name="kind" rules={[{ required: true, message: 'Vui lòng chọn loại.' }]}>
          <Radio.Group options={kindOptions} style={{ display: 'flex', flexDirection: 'column', gap: 6 }} />
        </Form.Item>
        {kind === 'field' ? (
          <Form.Item
            label="Lĩnh vực"
            name="field"
            rules={[
              { required: true, whitespace: true, message: 'Vui lòng nhập lĩnh vực chỉ đạo điểm.' },
              { min: 2, message: 'Lĩnh vực quá ngắn.' },
              { max: 200, message: 'Lĩnh vực dài quá 200 ký tự.' },
            ]}
          >
            <AutoComplete options={FIELD_OPTIONS} placeholder="Ví dụ: Giáo dục; Y tế; Xây dựng nông thôn mới" filterOption={(input, option) => (option?.value ?? '').toLowerCase().includes(input.toLowerCase())} />
          </Form.Item>
        ) : null}
        <Form.Item
          label="Đơn vị điểm"
          name="targetUnitId"
          rules={[{ required: true, message: 'Vui lòng chọn đơn vị điểm.' }]}
          extra={chosenCommittee ? 'Đơn vị trong phạm vi cấp ủy đã chọn; gõ tên để tìm (có thể gõ không dấu).' : 'Chọn cấp ủy trước.'}
        >
          {chosenCommittee ? (
            <UnitPicker
              key={chosenCommittee}
              within={chosenCommittee}
              accept={notCommittee}
              aria-label="Đơn vị điểm"
            />
          ) : (
            <Select disabled placeholder="Chọn cấp ủy trước" />
          )}
        </Form.Item>
        <Form.Item
          label="Mục tiêu"
          name="goals"
          rules={[
            { required: true, whitespace: true, message: 'Vui lòng nhập mục tiêu chỉ đạo điểm.' },
            { min: 5, message: 'Mục tiêu quá ngắn.' },
            { max: 2000, message: 'Mục tiêu dài quá 2000 ký tự.' },
          ]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} placeholder="Ví dụ: 100% đảng viên đăng ký làm theo; chi bộ sinh hoạt chuyên đề đủ 12 tháng" />
        </Form.Item>
        <Form.Item
          label="Người phụ trách"
          name="responsible"
          rules={[
            { required: true, whitespace: true, message: 'Vui lòng nhập người phụ trách.' },
            { min: 3, message: 'Tên người phụ trách quá ngắn.' },
            { max: 200, message: 'Dài quá 200 ký tự.' },
          ]}
        >
          <Input autoComplete="off" placeholder="Ví dụ: đồng chí Nguyễn Văn A, Phó Bí thư Thường trực" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
