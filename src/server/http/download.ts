import type { FastifyReply } from 'fastify';
import { XLSX_MIME } from '../../shared/domain/member-sheet';

/** Send bytes as a download; the Vietnamese name goes in filename* (RFC 5987), an ASCII fallback in filename. */
export function sendDownload(reply: FastifyReply, fileName: string, mediaType: string, body: Buffer) {
  const ascii = fileName.normalize('NFD').replace(/[\u0300-\u036f]/gu, '').replace(/đ/gu, 'd').replace(/Đ/gu, 'D').replace(/[^\w.-]+/gu, '-');
  return reply
    .header('content-type', mediaType)
    .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
    .send(body);
}

export function sendXlsx(reply: FastifyReply, fileName: string, body: Buffer) {
  return sendDownload(reply, fileName, XLSX_MIME, body);
}
