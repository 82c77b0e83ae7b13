/** The first run's form, as `POST /api/setup` takes it. */
export interface SetupInput {
  code: string;
  name: string;
  email: string;
  password: string;
  shop: { name: string; timezone: string; currency: string; weekStartsOn: 'MONDAY' | 'SUNDAY'; aovTargetCents: number };
}

/** The server refused the setup: its message, code and (for BAD_USER_INPUT) the field. */
export class SetupRefused extends Error {
  constructor(
    message: string,
    readonly code: string | null,
    readonly field: string | null,
  ) {
    super(message);
  }
}

interface ErrorBody {
  errors?: Array<{ message?: string; extensions?: { code?: string; field?: string } }>;
}

export async function fetchSetupNeeded(signal?: AbortSignal): Promise<boolean> {
  const response = await fetch('/api/setup', { signal });
  if (!response.ok) throw new Error(`The server answered ${response.status}.`);
  return ((await response.json()) as { setupNeeded: boolean }).setupNeeded;
}

/** Creates the first shop and its owner; the answer sets the owner's session cookie. */
export async function runSetup(input: SetupInput): Promise<{ shopId: string }> {
  const response = await fetch('/api/setup', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-requested-with': 'XMLHttpRequest' },
    body: JSON.stringify(input),
  });
  const body = (await response.json().catch(() => null)) as ({ shopId?: string } & ErrorBody) | null;
  if (response.ok && typeof body?.shopId === 'string') return { shopId: body.shopId };
  const first = body?.errors?.[0];
  throw new SetupRefused(first?.message ?? `The server answered ${response.status}.`, first?.extensions?.code ?? null, first?.extensions?.field ?? null);
}
