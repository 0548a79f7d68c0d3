import { dashboardChildrenSchema, dashboardLaggingSchema, dashboardQuerySchema, dashboardSchema, indicatorListSchema } from '../../../shared/schemas/dashboard';
import { contextOf } from '../../http/sessions';
import { type App, protectedErrors } from '../../http/types';
import type { DashboardService } from './dashboard.service';

export function dashboardRoutes(app: App, dashboard: DashboardService): void {
  const tags = ['Bảng điều khiển'];

  app.get('/api/dashboard', {
    schema: {
      tags,
      summary: 'Các chỉ tiêu của một đơn vị trong kỳ, so với kỳ trước và cùng kỳ năm trước (tính trực tiếp từ dữ liệu)',
      querystring: dashboardQuerySchema,
      response: { 200: dashboardSchema, ...protectedErrors },
    },
    handler: (request) => dashboard.dashboard(contextOf(request).principal, request.query),
  });

  app.get('/api/dashboard/children', {
    schema: {
      tags,
      summary: 'Các chỉ tiêu của từng đơn vị trực thuộc trong kỳ',
      querystring: dashboardQuerySchema,
      response: { 200: dashboardChildrenSchema, ...protectedErrors },
    },
    handler: (request) => dashboard.children(contextOf(request).principal, request.query),
  });

  app.get('/api/dashboard/lagging', {
    schema: {
      tags,
      summary: 'Đơn vị trực thuộc xếp theo điểm chậm (công thức kèm theo), với lý do',
      querystring: dashboardQuerySchema,
      response: { 200: dashboardLaggingSchema, ...protectedErrors },
    },
    handler: (request) => dashboard.lagging(contextOf(request).principal, request.query),
  });

  app.get('/api/dashboard/indicators', {
    schema: { tags, summary: 'Định nghĩa các chỉ tiêu (tên, cách tính, tử số, mẫu số, kỳ tính)', response: { 200: indicatorListSchema, ...protectedErrors } },
    handler: () => dashboard.indicators(),
  });
}
