import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import viVN from 'antd/locale/vi_VN';
import dayjs from 'dayjs';
import 'dayjs/locale/vi';
import type { ReactNode } from 'react';
import { useIsMobile } from '../components/useIsMobile';
import { queryClient } from './queryClient';
import { baseTheme, touchTheme } from './theme';

dayjs.locale('vi');

export function Providers({ children }: { children: ReactNode }) {
  const isMobile = useIsMobile();
  return (
    <QueryClientProvider client={queryClient}>
      <ConfigProvider
        locale={viVN}
        theme={isMobile ? { ...baseTheme, token: { ...baseTheme.token, ...touchTheme.token }, components: touchTheme.components } : baseTheme}
      >
        <AntApp>{children}</AntApp>
      </ConfigProvider>
    </QueryClientProvider>
  );
}
