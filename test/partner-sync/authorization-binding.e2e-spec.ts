import { JobQueue } from '@tradefloor/core';
import type { PartnerSim } from '../../apps/partner-sim/src';
import { createUser, type TestUser } from '../harness/auth';
import { createVerifiedEnterprise, type FixtureEnterprise } from '../harness/catalog-fixtures';
import { createTestApp, type TestApp } from '../harness/test-app';
import { cookieHeader, openForm, postForm, signIn, type CookieJar } from '../web/web-helpers';
import {
  AUTHORIZATION_CHANNELS,
  bindingCookie,
  connectAuthorized,
  consent,
  registerTikTokRedirect,
  startSim,
  syncEnv,
  type AuthorizationChannel,
} from './sync-harness';

/**
 * Security review, issue 18 §2: an authorisation flow belongs to the user and the browser that
 * started it, and a marketplace shop to one enterprise. Same rules for every channel with a
 * consent page, through the API callback and the web return page.
 */
describe.each(AUTHORIZATION_CHANNELS)(
  'partner sync (%s): authorisation bound to its user and browser, one enterprise per shop',
  (channel: AuthorizationChannel) => {
    let sim: PartnerSim;
    let t: TestApp;
    let shopSeq = 0;
    /** A shop id in the simulator nobody has used yet (the partner's ids are numeric). */
    const freshShop = () => String(880_000_000 + ++shopSeq + (channel === 'shopee' ? 0 : 1_000_000));

    const connection = async (ent: FixtureEnterprise) =>
      (await t.dataSource.query(`SELECT status, shop_id, secrets FROM channel_connections WHERE enterprise_id = $1 AND channel = $2`, [ent.id, channel]))[0];
    const callback = (query: Record<string, string>, user: TestUser, cookie?: string) => {
      const req = t.http.get(`/api/v1/channels/${channel}/callback`).query(query).set(user.auth);
      return cookie ? req.set('Cookie', cookie) : req;
    };

    beforeAll(async () => {
      sim = await startSim();
      t = await createTestApp({ env: syncEnv(sim) });
      registerTikTokRedirect(t, sim);
    });
    afterAll(async () => {
      await t?.close();
      await sim?.stop();
    });

    it("refuses seller A's authorisation URL completed by seller V: V's shop is not bound to A, and the state is spent", async () => {
      const a = await createVerifiedEnterprise(t);
      const v = await createVerifiedEnterprise(t);
      const vShop = freshShop();
      // A starts and sends the consent link to V, who consents with V's own shop.
      const sent = await consent(t, sim, a, channel, a.owner, vShop);
      // V's browser comes back: V is signed in, with V's own browser (a binding cookie of V's, not A's).
      const vOwnFlow = await t.http.post(`/api/v1/enterprises/${v.id}/channels`).set(v.owner.auth).send({ channel, shareConsent: true }).expect(201);
      const refused = await callback(sent.query, v.owner, bindingCookie(vOwnFlow)).expect(403);
      expect(refused.body.code).toBe('AUTH_STATE_OTHER_USER');
      expect(await connection(a)).toMatchObject({ status: 'pending', shop_id: null, secrets: null });
      // Whoever gets hold of the returned query later (A included, with A's cookie) cannot use it.
      const replay = await callback(sent.query, a.owner, sent.cookie).expect(400);
      expect(replay.body.code).toBe('INVALID_AUTH_STATE');
      expect(await connection(a)).toMatchObject({ status: 'pending', shop_id: null });
      const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM channel_connections WHERE channel = $1 AND shop_id = $2`, [channel, vShop]);
      expect(n).toBe(0);
    });

    it('refuses the right user in another browser, and someone no longer a member of the enterprise', async () => {
      const ent = await createVerifiedEnterprise(t);
      const started = await consent(t, sim, ent, channel);
      const noCookie = await callback(started.query, ent.owner).expect(403);
      expect(noCookie.body.code).toBe('AUTH_STATE_OTHER_BROWSER');
      const otherBrowser = await callback((await consent(t, sim, ent, channel)).query, ent.owner, 'tf_channel_auth=' + 'x'.repeat(43)).expect(403);
      expect(otherBrowser.body.code).toBe('AUTH_STATE_OTHER_BROWSER');

      // A staff member starts, is removed from the enterprise, then comes back from the partner.
      const staff = await createUser(t, 'business');
      await t.dataSource.query(`INSERT INTO enterprise_members (enterprise_id, user_id, role) VALUES ($1, $2, 'staff')`, [ent.id, staff.id]);
      const byStaff = await consent(t, sim, ent, channel, staff);
      await t.dataSource.query(`DELETE FROM enterprise_members WHERE enterprise_id = $1 AND user_id = $2`, [ent.id, staff.id]);
      await callback(byStaff.query, staff, byStaff.cookie).expect(403);
      expect(await connection(ent)).toMatchObject({ status: 'pending', shop_id: null });

      // The owner, in the browser that started, completes.
      const ok = await consent(t, sim, ent, channel);
      const done = await callback(ok.query, ent.owner, ok.cookie).expect(200);
      expect(done.body).toMatchObject({ channel, status: 'active', enterpriseId: ent.id });
      expect((await connection(ent)).status).toBe('active');
    });

    it('refuses a shop already connected to another enterprise, and lets it go once that enterprise disconnects', async () => {
      const x = await createVerifiedEnterprise(t);
      const y = await createVerifiedEnterprise(t);
      const shop = await connectAuthorized(t, sim, x, channel, freshShop());
      const attempt = await consent(t, sim, y, channel, y.owner, shop);
      const taken = await callback(attempt.query, y.owner, attempt.cookie).expect(409);
      expect(taken.body.code).toBe('CHANNEL_SHOP_TAKEN');
      expect(await connection(y)).toMatchObject({ status: 'pending', shop_id: null, secrets: null });
      expect(await connection(x)).toMatchObject({ status: 'active', shop_id: shop });

      await t.http.delete(`/api/v1/enterprises/${x.id}/channels/${channel}`).set(x.owner.auth).expect(204);
      await t.drainJobs();
      expect((await connection(x)).status).toBe('disconnected');
      expect(await connectAuthorized(t, sim, y, channel, shop)).toBe(shop);
      expect(await connection(y)).toMatchObject({ status: 'active', shop_id: shop });
    });

    it('lets exactly one of three enterprises finishing with the same shop at the same moment have it (several rounds)', async () => {
      for (let round = 0; round < 4; round++) {
        const shop = freshShop();
        const ents = await Promise.all([0, 1, 2].map(() => createVerifiedEnterprise(t)));
        const flows = await Promise.all(ents.map((e) => consent(t, sim, e, channel, e.owner, shop)));
        const answers = await Promise.all(flows.map((f, i) => callback(f.query, ents[i].owner, f.cookie)));
        expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409]);
        const holders: Array<{ enterprise_id: string }> = await t.dataSource.query(
          `SELECT enterprise_id FROM channel_connections WHERE channel = $1 AND shop_id = $2 AND status <> 'disconnected'`,
          [channel, shop],
        );
        expect(holders).toHaveLength(1);
      }
    });

    it('purges states a day after they expired, and keeps the others', async () => {
      const ent = await createVerifiedEnterprise(t);
      const live = await consent(t, sim, ent, channel);
      await t.dataSource.query(
        `INSERT INTO channel_auth_states (nonce_hash, enterprise_id, channel, user_id, browser_hash, expires_at)
       VALUES ('old-' || $1, $2, $1, $3, 'x', now() - interval '25 hours'), ('recent-' || $1, $2, $1, $3, 'x', now() - interval '1 hour')`,
        [channel, ent.id, ent.owner.id],
      );
      await t.app.get(JobQueue).enqueueNow('partner-sync.purge-auth-states', {});
      await t.drainJobs(['partner-sync.purge-auth-states']);
      const left: Array<{ nonce_hash: string }> = await t.dataSource.query(`SELECT nonce_hash FROM channel_auth_states WHERE enterprise_id = $1`, [ent.id]);
      expect(left.map((r) => r.nonce_hash).sort()).toEqual([expect.stringMatching(/^[0-9a-f]{64}$/), `recent-${channel}`].sort());
      await callback(live.query, ent.owner, live.cookie).expect(200);
    });

    describe('the web return page (/quan-ly/kenh-ban/uy-quyen-…)', () => {
      const BASE = '/quan-ly/kenh-ban';
      const visit = (path: string, jar: CookieJar) => t.http.get(path).set('Cookie', cookieHeader(jar));
      /** Starts from the channel page's form as the signed-in seller: the browser's jar gets the binding cookie. */
      async function startOnWeb(ent: FixtureEnterprise, jar: CookieJar, simShop: string): Promise<string> {
        await openForm(t, `${BASE}/${ent.id}/${channel}`, jar);
        const start = await postForm(t, jar, `${BASE}/${ent.id}/${channel}/ket-noi`, { shareConsent: '1' });
        expect(start.status).toBe(303);
        expect(jar.tf_channel_auth).toBeTruthy();
        const url = new URL(start.headers.location);
        url.searchParams.set('sim_shop_id', simShop);
        const back = new URL((await fetch(url, { redirect: 'manual' })).headers.get('location')!);
        expect(back.pathname).toBe(`${BASE}/uy-quyen-${channel}`);
        return `${back.pathname}${back.search}`;
      }

      it("refuses seller A's link completed in seller V's signed-in browser, and finishes in A's", async () => {
        const a = await createVerifiedEnterprise(t);
        const v = await createVerifiedEnterprise(t);
        const aJar = await signIn(t, a.owner.email, a.owner.password);
        const vJar = await signIn(t, v.owner.email, v.owner.password);
        const returnTo = await startOnWeb(a, aJar, freshShop());

        // A browser without a session first re-opens the page to pick up its cookies, then asks to sign in; the state is kept.
        const anonymous = await visit(returnTo, {}).expect(200);
        expect(String(anonymous.headers.refresh)).toMatch(/^0;url=\/quan-ly\/kenh-ban\/uy-quyen-.*_lai=1/);
        const stillAnonymous = await visit(`${returnTo}&_lai=1`, {}).expect(401);
        expect(stillAnonymous.text).toContain('Bạn cần đăng nhập bằng tài khoản đã bắt đầu kết nối');

        const refused = await visit(returnTo, vJar).expect(403);
        expect(refused.text).toContain('do một tài khoản khác tạo');
        expect(await connection(a)).toMatchObject({ status: 'pending', shop_id: null });
        // V's attempt spent the state: A must start again, and then it works in A's own browser.
        await visit(returnTo, aJar).expect(400);
        const again = await startOnWeb(a, aJar, freshShop());
        const done = await visit(again, aJar).expect(303);
        expect(done.headers.location).toBe(`${BASE}/${a.id}/${channel}?done=connected`);
        expect((await connection(a)).status).toBe('active');
      });

      it('refuses a shop already connected to another enterprise', async () => {
        const x = await createVerifiedEnterprise(t);
        const y = await createVerifiedEnterprise(t);
        const shop = await connectAuthorized(t, sim, x, channel, freshShop());
        const yJar = await signIn(t, y.owner.email, y.owner.password);
        const returnTo = await startOnWeb(y, yJar, shop);
        const taken = await visit(returnTo, yJar).expect(409);
        expect(taken.text).toContain('đã được kết nối với một doanh nghiệp khác');
        expect(await connection(y)).toMatchObject({ status: 'pending', shop_id: null });
      });
    });
  },
);
