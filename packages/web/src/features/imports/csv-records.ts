/**
 * A CSV reader fed chunk by chunk (a File's stream), reading as the API's does (csv-parse with
 * `bom`, `trim` and `relax_quotes`): commas between cells, `"` quoting a cell that starts with it
 * (`""` inside is one quote), a quote inside an unquoted cell is text, spaces and tabs around a
 * cell are dropped, CRLF, LF or CR end a record. It keeps only the current record, so a file of
 * any size is read in constant memory.
 */

export interface CsvRecord {
  /** The record's cells; with `onlyColumn`, just that one (the others are not kept). */
  cells: string[];
  /** Whether every cell is blank. */
  blank: boolean;
}

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;
const SPACE = 32;
const TAB = 9;

type State = 'cellStart' | 'unquoted' | 'quoted' | 'quoteInQuoted' | 'afterQuoted';

export class CsvRecordReader {
  private state: State = 'cellStart';
  private cell = '';
  private cells: string[] = [];
  private column = 0;
  private content = false;
  private started = false;
  private lastWasCr = false;

  /**
   * @param onRecord each record as soon as it ends; return false to stop reading
   * @param onlyColumn keep only this column's cell (counting a large file)
   */
  constructor(
    private readonly onRecord: (record: CsvRecord) => boolean | void,
    private readonly onlyColumn?: number,
  ) {}

  private stopped = false;

  get done(): boolean {
    return this.stopped;
  }

  private keeps(): boolean {
    return this.onlyColumn === undefined || this.onlyColumn === this.column;
  }

  private endCell(): void {
    const text = this.state === 'unquoted' ? this.cell.replace(/[ \t]+$/, '') : this.cell;
    if (this.onlyColumn === undefined) this.cells.push(text);
    else if (this.onlyColumn === this.column) this.cells = [text];
    this.cell = '';
    this.column += 1;
    this.state = 'cellStart';
  }

  private endRecord(): void {
    this.endCell();
    const record = { cells: this.cells, blank: !this.content };
    this.cells = [];
    this.column = 0;
    this.content = false;
    if (this.onRecord(record) === false) this.stopped = true;
  }

  /** A character of the current cell: kept when its column is; any but white space makes the record not blank. */
  private take(text: string, i: number, c: number): void {
    if (c !== SPACE && c !== TAB && c !== LF && c !== CR) this.content = true;
    if (this.keeps()) this.cell += text[i];
  }

  /** Reads a chunk of text; records that end in it are passed on. */
  write(text: string): void {
    let i = 0;
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) i = 1;
    }
    for (; i < text.length && !this.stopped; i += 1) {
      const c = text.charCodeAt(i);
      if (this.lastWasCr) {
        this.lastWasCr = false;
        if (c === LF) continue;
      }
      switch (this.state) {
        case 'cellStart':
          if (c === SPACE || c === TAB) break;
          if (c === QUOTE) {
            this.state = 'quoted';
            break;
          }
          if (c === COMMA) {
            this.endCell();
            break;
          }
          if (c === LF || c === CR) {
            this.lastWasCr = c === CR;
            this.endRecord();
            break;
          }
          this.state = 'unquoted';
          this.take(text, i, c);
          break;
        case 'unquoted':
          if (c === COMMA) this.endCell();
          else if (c === LF || c === CR) {
            this.lastWasCr = c === CR;
            this.endRecord();
          } else this.take(text, i, c);
          break;
        case 'quoted':
          if (c === QUOTE) this.state = 'quoteInQuoted';
          else this.take(text, i, c);
          break;
        case 'quoteInQuoted':
          if (c === QUOTE) {
            this.state = 'quoted';
            this.take(text, i, c);
          } else {
            this.state = 'afterQuoted';
            i -= 1;
          }
          break;
        case 'afterQuoted':
          if (c === COMMA) this.endCell();
          else if (c === LF || c === CR) {
            this.lastWasCr = c === CR;
            this.endRecord();
          } else if (c !== SPACE && c !== TAB) this.take(text, i, c);
          break;
      }
    }
  }

  /** The end of the file: a last record without a line break is passed on. */
  end(): void {
    if (this.stopped) return;
    if (this.state === 'cellStart' && this.column === 0 && !this.content) return;
    this.endRecord();
  }
}

/** Every record of a text, for small texts (the first rows of a file, tests). */
export function csvRecords(text: string, { complete = true }: { complete?: boolean } = {}): CsvRecord[] {
  const records: CsvRecord[] = [];
  const reader = new CsvRecordReader((record) => {
    records.push(record);
  });
  reader.write(text);
  if (complete) reader.end();
  return records;
}
