import { formatInstantInZone } from './dates';

const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/** An instant of the person's own (keys, links, invitations), in the browser's time zone; "Never" for none. */
export function formatWhen(iso: string | Date | null | undefined, never = 'Never'): string {
  if (!iso) return never;
  return formatInstantInZone(typeof iso === 'string' ? iso : iso.toISOString(), browserZone());
}
