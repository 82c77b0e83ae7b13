import { INVITATION_HEADER } from '@tiktok-insights/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TestApi } from '../../test-support/api-client.js';
import { addPerson, authCall, gqlWithCookie, signIn } from '../../test-support/people.js';
import { useTestApiPerFile } from '../../test-support/test-api-per-file.js';
import type { TestDatabase } from '../../test-support/test-database.js';

let db: TestDatabase;
let api: TestApi;
useTestApiPerFile((started) => ({ db, api } = started));

const ROLE = `{ caller { role } shop { id name } }`;
let shop: { shopId: string };
let other: { shopId: string };
let owner: string;
let admin: string;

beforeAll(async () => {
  shop = await api.createShop({ name: 'Willow Lane' });
  other = await api.createShop({ name: 'Other Boutique' });
  await addPerson(db.dataSource, shop.shopId, 'owner@willow.test', 'owner');
  await addPerson(db.dataSource, shop.shopId, 'admin@willow.test', 'admin');
  owner = (await signIn(api.server.url, 'owner@willow.test')).cookie!;
  admin = (await signIn(api.server.url, 'admin@willow.test')).cookie!;
});

describe("a shop's team", () => {
  it('no account without an invitation', async () => {
    const signUp = await authCall(api.server.url, '/sign-up/email', null, { name: 'Stranger', email: 'stranger@else.test', password: 'long enough pw' });
    expect(signUp.status).toBe(403);
    expect(signUp.body.code).toBe('NO_INVITATION');
  });

  it('invite → create the account → accept → a viewer; the owner removes them and their next request fails', async () => {
    const invited = await authCall(api.server.url, '/organization/invite-member', owner, { email: 'Helper@Willow.test', role: 'viewer' });
    expect(invited.status).toBe(200);
    const invitationId: string = invited.body.id;
    const expires = new Date(invited.body.expiresAt).getTime() - Date.now();
    expect(expires).toBeGreaterThan(6.9 * 24 * 3600_000);
    expect(expires).toBeLessThan(7.1 * 24 * 3600_000);

    const helperAccount = { name: 'Helper', email: 'helper@willow.test', password: 'helper password' };
    // Knowing who was invited is not enough: the account needs the invitation's id, from its link.
    expect((await authCall(api.server.url, '/sign-up/email', null, helperAccount)).status).toBe(403);
    const other = await authCall(api.server.url, '/organization/invite-member', owner, { email: 'someone-else@willow.test', role: 'viewer' });
    expect((await authCall(api.server.url, '/sign-up/email', null, helperAccount, { [INVITATION_HEADER]: other.body.id })).status).toBe(403);
    const signUp = await authCall(api.server.url, '/sign-up/email', null, helperAccount, { [INVITATION_HEADER]: invitationId });
    expect(signUp.status).toBe(200);
    const helper = signUp.cookie!;
    // Signed up, not yet a member: no shop to read.
    expect((await gqlWithCookie(api.server.url, helper, ROLE)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const accepted = await authCall(api.server.url, '/organization/accept-invitation', helper, { invitationId });
    expect(accepted.status).toBe(200);
    const asViewer = await gqlWithCookie(api.server.url, helper, ROLE);
    expect(asViewer.data).toEqual({ caller: { role: 'VIEWER' }, shop: { id: shop.shopId, name: 'Willow Lane' } });

    const members = await authCall(api.server.url, `/organization/list-members?organizationId=${shop.shopId}`, owner);
    const member = members.body.members.find((m: any) => m.user.email === 'helper@willow.test');
    const removed = await authCall(api.server.url, '/organization/remove-member', owner, { memberIdOrEmail: member.id, organizationId: shop.shopId });
    expect(removed.status).toBe(200);
    expect((await gqlWithCookie(api.server.url, helper, ROLE)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('an admin invites viewers and admins but not owners, and cannot change an owner', async () => {
    const ownerInvite = await authCall(api.server.url, '/organization/invite-member', admin, { email: 'boss@willow.test', role: 'owner' });
    expect(ownerInvite.status).toBe(403);
    const viewerInvite = await authCall(api.server.url, '/organization/invite-member', admin, { email: 'clerk@willow.test', role: 'viewer' });
    expect(viewerInvite.status).toBe(200);
    const members = await authCall(api.server.url, `/organization/list-members?organizationId=${shop.shopId}`, admin);
    const theOwner = members.body.members.find((m: any) => m.role === 'owner');
    const demoted = await authCall(api.server.url, '/organization/update-member-role', admin, { memberId: theOwner.id, role: 'viewer', organizationId: shop.shopId });
    expect(demoted.status).toBe(403);
  });

  it('the owner changes roles; a viewer cannot invite', async () => {
    const members = await authCall(api.server.url, `/organization/list-members?organizationId=${shop.shopId}`, owner);
    const theAdmin = members.body.members.find((m: any) => m.user.email === 'admin@willow.test');
    expect((await authCall(api.server.url, '/organization/update-member-role', owner, { memberId: theAdmin.id, role: 'viewer', organizationId: shop.shopId })).status).toBe(200);
    expect((await gqlWithCookie(api.server.url, admin, ROLE)).data?.caller.role).toBe('VIEWER');
    const invite = await authCall(api.server.url, '/organization/invite-member', admin, { email: 'x@willow.test', role: 'viewer' });
    expect(invite.status).toBe(403);
    await authCall(api.server.url, '/organization/update-member-role', owner, { memberId: theAdmin.id, role: 'admin', organizationId: shop.shopId });
  });

  it('a person of several shops switches between them; a shop they are not in cannot be chosen', async () => {
    const userId = await addPerson(db.dataSource, other.shopId, 'both@shops.test', 'viewer');
    await db.dataSource.query(`INSERT INTO shop_member ("organizationId", "userId", role, "createdAt") VALUES ($1, $2, 'admin', now())`, [shop.shopId, userId]);
    const both = (await signIn(api.server.url, 'both@shops.test')).cookie!;
    const listed = await authCall(api.server.url, '/organization/list', both);
    expect(listed.body.map((o: any) => o.name).sort()).toEqual(['Other Boutique', 'Willow Lane']);
    const first = await gqlWithCookie(api.server.url, both, ROLE);
    expect(first.data?.shop.name).toBe('Other Boutique');
    expect((await authCall(api.server.url, '/organization/set-active', both, { organizationId: shop.shopId })).status).toBe(200);
    expect((await gqlWithCookie(api.server.url, both, ROLE)).data).toEqual({ caller: { role: 'ADMIN' }, shop: { id: shop.shopId, name: 'Willow Lane' } });
    const stranger = await api.createShop({ name: 'Not Theirs' });
    expect((await authCall(api.server.url, '/organization/set-active', both, { organizationId: stranger.shopId })).status).toBe(403);
    // Refused, and no data of that shop: the session is back in one of the person's own shops.
    expect(['Willow Lane', 'Other Boutique']).toContain((await gqlWithCookie(api.server.url, both, ROLE)).data?.shop.name);
  });
});
