/** "1,234" → 1234. */
export function parseCount(text: string): number {
  const trimmed = text.trim();
  if (!/^-?[\d,]+$/.test(trimmed)) throw new Error(`Not a count: ${JSON.stringify(text)}`);
  return Number(trimmed.replaceAll(',', ''));
}

/** "$12,345.67" → 1234567 (USD, two decimals). */
export function parseUsdCents(text: string): number {
  const match = /^(-?)\$([\d,]+)\.(\d{2})$/.exec(text.trim());
  if (!match) throw new Error(`Not a USD amount: ${JSON.stringify(text)}`);
  const cents = Number(match[2]!.replaceAll(',', '')) * 100 + Number(match[3]);
  return match[1] ? -cents : cents;
}

/** "11.3%" → 11.3. */
export function parsePercent(text: string): number {
  const match = /^(-?[\d.]+)%$/.exec(text.trim());
  if (!match) throw new Error(`Not a percentage: ${JSON.stringify(text)}`);
  return Number(match[1]);
}

/** RFC 4180 records of a CSV text (quoted fields with doubled quotes and line breaks, CRLF or LF). */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (c === '"') quoted = false;
      else field += c;
      i += 1;
      continue;
    }
    if (c === '"') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\r' || c === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      if (c === '\r' && text[i + 1] === '\n') i += 1;
    } else field += c;
    i += 1;
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}
