import { campaignListSchema, campaignSchema, createCampaignBodySchema, updateCampaignBodySchema } from '../../../shared/schemas/campaigns';
import { idParamsSchema } from '../../../shared/schemas/common';
import { contextOf } from '../../http/sessions';
import { type App, protectedErrors } from '../../http/types';
import type { CampaignsService } from './campaigns.service';

export function campaignsRoutes(app: App, campaigns: CampaignsService): void {
  const tags = ['Cuộc vận động'];

  app.get('/api/campaigns', {
    schema: { tags, summary: 'Các cuộc vận động và số văn bản của mỗi cuộc', response: { 200: campaignListSchema, ...protectedErrors } },
    handler: (request) => campaigns.list(contextOf(request).principal),
  });

  app.post('/api/campaigns', {
    schema: { tags, summary: 'Khai báo cuộc vận động (cán bộ cấp tỉnh)', body: createCampaignBodySchema, response: { 201: campaignSchema, ...protectedErrors } },
    handler: async (request, reply) => reply.status(201).send(await campaigns.create(contextOf(request), request.body)),
  });

  app.patch('/api/campaigns/:id', {
    schema: { tags, summary: 'Sửa cuộc vận động', params: idParamsSchema, body: updateCampaignBodySchema, response: { 200: campaignSchema, ...protectedErrors } },
    handler: (request) => campaigns.update(contextOf(request), request.params.id, request.body),
  });
}
