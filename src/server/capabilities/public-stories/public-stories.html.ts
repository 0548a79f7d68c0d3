import { createHash } from 'node:crypto';
import sanitizeHtml from 'sanitize-html';
import { PUBLIC_STORIES_PATH } from '../../../shared/domain/public-stories';
import { formatDate, formatNumber } from '../../../shared/domain/text';
import type { PublicStoryCard } from '../../../shared/schemas/public-stories';
import type { PublicStory } from './public-stories.presenter';

/**
 * Server-rendered HTML of the public page: no bundle, no external font or script, inline CSS of a few
 * KB. Every text goes through `escapeHtml`; the story's rich text through `sanitizeStoryHtml`.
 */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escape text for HTML content and double- or single-quoted attribute values. */
export function escapeHtml(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  return String(value).replace(/[&<>"']/gu, (ch) => ESCAPES[ch] ?? ch);
}

/**
 * The conservative allow-list of stories (the same as on write): paragraphs, emphasis, lists, quotes,
 * two heading levels and http(s)/mailto links. Everything else (scripts, event handlers, styles,
 * javascript: links, images, frames) is dropped. Run again on every render, whatever the row holds.
 */
const STORY_SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'strong', 'em', 'u', 's', 'ul', 'ol', 'li', 'blockquote', 'h2', 'h3', 'a'],
  allowedAttributes: { a: ['href', 'rel'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: {},
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  allowedStyles: {},
  disallowedTagsMode: 'discard',
  // Dropped with their content, not only their tags.
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'iframe', 'object', 'embed', 'svg', 'math', 'template', 'title', 'head'],
  transformTags: {
    a: (tagName, attribs) => ({ tagName, attribs: { ...(attribs.href ? { href: attribs.href } : {}), rel: 'nofollow noopener noreferrer' } }),
  },
};

export function sanitizeStoryHtml(html: string): string {
  return sanitizeHtml(html, STORY_SANITIZE);
}

const STYLE = `*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:18px/1.6 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif;color:#1c1917;background:#faf7f2}
a{color:#8b1a1a}
a:focus-visible,select:focus-visible,button:focus-visible,input:focus-visible{outline:3px solid #b45309;outline-offset:2px}
.wrap{max-width:66rem;margin:0 auto;padding:0 1rem}
.narrow{max-width:44rem}
.site{background:#9b1c1c;color:#fff;padding:.8rem 0 .9rem;border-bottom:4px solid #e0b63a}
.kicker{margin:0;font-size:.82rem;line-height:1.4}
.brand{margin:.15rem 0 0;font-size:1.45rem;font-weight:700;line-height:1.25}
.brand a{color:#fff;text-decoration:none}
main{padding:.5rem 0 2rem}
h1{font-size:1.6rem;line-height:1.25;margin:1rem 0 .4rem}
.lead{margin:0 0 .5rem;color:#44403c}
.filters{display:flex;flex-wrap:wrap;gap:.75rem;align-items:flex-end;margin:1rem 0;padding:.75rem;background:#fff;border:1px solid #e7e0d6;border-radius:.5rem}
.filters label{display:flex;flex-direction:column;gap:.2rem;font-size:.9rem;font-weight:600;flex:1 1 10rem;min-width:0}
select,button{font:inherit;font-size:1rem;min-height:44px;padding:.35rem .5rem;border:1px solid #78716c;border-radius:.4rem;background:#fff;color:#1c1917;max-width:100%}
button{background:#9b1c1c;color:#fff;border-color:#9b1c1c;font-weight:600;padding:.35rem 1.2rem}
.reset{align-self:center;font-size:.95rem}
.group{font-size:1.25rem;line-height:1.3;margin:1.75rem 0 .8rem;padding-bottom:.3rem;border-bottom:3px solid #e0b63a}
.muted{color:#57534e;font-weight:400;font-size:.95rem}
.cards{display:grid;gap:1rem;grid-template-columns:1fr;list-style:none;margin:0;padding:0}
.card{background:#fff;border:1px solid #e7e0d6;border-radius:.6rem;overflow:hidden;display:flex;flex-direction:column}
.card img{display:block;width:100%;height:auto;aspect-ratio:16/10;object-fit:cover;background:#e7e5e4}
.card .body{padding:.85rem 1rem 1rem;display:flex;flex-direction:column;gap:.3rem;flex:1}
.card h3{font-size:1.2rem;line-height:1.35;margin:0}
.card h3 a{color:#1c1917;text-decoration:none}
.card h3 a:hover{text-decoration:underline}
.who{margin:0;font-weight:600;color:#292524}
.unit{margin:0;color:#57534e;font-size:.95rem}
.summary{margin:.2rem 0}
.award{margin:.2rem 0;font-size:.92rem;background:#fdf6e3;border-left:4px solid #e0b63a;padding:.4rem .6rem}
.actions{margin-top:auto;padding-top:.4rem;display:flex;gap:1.25rem;font-weight:600}
.actions a{padding:.35rem 0}
@media(min-width:700px){.card{flex-direction:row}.card>a{display:block;flex:0 0 36%;max-width:20rem}.card>a img{height:100%;min-height:13rem;aspect-ratio:auto}.card .body{padding:1rem 1.25rem}}
.empty{background:#fff;border:1px dashed #a8a29e;border-radius:.6rem;padding:1.5rem 1rem;text-align:center;color:#44403c}
.note{color:#44403c;font-size:.95rem}
.back{display:inline-block;margin-top:1rem;padding:.3rem 0;font-weight:600}
.story h1{font-size:1.75rem}
.byline{margin:0;font-size:1.05rem}
.story figure{margin:1.25rem 0}
.story figure img{display:block;width:100%;height:auto;border-radius:.5rem;background:#e7e5e4}
figcaption{font-size:.9rem;color:#57534e;margin-top:.35rem}
.text h2{font-size:1.3rem;margin:1.5rem 0 .5rem}
.text h3{font-size:1.12rem;margin:1.25rem 0 .4rem}
.text blockquote{margin:1rem 0;padding:.2rem 1rem;border-left:4px solid #d6d3d1;color:#44403c}
.text ul,.text ol{padding-left:1.4rem}
.section{margin-top:2rem}
.section h2{font-size:1.2rem;margin:0 0 .5rem}
.press{list-style:none;margin:0;padding:0}
.press li{padding:.5rem 0;border-bottom:1px solid #e7e0d6}
.share input{width:100%;font:inherit;font-size:.95rem;padding:.5rem;min-height:44px;border:1px solid #78716c;border-radius:.4rem;background:#fff;color:#1c1917}
.share p{margin:.75rem 0 0}
.button{display:inline-block;background:#9b1c1c;color:#fff;font-weight:600;text-decoration:none;padding:.55rem 1.4rem;border-radius:.4rem;min-height:44px}
footer{border-top:1px solid #e7e0d6;color:#57534e;font-size:.88rem;padding:1.25rem 0 2rem}`;

/** Share with the phone's share sheet, else copy the address; auto-submit the filters. Nothing else. */
const SCRIPT = `document.addEventListener('click',function(e){var a=e.target.closest&&e.target.closest('a[data-share]');if(!a)return;var u=a.href,t=a.getAttribute('data-title')||document.title;if(navigator.share){e.preventDefault();navigator.share({title:t,url:u}).catch(function(){});}else if(navigator.clipboard&&window.isSecureContext){e.preventDefault();navigator.clipboard.writeText(u).then(function(){a.textContent='Đã chép liên kết';});}});
document.querySelectorAll('select[data-auto]').forEach(function(s){s.addEventListener('change',function(){s.form.submit();});});
document.querySelectorAll('input[data-copy]').forEach(function(i){i.addEventListener('focus',function(){i.select();});});`;

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/**
 * The policy of the public pages: stricter than the admin app's (no inline style or script except
 * these two, by hash; nothing from other origins).
 */
export const PUBLIC_PAGE_CSP = [
  "default-src 'none'",
  `style-src ${sha256(STYLE)}`,
  `script-src ${sha256(SCRIPT)}`,
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const SITE_KICKER = 'Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh';
const SITE_NAME = 'Điển hình tiên tiến';

interface PageMeta {
  title: string;
  description: string;
  /** Absolute address of the page. */
  canonical: string;
  type: 'website' | 'article';
  image?: string;
}

function layout(meta: PageMeta, body: string, options: { robots?: boolean; narrow?: boolean } = {}): string {
  const robots = options.robots ?? true;
  const wrap = options.narrow ? 'wrap narrow' : 'wrap';
  const tags = [
    `<meta name="description" content="${escapeHtml(meta.description)}">`,
    robots ? '' : '<meta name="robots" content="noindex">',
    meta.canonical ? `<link rel="canonical" href="${escapeHtml(meta.canonical)}">` : '',
    `<meta property="og:site_name" content="${escapeHtml(SITE_NAME)}">`,
    `<meta property="og:locale" content="vi_VN">`,
    `<meta property="og:type" content="${meta.type}">`,
    `<meta property="og:title" content="${escapeHtml(meta.title)}">`,
    `<meta property="og:description" content="${escapeHtml(meta.description)}">`,
    meta.canonical ? `<meta property="og:url" content="${escapeHtml(meta.canonical)}">` : '',
    meta.image ? `<meta property="og:image" content="${escapeHtml(meta.image)}">` : '',
    `<meta name="twitter:card" content="${meta.image ? 'summary_large_image' : 'summary'}">`,
  ].filter(Boolean);
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(meta.type === 'article' ? `${meta.title} — ${SITE_NAME}` : meta.title)}</title>
${tags.join('\n')}
<meta name="theme-color" content="#9b1c1c">
<link rel="icon" href="data:,">
<style>${STYLE}</style>
</head>
<body>
<header class="site"><div class="${wrap}"><p class="kicker">${escapeHtml(SITE_KICKER)}</p><p class="brand"><a href="${PUBLIC_STORIES_PATH}">${escapeHtml(SITE_NAME)}</a></p></div></header>
<main>
${body}
</main>
<footer><div class="${wrap}">Trang công khai những tấm gương điển hình tiên tiến, người tốt việc tốt đã được cấp ủy xác minh và cho phép công khai.</div></footer>
<script>${SCRIPT}</script>
</body>
</html>
`;
}

export interface StoryGroup {
  district: { id: number; name: string };
  province: { id: number; name: string };
  items: PublicStoryCard[];
}

export interface ListFilterOptions {
  years: number[];
  /** Provinces, each with its district-level units that have stories (the province's own group excluded). */
  provinces: { id: number; name: string; districts: { id: number; name: string }[] }[];
}

export interface ListPage {
  origin: string;
  groups: StoryGroup[];
  total: number;
  truncated: boolean;
  filter: { year?: number; unitId?: number };
  options: ListFilterOptions;
}

function option(value: string | number, label: string, selected: boolean): string {
  return `<option value="${escapeHtml(value)}"${selected ? ' selected' : ''}>${escapeHtml(label)}</option>`;
}

function filtersForm(page: ListPage): string {
  const { filter, options } = page;
  const years = [option('', 'Tất cả các năm', filter.year === undefined), ...options.years.map((year) => option(year, `Năm ${year}`, year === filter.year))];
  const several = options.provinces.length > 1;
  const units = [option('', several ? 'Tất cả các tỉnh' : 'Tất cả đơn vị', filter.unitId === undefined)];
  for (const province of options.provinces) {
    const districts = province.districts.map((d) => option(d.id, d.name, d.id === filter.unitId));
    if (several) units.push(`<optgroup label="${escapeHtml(province.name)}">${option(province.id, `Toàn bộ ${province.name}`, province.id === filter.unitId)}${districts.join('')}</optgroup>`);
    else units.push(...districts);
  }
  const active = filter.year !== undefined || filter.unitId !== undefined;
  return `<form class="filters" method="get" action="${PUBLIC_STORIES_PATH}" role="search">
<label>Năm<select name="nam" data-auto>${years.join('')}</select></label>
<label>Đơn vị<select name="don-vi" data-auto>${units.join('')}</select></label>
<button type="submit">Xem</button>${active ? `<a class="reset" href="${PUBLIC_STORIES_PATH}">Bỏ lọc</a>` : ''}
</form>`;
}

function card(origin: string, story: PublicStoryCard): string {
  const showUnit = story.unit.name !== story.subjectName;
  const image = story.photo
    ? `<a href="${escapeHtml(story.url)}" tabindex="-1" aria-hidden="true"><img src="${escapeHtml(story.photo.thumbnailUrl)}" alt="" loading="lazy" decoding="async" width="640" height="400"></a>`
    : '';
  return `<li class="card">${image}<div class="body">
<h3><a href="${escapeHtml(story.url)}">${escapeHtml(story.title)}</a></h3>
<p class="who">${escapeHtml(story.subjectName)}</p>
${showUnit ? `<p class="unit">${escapeHtml(story.unit.name)} · ${escapeHtml(story.year)}</p>` : `<p class="unit">Năm ${escapeHtml(story.year)}</p>`}
<p class="summary">${escapeHtml(story.summary)}</p>
${story.commendation ? `<p class="award">${escapeHtml(story.commendation)}</p>` : ''}
<p class="actions"><a href="${escapeHtml(story.url)}">Đọc câu chuyện</a><a href="${escapeHtml(origin + story.url)}" data-share data-title="${escapeHtml(story.title)}">Chia sẻ</a></p>
</div></li>`;
}

export function renderListPage(page: ListPage): string {
  const several = page.options.provinces.length > 1;
  const groups = page.groups
    .map((group) => {
      const where = several && group.district.id !== group.province.id ? ` <span class="muted">· ${escapeHtml(group.province.name)}</span>` : '';
      return `<section aria-labelledby="g${group.district.id}">
<h2 class="group" id="g${group.district.id}">${escapeHtml(group.district.name)}${where} <span class="muted">(${formatNumber(group.items.length)})</span></h2>
<ul class="cards">${group.items.map((story) => card(page.origin, story)).join('\n')}</ul>
</section>`;
    })
    .join('\n');
  const filtered = page.filter.year !== undefined || page.filter.unitId !== undefined;
  const empty = `<p class="empty">${filtered ? 'Chưa có câu chuyện nào được công khai cho năm hoặc đơn vị bạn chọn. Mời bạn chọn năm hoặc đơn vị khác.' : 'Chưa có câu chuyện điển hình nào được công khai. Mời bạn quay lại sau.'}</p>`;
  const count = page.total > 0 ? `<p class="lead">${formatNumber(page.total)} câu chuyện người tốt, việc tốt đã được cấp ủy xác minh, mới nhất trước.</p>` : '';
  const truncated = page.truncated ? `<p class="note">Trang chỉ hiện ${formatNumber(page.total)} câu chuyện mới nhất. Hãy chọn năm hoặc đơn vị để xem những câu chuyện khác.</p>` : '';
  const body = `<div class="wrap">
<h1>Những tấm gương điển hình tiên tiến</h1>
${count}
${page.options.years.length > 0 ? filtersForm(page) : ''}
${page.groups.length > 0 ? groups : empty}
${truncated}
</div>`;
  const query = new URLSearchParams();
  if (page.filter.year !== undefined) query.set('nam', String(page.filter.year));
  if (page.filter.unitId !== undefined) query.set('don-vi', String(page.filter.unitId));
  const search = query.toString();
  return layout(
    {
      title: `${SITE_NAME} — Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh`,
      description: 'Những tấm gương điển hình tiên tiến, người tốt việc tốt trong học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.',
      canonical: `${page.origin}${PUBLIC_STORIES_PATH}${search ? `?${search}` : ''}`,
      type: 'website',
    },
    body,
  );
}

function figure(photo: PublicStory['photos'][number], alt: string, lazy: boolean): string {
  return `<figure><img src="${escapeHtml(photo.url)}" alt="${escapeHtml(photo.caption ?? alt)}"${lazy ? ' loading="lazy"' : ''} decoding="async">${photo.caption ? `<figcaption>${escapeHtml(photo.caption)}</figcaption>` : ''}</figure>`;
}

function safeLink(url: string | null): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.toString() : null;
  } catch {
    return null;
  }
}

export function renderStoryPage(origin: string, story: PublicStory): string {
  const address = origin + story.url;
  const [first, ...rest] = story.photos;
  const showUnit = story.unit.name !== story.subjectName;
  const press = story.publicity.map((entry) => {
    const link = safeLink(entry.url);
    const title = link ? `<a href="${escapeHtml(link)}" rel="nofollow noopener noreferrer">${escapeHtml(entry.title)}</a>` : escapeHtml(entry.title);
    return `<li><strong>${escapeHtml(entry.channel)}</strong>, ngày ${escapeHtml(formatDate(entry.publishedOn))}<br>${title}</li>`;
  });
  const body = `<div class="wrap narrow">
<a class="back" href="${PUBLIC_STORIES_PATH}">← Tất cả câu chuyện</a>
<article class="story">
<h1>${escapeHtml(story.title)}</h1>
<p class="byline"><strong>${escapeHtml(story.subjectName)}</strong></p>
<p class="unit">${showUnit ? `${escapeHtml(story.unit.name)} · ` : ''}${escapeHtml(story.district.id !== story.unit.id ? `${story.district.name} · ` : '')}Năm ${escapeHtml(story.year)}</p>
${story.commendation ? `<p class="award">${escapeHtml(story.commendation)}</p>` : ''}
${first ? figure(first, story.title, false) : ''}
<p class="summary"><strong>${escapeHtml(story.summary)}</strong></p>
<div class="text">${sanitizeStoryHtml(story.storyHtml)}</div>
${rest.length > 0 ? `<section class="section" aria-labelledby="photos"><h2 id="photos">Hình ảnh</h2>${rest.map((photo) => figure(photo, story.title, true)).join('\n')}</section>` : ''}
${press.length > 0 ? `<section class="section" aria-labelledby="press"><h2 id="press">Đã tuyên truyền</h2><ul class="press">${press.join('\n')}</ul></section>` : ''}
<section class="section share" aria-labelledby="share"><h2 id="share">Chia sẻ câu chuyện</h2>
<label for="share-url" class="muted">Đường dẫn để gửi cho người khác</label>
<input id="share-url" type="url" readonly value="${escapeHtml(address)}" data-copy>
<p><a class="button" href="${escapeHtml(address)}" data-share data-title="${escapeHtml(story.title)}">Chia sẻ</a></p>
</section>
</article>
<a class="back" href="${PUBLIC_STORIES_PATH}">← Tất cả câu chuyện</a>
</div>`;
  return layout(
    {
      title: story.title,
      description: story.summary.length > 300 ? `${story.summary.slice(0, 297)}…` : story.summary,
      canonical: address,
      type: 'article',
      ...(first ? { image: origin + first.url } : {}),
    },
    body,
    { narrow: true },
  );
}

export function renderNotFoundPage(): string {
  const body = `<div class="wrap narrow">
<h1>Không tìm thấy câu chuyện</h1>
<p class="empty">Câu chuyện bạn tìm không có hoặc chưa được công khai. Mời bạn xem những câu chuyện điển hình khác.</p>
<a class="back" href="${PUBLIC_STORIES_PATH}">← Tất cả câu chuyện</a>
</div>`;
  return layout({ title: `Không tìm thấy — ${SITE_NAME}`, description: 'Không tìm thấy câu chuyện.', canonical: '', type: 'website' }, body, { robots: false, narrow: true });
}
