import { createDeflateRaw, deflateRawSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestContext, databaseFingerprint, loggedIn, setupApp } from '../helpers/app';
import { type TestTree, createAccount, createDocument, createTree } from '../helpers/factories';

/**
 * Hostile uploads to POST /api/files: a zip bomb dressed as a DOCX, polyglots (PDF carrying HTML and
 * script, JPEG carrying a ZIP), plain HTML/SVG, and path traversal or control characters in X-File-Name.
 * Whatever is accepted is stored as sent (never unpacked) and served back only as a download of its
 * sniffed type, with nosniff, so a browser never renders it as a page.
 */

let ctx: TestContext;
let tree: TestTree;
let officer: Client;

beforeAll(async () => {
  ctx = await setupApp();
  tree = await createTree(ctx.db);
  officer = await loggedIn(ctx.app, await createAccount(ctx.db, { role: 'district_officer', scope: tree.tuSon }));
});

const upload = (body: Buffer, name: string, type = 'application/octet-stream') =>
  officer.request({ method: 'POST', url: `/api/files?unitId=${tree.tuSon.id}`, headers: { 'content-type': type, 'x-file-name': name }, payload: body });

/** A ZIP with one stored-deflated entry; `declaredSize` is what the headers claim it expands to. */
function zipWithEntry(entryName: string, compressed: Buffer, declaredSize: number): Buffer {
  const name = Buffer.from(entryName, 'latin1');
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8); // deflate
  local.writeUInt32LE(0, 14); // CRC left 0: the server must not need to unpack to decide
  local.writeUInt32LE(compressed.length, 18);
  local.writeUInt32LE(declaredSize, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(compressed.length, 20);
  central.writeUInt32LE(declaredSize, 24);
  central.writeUInt16LE(name.length, 28);
  const centralOffset = local.length + name.length + compressed.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + name.length, 12);
  end.writeUInt32LE(centralOffset, 16);
  return Buffer.concat([local, name, compressed, central, name, end]);
}

/** `mebibytes` MiB of zeros as one raw deflate stream, built without holding them in memory. */
async function deflateZeros(mebibytes: number): Promise<Buffer> {
  const deflate = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (part: Buffer) => out.push(part));
  const done = new Promise((resolve, reject) => deflate.on('end', resolve).on('error', reject));
  const zeros = Buffer.alloc(1024 * 1024);
  for (let i = 0; i < mebibytes; i++) if (!deflate.write(zeros)) await new Promise((resolve) => deflate.once('drain', resolve));
  deflate.end();
  await done;
  return Buffer.concat(out);
}

/** Served back through a document that carries the file: the headers a browser would act on. */
async function downloadThroughDocument(fileId: number) {
  const document = await createDocument(ctx.db, tree.tuSon);
  await ctx.db.updateTable('party_document').set({ file_id: fileId }).where('id', '=', document.id).execute();
  return officer.get(`/api/documents/${document.id}/file`);
}

function expectServedAsDownload(response: Awaited<ReturnType<typeof downloadThroughDocument>>, mediaType: string) {
  expect(response.status).toBe(200);
  expect(response.headers['content-type']).toBe(mediaType);
  expect(String(response.headers['content-disposition'])).toMatch(/^attachment;/u);
  expect(response.headers['x-content-type-options']).toBe('nosniff');
  expect(String(response.headers['content-security-policy'])).toContain("default-src 'self'");
  expect(response.headers['x-request-id']).toBeTruthy();
}

