import { afterAll, beforeAll, expect, it } from 'vitest';
import { createLogger } from '../../platform/logging/logger.js';
import { createMailer } from '../../platform/mail/mailer.js';
import { startTestApi, type TestApi } from '../../test-support/api-client.js';
import { addPerson, authCall, gqlWithCookie, signIn } from '../../test-support/people.js';
import { startSmtpInbox } from '../../test-support/smtp-inbox.js';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database.js';

let db: TestDatabase;
let api: TestApi;
let inbox: Awaited<ReturnType<typeof startSmtpInbox>>;
let shopId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  inbox = await startSmtpInbox();
  api = await startTestApi(db.dataSource, { server: { mailer: createMailer(inbox.url, 'Insights <insights@shop.test>', createLogger('silent')) } });
  ({ shopId } = await api.createShop({ name: 'Letterbox Lane' }));
  await addPerson(db.dataSource, shopId, 'owner@letterbox.test', 'owner');
});

afterAll(async () => {
  await api?.close();
  await inbox?.close();
  await db?.drop();
});

const waitForMail = async (to: string) => {
  for (let i = 0; i < 100; i++) {
    const mail = inbox.mails.find((m) => m.to.includes(to));
    if (mail) return mail;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no mail to ${to}`);
};

it('forgot password: the mailed link leads to the reset page with a token that sets a new password and ends old sessions', async () => {
  const old = (await signIn(api.server.url, 'owner@letterbox.test')).cookie!;
  const asked = await authCall(api.server.url, '/request-password-reset', null, { email: 'owner@letterbox.test', redirectTo: '/reset-password' });
  expect(asked.status).toBe(200);
  const mail = await waitForMail('owner@letterbox.test');
  expect(mail.from).toBe('insights@shop.test');
  expect(mail.subject).toBe('Reset your TikTok Insights password');
  const link = /(http:\/\/\S+)/.exec(mail.text)![1]!;
  expect(link.startsWith(api.server.url)).toBe(true);
  const opened = await fetch(link, { redirect: 'manual' });
  expect(opened.status).toBe(302);
  const target = new URL(opened.headers.get('location')!, api.server.url);
  expect(target.pathname).toBe('/reset-password');
  const token = target.searchParams.get('token')!;
  expect(token).toBeTruthy();
  const reset = await authCall(api.server.url, '/reset-password', null, { newPassword: 'a brand new password', token });
  expect(reset.status).toBe(200);
  expect((await signIn(api.server.url, 'owner@letterbox.test')).status).toBe(401);
  expect((await signIn(api.server.url, 'owner@letterbox.test', 'a brand new password')).status).toBe(200);
  expect((await gqlWithCookie(api.server.url, old, '{ shop { name } }')).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  // The link works once.
  expect((await authCall(api.server.url, '/reset-password', null, { newPassword: 'yet another password', token })).status).toBe(400);
});

it('an address without an account gets no mail, and the answer does not tell', async () => {
  const before = inbox.mails.length;
  const asked = await authCall(api.server.url, '/request-password-reset', null, { email: 'nobody@letterbox.test', redirectTo: '/reset-password' });
  expect(asked.status).toBe(200);
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(inbox.mails.length).toBe(before);
});

it('an invitation is mailed with its link, and serverInfo says mail is on', async () => {
  const owner = (await signIn(api.server.url, 'owner@letterbox.test', 'a brand new password')).cookie!;
  const invited = await authCall(api.server.url, '/organization/invite-member', owner, { email: 'clerk@letterbox.test', role: 'viewer' });
  expect(invited.status).toBe(200);
  const mail = await waitForMail('clerk@letterbox.test');
  expect(mail.subject).toBe('You are invited to Letterbox Lane on TikTok Insights');
  expect(mail.text).toContain(`${api.server.url}/accept-invitation/${invited.body.id}`);
  expect(mail.text).toContain('within 7 days');
  expect((await api.gql('{ serverInfo { mailConfigured } }')).data).toEqual({ serverInfo: { mailConfigured: true } });
});
