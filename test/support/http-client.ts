/**
 * A minimal browser stand-in over real HTTP: keeps cookies, sends the Origin a browser would, and echoes the CSRF
 * token the server handed out, so tests exercise the same checks a page does.
 */
export class HttpClient {
  readonly cookies = new Map<string, string>();
  csrfToken = '';

  constructor(
    readonly baseUrl: string,
    readonly origin: string | null = baseUrl,
  ) {}

  private store(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a) || /^\s*expires=thu, 01 jan 1970/i.test(a));
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async request(method: string, path: string, init: { body?: unknown; rawBody?: BodyInit; headers?: Record<string, string> } = {}): Promise<Response> {
    const headers: Record<string, string> = { ...init.headers };
    if (this.cookies.size > 0) headers.cookie = this.cookieHeader();
    if (method !== 'GET' && method !== 'HEAD') {
      if (this.origin !== null && !('origin' in headers)) headers.origin = this.origin;
      if (this.csrfToken && !('x-csrf-token' in headers)) headers['x-csrf-token'] = this.csrfToken;
    }
    let body: BodyInit | undefined = init.rawBody;
    if (init.body !== undefined) {
      body = JSON.stringify(init.body);
      headers['content-type'] ??= 'application/json';
    }
    const response = await fetch(`${this.baseUrl}${path}`, { method, headers, body, redirect: 'manual' });
    this.store(response);
    return response;
  }

  get(path: string): Promise<Response> {
    return this.request('GET', path);
  }

  post(path: string, body?: unknown, headers?: Record<string, string>): Promise<Response> {
    return this.request('POST', path, body === undefined ? { headers } : { body, headers });
  }

  /** Loads /api/session as the page does at boot, picking up the CSRF token. */
  async boot(): Promise<{ user: { id: number; username: string } | null; csrfToken: string }> {
    const response = await this.get('/api/session');
    const info = (await response.json()) as { user: { id: number; username: string } | null; csrfToken: string };
    this.csrfToken = info.csrfToken;
    return info;
  }

  async signUp(username: string, password = STRONG_PASSWORD): Promise<Response> {
    if (!this.csrfToken) await this.boot();
    const response = await this.post('/api/auth/signup', { username, password, confirmPassword: password });
    if (response.status === 201) this.csrfToken = ((await response.clone().json()) as { csrfToken: string }).csrfToken;
    return response;
  }

  async logIn(username: string, password = STRONG_PASSWORD): Promise<Response> {
    if (!this.csrfToken) await this.boot();
    const response = await this.post('/api/auth/login', { username, password });
    if (response.status === 200) this.csrfToken = ((await response.clone().json()) as { csrfToken: string }).csrfToken;
    return response;
  }
}

export const STRONG_PASSWORD = 'Correct-Horse-42';

export async function errorOf(response: Response): Promise<{ code: string; message: string; details?: unknown }> {
  const body = (await response.json()) as { error: { code: string; message: string; details?: unknown } };
  return body.error;
}
