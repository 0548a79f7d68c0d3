import { ArrowLeftOutlined, SaveOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Form, Input, Radio, Select, Switch, Typography } from 'antd';
import type { FormInstance } from 'antd';
import { Link } from 'react-router-dom';
import { DIGEST_FREQUENCIES, DIGEST_FREQUENCY_LABELS, NOTIFICATION_KINDS, NOTIFICATION_KIND_LABELS } from '../../../shared/domain/urging';
import type { DigestFrequency, NotificationKind } from '../../../shared/domain/urging';
import { notificationQueries } from '../../api/urging';
import type { Preferences } from '../../api/urging';
import { FormError } from '../../components/FormError';
import { ErrorState, LoadingBlock } from '../../components/states';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { applyFieldErrors } from './urgingFields';
import { useSavePreferences } from './useUrgingMutations';
import styles from './Urging.module.css';

const TITLE = 'Cài đặt nhận thông báo';
const CONFLICT_HINT = 'Cài đặt mới nhất đã được tải lại. Kiểm tra rồi lưu lại nếu vẫn cần.';

interface Values {
  email: string;
  emailEnabled: boolean;
  emailKinds: NotificationKind[];
  digest: DigestFrequency;
  quiet: boolean;
  quietFrom: string;
  quietTo: string;
}

const FIELDS = ['email', 'emailEnabled', 'emailKinds', 'digest', 'quietFrom', 'quietTo'];

/** Every half hour of the day, '00:00' … '23:30'. */
const TIMES = Array.from({ length: 48 }, (_, index) => `${String(Math.floor(index / 2)).padStart(2, '0')}:${index % 2 === 0 ? '00' : '30'}`);

function timeOptions(current: string) {
  const times = TIMES.includes(current) || !current ? TIMES : [...TIMES, current].sort();
  return times.map((time) => ({ value: time, label: time }));
}

function toValues(preferences: Preferences): Values {
  return {
    email: preferences.email ?? '',
    emailEnabled: preferences.emailEnabled,
    emailKinds: preferences.emailKinds,
    digest: preferences.digest,
    quiet: preferences.quietFrom !== null,
    quietFrom: preferences.quietFrom ?? '22:00',
    quietTo: preferences.quietTo ?? '06:00',
  };
}

/** "Cài đặt nhận thông báo": the account's e-mail address, which kinds are e-mailed, digests, quiet hours. */
export function NotificationSettingsPage() {
  useDocumentTitle(TITLE);
  const preferences = useQuery(notificationQueries.preferences());
  return (
    <div className={styles.page}>
      <Link to="/thong-bao" className={styles.panelLink}>
        <ArrowLeftOutlined aria-hidden /> Thông báo
      </Link>
      <Typography.Title level={1} className="page-title">
        {TITLE}
      </Typography.Title>
      {preferences.isPending ? (
        <LoadingBlock rows={8} />
      ) : preferences.isError ? (
        <ErrorState error={preferences.error} onRetry={() => void preferences.refetch()} />
      ) : (
        // A new version (saved here or elsewhere) starts the form again from the server's values.
        <SettingsForm key={preferences.data.version} preferences={preferences.data} />
      )}
    </div>
  );
}

