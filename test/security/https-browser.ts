import { expect } from 'vitest';
import { httpsCall, type HttpsAnswer } from './tls-proxy.js';

/** What every browser of a run saw: each Set-Cookie, and each answer (tokens in paths hidden). */
export interface BrowsingRecord {
  setCookies: string[];
  answers: { method: string; path: string; status: number }[];
}

export type Browser = ReturnType<typeof httpsBrowser>;

export const csrfIn = (text: string) => /name="_csrf" value="([^"]+)"/.exec(text)?.[1] ?? '';

/**
 * One person's browser against the TLS proxy on `port`: https only, its own cookie jar,
 * redirects followed as a browser does, each Location required to stay on `origin`.
 */
export function httpsBrowser(port: number, origin: string, record: BrowsingRecord) {
  const jar = new Map<string, string>();
  const call = async (method: string, path: string, options: Parameters<typeof httpsCall>[3]) => {
    const cookie = [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
    const res = await httpsCall(port, method, path, {
      ...options,
      headers: { ...options?.headers, ...(cookie ? { cookie } : {}) },
    });
    for (const c of ([] as string[]).concat(res.headers['set-cookie'] ?? [])) {
      record.setCookies.push(c);
      const [pair = ''] = c.split(';');
      const name = pair.slice(0, pair.indexOf('='));
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(c)) jar.delete(name);
      else jar.set(name, pair.slice(pair.indexOf('=') + 1));
    }
    record.answers.push({
      method,
      path: path.replace(/token=[^&]+/, 'token=…'),
      status: res.status,
    });
    return res;
  };
  const follow = async (res: HttpsAnswer) => {
    for (let hops = 0; res.status >= 300 && res.status < 400 && hops < 5; hops++) {
      const target = new URL(String(res.headers.location), origin);
      expect(target.origin, `redirect to ${String(res.headers.location)}`).toBe(origin);
      res = await call('GET', `${target.pathname}${target.search}`, {});
    }
    return res;
  };
  return {
    jar,
    get: async (path: string) => follow(await call('GET', path, {})),
    form: async (path: string, form: Record<string, string>) =>
      follow(await call('POST', path, { form })),
    json: (method: string, path: string, json: unknown, csrf: string) =>
      call(method, path, { json, headers: { 'x-csrf-token': csrf } }),
  };
}
