import { myMemberSchema } from '../../../shared/schemas/members';
import { contextOf } from '../../http/sessions';
import { type App, protectedErrors } from '../../http/types';
import type { MembersService } from './members.service';

export function membersRoutes(app: App, members: MembersService): void {
  app.get('/api/me/member', {
    schema: { tags: ['Đảng viên'], summary: 'Hồ sơ đảng viên của người đang đăng nhập', response: { 200: myMemberSchema, ...protectedErrors } },
    handler: (request) => members.mine(contextOf(request).principal),
  });
}
