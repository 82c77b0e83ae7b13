import { badUserInput } from '../../platform/errors/app-error.js';
import type { ImportProblem } from '../orders/domain-order.js';
import { FileColumns } from './file-cells.js';
import {
  ORDER_FILE_FORMATS,
  type OrderFileFormat,
  type OrderFileFormatDefinition,
  type OrderFileRowError,
} from './order-file-format.js';
import { orderTemplateFormat } from './order-template.format.js';
import { shopifyExportFormat } from './shopify-export.format.js';
import { tiktokExportFormat } from './tiktok-export.format.js';

/** The formats in the order a header is tried against them. */
export const FORMAT_DEFINITIONS: Readonly<Record<OrderFileFormat, OrderFileFormatDefinition>> = {
  tiktok: tiktokExportFormat,
  shopify: shopifyExportFormat,
  template: orderTemplateFormat,
};

const columnList = (required: OrderFileFormatDefinition['required']) =>
  required.map((column) => (typeof column === 'string' ? column : column[0]!));

/** The columns each format expects, as the unknown-header error lists them. */
export function expectedColumns(): Record<OrderFileFormat, string[]> {
  return Object.fromEntries(ORDER_FILE_FORMATS.map((format) => [format, columnList(FORMAT_DEFINITIONS[format].required)])) as Record<
    OrderFileFormat,
    string[]
  >;
}

function missingColumns(definition: OrderFileFormatDefinition, columns: FileColumns): string[] {
  return definition.required
    .filter((column) => (typeof column === 'string' ? !columns.has(column) : !column.some((one) => columns.has(one))))
    .map((column) => (typeof column === 'string' ? column : column.join(' or ')));
}

/**
 * The format of a header row: the one given, or the first whose recognising columns are all
 * there. A header that fits none (or lacks a column its format needs) is BAD_USER_INPUT naming
 * what each format expects and what was found.
 */
export function formatOfHeader(header: readonly string[], format?: OrderFileFormat): OrderFileFormatDefinition {
  const columns = new FileColumns(header);
  const found = columns.names.filter((name) => name !== '');
  const candidate = format
    ? FORMAT_DEFINITIONS[format]
    : ORDER_FILE_FORMATS.map((name) => FORMAT_DEFINITIONS[name]).find((definition) =>
        definition.recognizedBy.every((column) => columns.has(column)),
      );
  const missing = candidate ? missingColumns(candidate, columns) : [];
  if (candidate && missing.length === 0) return candidate;

  const expected = expectedColumns();
  const expectations = ORDER_FILE_FORMATS.map((name) => `${FORMAT_DEFINITIONS[name].title} (${name}): ${expected[name].join(', ')}`);
  const problem = candidate
    ? `The header row looks like a ${candidate.title} but lacks ${missing.join(', ')}.`
    : found.length === 0
      ? 'The file has no header row.'
      : 'The header row matches no known order file format.';
  throw badUserInput(`${problem} Expected columns — ${expectations.join('; ')}. Found: ${found.join(', ') || 'none'}.`, {
    found,
    expected,
  });
}

const LINE_FIELD = /^lines\[(\d+)\](.*)$/;

/**
 * The file column a domain-order field comes from in this format ('lines[2].quantity' →
 * 'Quantity' in a TikTok export); the order's key column for a field of the whole order.
 */
export function columnOfField(format: OrderFileFormat, field: string): string {
  const definition = FORMAT_DEFINITIONS[format];
  const generic = field.replace(LINE_FIELD, 'lines[]$2');
  return definition.fieldColumns[generic] ?? definition.fieldColumns[field.replace(/\[\d+\].*$/, '')] ?? definition.keyColumn;
}

/**
 * `parseOrders`' problems with a batch of the file's orders as the file's row errors: the row of
 * the order (of the line, for a line's field) and the column its field comes from.
 */
export function rowErrorsOfProblems(
  format: OrderFileFormat,
  batch: readonly { firstRow: number }[],
  problems: readonly ImportProblem[],
): OrderFileRowError[] {
  return problems.map((problem) => {
    const firstRow = problem.orderIndex === null ? 1 : (batch[problem.orderIndex]?.firstRow ?? 1);
    const lineIndex = LINE_FIELD.exec(problem.field)?.[1];
    return {
      row: firstRow + (lineIndex === undefined ? 0 : Number(lineIndex)),
      column: columnOfField(format, problem.field),
      message: problem.message,
    };
  });
}
