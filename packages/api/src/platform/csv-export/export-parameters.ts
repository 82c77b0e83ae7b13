import { InvalidDateError, parseIsoDay } from '@tiktok-insights/shared';
import { z } from 'zod';
import { badUserInput } from '../errors/app-error.js';

/** A day as YYYY-MM-DD (`asOf`). */
export const isoDay = z.string().superRefine((value, ctx) => {
  try {
    parseIsoDay(value);
  } catch (error) {
    if (!(error instanceof InvalidDateError)) throw error;
    ctx.addIssue({ code: 'custom', message: `must be a day as YYYY-MM-DD: ${error.reason}` });
  }
});

export const oneOf = <T extends Record<string, string>>(values: T) =>
  z.enum(values, { error: `must be one of ${Object.values(values).join(', ')}` });

/**
 * A parameter given at most once (`?a=1&a=2` is refused); empty counts as not given. The values
 * are matched as zod enums match them, by own values only: a name such as `__proto__` or
 * `toString` is no ordering.
 */
export const parameter = <T extends z.ZodType<string, string>>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), z.string({ error: 'must be given once' }).pipe(schema).optional());

/** An export's query parameters (others are ignored); a wrong one is BAD_USER_INPUT naming it (`parameter`). */
export function parseExportParameters<T>(schema: z.ZodType<T>, query: unknown): T {
  const parsed = schema.safeParse(query);
  if (parsed.success) return parsed.data;
  const [issue] = parsed.error.issues;
  const name = String(issue?.path[0] ?? 'query');
  throw badUserInput(`${name} ${issue?.message ?? 'is invalid'}`, { parameter: name });
}
