import { describe, expect, it } from 'vitest';
import {
  EXEMPLAR_ACTIONS,
  EXEMPLAR_STATES,
  type ExemplarAction,
  type ExemplarState,
  approvalChain,
  exemplarTransition,
  isWebUrl,
  levelStatuses,
  nextLevel,
  transitionProblem,
} from '../../src/shared/domain/exemplars';
import { sanitizeStory } from '../../src/server/capabilities/exemplars/story-html';
import { sniffPhotoType } from '../../src/server/capabilities/exemplars/photos';

describe('the exemplar state machine', () => {
  // Every allowed (state, action, at the deciding level?) → next state; everything else is null.
  const allowed: Record<string, ExemplarState> = {
    'draft submit below': 'pending',
    'draft submit deciding': 'pending',
    'returned submit below': 'pending',
    'returned submit deciding': 'pending',
    'pending verify below': 'pending',
    'pending verify deciding': 'approved',
    'pending return below': 'returned',
    'pending return deciding': 'returned',
    'pending reject below': 'rejected',
    'pending reject deciding': 'rejected',
    'approved commend below': 'commended',
    'approved commend deciding': 'commended',
  };
  for (const state of EXEMPLAR_STATES) {
    for (const action of EXEMPLAR_ACTIONS) {
      for (const level of ['below', 'deciding'] as const) {
        const expected = allowed[`${state} ${action} ${level}`] ?? null;
        it(`${state} --${action}${level === 'deciding' ? ' at the deciding level' : ''}--> ${expected ?? 'refused'}`, () => {
          expect(exemplarTransition(state, action, level === 'deciding')).toBe(expected);
        });
      }
    }
  }

  it('covers 6 states × 5 actions', () => {
    expect(EXEMPLAR_STATES).toHaveLength(6);
    expect(EXEMPLAR_ACTIONS).toHaveLength(5);
  });

  it('explains a refusal in Vietnamese with the state label', () => {
    expect(transitionProblem('draft', 'verify')).toBe('Không thể xác minh đề nghị đang ở trạng thái "Nháp".');
    expect(transitionProblem('rejected', 'submit' as ExemplarAction)).toMatch(/Không được công nhận/u);
  });
});

describe('the approval chain', () => {
  // province 1 → district 12 → commune 345 → cell 6789
  const cell = '1.12.345.6789';
  it('lists the ancestors strictly above the nominating unit, nearest first, up to the deciding unit', () => {
    expect(approvalChain(cell, 345)).toEqual([345]);
    expect(approvalChain(cell, 12)).toEqual([345, 12]);
    expect(approvalChain(cell, 1)).toEqual([345, 12, 1]);
  });
  it('is the nominating unit alone when it decides itself', () => {
    expect(approvalChain('1.12.345', 345)).toEqual([345]);
    expect(approvalChain('1', 1)).toEqual([1]);
  });
  it('is null when the deciding unit is not an ancestor', () => {
    expect(approvalChain(cell, 99)).toBeNull();
    expect(approvalChain('1.12', 345)).toBeNull();
  });
  it('does not confuse ids that share digits', () => {
    expect(approvalChain('1.12.123', 12)).toEqual([12]);
    expect(approvalChain('1.12.123', 2)).toBeNull();
  });
  it('gives the next level', () => {
    expect(nextLevel([345, 12, 1], 345)).toBe(12);
    expect(nextLevel([345, 12, 1], 1)).toBeNull();
    expect(nextLevel([345, 12, 1], 7)).toBeNull();
  });
});

describe('per-level statuses', () => {
  const chain = [345, 12, 1];
  it('waits everywhere while drafting', () => {
    expect(levelStatuses(chain, 'draft', null)).toEqual(['waiting', 'waiting', 'waiting']);
  });
  it('marks the pending level ready, the one below approved here, lower ones approved above', () => {
    expect(levelStatuses(chain, 'pending', 345)).toEqual(['ready', 'waiting', 'waiting']);
    expect(levelStatuses(chain, 'pending', 12)).toEqual(['approved_here', 'ready', 'waiting']);
    expect(levelStatuses(chain, 'pending', 1)).toEqual(['approved_above', 'approved_here', 'ready']);
  });
  it('shows where it was returned or rejected', () => {
    expect(levelStatuses(chain, 'returned', 12)).toEqual(['approved_here', 'returned', 'waiting']);
    expect(levelStatuses(chain, 'rejected', 1)).toEqual(['approved_above', 'approved_here', 'rejected']);
    expect(levelStatuses(chain, 'returned', 99)).toEqual(['waiting', 'waiting', 'waiting']);
  });
  it('is approved at the deciding level and above for the others once verified or commended', () => {
    expect(levelStatuses(chain, 'approved', null)).toEqual(['approved_above', 'approved_above', 'approved_here']);
    expect(levelStatuses(chain, 'commended', null)).toEqual(['approved_above', 'approved_above', 'approved_here']);
    expect(levelStatuses([345], 'approved', null)).toEqual(['approved_here']);
  });
});

