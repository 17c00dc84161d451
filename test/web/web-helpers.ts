import type { TestApp } from '../harness/test-app';

export type CookieJar = Record<string, string>;

export function cookiesOf(res: { headers: Record<string, unknown> }): CookieJar {
  const out: CookieJar = {};
  for (const c of (res.headers['set-cookie'] as string[] | undefined) ?? []) {
    const [pair] = c.split(';');
    const eq = pair.indexOf('=');
    out[pair.slice(0, eq)] = decodeURIComponent(pair.slice(eq + 1));
  }
  return out;
}

export function cookieHeader(jar: CookieJar): string {
  return Object.entries(jar)
    .filter(([, v]) => v !== '')
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
    .join('; ');
}

/** Loads a form page and returns its (first) CSRF value plus the cookies a browser would hold. */
export async function openForm(t: TestApp, path: string, jar: CookieJar = {}) {
  const res = await t.http.get(path).set('Cookie', cookieHeader(jar)).expect(200);
  Object.assign(jar, cookiesOf(res));
  const csrf = /name="_csrf" value="([^"]+)"/.exec(res.text)?.[1];
  if (!csrf) throw new Error(`no CSRF field on ${path}`);
  return { csrf, jar, html: res.text };
}

/** Signs in through the sign-in form like a browser; returns the cookie jar of the session. */
export async function signIn(t: TestApp, email: string, password: string): Promise<CookieJar> {
  const login = await openForm(t, '/dang-nhap');
  const res = await t.http.post('/dang-nhap').type('form').set('Cookie', cookieHeader(login.jar)).send({ _csrf: login.csrf, email, password }).expect(303);
  return { ...login.jar, ...cookiesOf(res) };
}

/** Posts a form of a signed-in page with the session's CSRF token. */
export async function postForm(t: TestApp, jar: CookieJar, path: string, fields: Record<string, string>) {
  const csrf = jar.tf_csrf;
  if (!csrf) throw new Error('no CSRF cookie in the jar: open a form page first');
  const res = await t.http
    .post(path)
    .type('form')
    .set('Cookie', cookieHeader(jar))
    .send({ _csrf: csrf, ...fields });
  Object.assign(jar, cookiesOf(res));
  return res;
}
