import {
  ApartmentOutlined,
  AuditOutlined,
  ClusterOutlined,
  IdcardOutlined,
  KeyOutlined,
  LogoutOutlined,
  MenuOutlined,
  ScheduleOutlined,
  SolutionOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { App as AntApp, Button, Drawer, Flex, Layout, Menu, Typography } from 'antd';
import type { MenuProps } from 'antd';
import { useState } from 'react';
import { Link, Navigate, Outlet, useLocation, useNavigate, useNavigation } from 'react-router-dom';
import { ROLE_LABELS } from '../../shared/domain/roles';
import type { Me } from '../../shared/schemas/auth';
import { authQueries } from '../api/auth';
import { campaignQueries } from '../api/campaigns';
import { FileTextOutlined, FlagOutlined, NodeIndexOutlined } from '@ant-design/icons';
import { CalendarOutlined, CheckSquareOutlined, ReadOutlined } from '@ant-design/icons';
import { CarryOutOutlined, FormOutlined, SettingOutlined } from '@ant-design/icons';
import { AimOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { FileSearchOutlined, ToolOutlined, WarningOutlined } from '@ant-design/icons';
import { NotificationOutlined, TrophyOutlined } from '@ant-design/icons';
import { DashboardOutlined, FileDoneOutlined } from '@ant-design/icons';
import { BellOutlined, SendOutlined } from '@ant-design/icons';
import { ErrorState, FullPageSpin } from '../components/states';
import { useIsMobile } from '../components/useIsMobile';
import { MeContext, useLogout } from '../features/auth/useMe';
import { NotificationBell } from '../features/urging/NotificationBell';
import styles from './AppLayout.module.css';

/** The signed-in part of the app: checks the session, then draws header, menu and page. */
export function AppLayout() {
  const meQuery = useQuery(authQueries.me());
  const location = useLocation();

  if (meQuery.isPending) return <FullPageSpin />;
  if (meQuery.isError) {
    return (
      <div className={styles.centered}>
        <ErrorState error={meQuery.error} title="Không kết nối được máy chủ" onRetry={() => void meQuery.refetch()} />
      </div>
    );
  }
  const me = meQuery.data;
  if (!me) {
    const here = location.pathname + location.search;
    return <Navigate to={here === '/' ? '/dang-nhap' : `/dang-nhap?next=${encodeURIComponent(here)}`} replace />;
  }
  if (me.mustChangePassword && location.pathname !== '/doi-mat-khau') return <Navigate to="/doi-mat-khau" replace />;

  return (
    <MeContext.Provider value={me}>
      <AntApp component={false}>
        <Shell me={me} />
      </AntApp>
    </MeContext.Provider>
  );
}

type MenuItem = Required<MenuProps>['items'][number];

/** Menu entries follow `me.permissions` from the server; the browser does not decide who may do what. */
function menuItems(me: Me, manageCampaigns = false): MenuItem[] {
  if (me.mustChangePassword) return [{ key: '/doi-mat-khau', icon: <KeyOutlined />, label: 'Đổi mật khẩu' }];
  const items: MenuItem[] = [];
  // The dashboard opens the officers' menu; the report editor drafts the periodic report from the same numbers.
  if (me.role !== 'member') items.push({ key: '/bang-dieu-khien', icon: <DashboardOutlined />, label: 'Bảng điều khiển' });
  if (me.role !== 'member') items.push({ key: '/bao-cao', icon: <FileDoneOutlined />, label: 'Báo cáo' });
  if (me.memberId !== null) items.push({ key: '/ho-so', icon: <IdcardOutlined />, label: 'Hồ sơ của tôi' });
  items.push({ key: '/don-vi', icon: <ApartmentOutlined />, label: 'Cơ cấu tổ chức' });
  if (me.role !== 'member') items.push({ key: '/dang-vien', icon: <SolutionOutlined />, label: 'Đảng viên' });
  if (me.role !== 'member') {
    items.push({ key: '/van-ban', icon: <FileTextOutlined />, label: 'Văn bản chỉ đạo' });
    items.push({ key: '/chi-dao', icon: <NodeIndexOutlined />, label: 'Tiến độ triển khai' });
    items.push({ key: '/hoi-nghi', icon: <ScheduleOutlined />, label: 'Hội nghị quán triệt' });
    items.push({ key: '/bo-phan-giup-viec', icon: <ClusterOutlined />, label: 'Bộ phận giúp việc' });
  }
  items.push({ key: '/chuyen-de', icon: <ReadOutlined />, label: 'Chuyên đề năm' });
  // A cell secretary's entry opens their own cell; an officer's opens the matrix of their scope.
  if (me.role !== 'member') items.push({ key: '/sinh-hoat', icon: <CalendarOutlined />, label: 'Sinh hoạt chi bộ' });
  if (me.memberId !== null) items.push({ key: '/sinh-hoat-cua-toi', icon: <CheckSquareOutlined />, label: 'Sinh hoạt của tôi' });
  if (me.memberId !== null) items.push({ key: '/dang-ky-cua-toi', icon: <FormOutlined />, label: 'Đăng ký làm theo của tôi' });
  if (me.role !== 'member') items.push({ key: '/dang-ky', icon: <CarryOutOutlined />, label: 'Đăng ký làm theo' });
  if (me.role === 'province_officer') items.push({ key: '/dot-dang-ky', icon: <SettingOutlined />, label: 'Đợt đăng ký làm theo' });
  if (me.memberId !== null) items.push({ key: '/chuan-muc-cua-toi', icon: <SafetyCertificateOutlined />, label: 'Chuẩn mực của đơn vị tôi' });
  if (me.role !== 'member') items.push({ key: '/chuan-muc', icon: <SafetyCertificateOutlined />, label: 'Chuẩn mực đạo đức' });
  if (me.role !== 'member') items.push({ key: '/chi-dao-diem', icon: <AimOutlined />, label: 'Chỉ đạo điểm' });
  // Oversight: officers and cell secretaries (a cell sees the findings addressed to it); negative phenomena: officers only.
  if (me.role !== 'member') items.push({ key: '/giam-sat', icon: <FileSearchOutlined />, label: 'Kiểm tra, giám sát' });
  if (me.role !== 'member') items.push({ key: '/viec-khac-phuc', icon: <ToolOutlined />, label: 'Việc khắc phục' });
  if (me.permissions.editTree) items.push({ key: '/tieu-cuc', icon: <WarningOutlined />, label: 'Hiện tượng tiêu cực' });
  // Exemplars and their publicity: officers and cell secretaries (a cell nominates its members); members read the public page.
  if (me.role !== 'member') items.push({ key: '/dien-hinh', icon: <TrophyOutlined />, label: 'Điển hình tiên tiến' });
  if (me.role !== 'member') items.push({ key: '/tuyen-truyen', icon: <NotificationOutlined />, label: 'Tuyên truyền điển hình' });
  // Urging: officers set reminder rules and urge late units; everyone reads their notifications (also behind the bell).
  if (me.role.endsWith('_officer')) items.push({ key: '/don-doc', icon: <SendOutlined />, label: 'Đôn đốc, nhắc hạn' });
  items.push({ key: '/thong-bao', icon: <BellOutlined />, label: 'Thông báo' });
  if (manageCampaigns) items.push({ key: '/cuoc-van-dong', icon: <FlagOutlined />, label: 'Cuộc vận động' });
  if (me.permissions.manageAccounts) items.push({ key: '/tai-khoan', icon: <TeamOutlined />, label: 'Tài khoản' });
  if (me.permissions.viewAudit) items.push({ key: '/nhat-ky', icon: <AuditOutlined />, label: 'Nhật ký thay đổi' });
  items.push({ key: '/doi-mat-khau', icon: <KeyOutlined />, label: 'Đổi mật khẩu' });
  return items;
}

function Shell({ me }: { me: Me }) {
  const isMobile = useIsMobile();
  const location = useLocation();
  const navigate = useNavigate();
  const navigation = useNavigation();
  const logout = useLogout();
  const [drawerOpen, setDrawerOpen] = useState(false);

  // "Cuộc vận động" shows for whoever the server lets create or edit campaigns (its `can` flags).
  const campaigns = useQuery({ ...campaignQueries.list(), enabled: me.role !== 'member' && !me.mustChangePassword });
  const items = menuItems(me, Boolean(campaigns.data && (campaigns.data.can.create || campaigns.data.can.edit)));
  const section = `/${location.pathname.split('/')[1] ?? ''}`;
  const onMenuClick: MenuProps['onClick'] = ({ key }) => {
    setDrawerOpen(false);
    void navigate(key);
  };
  const menu = (
    <Menu mode="inline" items={items} selectedKeys={[section]} onClick={onMenuClick} className={styles.menu} aria-label="Chức năng" />
  );
  const who = (
    <div className={styles.who}>
      <Typography.Text strong className={styles.whoName}>
        {me.displayName}
      </Typography.Text>
      <Typography.Text className={styles.whoRole}>
        {ROLE_LABELS[me.role]} · {me.scopeUnit.name}
      </Typography.Text>
    </div>
  );

  return (
    <Layout className={styles.root}>
      <Layout.Header className={styles.header}>
        {isMobile ? (
          <Button
            type="text"
            className={styles.headerButton}
            icon={<MenuOutlined />}
            aria-label="Mở menu"
            aria-expanded={drawerOpen}
            onClick={() => setDrawerOpen(true)}
          />
        ) : null}
        <Link to="/" className={styles.brand}>
          <span className={styles.star} aria-hidden="true">
            ★
          </span>
          Lamtheo
        </Link>
        {isMobile ? null : <span className={styles.campaign}>Học tập và làm theo tấm gương đạo đức Hồ Chí Minh</span>}
        <Flex align="center" gap={12} className={styles.headerRight}>
          {isMobile ? null : who}
          {me.mustChangePassword ? null : <NotificationBell />}
          <Button className={styles.logout} icon={<LogoutOutlined />} loading={logout.isPending} onClick={() => logout.mutate()}>
            Đăng xuất
          </Button>
        </Flex>
        {navigation.state === 'loading' ? <div className={styles.progress} role="progressbar" aria-label="Đang tải trang" /> : null}
      </Layout.Header>
      <Layout>
        {isMobile ? (
          <Drawer
            open={drawerOpen}
            onClose={() => setDrawerOpen(false)}
            placement="left"
            size={288}
            title="Lamtheo"
            styles={{ body: { padding: 0 } }}
          >
            <div className={styles.drawerWho}>{who}</div>
            {menu}
          </Drawer>
        ) : (
          <Layout.Sider width={224} theme="light" className={styles.sider}>
            {menu}
          </Layout.Sider>
        )}
        <Layout.Content className={styles.content}>
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
