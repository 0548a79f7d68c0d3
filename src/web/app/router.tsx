import { createBrowserRouter } from 'react-router-dom';
import { BootScreen } from './BootScreen';
import { RouteError } from './RouteError';

/**
 * Every page is a lazy route: the entry chunk holds React, the router, TanStack Query and the
 * providers only. The login page and the member's profile page do not pull in Tree/Table/forms.
 */
export const router = createBrowserRouter([
  {
    path: '/',
    HydrateFallback: BootScreen,
    ErrorBoundary: RouteError,
    children: [
      {
        path: 'dang-nhap',
        lazy: async () => ({ Component: (await import('../features/auth/LoginPage')).LoginPage }),
      },
      {
        lazy: async () => ({ Component: (await import('./AppLayout')).AppLayout }),
        children: [
          {
            index: true,
            lazy: async () => ({ Component: (await import('./HomeRedirect')).HomeRedirect }),
          },
          {
            path: 'bang-dieu-khien',
            lazy: async () => ({ Component: (await import('../features/dashboard/DashboardPage')).DashboardPage }),
          },
          {
            path: 'bao-cao',
            lazy: async () => ({ Component: (await import('../features/reports/ReportPage')).ReportPage }),
          },
          {
            path: 'don-vi/:unitId?',
            lazy: async () => ({ Component: (await import('../features/units/OrgTreePage')).OrgTreePage }),
          },
          {
            path: 'dang-vien',
            lazy: async () => ({ Component: (await import('../features/members/MembersPage')).MembersPage }),
          },
          {
            path: 'dang-vien/nhap',
            lazy: async () => ({ Component: (await import('../features/members/MemberImportPage')).MemberImportPage }),
          },
          {
            path: 'dang-vien/:id',
            lazy: async () => ({ Component: (await import('../features/members/MemberDetailPage')).MemberDetailPage }),
          },
          {
            path: 'van-ban',
            lazy: async () => ({ Component: (await import('../features/documents/DocumentsPage')).DocumentsPage }),
          },
          {
            path: 'van-ban/:id',
            lazy: async () => ({ Component: (await import('../features/documents/DocumentDetailPage')).DocumentDetailPage }),
          },
          {
            path: 'chi-dao',
            lazy: async () => ({ Component: (await import('../features/cascade/CascadePage')).CascadePage }),
          },
          {
            path: 'cuoc-van-dong',
            lazy: async () => ({ Component: (await import('../features/campaigns/CampaignsPage')).CampaignsPage }),
          },
          {
            path: 'hoi-nghi',
            lazy: async () => ({ Component: (await import('../features/conferences/ConferencesPage')).ConferencesPage }),
          },
          {
            path: 'bo-phan-giup-viec',
            lazy: async () => ({ Component: (await import('../features/helper-units/HelperUnitsPage')).HelperUnitsPage }),
          },
          {
            path: 'bo-phan-giup-viec/:unitId',
            lazy: async () => ({ Component: (await import('../features/helper-units/HelperUnitDetailPage')).HelperUnitDetailPage }),
          },
          {
            path: 'chuyen-de',
            lazy: async () => ({ Component: (await import('../features/study-topics/StudyTopicPage')).StudyTopicPage }),
          },
          {
            path: 'sinh-hoat/ma-tran',
            lazy: async () => ({ Component: (await import('../features/meetings/MeetingMatrixPage')).MeetingMatrixPage }),
          },
          {
            path: 'sinh-hoat/:unitId?',
            lazy: async () => ({ Component: (await import('../features/meetings/CellYearPage')).CellYearPage }),
          },
          {
            path: 'sinh-hoat-cua-toi',
            lazy: async () => ({ Component: (await import('../features/meetings/MyMeetingsPage')).MyMeetingsPage }),
          },
          {
            path: 'dang-ky-cua-toi',
            lazy: async () => ({ Component: (await import('../features/commitments/MyCommitmentPage')).MyCommitmentPage }),
          },
          {
            path: 'dang-ky',
            lazy: async () => ({ Component: (await import('../features/commitments/CommitmentsPage')).CommitmentsPage }),
          },
          {
            path: 'dot-dang-ky',
            lazy: async () => ({ Component: (await import('../features/commitments/RoundsPage')).RoundsPage }),
          },
          {
            path: 'chuan-muc',
            lazy: async () => ({ Component: (await import('../features/standards/StandardsPage')).StandardsPage }),
          },
          {
            path: 'chuan-muc/bao-phu',
            lazy: async () => ({ Component: (await import('../features/standards/StandardsCoveragePage')).StandardsCoveragePage }),
          },
          {
            path: 'chuan-muc-cua-toi',
            lazy: async () => ({ Component: (await import('../features/standards/MyStandardsPage')).MyStandardsPage }),
          },
          {
            path: 'chi-dao-diem',
            lazy: async () => ({ Component: (await import('../features/standards/PilotsPage')).PilotsPage }),
          },
          {
            path: 'giam-sat',
            lazy: async () => ({ Component: (await import('../features/oversight/OversightPage')).OversightPage }),
          },
          {
            path: 'giam-sat/:id',
            lazy: async () => ({ Component: (await import('../features/oversight/ActivityDetailPage')).ActivityDetailPage }),
          },
          {
            path: 'viec-khac-phuc',
            lazy: async () => ({ Component: (await import('../features/oversight/FollowUpsPage')).FollowUpsPage }),
          },
          {
            path: 'tieu-cuc',
            lazy: async () => ({ Component: (await import('../features/oversight/NegativesPage')).NegativesPage }),
          },
          {
            path: 'dien-hinh',
            lazy: async () => ({ Component: (await import('../features/exemplars/ExemplarsPage')).ExemplarsPage }),
          },
          {
            path: 'dien-hinh/moi',
            lazy: async () => ({ Component: (await import('../features/exemplars/ExemplarFormPage')).ExemplarFormPage }),
          },
          {
            path: 'dien-hinh/:id',
            lazy: async () => ({ Component: (await import('../features/exemplars/ExemplarDetailPage')).ExemplarDetailPage }),
          },
          {
            path: 'dien-hinh/:id/sua',
            lazy: async () => ({ Component: (await import('../features/exemplars/ExemplarFormPage')).ExemplarFormPage }),
          },
          {
            path: 'tuyen-truyen',
            lazy: async () => ({ Component: (await import('../features/exemplars/PublicityPage')).PublicityPage }),
          },
          {
            path: 'thong-bao',
            lazy: async () => ({ Component: (await import('../features/urging/NotificationsPage')).NotificationsPage }),
          },
          {
            path: 'thong-bao/cai-dat',
            lazy: async () => ({ Component: (await import('../features/urging/NotificationSettingsPage')).NotificationSettingsPage }),
          },
          {
            path: 'don-doc',
            lazy: async () => ({ Component: (await import('../features/urging/UrgingPage')).UrgingPage }),
          },
          {
            path: 'tai-khoan',
            lazy: async () => ({ Component: (await import('../features/accounts/AccountsPage')).AccountsPage }),
          },
          {
            path: 'nhat-ky',
            lazy: async () => ({ Component: (await import('../features/audit/AuditPage')).AuditPage }),
          },
          {
            path: 'ho-so',
            lazy: async () => ({ Component: (await import('../features/profile/ProfilePage')).ProfilePage }),
          },
          {
            path: 'doi-mat-khau',
            lazy: async () => ({ Component: (await import('../features/auth/ChangePasswordPage')).ChangePasswordPage }),
          },
          {
            path: '*',
            lazy: async () => ({ Component: (await import('./NotFoundPage')).NotFoundPage }),
          },
        ],
      },
    ],
  },
]);
