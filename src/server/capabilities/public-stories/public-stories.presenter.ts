import { publicPhotoPath, publicStoryPath } from '../../../shared/domain/public-stories';
import { foldForSearch, formatDate, fullName } from '../../../shared/domain/text';
import type { PublicPhoto, PublicStoryCard } from '../../../shared/schemas/public-stories';
import { todayInVietnam } from '../../http/clock';
import type { PublicPhotoRow, PublicStoryDetailRow, PublicStoryRow, PublicityRow } from './public-stories.repository';

const COMMENDATION_FORM_LABELS: Record<string, string> = {
  giay_khen: 'Giấy khen',
  bang_khen: 'Bằng khen',
  other: 'Khen thưởng',
};

/** A story page: the card plus the sanitised text, every photo and the publicity entries. */
export interface PublicStory extends PublicStoryCard {
  storyHtml: string;
  photos: PublicPhoto[];
  publicity: { channel: string; publishedOn: string; title: string; url: string | null }[];
}

/**
 * "Bằng khen của Ban Thường vụ Tỉnh ủy, Quyết định số 125-QĐ/TU ngày 19/05/2012". The title may repeat
 * the form ("Bằng khen của …"), only name the giver ("của Ban Thường vụ Tỉnh ủy") or state the
 * achievement ("Bằng khen: Có thành tích xuất sắc trong …").
 */
export function commendationText(row: Pick<PublicStoryRow, 'commendation_form' | 'commendation_title' | 'decision_symbol' | 'decision_date'>): string | null {
  if (!row.commendation_form) return null;
  const label = COMMENDATION_FORM_LABELS[row.commendation_form] ?? COMMENDATION_FORM_LABELS.other ?? '';
  const title = row.commendation_title?.trim() ?? '';
  let text = label;
  if (title) {
    if (foldForSearch(title).startsWith(foldForSearch(label)) || row.commendation_form === 'other') text = title;
    else if (/^của\s/iu.test(title)) text = `${label} ${title}`;
    // Otherwise the title states the achievement ("Có thành tích xuất sắc trong …").
    else text = `${label}: ${title}`;
  }
  if (row.decision_symbol) text += `, Quyết định số ${row.decision_symbol}`;
  if (row.decision_date) text += `${row.decision_symbol ? '' : ', quyết định'} ngày ${formatDate(row.decision_date)}`;
  return text;
}

function subjectName(row: PublicStoryRow): string {
  if (row.subject_kind === 'collective') return row.collective_name ?? row.collective_unit_name ?? '';
  // A member's name is read from the registry (the name and nothing else); a non-member's is on the exemplar.
  const member = row.subject_kind === 'member';
  return fullName({
    familyName: (member ? row.subject_family_name : row.family_name) ?? '',
    middleName: (member ? row.subject_middle_name : row.middle_name) ?? '',
    givenName: (member ? row.subject_given_name : row.given_name) ?? '',
  });
}

function photo(fileId: number, caption: string | null): PublicPhoto {
  return { url: publicPhotoPath(fileId), thumbnailUrl: publicPhotoPath(fileId, true), caption: caption && caption.trim() ? caption.trim() : null };
}

export function presentCard(row: PublicStoryRow): PublicStoryCard {
  return {
    id: row.id,
    url: publicStoryPath(row.id, row.title),
    title: row.title,
    subjectName: subjectName(row),
    year: row.year,
    unit: { id: row.unit_id, name: row.unit_name },
    district: { id: row.group_id, name: row.group_name },
    province: { id: row.root_id, name: row.root_name },
    summary: row.summary,
    commendation: commendationText(row),
    photo: row.photo_file_id !== null ? photo(row.photo_file_id, row.photo_caption) : null,
    publishedOn: row.published_at ? todayInVietnam(row.published_at) : '',
  };
}

export function presentStory(row: PublicStoryDetailRow, storyHtml: string, photos: PublicPhotoRow[], publicity: PublicityRow[]): PublicStory {
  return {
    ...presentCard(row),
    storyHtml,
    photos: photos.map((p) => photo(p.file_id, p.caption)),
    publicity: publicity.map((entry) => ({ channel: entry.channel_name, publishedOn: entry.published_on, title: entry.title, url: entry.url })),
  };
}