function SettingsForm({ preferences }: { preferences: Preferences }) {
  const [form] = Form.useForm<Values>();
  const save = useSavePreferences(preferences.version);
  const { message } = App.useApp();
  const emailEnabled = Form.useWatch('emailEnabled', form) ?? preferences.emailEnabled;
  const quiet = Form.useWatch('quiet', form) ?? preferences.quietFrom !== null;
  const quietFrom = Form.useWatch('quietFrom', form) ?? '';
  const quietTo = Form.useWatch('quietTo', form) ?? '';

  const onFinish = (values: Values, instance: FormInstance<Values>) => {
    const email = values.email.trim();
    save.mutate(
      {
        email: email === '' ? null : email,
        emailEnabled: values.emailEnabled,
        emailKinds: values.emailKinds,
        digest: values.digest,
        quietFrom: values.quiet ? values.quietFrom : null,
        quietTo: values.quiet ? values.quietTo : null,
      },
      {
        onSuccess: () => void message.success('Đã lưu cài đặt nhận thông báo.'),
        onError: (error) => applyFieldErrors(instance, error, FIELDS),
      },
    );
  };

  return (
    <Card className={styles.settings}>
      {preferences.emailConfigured ? null : (
        <Alert
          type="info"
          showIcon
          className={styles.block}
          title="Máy chủ chưa được cấu hình gửi thư điện tử."
          description="Thông báo vẫn hiện trong ứng dụng (biểu tượng chuông). Cài đặt thư dưới đây sẽ có tác dụng khi quản trị hệ thống cấu hình máy chủ thư."
        />
      )}
      {save.isError ? <FormError error={save.error} conflictHint={CONFLICT_HINT} /> : null}
      <Form<Values> form={form} layout="vertical" size="large" disabled={save.isPending} initialValues={toValues(preferences)} onFinish={(values) => onFinish(values, form)}>
        <Form.Item
          label="Địa chỉ thư điện tử"
          name="email"
          extra="Để trống nếu không muốn nhận thư."
          rules={[
            { type: 'email', message: 'Địa chỉ thư điện tử không hợp lệ.' },
            { max: 254, message: 'Địa chỉ thư điện tử dài quá 254 ký tự.' },
          ]}
        >
          <Input type="email" inputMode="email" autoComplete="email" placeholder="vd: vanphong@bacninh.dcs.vn" />
        </Form.Item>
        <Form.Item name="emailEnabled" valuePropName="checked" label="Nhận thông báo qua thư điện tử">
          <Switch checkedChildren="Bật" unCheckedChildren="Tắt" />
        </Form.Item>
        <Form.Item label="Loại thông báo gửi qua thư" name="emailKinds" extra="Mọi thông báo vẫn hiện trong ứng dụng; đây chỉ là những loại được gửi thêm qua thư.">
          <Checkbox.Group disabled={!emailEnabled || save.isPending} className={styles.stacked}>
            {NOTIFICATION_KINDS.map((kind) => (
              <Checkbox key={kind} value={kind}>
                {NOTIFICATION_KIND_LABELS[kind]}
              </Checkbox>
            ))}
          </Checkbox.Group>
        </Form.Item>
        <Form.Item label="Thư tổng hợp đơn vị trực thuộc chậm hạn" name="digest">
          <Radio.Group className={styles.stacked}>
            {DIGEST_FREQUENCIES.map((frequency) => (
              <Radio key={frequency} value={frequency}>
                {DIGEST_FREQUENCY_LABELS[frequency]}
              </Radio>
            ))}
          </Radio.Group>
        </Form.Item>
        <Form.Item name="quiet" valuePropName="checked" label="Giờ yên lặng" extra="Trong khoảng giờ này thư không được gửi; thư sẽ gửi khi hết giờ yên lặng (giờ Việt Nam).">
          <Switch checkedChildren="Có" unCheckedChildren="Không" />
        </Form.Item>
        {quiet ? (
          <div className={styles.quietRow}>
            <Form.Item label="Từ" name="quietFrom" rules={[{ required: true, message: 'Chọn giờ bắt đầu.' }]}>
              <Select className={styles.quietBox} options={timeOptions(quietFrom)} aria-label="Giờ yên lặng từ" />
            </Form.Item>
            <Form.Item
              label="Đến"
              name="quietTo"
              dependencies={['quietFrom']}
              rules={[
                { required: true, message: 'Chọn giờ kết thúc.' },
                ({ getFieldValue }) => ({
                  validator: async (_rule, value: string) => {
                    if (value && value === getFieldValue('quietFrom')) throw new Error('Giờ kết thúc phải khác giờ bắt đầu.');
                  },
                }),
              ]}
            >
              <Select className={styles.quietBox} options={timeOptions(quietTo)} aria-label="Giờ yên lặng đến" />
            </Form.Item>
          </div>
        ) : null}
        <Button type="primary" htmlType="submit" size="large" icon={<SaveOutlined />} loading={save.isPending}>
          Lưu cài đặt
        </Button>
      </Form>
    </Card>
  );
}
