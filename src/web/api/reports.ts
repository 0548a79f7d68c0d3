import { useMutation } from '@tanstack/react-query';
import { XLSX_MIME } from '../../shared/domain/member-sheet';
import type { ReportDocxBody, ReportDraft, ReportDraftBody, ReportSection } from '../../shared/schemas/reports';
import { DOCX_MIME } from '../../shared/schemas/reports';
import { http, rawFetch, withQuery } from './client';
import { dashboardSearch } from './dashboard';
import type { DashboardParams } from './dashboard';

export type { ReportDocxBody, ReportDraft, ReportDraftBody, ReportSection };

function fileNameOf(response: Response, fallback: string): string {
  const header = response.headers.get('content-disposition') ?? '';
  const encoded = /filename\*=UTF-8''([^;]+)/iu.exec(header)?.[1];
  if (encoded) {
    try {
      return decodeURIComponent(encoded);
    } catch {
      // a malformed header: use the fallback
    }
  }
  return fallback;
}

/** Hands a fetched file to the browser as a download. */
async function saveResponse(response: Response, fallbackName: string): Promise<string> {
  const name = fileNameOf(response, fallbackName);
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return name;
}

export const reportApi = {
  /** The server writes a draft from the indicators of the unit and period. */
  draft: (body: ReportDraftBody) => http.post<ReportDraft>('/api/reports/draft', body),

  /** The edited draft → the Word file (downloaded); resolves with the file name. Errors carry the server's Vietnamese message. */
  docx: async (body: ReportDocxBody): Promise<string> => {
    const response = await rawFetch('/api/reports/docx', {
      method: 'POST',
      headers: { accept: `${DOCX_MIME}, application/json`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return saveResponse(response, 'bao-cao.docx');
  },

  /** The statistics appendix of the same unit and period (.xlsx). */
  appendix: async (params: DashboardParams): Promise<string> => {
    const response = await rawFetch(withQuery('/api/reports/appendix.xlsx', dashboardSearch(params)), {
      method: 'GET',
      headers: { accept: `${XLSX_MIME}, application/json` },
    });
    return saveResponse(response, 'phu-luc-bao-cao.xlsx');
  },
};

export function useCreateDraft() {
  return useMutation({ mutationFn: reportApi.draft });
}

export function useDownloadDocx() {
  return useMutation({ mutationFn: reportApi.docx });
}

export function useDownloadAppendix() {
  return useMutation({ mutationFn: reportApi.appendix });
}
