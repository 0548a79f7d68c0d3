import { createHash } from 'node:crypto';
import { escapeHtml } from '../public-stories/public-stories.html';

/**
 * The no-login unsubscribe page (issue #11). GET only shows the question with a button; the POST of
 * that form unsubscribes (mail scanners follow links, they do not submit forms). Plain HTML, no script,
 * readable on a phone.
 */

const STYLE = `*{box-sizing:border-box}body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;background:#faf7f2;color:#1c1917;line-height:1.55}
main{max-width:34rem;margin:0 auto;padding:2rem 1rem}h1{font-size:1.35rem;margin:0 0 1rem;color:#991b1b}
p{margin:0 0 1rem}.card{background:#fff;border:1px solid #e7e0d6;border-radius:8px;padding:1.25rem}
button{font:inherit;background:#b91c1c;color:#fff;border:0;border-radius:6px;padding:.7rem 1.2rem;min-height:44px;cursor:pointer;width:100%}
.muted{color:#57534e;font-size:.9rem}`;

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

export const UNSUBSCRIBE_PAGE_CSP = ["default-src 'none'", `style-src ${sha256(STYLE)}`, "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'"].join('; ');

export const UNSUBSCRIBE_PATH = '/huy-dang-ky';

/** a***@example.vn: enough for the owner to recognise, not a leak for whoever holds the link. */
export function maskEmail(email: string | null): string {
  if (!email) return 'địa chỉ thư của đồng chí';
  const [name = '', domain = ''] = email.split('@');
  return `${name.slice(0, 1)}***@${domain}`;
}

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body><main><h1>${escapeHtml(title)}</h1><div class="card">${body}</div>
<p class="muted">Hệ thống Học tập và làm theo tấm gương đạo đức Hồ Chí Minh.</p></main></body></html>`;
}

export function renderQuestionPage(token: string, email: string | null, enabled: boolean): string {
  if (!enabled) return renderDonePage(email);
  return layout(
    'Ngừng nhận thư thông báo',
    `<p>Đồng chí sẽ không nhận thư nhắc hạn, thư tổng hợp và thư đôn đốc gửi tới <strong>${escapeHtml(maskEmail(email))}</strong> nữa.</p>
<p class="muted">Thông báo vẫn hiện trong mục Thông báo khi đồng chí đăng nhập. Có thể bật lại thư trong phần Cài đặt thông báo.</p>
<form method="post" action="${UNSUBSCRIBE_PATH}/${escapeHtml(token)}"><button type="submit">Xác nhận ngừng nhận thư</button></form>`,
  );
}

export function renderDonePage(email: string | null): string {
  return layout(
    'Đã ngừng gửi thư',
    `<p>Hệ thống đã ngừng gửi thư thông báo tới <strong>${escapeHtml(maskEmail(email))}</strong>.</p>
<p class="muted">Muốn nhận lại, đăng nhập rồi bật thư trong phần Cài đặt thông báo.</p>`,
  );
}

export function renderInvalidPage(): string {
  return layout('Liên kết không hợp lệ', '<p>Liên kết ngừng nhận thư không đúng hoặc đã hết hiệu lực. Đồng chí có thể đăng nhập và tắt thư trong phần Cài đặt thông báo.</p>');
}
