import { queryOptions } from '@tanstack/react-query';
import type { Campaign, CampaignList, CreateCampaignBody, UpdateCampaignBody } from '../../shared/schemas/campaigns';
import { http } from './client';

export type { Campaign, CampaignList };

export const campaignKeys = {
  all: ['campaigns'] as const,
  list: () => [...campaignKeys.all, 'list'] as const,
};

export const campaignQueries = {
  /** Few rows and rarely changed: shared by the menu, the filters and the campaign page. */
  list: () =>
    queryOptions({
      queryKey: campaignKeys.list(),
      queryFn: ({ signal }) => http.get<CampaignList>('/api/campaigns', signal),
      staleTime: 60_000,
    }),
};

export const campaignApi = {
  create: (body: CreateCampaignBody) => http.post<Campaign>('/api/campaigns', body),
  update: (id: number, body: UpdateCampaignBody) => http.patch<Campaign>(`/api/campaigns/${id}`, body),
};
