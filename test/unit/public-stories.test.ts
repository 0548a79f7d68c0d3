import { describe, expect, it } from 'vitest';
import { escapeHtml, sanitizeStoryHtml } from '../../src/server/capabilities/public-stories/public-stories.html';
import { commendationText } from '../../src/server/capabilities/public-stories/public-stories.presenter';
import { publicStoryPath, storySlug } from '../../src/shared/domain/public-stories';

describe('public page: escaping', () => {
  it('escapes the five HTML characters and nothing else', () => {
    expect(escapeHtml(`<script>alert("x")</script> & 'y'`)).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;');
    expect(escapeHtml('Đình Bảng — 19/05/2012')).toBe('Đình Bảng — 19/05/2012');
    expect(escapeHtml('&amp;')).toBe('&amp;amp;');
    expect(escapeHtml(2012)).toBe('2012');
    expect(escapeHtml(null)).toBe('');
    expect(escapeHtml(undefined)).toBe('');
  });
});

describe('public page: story sanitiser', () => {
  it('keeps the conservative allow-list', () => {
    const html = '<h2>Tiêu đề</h2><p>Một <strong>đậm</strong>, <em>nghiêng</em>, <u>gạch</u>, <s>xóa</s><br />dòng</p><ul><li>a</li></ul><ol><li>b</li></ol><blockquote>trích</blockquote><h3>Nhỏ</h3>';
    expect(sanitizeStoryHtml(html)).toBe(html);
    expect(sanitizeStoryHtml('<a href="https://baobacninh.vn/bai">Báo</a>')).toBe('<a href="https://baobacninh.vn/bai" rel="nofollow noopener noreferrer">Báo</a>');
    expect(sanitizeStoryHtml('<a href="mailto:toasoan@baobacninh.vn">thư</a>')).toContain('href="mailto:toasoan@baobacninh.vn"');
  });

  it('drops scripts, event handlers, styles, images, frames and javascript: links', () => {
    const dirty = [
      '<p onclick="steal()" style="color:red" class="x">Chữ</p>',
      '<script>alert(1)</script>',
      '<img src="x" onerror="alert(2)">',
      '<a href="javascript:alert(3)" onmouseover="alert(4)">bấm</a>',
      '<a href="JaVaScRiPt:alert(5)">hoa</a>',
      '<a href="//evil.example/x">giao thức tương đối</a>',
      '<a href="data:text/html,<script>alert(6)</script>">data</a>',
      '<iframe src="https://evil.example"></iframe>',
      '<style>body{display:none}</style>',
      '<svg onload="alert(7)"><circle/></svg>',
      '<h1>lớn</h1>',
    ].join('');
    const clean = sanitizeStoryHtml(dirty);
    expect(clean).not.toMatch(/<script|<img|<iframe|<style|<svg|<h1|onerror|onclick|onload|onmouseover|javascript:|data:|style=|class=|evil\.example/iu);
    expect(clean).toContain('<p>Chữ</p>');
    expect(clean).toContain('lớn');
  });
});

describe('public page: addresses', () => {
  it('makes diacritic-free slugs with đ → d', () => {
    expect(storySlug('Người tốt, việc tốt ở phường Đình Bảng')).toBe('nguoi-tot-viec-tot-o-phuong-dinh-bang');
    expect(storySlug('  "Dân vận khéo" — 2012!  ')).toBe('dan-van-kheo-2012');
    expect(storySlug('<script>')).toBe('script');
    expect(storySlug('—')).toBe('cau-chuyen');
    const long = storySlug('Tấm gương '.repeat(30));
    expect(long.length).toBeLessThanOrEqual(80);
    expect(long).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/u);
    expect(publicStoryPath(12, 'Đảng viên trẻ')).toBe('/cong-khai/12-dang-vien-tre');
  });

  it('writes the commendation the Vietnamese way', () => {
    const base = { commendation_form: 'bang_khen', decision_symbol: '125-QĐ/TU', decision_date: '2012-05-19' };
    const expected = 'Bằng khen của Ban Thường vụ Tỉnh ủy, Quyết định số 125-QĐ/TU ngày 19/05/2012';
    expect(commendationText({ ...base, commendation_title: 'của Ban Thường vụ Tỉnh ủy' })).toBe(expected);
    expect(commendationText({ ...base, commendation_title: 'Bằng khen của Ban Thường vụ Tỉnh ủy' })).toBe(expected);
    expect(commendationText({ ...base, commendation_title: 'Có thành tích xuất sắc trong 1 năm thực hiện Chỉ thị 03-CT/TW' })).toBe(
      'Bằng khen: Có thành tích xuất sắc trong 1 năm thực hiện Chỉ thị 03-CT/TW, Quyết định số 125-QĐ/TU ngày 19/05/2012',
    );
    expect(commendationText({ ...base, commendation_form: 'other', commendation_title: 'Giấy chứng nhận người tốt việc tốt' })).toBe('Giấy chứng nhận người tốt việc tốt, Quyết định số 125-QĐ/TU ngày 19/05/2012');
    expect(commendationText({ ...base, commendation_title: null })).toBe('Bằng khen, Quyết định số 125-QĐ/TU ngày 19/05/2012');
    expect(commendationText({ commendation_form: 'giay_khen', commendation_title: null, decision_symbol: null, decision_date: null })).toBe('Giấy khen');
    expect(commendationText({ commendation_form: null, commendation_title: null, decision_symbol: null, decision_date: null })).toBeNull();
  });
});
