import { describe, expect, it } from 'vitest';
import { runResetPasswordCommand } from '../../app/cli/reset-password.js';
import type { TestApi } from '../../test-support/api-client.js';
import { gqlWithCookie, signIn } from '../../test-support/people.js';
import { useTestApiPerFile } from '../../test-support/test-api-per-file.js';
import type { TestDatabase } from '../../test-support/test-database.js';
import { demoOwnerSignIn, DEMO_OWNER_EMAIL } from '../demo/demo-owner.js';
import { issueSetupCode, setupNeeded } from './first-run.js';

let db: TestDatabase;
let api: TestApi;
useTestApiPerFile((started) => ({ db, api } = started));

const SHOP = { name: 'Moss & Fern', timezone: 'Europe/Berlin', currency: 'EUR', weekStartsOn: 'MONDAY', aovTargetCents: 3500 };

async function postSetup(body: unknown) {
  const response = await fetch(`${api.server.url}/api/setup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const cookies = response.headers.getSetCookie();
  return { status: response.status, body: (await response.json()) as any, cookie: cookies.map((c) => c.split(';')[0]).join('; ') };
}

const counts = async () =>
  (await db.dataSource.query(`SELECT (SELECT count(*) FROM app_user)::int AS users, (SELECT count(*) FROM shop)::int AS shops, (SELECT count(*) FROM shop_member)::int AS members`))[0];

describe('first run', () => {
  it('the printed link creates the owner and the shop once, signed in at once; bad input changes nothing', async () => {
    expect(await setupNeeded(db.dataSource)).toBe(true);
    expect(await (await fetch(`${api.server.url}/api/setup`)).json()).toEqual({ setupNeeded: true });
    const code = await issueSetupCode(db.dataSource);
    const before = await counts();

    const wrongCode = await postSetup({ code: 'guess', name: 'Mia', email: 'mia@moss.test', password: 'moss and fern 1', shop: SHOP });
    expect(wrongCode.status).toBe(403);
    const badZone = await postSetup({ code, name: 'Mia', email: 'mia@moss.test', password: 'moss and fern 1', shop: { ...SHOP, timezone: 'Mars/Olympus' } });
    expect(badZone.status).toBe(400);
    expect(badZone.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'shop.timezone' });
    const shortPassword = await postSetup({ code, name: 'Mia', email: 'mia@moss.test', password: 'short', shop: SHOP });
    expect(shortPassword.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'password' });
    expect(await counts()).toEqual(before);

    const done = await postSetup({ code, name: 'Mia', email: 'Mia@Moss.test', password: 'moss and fern 1', shop: SHOP });
    expect(done.status).toBe(200);
    const me = await gqlWithCookie(api.server.url, done.cookie, '{ caller { role person { email } } shop { name timezone currency } }');
    expect(me.data).toEqual({ caller: { role: 'OWNER', person: { email: 'mia@moss.test' } }, shop: { name: 'Moss & Fern', timezone: 'Europe/Berlin', currency: 'EUR' } });
    expect(await setupNeeded(db.dataSource)).toBe(false);
    // No API key is made unseen: the owner creates the ones they need.
    expect((await gqlWithCookie(api.server.url, done.cookie, '{ apiKeys { id } }')).data).toEqual({ apiKeys: [] });

    const again = await postSetup({ code, name: 'Eve', email: 'eve@moss.test', password: 'moss and fern 2', shop: SHOP });
    expect(again.status).toBe(403);
  });

  it('the demo owner: made with a random password, printed while it still works, not once changed', async () => {
    const { shopId } = await api.createShop({ name: 'Demo' });
    const first = await demoOwnerSignIn(db.dataSource, shopId);
    expect(first?.email).toBe(DEMO_OWNER_EMAIL);
    expect((await signIn(api.server.url, DEMO_OWNER_EMAIL, first!.password)).status).toBe(200);
    expect(await demoOwnerSignIn(db.dataSource, shopId)).toEqual(first);

    const lines: string[] = [];
    const code = await runResetPasswordCommand([DEMO_OWNER_EMAIL, '--password', 'a new password 42'], { DATABASE_URL: db.url }, { line: (t) => lines.push(t), error: (t) => lines.push(t) });
    expect(code).toBe(0);
    expect(lines.join('\n')).toContain('Password of demo@example.com changed');
    expect((await signIn(api.server.url, DEMO_OWNER_EMAIL, first!.password)).status).toBe(401);
    expect((await signIn(api.server.url, DEMO_OWNER_EMAIL, 'a new password 42')).status).toBe(200);
    expect(await demoOwnerSignIn(db.dataSource, shopId)).toBeNull();
  });

  it('reset-password: an unknown address and a short password are refused', async () => {
    const errors: string[] = [];
    const out = { line: () => undefined, error: (t: string) => errors.push(t) };
    expect(await runResetPasswordCommand(['nobody@moss.test'], { DATABASE_URL: db.url }, out)).toBe(1);
    expect(await runResetPasswordCommand(['mia@moss.test', '--password', 'short'], { DATABASE_URL: db.url }, out)).toBe(2);
    expect(await runResetPasswordCommand([], { DATABASE_URL: db.url }, out)).toBe(2);
    expect(errors[0]).toContain('No account has the email address nobody@moss.test');
  });
});