describe('links', () => {
  it('accepts http and https only', () => {
    expect(isWebUrl('https://baobacninh.com.vn/bai-viet/1')).toBe(true);
    expect(isWebUrl('http://example.org')).toBe(true);
    expect(isWebUrl('javascript:alert(1)')).toBe(false);
    expect(isWebUrl('ftp://example.org/a')).toBe(false);
    expect(isWebUrl('không phải đường dẫn')).toBe(false);
  });
});

describe('the story sanitiser', () => {
  it('keeps the allowed formatting', () => {
    const html = '<h2>Gương sáng</h2><p>Ông <strong>An</strong> <em>luôn</em> <u>gần</u> <s>xa</s> dân.<br></p><ul><li>Một</li></ul><ol><li>Hai</li></ol><blockquote>Trích</blockquote><h3>Kết</h3>';
    expect(sanitizeStory(html)).toBe('<h2>Gương sáng</h2><p>Ông <strong>An</strong> <em>luôn</em> <u>gần</u> <s>xa</s> dân.<br /></p><ul><li>Một</li></ul><ol><li>Hai</li></ol><blockquote>Trích</blockquote><h3>Kết</h3>');
  });
  it('drops scripts, styles, iframes, images, event handlers and unknown tags', () => {
    const html = '<p onclick="steal()" style="color:red" class="x">Chữ<script>alert(1)</script><style>p{}</style></p><iframe src="https://evil"></iframe><img src=x onerror=alert(1)><div><span>giữ chữ</span></div><h1>Tiêu đề</h1>';
    const clean = sanitizeStory(html);
    expect(clean).toBe('<p>Chữ</p>giữ chữTiêu đề');
    expect(clean).not.toMatch(/script|style|iframe|img|onclick|onerror|alert/iu);
  });
  it('keeps http, https and mailto links and forces rel="noopener noreferrer"', () => {
    expect(sanitizeStory('<a href="https://baobacninh.com.vn/x" target="_blank" rel="opener">báo</a>')).toBe('<a href="https://baobacninh.com.vn/x" rel="noopener noreferrer">báo</a>');
    expect(sanitizeStory('<a href="mailto:tuyengiao@bacninh.vn">thư</a>')).toBe('<a href="mailto:tuyengiao@bacninh.vn" rel="noopener noreferrer">thư</a>');
    expect(sanitizeStory('<a href="javascript:alert(1)">x</a>')).toBe('<a rel="noopener noreferrer">x</a>');
    expect(sanitizeStory('<a href="data:text/html,hi">x</a>')).not.toMatch(/data:/u);
    expect(sanitizeStory('<a href="/dien-hinh/5">x</a><a href="//evil.example">y</a><a href="java\tscript:alert(1)">z</a>')).toBe(
      '<a rel="noopener noreferrer">x</a><a rel="noopener noreferrer">y</a><a rel="noopener noreferrer">z</a>',
    );
    expect(sanitizeStory('<a href=" HTTPS://Example.org/a?b=1&amp;c=2 ">x</a>')).toBe('<a href="HTTPS://Example.org/a?b=1&amp;c=2" rel="noopener noreferrer">x</a>');
  });
  it('normalises to NFC and may become empty', () => {
    const nfd = '<p>Người tốt</p>'.normalize('NFD');
    expect(sanitizeStory(nfd)).toBe('<p>Người tốt</p>'.normalize('NFC'));
    expect(sanitizeStory('<script>alert(1)</script>')).toBe('');
    expect(sanitizeStory('   ')).toBe('');
  });
});

describe('photo types are read from the content', () => {
  it('recognises JPEG, PNG and WebP and nothing else', () => {
    expect(sniffPhotoType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0]))).toBe('image/jpeg');
    expect(sniffPhotoType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('image/png');
    expect(sniffPhotoType(Buffer.concat([Buffer.from('RIFF'), Buffer.from([1, 2, 3, 4]), Buffer.from('WEBPVP8 ')]))).toBe('image/webp');
    expect(sniffPhotoType(Buffer.from('Đây là văn bản, không phải ảnh'))).toBeNull();
    expect(sniffPhotoType(Buffer.from('%PDF-1.4'))).toBeNull();
    expect(sniffPhotoType(Buffer.alloc(0))).toBeNull();
  });
});
