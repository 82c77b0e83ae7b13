import { InvalidDateError, parseIsoDay } from '@tiktok-insights/shared';
import { z } from 'zod';
import { CustomerOrderField, OrderDirection } from '../../modules/customers/tiktok-customer.types.js';

/** A query parameter that is wrong, named (`parameter`) for the 400 answer. */
export class BadParameterError extends Error {
  constructor(
    readonly parameter: string,
    reason: string,
  ) {
    super(`${parameter} ${reason}`);
  }
}

const isoDay = z.string().superRefine((value, ctx) => {
  try {
    parseIsoDay(value);
  } catch (error) {
    if (!(error instanceof InvalidDateError)) throw error;
    ctx.addIssue({ code: 'custom', message: `must be a day as YYYY-MM-DD: ${error.reason}` });
  }
});

const oneOf = <T extends Record<string, string>>(values: T) =>
  z.enum(values, { error: `must be one of ${Object.values(values).join(', ')}` });

/**
 * A parameter given at most once (`?a=1&a=2` is refused); empty counts as not given. The values
 * are matched as zod enums match them, by own values only: a name such as `__proto__` or
 * `toString` is no ordering.
 */
const parameter = <T extends z.ZodType<string, string>>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), z.string({ error: 'must be given once' }).pipe(schema).optional());

const MARKETING_LIST_QUERY = z.object({
  asOf: parameter(isoDay),
  orderBy: parameter(oneOf(CustomerOrderField)).default('NET_RECEIPTS'),
  direction: parameter(oneOf(OrderDirection)).default('DESC'),
});

const CROSSOVER_QUERY = z.object({ asOf: parameter(isoDay) });

export type MarketingListQuery = z.infer<typeof MARKETING_LIST_QUERY>;
export type CrossoverQuery = z.infer<typeof CROSSOVER_QUERY>;

function parseQuery<T>(schema: z.ZodType<T>, query: unknown): T {
  const parsed = schema.safeParse(query);
  if (parsed.success) return parsed.data;
  const [issue] = parsed.error.issues;
  throw new BadParameterError(String(issue?.path[0] ?? 'query'), issue?.message ?? 'is invalid');
}

/** The marketing list's parameters (`asOf`, `orderBy`, `direction`); others are ignored. */
export const marketingListQuery = (query: unknown): MarketingListQuery => parseQuery(MARKETING_LIST_QUERY, query);

/** The crossover list's parameter (`asOf`); others are ignored. */
export const crossoverQuery = (query: unknown): CrossoverQuery => parseQuery(CROSSOVER_QUERY, query);