describe('zip bombs', () => {
  it('stores a DOCX-shaped zip bomb as its few bytes, without unpacking it, quickly and in little memory', { timeout: 120_000 }, async () => {
    // 2 GiB of zeros deflate to about 2 MB: the entry "word/document.xml" really expands to 2 GiB.
    const compressed = await deflateZeros(2048);
    const bomb = zipWithEntry('word/document.xml', compressed, 2 ** 31);
    expect(bomb.length).toBeLessThan(4 * 1024 * 1024);
    const rssBefore = process.memoryUsage().rss;
    const started = Date.now();
    const response = await upload(bomb, 'bao-cao.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    const elapsed = Date.now() - started;
    const grown = process.memoryUsage().rss - rssBefore;
    expect(elapsed).toBeLessThan(10_000);
    expect(grown).toBeLessThan(200 * 1024 * 1024);
    // Accepted by its ZIP headers (it is a DOCX by shape) and stored byte for byte, never expanded.
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    expect(response.body).toMatchObject({ mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', size: bomb.length });
    const stored = await ctx.db.selectFrom('stored_file').select(['size', 'content']).where('id', '=', response.body.id).executeTakeFirstOrThrow();
    expect(stored.size).toBe(bomb.length);
    expect(stored.content.equals(bomb)).toBe(true);
    const served = await downloadThroughDocument(response.body.id);
    expectServedAsDownload(served, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(served.raw.equals(bomb)).toBe(true);
  });

  it('refuses a file over 20 MB before reading it into a record', async () => {
    const before = await databaseFingerprint(ctx.db);
    const response = await upload(Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(20 * 1024 * 1024)]), 'lon.pdf', 'application/pdf');
    expect(response.status).toBe(413);
    expect(response.body.message).toMatch(/quá lớn/u);
    expect(await databaseFingerprint(ctx.db)).toBe(before);
  });
});

describe('polyglots and active content', () => {
  it('serves a PDF that carries HTML and script as a PDF download, never as a page', async () => {
    const polyglot = Buffer.from('%PDF-1.4\n<html><body><script>alert(document.cookie)</script></body></html>\n%%EOF\n');
    const response = await upload(polyglot, 'trang.html', 'text/html');
    // text/html is not a body type the API parses: refused before anything is stored.
    expect(response.status).toBe(400);
    const accepted = await upload(polyglot, 'trang.html');
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(201);
    expect(accepted.body.mediaType).toBe('application/pdf');
    // Saved to disk, it opens as what it is.
    expect(accepted.body.name).toBe('trang.html.pdf');
    const served = await downloadThroughDocument(accepted.body.id);
    expectServedAsDownload(served, 'application/pdf');
  });

  it('serves a JPEG that carries a ZIP as a JPEG download', async () => {
    const jpegHead = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0xff, 0xd9]);
    const polyglot = Buffer.concat([jpegHead, zipWithEntry('word/document.xml', deflateRawSync(Buffer.from('<w:document/>')), 13)]);
    const accepted = await upload(polyglot, 'anh.jpg.docx');
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(201);
    expect(accepted.body.mediaType).toBe('image/jpeg');
    expectServedAsDownload(await downloadThroughDocument(accepted.body.id), 'image/jpeg');
  });

  it('refuses HTML, SVG with script and executables whatever their name, storing nothing', async () => {
    const before = await databaseFingerprint(ctx.db);
    for (const [body, name] of [
      [Buffer.from('<!doctype html><script>alert(1)</script>'), 'ke-hoach.pdf'],
      [Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'), 'anh.png'],
      [Buffer.from('MZ\u0090\u0000\u0003'), 'bao-cao.docx'],
      [zipWithEntry('xl/workbook.xml', deflateRawSync(Buffer.from('<x/>')), 4), 'bang.docx'],
    ] as const) {
      const response = await upload(body, name);
      expect(response.status, name).toBe(400);
      expect(response.body.message).toMatch(/kiểm tra nội dung tệp/u);
      expect(response.body.requestId).toBe(response.headers['x-request-id']);
    }
    expect(await databaseFingerprint(ctx.db)).toBe(before);
  });
});

describe('file names', () => {
  const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n');
  const cases: [string, string][] = [
    ['../../etc/passwd', 'passwd.pdf'],
    ['..\\..\\win.ini', 'win.ini.pdf'],
    ['%2e%2e%2f%2e%2e%2fboot.ini', 'boot.ini.pdf'],
    ['%2e%2e%2f', 'tep-dinh-kem.pdf'],
    ['/var/lib/postgresql/.pgpass', 'pgpass.pdf'],
    [encodeURIComponent('bao-cao\u0000.pdf'), 'bao-cao.pdf'],
    [encodeURIComponent('hoso\u202Efdp.exe'), 'hosofdp.exe.pdf'],
    [encodeURIComponent('Ke\u0302\u0301 hoa\u0323ch\u200B 05.pdf'), 'Kế hoạch 05.pdf'],
    [encodeURIComponent('bao\r\ncao".pdf'), 'baocao".pdf'],
    ['%ZZ.pdf', '%ZZ.pdf'],
    ['', 'tep-dinh-kem.pdf'],
  ];

  it('keeps only a plain name ending with the extension of its real type: no path, no control, bidi or zero-width characters, NFC', async () => {
    for (const [raw, expected] of cases) {
      const response = await upload(PDF, raw);
      expect(response.status, raw).toBe(201);
      const name: string = response.body.name;
      expect(name, raw).toBe(expected);
      expect(name).not.toMatch(/[/\\]|^\.|[\p{Cc}\p{Cf}]/u);
      expect(name.normalize('NFC')).toBe(name);
    }
  });

  it('sends the stored name back in a header that cannot be split or quoted out of', async () => {
    const response = await upload(PDF, encodeURIComponent('bao\r\nSet-Cookie: x=1"; evil=".pdf'));
    expect(response.status).toBe(201);
    const served = await downloadThroughDocument(response.body.id);
    expectServedAsDownload(served, 'application/pdf');
    const disposition = String(served.headers['content-disposition']);
    expect(disposition).not.toMatch(/[\r\n]/u);
    expect(served.headers['set-cookie']).toBeUndefined();
    // The ASCII fallback is between one pair of quotes; the UTF-8 name is percent-encoded.
    expect(disposition).toMatch(/^attachment; filename="[\w.-]+"; filename\*=UTF-8''[\w.%~*'()!-]+$/u);
  });
});
