import sharp from 'sharp';
import { viCollator } from '../../../shared/domain/text';
import type { PublicStoriesQuery, PublicStoryCard, PublicStoryList } from '../../../shared/schemas/public-stories';
import type { Db } from '../../db/connect';
import type { ListFilterOptions, StoryGroup } from './public-stories.html';
import { type PublicStory, presentCard, presentStory } from './public-stories.presenter';
import { type PublicFacets, publicStoriesRepository } from './public-stories.repository';

/** At most this many stories in one page or answer; narrower filters show the rest. */
export const PUBLIC_LIST_LIMIT = 200;
const THUMBNAIL_WIDTH = 640;
const THUMBNAIL_CACHE_SIZE = 300;

export interface PublicImage {
  body: Buffer;
  mediaType: string;
  etag: string;
}

/** Districts in Vietnamese order, each province's own nominations first. */
export function groupByDistrict(cards: PublicStoryCard[]): StoryGroup[] {
  const groups = new Map<number, StoryGroup>();
  for (const story of cards) {
    let group = groups.get(story.district.id);
    if (!group) {
      group = { district: story.district, province: story.province, items: [] };
      groups.set(story.district.id, group);
    }
    group.items.push(story);
  }
  return [...groups.values()].sort(
    (a, b) =>
      viCollator.compare(a.province.name, b.province.name) ||
      a.province.id - b.province.id ||
      Number(a.district.id !== a.province.id) - Number(b.district.id !== b.province.id) ||
      viCollator.compare(a.district.name, b.district.name),
  );
}

function filterOptions(facets: PublicFacets): ListFilterOptions {
  const provinces = new Map<number, ListFilterOptions['provinces'][number]>();
  for (const row of facets.groups) {
    let province = provinces.get(row.root_id);
    if (!province) {
      province = { id: row.root_id, name: row.root_name, districts: [] };
      provinces.set(row.root_id, province);
    }
    if (row.group_id !== row.root_id) province.districts.push({ id: row.group_id, name: row.group_name });
  }
  const sorted = [...provinces.values()].sort((a, b) => viCollator.compare(a.name, b.name));
  for (const province of sorted) province.districts.sort((a, b) => viCollator.compare(a.name, b.name));
  return { years: facets.years, provinces: sorted };
}

/** The public page: reads only, no session, nothing but what an officer has published. */
export function publicStoriesService(db: Db) {
  const repo = publicStoriesRepository(db);
  // Card thumbnails made on first request; the bytes of a file never change, so its hash is the key.
  const thumbnails = new Map<string, Buffer>();

  async function list(filter: PublicStoriesQuery): Promise<PublicStoryList> {
    const rows = await repo.list({ ...filter, limit: PUBLIC_LIST_LIMIT });
    return { items: rows.slice(0, PUBLIC_LIST_LIMIT).map(presentCard), truncated: rows.length > PUBLIC_LIST_LIMIT };
  }

  async function thumbnail(key: string, content: Buffer): Promise<Buffer | null> {
    const cached = thumbnails.get(key);
    if (cached) return cached;
    let image: Buffer;
    try {
      image = await sharp(content, { limitInputPixels: 50_000_000 }).rotate().resize({ width: THUMBNAIL_WIDTH, withoutEnlargement: true }).webp({ quality: 72 }).toBuffer();
    } catch {
      return null;
    }
    if (thumbnails.size >= THUMBNAIL_CACHE_SIZE) {
      const oldest = thumbnails.keys().next().value;
      if (oldest !== undefined) thumbnails.delete(oldest);
    }
    thumbnails.set(key, image);
    return image;
  }

  return {
    list,

    /** The list page: stories grouped by district, and the years and units to filter by. */
    async page(filter: PublicStoriesQuery) {
      const [stories, facets] = await Promise.all([list(filter), repo.facets()]);
      return { groups: groupByDistrict(stories.items), total: stories.items.length, truncated: stories.truncated, options: filterOptions(facets) };
    },

    /** One published story, or null when unknown or not public. */
    async story(id: number): Promise<PublicStory | null> {
      const row = await repo.find(id);
      if (!row) return null;
      const [photos, publicity] = await Promise.all([repo.photos(id), repo.publicity(id)]);
      return presentStory(row, row.story_html, photos, publicity);
    },

    /** A photo of a published story (or its card thumbnail); null otherwise. */
    async photo(fileId: number, small: boolean): Promise<PublicImage | null> {
      const file = await repo.photo(fileId);
      if (!file) return null;
      const hash = file.sha256.toString('base64url');
      if (!small) return { body: file.content, mediaType: file.media_type, etag: `"${hash}"` };
      const image = await thumbnail(`${file.id}:${hash}`, file.content);
      return image ? { body: image, mediaType: 'image/webp', etag: `"${hash}-${THUMBNAIL_WIDTH}"` } : null;
    },
  };
}

export type PublicStoriesService = ReturnType<typeof publicStoriesService>;
