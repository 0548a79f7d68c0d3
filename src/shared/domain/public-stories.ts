/** Addresses of the public page of exemplary stories (no login), shared by server and browser. */
import { foldForSearch } from './text';

export const PUBLIC_STORIES_PATH = '/cong-khai';
const SLUG_MAX = 80;

/**
 * The diacritic-free slug of a story title: "Người tốt, việc tốt ở Đình Bảng" → "nguoi-tot-viec-tot-o-dinh-bang".
 * Cut at a word boundary; never empty.
 */
export function storySlug(title: string): string {
  let slug = foldForSearch(title)
    .replace(/[^a-z0-9]+/gu, '-')
    .replace(/^-+|-+$/gu, '');
  if (slug.length > SLUG_MAX) {
    slug = slug.slice(0, SLUG_MAX);
    const cut = slug.lastIndexOf('-');
    if (cut > SLUG_MAX / 2) slug = slug.slice(0, cut);
    slug = slug.replace(/-+$/u, '');
  }
  return slug.length > 0 ? slug : 'cau-chuyen';
}

/** "/cong-khai/12-nguoi-tot-viec-tot". */
export function publicStoryPath(id: number, title: string): string {
  return `${PUBLIC_STORIES_PATH}/${id}-${storySlug(title)}`;
}

/** "/cong-khai/anh/34", or its thumbnail for cards. */
export function publicPhotoPath(fileId: number, thumbnail = false): string {
  return `${PUBLIC_STORIES_PATH}/anh/${fileId}${thumbnail ? '?co=nho' : ''}`;
}
