import sharp from 'sharp';
import { PHOTO_MAX_SIDE } from '../../../shared/domain/exemplars';
import { Validation } from '../../http/errors';

export type PhotoType = 'image/jpeg' | 'image/png' | 'image/webp';
export const PHOTO_TYPE_LABELS: Record<PhotoType, string> = { 'image/jpeg': 'JPEG', 'image/png': 'PNG', 'image/webp': 'WebP' };

/** Decoding refuses images larger than this many pixels (a small file can unpack into a huge bitmap). */
export const PHOTO_MAX_INPUT_PIXELS = 50_000_000;

/** The photo's type from its first bytes, never from its name: JPEG, PNG or WebP; null otherwise. */
export function sniffPhotoType(bytes: Uint8Array): PhotoType | null {
  const starts = (prefix: readonly number[], offset = 0) => bytes.length >= offset + prefix.length && prefix.every((value, index) => bytes[offset + index] === value);
  if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp';
  return null;
}

export interface ProcessedPhoto {
  content: Buffer;
  mediaType: 'image/jpeg';
  width: number;
  height: number;
}

/**
 * Turn the upload into what is stored and served: turned upright by its EXIF orientation, fitted within
 * 1600 × 1600 without enlarging, transparency on white, re-encoded as a JPEG (quality 82). Nothing of the
 * original's metadata survives the re-encoding — no EXIF, no GPS position, no camera serial.
 */
export async function processPhoto(input: Buffer): Promise<ProcessedPhoto> {
  const type = sniffPhotoType(input);
  if (!type) {
    throw Validation('Tệp không phải ảnh JPEG, PNG hoặc WebP. Hệ thống kiểm tra nội dung tệp, không dựa vào tên hay phần mở rộng.', [{ path: 'body', message: 'Tệp không phải ảnh JPEG, PNG hoặc WebP.' }]);
  }
  try {
    const { data, info } = await sharp(input, { limitInputPixels: PHOTO_MAX_INPUT_PIXELS, failOn: 'error' })
      .rotate()
      .resize(PHOTO_MAX_SIDE, PHOTO_MAX_SIDE, { fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 82, mozjpeg: true })
      .toBuffer({ resolveWithObject: true });
    return { content: data, mediaType: 'image/jpeg', width: info.width, height: info.height };
  } catch (error) {
    const message = error instanceof Error ? error.message : '';
    if (/pixel limit/iu.test(message)) {
      throw Validation(`Ảnh có quá nhiều điểm ảnh (tối đa ${PHOTO_MAX_INPUT_PIXELS / 1_000_000} triệu). Vui lòng thu nhỏ ảnh rồi tải lên lại.`, [{ path: 'body', message: 'Ảnh có quá nhiều điểm ảnh.' }]);
    }
    throw Validation(`Không đọc được ảnh ${PHOTO_TYPE_LABELS[type]}: tệp bị hỏng hoặc không trọn vẹn.`, [{ path: 'body', message: 'Ảnh bị hỏng.' }]);
  }
}
