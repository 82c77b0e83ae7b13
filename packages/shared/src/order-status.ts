/** The statuses whose orders count in every metric; UNPAID, CANCELLED and REFUNDED never do. */
export const COUNTED_STATUSES = ['PAID', 'SHIPPED', 'DELIVERED'] as const;
export type CountedStatus = (typeof COUNTED_STATUSES)[number];

export function isCounted(status: string): status is CountedStatus {
  return (COUNTED_STATUSES as readonly string[]).includes(status);
}
