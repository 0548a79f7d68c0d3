/** A small fetch client for a server on a real port, keeping the session cookie like a browser. */
export interface HttpResponse {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  text: string;
  headers: Headers;
}

export class HttpClient {
  constructor(
    public baseUrl: string,
    public cookie: string | null = null,
  ) {}

  async request(method: string, url: string, body?: unknown, timeoutMs = 30_000): Promise<HttpResponse> {
    const headers: Record<string, string> = {};
    if (this.cookie) headers.cookie = this.cookie;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${this.baseUrl}${url}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    let parsed: unknown = text;
    if ((response.headers.get('content-type') ?? '').includes('application/json') && text.length > 0) parsed = JSON.parse(text);
    return { status: response.status, body: parsed, text, headers: response.headers };
  }

  get(url: string) {
    return this.request('GET', url);
  }
  post(url: string, body: unknown = {}) {
    return this.request('POST', url, body);
  }
  patch(url: string, body: unknown) {
    return this.request('PATCH', url, body);
  }

  async login(username: string, password: string): Promise<HttpResponse> {
    const response = await this.post('/api/auth/login', { username, password });
    const setCookie = response.headers.getSetCookie()[0];
    if (response.status === 200 && setCookie) this.cookie = setCookie.split(';')[0] ?? null;
    return response;
  }
}

/** Vietnamese text: at least one letter with a Vietnamese diacritic. */
export const VIETNAMESE = /[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]/iu;

/**
 * An error answer that leaks nothing: exactly { error, message, requestId } (plus details for 4xx),
 * a Vietnamese message, the request id of the x-request-id header, and none of the given internals.
 */
export function expectCleanError(response: HttpResponse, status: number, code: string, internals: RegExp[] = []): void {
  const problems: string[] = [];
  if (response.status !== status) problems.push(`status ${response.status}, expected ${status}`);
  const body = response.body as Record<string, unknown>;
  if (typeof body !== 'object' || body === null) problems.push('body is not JSON');
  else {
    const keys = Object.keys(body).sort().join(',');
    if (keys !== 'error,message,requestId') problems.push(`keys ${keys}`);
    if (body.error !== code) problems.push(`error ${String(body.error)}, expected ${code}`);
    if (typeof body.message !== 'string' || !VIETNAMESE.test(body.message)) problems.push(`message not Vietnamese: ${String(body.message)}`);
    if (typeof body.requestId !== 'string' || body.requestId.length < 8 || body.requestId !== response.headers.get('x-request-id')) {
      problems.push(`requestId ${String(body.requestId)} vs header ${response.headers.get('x-request-id')}`);
    }
  }
  for (const pattern of [...GENERIC_INTERNALS, ...internals]) if (pattern.test(response.text)) problems.push(`leaks ${pattern}`);
  if (problems.length > 0) throw new Error(`unclean error answer (${problems.join('; ')}): ${response.text}`);
}

/** What an error answer must never contain: stack frames, source paths, SQL, driver messages. */
export const GENERIC_INTERNALS = [
  /\bat [\w.<>]+ \(/u,
  /\.ts:\d+/u,
  /node_modules/u,
  /\b(SELECT|INSERT|UPDATE|DELETE)\b.*\b(FROM|INTO|SET)\b/iu,
  /\bstack\b/iu,
  /ECONNREFUSED|57P01|08006|terminat|postgres|pg_|relation|column|constraint|duplicate key/iu,
];
