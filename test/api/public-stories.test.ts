import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildApp } from '../../src/server/app';
import { publicStoryPath } from '../../src/shared/domain/public-stories';
import { publicStoryCardSchema, publicStoryListSchema } from '../../src/shared/schemas/public-stories';
import { Client, type Response, type TestContext, loggedIn, setupApp } from '../helpers/app';
import { type TestTree, type TestUnit, createAccount, createExemplar, createExemplarPhoto, createMember, createTree, createUnit } from '../helpers/factories';

/**
 * The public page of exemplary stories: no login, only what an officer published, never personal data.
 */

let ctx: TestContext;
let tree: TestTree;
let anonymous: Client;
let officer: { id: number; username: string; password: string };

const HOST = 'dienhinh.bacninh.example';
const ORIGIN = `http://${HOST}`;

/** Private values planted in the database; none may ever appear on the public page. */
const PRIVATE = {
  cardNumber: 'TDV-77.123.456',
  idNumber: '027190001234',
  phone: '0912 345 678',
  birthDate: '1971-03-08',
  stepComment: 'Ghi chú nội bộ: đã xác minh tại nhà riêng số 12',
  evidenceCaption: 'Biên bản xác minh nội bộ',
};

const MALICIOUS_STORY = [
  '<p>Đồng chí An luôn <strong>gương mẫu</strong>.</p>',
  '<script>alert("story")</script>',
  '<img src="x" onerror="alert(2)">',
  '<p onclick="alert(3)">Nhường đất làm đường</p>',
  '<a href="javascript:alert(4)">bấm vào đây</a>',
  '<a href="https://baobacninh.example/bai-viet" onmouseover="alert(5)">Bài trên báo</a>',
].join('');

const XSS_TITLE = 'Cô giáo <script>alert("x")</script> & "bạn" nhỏ';

const ids = {} as {
  member: number;
  memberStory: number;
  xssStory: number;
  provinceStory: number;
  hiddenStory: number;
  draftStory: number;
  pendingStory: number;
  firstPhoto: number;
  secondPhoto: number;
  hiddenPhoto: number;
  draftPhoto: number;
  evidence: number;
  pdfPhoto: number;
};

function html(request: { url: string; headers?: Record<string, string> }, client = anonymous): Promise<Response<string>> {
  return client.request<string>({ method: 'GET', url: request.url, headers: { host: HOST, ...request.headers } });
}

/** The sanitised story text of a story page. */
function storyText(page: string): string {
  const match = /<div class="text">([\s\S]*?)<\/div>/u.exec(page);
  if (!match?.[1]) throw new Error('no story text');
  return match[1];
}

function metaContent(page: string, attribute: 'name' | 'property', key: string): string | undefined {
  return new RegExp(`<meta ${attribute}="${key}" content="([^"]*)">`, 'u').exec(page)?.[1];
}

beforeAll(async () => {
  ctx = await setupApp();
  tree = await createTree(ctx.db);
  anonymous = new Client(ctx.app);
  // Distinctive ids, so the deny-list can look for the member's and the officer's ids by value.
  await sql`SELECT setval(pg_get_serial_sequence('account', 'id'), 8765431), setval(pg_get_serial_sequence('member', 'id'), 7654320)`.execute(ctx.db);
  officer = await createAccount(ctx.db, { role: 'province_officer', scope: tree.province });
});

describe('with nothing published', () => {
  it('shows a friendly sentence and an empty list', async () => {
    const page = await html({ url: '/cong-khai' });
    expect(page.status).toBe(200);
    expect(page.body).toContain('Chưa có câu chuyện điển hình nào được công khai. Mời bạn quay lại sau.');
    expect(page.body).not.toContain('<form');
    const json = await anonymous.get('/api/public/stories');
    expect(json.status).toBe(200);
    expect(json.body).toEqual({ items: [], truncated: false });
  });
});

