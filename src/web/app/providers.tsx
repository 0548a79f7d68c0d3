import { QueryClientProvider } from '@tanstack/react-query';
import { ConfigProvider } from 'antd';
// The ES build of the locale (antd/locale/* is CommonJS and would drag antd/lib into the entry chunk).
import viVN from 'antd/es/locale/vi_VN';
import dayjs from 'dayjs';
import 'dayjs/locale/vi';
import type { ReactNode } from 'react';
import { useIsMobile } from '../components/useIsMobile';
import { queryClient } from './queryClient';
import { baseTheme, touchTheme } from './theme';

dayjs.locale('vi');

const phoneTheme = {
  ...baseTheme,
  token: { ...baseTheme.token, ...touchTheme.token },
  components: touchTheme.components,
};

/** Query cache + antd in Vietnamese. antd's <App> (message/modal hooks) sits in AppLayout, off the login path. */
export function Providers({ children }: { children: ReactNode }) {
  const isMobile = useIsMobile();
  return (
    <QueryClientProvider client={queryClient}>
      <ConfigProvider locale={viVN} theme={isMobile ? phoneTheme : baseTheme}>
        {children}
      </ConfigProvider>
    </QueryClientProvider>
  );
}