describe('published stories', () => {
  beforeAll(async () => {
    ids.member = await createMember(ctx.db, tree.cellA, { familyName: 'Nguyễn', middleName: 'Văn', givenName: 'An' });
    await ctx.db
      .updateTable('member')
      .set({ card_number: PRIVATE.cardNumber, id_number: PRIVATE.idNumber, phone: PRIVATE.phone, birth_date: PRIVATE.birthDate })
      .where('id', '=', ids.member)
      .execute();

    ids.memberStory = await createExemplar(ctx.db, {
      unit: tree.dinhBang,
      createdBy: officer.id,
      subject: { kind: 'member', memberId: ids.member },
      title: 'Người đảng viên hiến đất làm đường',
      summary: 'Đồng chí Nguyễn Văn An vận động bà con hiến 2.000 m² đất làm đường liên thôn.',
      storyHtml: MALICIOUS_STORY,
      year: 2012,
      decidingUnitId: tree.province.id,
      commendation: { form: 'bang_khen', title: 'của Ban Thường vụ Tỉnh ủy', symbol: '125-QĐ/TU', date: '2012-05-19' },
      isPublic: true,
      publishedAt: '2012-06-01T08:00:00+07:00',
    });
    ids.secondPhoto = await createExemplarPhoto(ctx.db, ids.memberStory, tree.dinhBang, { caption: 'Con đường mới sau khi hoàn thành', position: 2 });
    ids.firstPhoto = await createExemplarPhoto(ctx.db, ids.memberStory, tree.dinhBang, { caption: 'Đồng chí An cùng bà con thôn Đình', position: 1 });
    ids.evidence = await createExemplarPhoto(ctx.db, ids.memberStory, tree.dinhBang, { caption: PRIVATE.evidenceCaption, role: 'evidence' });
    ids.pdfPhoto = await createExemplarPhoto(ctx.db, ids.memberStory, tree.dinhBang, { caption: 'Tệp không phải ảnh', bytes: Buffer.from('%PDF-1.4 x'), mediaType: 'application/pdf', position: 0 });
    await ctx.db.insertInto('exemplar_step').values({ exemplar_id: ids.memberStory, unit_id: tree.tuSon.id, action: 'verify', comment: PRIVATE.stepComment, acted_by: officer.id }).execute();
    const channel = await ctx.db.selectFrom('publicity_channel').select('id').where('kind', '=', 'newspaper').where('root_unit_id', 'is', null).executeTakeFirstOrThrow();
    await ctx.db
      .insertInto('publicity_entry')
      .values([
        { exemplar_id: ids.memberStory, channel_id: channel.id, published_on: '2012-06-05', title: 'Người hiến đất ở Đình Bảng', url: 'https://baobacninh.example/nguoi-hien-dat', recorded_by: officer.id },
        { exemplar_id: ids.memberStory, channel_id: channel.id, published_on: '2012-06-10', title: 'Bản tin không có liên kết an toàn', url: 'javascript:alert(9)', recorded_by: officer.id },
      ])
      .execute();

    ids.xssStory = await createExemplar(ctx.db, {
      unit: tree.queVo,
      createdBy: officer.id,
      subject: { kind: 'person', familyName: 'Trần', middleName: 'Thị', givenName: 'Mai' },
      title: XSS_TITLE,
      summary: 'Dạy học miễn phí cho trẻ em khó khăn <b>suốt 10 năm</b>.',
      year: 2011,
      state: 'approved',
      isPublic: true,
      publishedAt: '2011-12-20T08:00:00+07:00',
    });

    ids.provinceStory = await createExemplar(ctx.db, {
      unit: tree.province,
      createdBy: officer.id,
      subject: { kind: 'collective', name: 'Tập thể Ban Tuyên giáo Tỉnh ủy' },
      title: 'Tập thể làm theo gương Bác',
      summary: 'Đổi mới cách tuyên truyền ở cơ sở.',
      year: 2012,
      state: 'approved',
      isPublic: true,
      publishedAt: '2012-06-15T08:00:00+07:00',
    });

    ids.hiddenStory = await createExemplar(ctx.db, {
      unit: tree.dinhBang,
      createdBy: officer.id,
      title: 'Câu chuyện đã khen nhưng chưa công khai',
      summary: 'Chưa được phép công khai.',
      commendation: { form: 'giay_khen', symbol: '45-QĐ/ĐU', date: '2012-05-10' },
    });
    ids.hiddenPhoto = await createExemplarPhoto(ctx.db, ids.hiddenStory, tree.dinhBang);
    ids.draftStory = await createExemplar(ctx.db, { unit: tree.cellA, createdBy: officer.id, title: 'Bản nháp chưa gửi đi', summary: 'Nháp.' });
    ids.draftPhoto = await createExemplarPhoto(ctx.db, ids.draftStory, tree.cellA);
    ids.pendingStory = await createExemplar(ctx.db, { unit: tree.cellA, createdBy: officer.id, title: 'Đang chờ cấp trên xác minh', summary: 'Chờ.', state: 'pending', pendingUnitId: tree.dinhBang.id });
  });

  describe('the list page', () => {
    it('is public HTML, cached for a minute, with an ETag', async () => {
      const page = await html({ url: '/cong-khai' });
      expect(page.status).toBe(200);
      expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(page.headers['cache-control']).toBe('public, max-age=60');
      expect(page.headers.etag).toMatch(/^W\/".+"$/u);
      const again = await html({ url: '/cong-khai', headers: { 'if-none-match': String(page.headers.etag) } });
      expect(again.status).toBe(304);
      expect(again.body).toBe('');
      expect(page.body.length).toBeLessThan(40_000);
    });

    it('shows only published stories, grouped by district, newest first', async () => {
      const page = (await html({ url: '/cong-khai' })).body;
      expect(page).toContain('Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh');
      expect(page).toContain('Điển hình tiên tiến');
      expect(page).toContain('Người đảng viên hiến đất làm đường');
      expect(page).toContain('Tập thể làm theo gương Bác');
      for (const hidden of ['chưa công khai', 'Bản nháp chưa gửi đi', 'Đang chờ cấp trên xác minh']) expect(page).not.toContain(hidden);
      // Groups: the province's own nominations first, then districts in Vietnamese order.
      const headings = [...page.matchAll(/<h2 class="group"[^>]*>([^<]+)/gu)].map((m) => m[1]?.trim());
      expect(headings).toEqual(['Đảng bộ tỉnh Bắc Ninh', 'Đảng bộ huyện Quế Võ', 'Đảng bộ Thị xã Từ Sơn']);
      // The card: person's name, unit, summary, commendation, first photo thumbnail, share link.
      expect(page).toContain('<p class="who">Nguyễn Văn An</p>');
      expect(page).toContain('Đảng bộ phường Đình Bảng · 2012');
      expect(page).toContain('vận động bà con hiến 2.000 m² đất');
      expect(page).toContain('Bằng khen của Ban Thường vụ Tỉnh ủy, Quyết định số 125-QĐ/TU ngày 19/05/2012');
      expect(page).toContain(`src="/cong-khai/anh/${ids.firstPhoto}?co=nho"`);
      expect(page).not.toContain(`/cong-khai/anh/${ids.secondPhoto}`);
      expect(page).toContain(`href="${ORIGIN}${publicStoryPath(ids.memberStory, 'Người đảng viên hiến đất làm đường')}" data-share`);
      expect(page).toContain('<p class="who">Tập thể Ban Tuyên giáo Tỉnh ủy</p>');
      // One province: no province choice in the filter.
      expect(page).not.toContain('<optgroup');
      expect(page).toContain('<option value="2012">Năm 2012</option>');
      expect(page).toContain(`<option value="${tree.tuSon.id}">Đảng bộ Thị xã Từ Sơn</option>`);
    });

    it('filters by year and by district', async () => {
      const year = (await html({ url: '/cong-khai?nam=2011' })).body;
      expect(year).toContain('Cô giáo');
      expect(year).not.toContain('Người đảng viên hiến đất làm đường');
      expect(year).toContain('<option value="2011" selected>');
      const district = (await html({ url: `/cong-khai?don-vi=${tree.tuSon.id}` })).body;
      expect(district).toContain('Người đảng viên hiến đất làm đường');
      expect(district).not.toContain('Tập thể làm theo gương Bác');
      expect(district).not.toContain('Cô giáo');
      const none = (await html({ url: '/cong-khai?nam=1999' })).body;
      expect(none).toContain('Chưa có câu chuyện nào được công khai cho năm hoặc đơn vị bạn chọn.');
      // Unreadable filters are ignored: a public page never answers 400.
      const junk = await html({ url: '/cong-khai?nam=abc&don-vi=%3Cscript%3E' });
      expect(junk.status).toBe(200);
      expect(junk.body).toContain('Người đảng viên hiến đất làm đường');
      expect(junk.body).not.toContain('<script>alert');
    });

    it('escapes a title containing a script', async () => {
      const page = (await html({ url: '/cong-khai' })).body;
      expect(page).toContain('Cô giáo &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;bạn&quot; nhỏ');
      expect(page).not.toContain('<script>alert');
      expect(page).toContain('trẻ em khó khăn &lt;b&gt;suốt 10 năm&lt;/b&gt;');
      expect(page.match(/<script/gu)).toHaveLength(1);
    });
  });

  describe('the JSON list', () => {
    it('answers without a session, with the card fields only', async () => {
      const response = await anonymous.get('/api/public/stories');
      expect(response.status).toBe(200);
      expect(response.headers['cache-control']).toBe('public, max-age=60');
      const list = publicStoryListSchema.parse(response.body);
      expect(list.items.map((item) => item.id)).toEqual([ids.provinceStory, ids.memberStory, ids.xssStory]);
      const member = list.items.find((item) => item.id === ids.memberStory);
      expect(member).toEqual({
        id: ids.memberStory,
        url: publicStoryPath(ids.memberStory, 'Người đảng viên hiến đất làm đường'),
        title: 'Người đảng viên hiến đất làm đường',
        subjectName: 'Nguyễn Văn An',
        year: 2012,
        unit: { id: tree.dinhBang.id, name: tree.dinhBang.name },
        district: { id: tree.tuSon.id, name: tree.tuSon.name },
        province: { id: tree.province.id, name: tree.province.name },
        summary: 'Đồng chí Nguyễn Văn An vận động bà con hiến 2.000 m² đất làm đường liên thôn.',
        commendation: 'Bằng khen của Ban Thường vụ Tỉnh ủy, Quyết định số 125-QĐ/TU ngày 19/05/2012',
        photo: { url: `/cong-khai/anh/${ids.firstPhoto}`, thumbnailUrl: `/cong-khai/anh/${ids.firstPhoto}?co=nho`, caption: 'Đồng chí An cùng bà con thôn Đình' },
        publishedOn: '2012-06-01',
      });
      for (const item of response.body.items) expect(Object.keys(item).sort()).toEqual(Object.keys(publicStoryCardSchema.shape).sort());
    });

    it('filters by year and unit, and refuses a bad year in Vietnamese', async () => {
      const year = await anonymous.get('/api/public/stories?year=2011');
      expect(year.body.items.map((item: { id: number }) => item.id)).toEqual([ids.xssStory]);
      const unit = await anonymous.get(`/api/public/stories?unitId=${tree.queVo.id}`);
      expect(unit.body.items.map((item: { id: number }) => item.id)).toEqual([ids.xssStory]);
      const province = await anonymous.get(`/api/public/stories?unitId=${tree.province.id}&year=2012`);
      expect(province.body.items.map((item: { id: number }) => item.id)).toEqual([ids.provinceStory, ids.memberStory]);
      const bad = await anonymous.get('/api/public/stories?year=hai-nghin');
      expect(bad.status).toBe(400);
      expect(bad.body.message).toBe('Năm không hợp lệ.');
    });
  });

  describe('a story page', () => {
    const title = 'Người đảng viên hiến đất làm đường';
    let url: string;
    beforeAll(() => {
      url = publicStoryPath(ids.memberStory, title);
    });

    it('has its title, description, Open Graph tags and canonical address', async () => {
      expect(url).toBe(`/cong-khai/${ids.memberStory}-nguoi-dang-vien-hien-dat-lam-duong`);
      const response = await html({ url });
      expect(response.status).toBe(200);
      expect(response.headers['cache-control']).toBe('public, max-age=60');
      const page = response.body;
      expect(page).toContain(`<title>${title} — Điển hình tiên tiến</title>`);
      expect(metaContent(page, 'name', 'description')).toBe('Đồng chí Nguyễn Văn An vận động bà con hiến 2.000 m² đất làm đường liên thôn.');
      expect(metaContent(page, 'property', 'og:title')).toBe(title);
      expect(metaContent(page, 'property', 'og:type')).toBe('article');
      expect(metaContent(page, 'property', 'og:url')).toBe(`${ORIGIN}${url}`);
      expect(metaContent(page, 'property', 'og:description')).toContain('hiến 2.000 m²');
      expect(metaContent(page, 'property', 'og:image')).toBe(`${ORIGIN}/cong-khai/anh/${ids.firstPhoto}`);
      expect(page).toContain(`<link rel="canonical" href="${ORIGIN}${url}">`);
      expect(page).toContain('<html lang="vi">');
    });

    it('shows the photos with captions, the commendation, the publicity and a share link', async () => {
      const page = (await html({ url })).body;
      expect(page.indexOf(`/cong-khai/anh/${ids.firstPhoto}"`)).toBeLessThan(page.indexOf(`/cong-khai/anh/${ids.secondPhoto}"`));
      expect(page).toContain('<figcaption>Đồng chí An cùng bà con thôn Đình</figcaption>');
      expect(page).toContain('<figcaption>Con đường mới sau khi hoàn thành</figcaption>');
      expect(page).not.toContain(`/cong-khai/anh/${ids.pdfPhoto}`);
      expect(page).not.toContain(`/cong-khai/anh/${ids.evidence}`);
      expect(page).toContain('Bằng khen của Ban Thường vụ Tỉnh ủy, Quyết định số 125-QĐ/TU ngày 19/05/2012');
      expect(page).toContain('<strong>Báo, tạp chí khác</strong>, ngày 05/06/2012<br><a href="https://baobacninh.example/nguoi-hien-dat" rel="nofollow noopener noreferrer">Người hiến đất ở Đình Bảng</a>');
      // A stored link that is not http(s) is shown as text.
      expect(page).toContain('ngày 10/06/2012<br>Bản tin không có liên kết an toàn');
      expect(page).toContain(`<input id="share-url" type="url" readonly value="${ORIGIN}${url}" data-copy>`);
      expect(page).toContain(`<a class="button" href="${ORIGIN}${url}" data-share data-title="${title}">Chia sẻ</a>`);
    });

    it('renders the story only through the sanitiser, even when the row holds scripts', async () => {
      const stored = await ctx.db.selectFrom('exemplar').select('story_html').where('id', '=', ids.memberStory).executeTakeFirstOrThrow();
      expect(stored.story_html).toContain('<script>');
      const page = (await html({ url })).body;
      const text = storyText(page);
      expect(text).toContain('<p>Đồng chí An luôn <strong>gương mẫu</strong>.</p>');
      expect(text).toContain('<p>Nhường đất làm đường</p>');
      expect(text).toContain('<a href="https://baobacninh.example/bai-viet" rel="nofollow noopener noreferrer">Bài trên báo</a>');
      expect(text).not.toMatch(/<script|<img|onerror|onclick|onmouseover|javascript:|alert/iu);
      // The page's only script is its own few lines, allowed by hash.
      expect(page.match(/<script/gu)).toHaveLength(1);
    });

    it('escapes a title containing a script in the page, its title and its tags', async () => {
      const page = (await html({ url: publicStoryPath(ids.xssStory, XSS_TITLE) })).body;
      const escaped = 'Cô giáo &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;bạn&quot; nhỏ';
      expect(page).toContain(`<title>${escaped} — Điển hình tiên tiến</title>`);
      expect(page).toContain(`<h1>${escaped}</h1>`);
      expect(metaContent(page, 'property', 'og:title')).toBe(escaped);
      expect(page).not.toContain('<script>alert');
      expect(page).not.toContain('og:image');
    });

    it('redirects a wrong or missing slug to the canonical address', async () => {
      for (const wrong of [`/cong-khai/${ids.memberStory}`, `/cong-khai/${ids.memberStory}-sai-ten`, `/cong-khai/${ids.memberStory}-Nguoi-dang-vien`, `/cong-khai/${ids.memberStory}-ng%C6%B0%E1%BB%9Di?x=1`]) {
        const response = await html({ url: wrong });
        expect(response.status, wrong).toBe(301);
        expect(response.headers.location).toBe(url);
      }
      expect((await html({ url: '/cong-khai/' })).headers.location).toBe('/cong-khai');
      // Tracking parameters on the canonical address are fine.
      expect((await html({ url: `${url}?fbclid=abc` })).status).toBe(200);
    });

    it('answers 404 in Vietnamese for unknown, unpublished, draft and pending stories', async () => {
      for (const id of [ids.hiddenStory, ids.draftStory, ids.pendingStory, 999_999_999]) {
        for (const address of [`/cong-khai/${id}`, `/cong-khai/${id}-nguoi-tot`]) {
          const response = await html({ url: address });
          expect(response.status, address).toBe(404);
          expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
          expect(response.body).toContain('Không tìm thấy câu chuyện');
          expect(response.body).not.toMatch(/chưa công khai<\/h1>|Bản nháp|Đang chờ/u);
        }
      }
      for (const address of ['/cong-khai/abc', '/cong-khai/0-x', '/cong-khai/-1', '/cong-khai/99999999999999999999']) {
        expect((await html({ url: address })).status, address).toBe(404);
      }
    });
  });

  describe('the photo route', () => {
    it('serves a photo of a published story with long caching and its media type', async () => {
      const response = await anonymous.get(`/cong-khai/anh/${ids.firstPhoto}`);
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toBe('image/jpeg');
      expect(response.headers['cache-control']).toBe('public, max-age=604800');
      const stored = await ctx.db.selectFrom('stored_file').select(['content', 'sha256']).where('id', '=', ids.firstPhoto).executeTakeFirstOrThrow();
      expect(response.raw.equals(stored.content)).toBe(true);
      const etag = String(response.headers.etag);
      expect(etag).toBe(`"${stored.sha256.toString('base64url')}"`);
      expect((await anonymous.request({ method: 'GET', url: `/cong-khai/anh/${ids.firstPhoto}`, headers: { 'if-none-match': etag } })).status).toBe(304);
    });

    it('serves a small thumbnail for the cards', async () => {
      const response = await anonymous.get(`/cong-khai/anh/${ids.firstPhoto}?co=nho`);
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toBe('image/webp');
      expect(response.raw.subarray(8, 12).toString('ascii')).toBe('WEBP');
    });

    it('refuses every other file with 404', async () => {
      for (const fileId of [ids.hiddenPhoto, ids.draftPhoto, ids.evidence, ids.pdfPhoto, 999_999_999]) {
        for (const suffix of ['', '?co=nho']) {
          const response = await anonymous.get(`/cong-khai/anh/${fileId}${suffix}`);
          expect(response.status, `${fileId}${suffix}`).toBe(404);
          expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
          expect(response.raw.includes(Buffer.from('%PDF'))).toBe(false);
        }
      }
      expect((await anonymous.get('/cong-khai/anh/abc')).status).toBe(404);
    });
  });

  describe('privacy', () => {
    const DENIED_KEYS = [
      'id_number', 'idNumber', 'card_number', 'cardNumber', 'phone', 'birth_date', 'birthDate', 'email', 'address',
      'created_by', 'createdBy', 'acted_by', 'actedBy', 'member_id', 'memberId', 'commended_by', 'commendedBy',
      'recorded_by', 'recordedBy', 'uploaded_by', 'uploadedBy', 'account', 'username', 'password', 'state',
      'is_public', 'isPublic', 'pending_unit_id', 'pendingUnitId', 'deciding_unit_id', 'decidingUnitId', 'gender', 'ethnicity', 'comment', 'version',
    ];

    async function everyPublicAnswer(client: Client): Promise<{ json: unknown[]; pages: string[] }> {
      const json = [
        (await client.get('/api/public/stories')).body,
        (await client.get('/api/public/stories?year=2012')).body,
        (await client.get(`/api/public/stories?unitId=${tree.tuSon.id}`)).body,
      ];
      const pages = [
        (await html({ url: '/cong-khai' }, client)).body,
        (await html({ url: '/cong-khai?nam=2012' }, client)).body,
        (await html({ url: `/cong-khai?don-vi=${tree.tuSon.id}` }, client)).body,
        ...(await Promise.all([ids.memberStory, ids.xssStory, ids.provinceStory].map(async (id) => (await html({ url: `/cong-khai/${id}` }, client)).headers.location))).map(String),
      ];
      const stories = await Promise.all(pages.slice(3).map(async (address) => (await html({ url: address }, client)).body));
      return { json, pages: [...pages.slice(0, 3), ...stories] };
    }

    function walkKeys(value: unknown, keys: Set<string>): void {
      if (Array.isArray(value)) value.forEach((item) => walkKeys(item, keys));
      else if (value && typeof value === 'object') {
        for (const [key, item] of Object.entries(value)) {
          keys.add(key);
          walkKeys(item, keys);
        }
      }
    }

    it('never shows private columns, by value or by name (deny-list)', async () => {
      const { json, pages } = await everyPublicAnswer(anonymous);
      expect(pages).toHaveLength(6);
      const keys = new Set<string>();
      json.forEach((body) => walkKeys(body, keys));
      expect(keys.size).toBeGreaterThan(5);
      const deniedLower = new Set(DENIED_KEYS.map((key) => key.toLowerCase()));
      expect([...keys].filter((key) => deniedLower.has(key.toLowerCase()))).toEqual([]);

      const officerRow = await ctx.db.selectFrom('account').select(['username', 'display_name']).where('id', '=', officer.id).executeTakeFirstOrThrow();
      const values = [
        PRIVATE.cardNumber, PRIVATE.idNumber, PRIVATE.phone, PRIVATE.phone.replace(/\s/gu, ''), PRIVATE.birthDate, '08/03/1971',
        PRIVATE.stepComment, PRIVATE.evidenceCaption, officerRow.username, officerRow.display_name,
        'commended', 'approved', 'bang_khen', 'collective', '"member"', 'Tệp không phải ảnh',
      ];
      const everything = [...json.map((body) => JSON.stringify(body)), ...pages];
      for (const text of everything) {
        for (const value of values) expect(text, value).not.toContain(value);
        for (const key of ['id_number', 'card_number', 'birth_date', 'created_by', 'acted_by', 'member_id', 'memberId', 'cardNumber', 'idNumber', 'birthDate', 'createdBy', 'email', 'phone', 'password']) {
          expect(text, key).not.toMatch(new RegExp(`\\b${key}\\b`, 'iu'));
        }
      }
      // The member's and the officer's ids are distinctive numbers here (see beforeAll): not even those.
      expect([ids.member, officer.id]).toEqual([7654321, 8765432]);
      for (const text of everything) {
        expect(text).not.toContain(String(ids.member));
        expect(text).not.toContain(String(officer.id));
      }
    });

    it('needs no session, and a session changes nothing', async () => {
      const client = await loggedIn(ctx.app, officer);
      const withSession = await everyPublicAnswer(client);
      const without = await everyPublicAnswer(anonymous);
      expect(withSession).toEqual(without);
      const page = await html({ url: '/cong-khai' }, client);
      expect(page.headers['set-cookie']).toBeUndefined();
      expect(page.headers.etag).toBe((await html({ url: '/cong-khai' })).headers.etag);
    });
  });

  describe('security headers', () => {
    it('allows only the page\'s own inline style and script, by hash, and keeps the admin policy elsewhere', async () => {
      const response = await html({ url: '/cong-khai' });
      const policy = String(response.headers['content-security-policy']);
      const hash = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
      const script = /<script>([\s\S]*?)<\/script>/u.exec(response.body)?.[1] ?? '';
      const style = /<style>([\s\S]*?)<\/style>/u.exec(response.body)?.[1] ?? '';
      expect(policy).toContain(`script-src ${hash(script)}`);
      expect(policy).toContain(`style-src ${hash(style)}`);
      expect(policy).toContain("default-src 'none'");
      expect(policy).not.toContain('unsafe');
      expect(style.length).toBeLessThan(6_000);
      expect(response.headers['x-frame-options']).toBe('DENY');
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      const admin = await anonymous.get('/api/health');
      expect(String(admin.headers['content-security-policy'])).toContain("script-src 'self'");
      expect(admin.headers['cache-control']).toBe('no-store');
      const refused = await anonymous.get('/api/units/1');
      expect(refused.headers['cache-control']).toBe('no-store');
    });
  });

  describe('several provinces', () => {
    let other: TestUnit;
    let otherDistrict: TestUnit;
    let otherStory: number;

    beforeAll(async () => {
      other = await createUnit(ctx.db, null, 'province_committee', 'Đảng bộ tỉnh Lạng Sơn');
      otherDistrict = await createUnit(ctx.db, other, 'district_committee', 'Đảng bộ huyện Cao Lộc');
      const commune = await createUnit(ctx.db, otherDistrict, 'grassroots_committee', 'Đảng bộ xã Hợp Thành');
      otherStory = await createExemplar(ctx.db, { unit: commune, createdBy: officer.id, title: 'Bản làng đoàn kết', summary: 'Giữ gìn bản sắc.', state: 'approved', isPublic: true, year: 2012 });
    });

    it('shows the province choice only when more than one province has stories', async () => {
      const page = (await html({ url: '/cong-khai' })).body;
      expect(page).toContain('<option value="" selected>Tất cả các tỉnh</option>');
      expect(page).toContain(`<optgroup label="Đảng bộ tỉnh Lạng Sơn"><option value="${other.id}">Toàn bộ Đảng bộ tỉnh Lạng Sơn</option><option value="${otherDistrict.id}">Đảng bộ huyện Cao Lộc</option></optgroup>`);
      expect(page).toContain('Đảng bộ huyện Cao Lộc <span class="muted">· Đảng bộ tỉnh Lạng Sơn</span>');
      const filtered = (await html({ url: `/cong-khai?don-vi=${other.id}` })).body;
      expect(filtered).toContain('Bản làng đoàn kết');
      expect(filtered).not.toContain('Người đảng viên hiến đất làm đường');
      const json = await anonymous.get(`/api/public/stories?unitId=${tree.province.id}`);
      expect(json.body.items.map((item: { id: number }) => item.id)).not.toContain(otherStory);
    });
  });

  describe('with the web client built', () => {
    let dir: string;
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('answers the public routes before the client-side catch-all', async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lamtheo-web-'));
      fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Lamtheo</title><div id="root"></div>');
      const app = await buildApp({ db: ctx.db, database: inject('pgKind'), webDir: dir });
      try {
        const list = await app.inject({ method: 'GET', url: '/cong-khai' });
        expect(list.statusCode).toBe(200);
        expect(list.body).toContain('Người đảng viên hiến đất làm đường');
        const story = await app.inject({ method: 'GET', url: publicStoryPath(ids.memberStory, 'Người đảng viên hiến đất làm đường') });
        expect(story.body).toContain('<h1>Người đảng viên hiến đất làm đường</h1>');
        expect((await app.inject({ method: 'GET', url: `/cong-khai/anh/${ids.firstPhoto}` })).headers['content-type']).toBe('image/jpeg');
        expect((await app.inject({ method: 'GET', url: '/dang-vien' })).body).toContain('<div id="root">');
      } finally {
        await app.close();
      }
    });
  });
});
