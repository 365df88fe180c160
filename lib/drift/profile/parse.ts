// Reading an uploaded reference dataset as its bytes arrive: CSV (RFC 4180, through csv-parse's streaming
// parser) or JSON lines. Both hand each row to a visitor with the row's line number (the first line of a
// quoted multi-line CSV record), so an error names where it is. Nothing is buffered beyond one record.
//
// CSV typing (JSON lines keep their JSON types):
// - an empty field (quoted or not) is missing;
// - a field that is exactly a JSON number literal is that number: "12", "-0.5", "1e3"; not "007", "+1", " 1",
//   "1.", ".5" or "0x10", which stay strings (so identifiers with leading zeros, like ZIP codes, are not
//   mangled; this is the same rule the sketches use for numeric strings);
// - exactly "true" / "false" (lower case, as in JSON) are booleans;
// - anything else is the string itself, spaces included (RFC 4180: spaces are part of a field).
import { pipeline } from "node:stream/promises";
import { CsvError, Parser } from "csv-parse";

/** A problem with the uploaded data, named by line where it has one; answered with 400. */
export class ProfileInputError extends Error {
  constructor(
    readonly detail: string,
    readonly line: number | null = null,
  ) {
    super(line === null ? detail : `line ${line}: ${detail}`);
    this.name = "ProfileInputError";
  }
}

/** Longest CSV record / JSON line, in characters: 500 features of 8,192 characters, with room to spare. */
export const MAX_RECORD_CHARS = 8 * 1024 * 1024;

const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/** The value of one CSV field under the typing rules above; undefined is missing. */
export function csvValue(field: string): number | string | boolean | undefined {
  if (field === "") return undefined;
  if (field === "true") return true;
  if (field === "false") return false;
  const c = field.charCodeAt(0);
  // A literal too large for a double (1e400) becomes ±Infinity, which the profile builder refuses.
  if ((c === 45 || (c >= 48 && c <= 57)) && JSON_NUMBER.test(field)) return Number(field);
  return field;
}

export interface CsvVisitor {
  header(names: string[], line: number): void;
  row(fields: string[], line: number): void;
}

/**
 * csv-parse's error as a ProfileInputError, placed on the first line of the record it happened in (csv-parse's
 * own line numbers drift after a quoted "\r\n").
 */
function csvProblem(error: CsvError, line: number): ProfileInputError {
  switch (error.code) {
    case "CSV_QUOTE_NOT_CLOSED":
      return new ProfileInputError(
        "a quoted field of the record starting here is never closed (the file ends inside the quotes)",
        line,
      );
    case "CSV_INVALID_CLOSING_QUOTE":
      return new ProfileInputError(
        'a closing quote is followed by something other than a comma or the end of the line (write a quote inside a quoted field as "")',
        line,
      );
    case "INVALID_OPENING_QUOTE":
      return new ProfileInputError(
        'a quote inside an unquoted field (quote the whole field and write the quote as "")',
        line,
      );
    case "CSV_MAX_RECORD_SIZE":
      return new ProfileInputError(
        `the record starting here is longer than ${MAX_RECORD_CHARS} characters (a quote that is never closed?)`,
        line,
      );
    default:
      return new ProfileInputError(error.message, line);
  }
}

function newlines(field: string): number {
  let n = 0;
  for (let at = field.indexOf("\n"); at !== -1; at = field.indexOf("\n", at + 1)) n++;
  return n;
}

/**
 * csv-parse's stream parser, noting the first line of every record as it is pushed. Lines are counted here —
 * one per record plus the newlines inside its quoted fields — because csv-parse's own count is off for
 * quoted fields holding "\r\n" (two lines each) and its per-record info costs more than the parsing. The
 * parser runs ahead of the consumer (records wait in the stream's buffer, and an error drops them), so the
 * lines wait in a queue beside the records, and where the last record ended is known when the parser fails.
 * Blank lines arrive as records of one empty field.
 */
class LineParser extends Parser {
  private readonly lineStarts: number[] = [];
  private linesTaken = 0;
  /** The line on which the last pushed record ended. */
  private lastRecordEnd = 0;

  override push(chunk: unknown, encoding?: BufferEncoding): boolean {
    if (chunk !== null) {
      const fields = chunk as string[];
      this.lineStarts.push(this.lastRecordEnd + 1);
      this.lastRecordEnd++;
      for (let i = 0; i < fields.length; i++)
        if (fields[i]!.length > 0) this.lastRecordEnd += newlines(fields[i]!);
    }
    return super.push(chunk, encoding);
  }

  /** The first line of the next record the consumer takes. */
  nextRecordLine(): number {
    const line = this.lineStarts[this.linesTaken++]!;
    if (this.linesTaken >= 4096) {
      this.lineStarts.splice(0, this.linesTaken);
      this.linesTaken = 0;
    }
    return line;
  }

  /** The first line of the record the parser failed in. */
  get failedLine(): number {
    return this.lastRecordEnd + 1;
  }
}

/**
 * Parses CSV from the byte chunks: the first record is the header, every later one a row; blank lines (and a
 * line holding only "") are skipped.
 */
export async function readCsv(source: AsyncIterable<Buffer>, visit: CsvVisitor): Promise<void> {
  const parser = new LineParser({
    bom: true,
    record_delimiter: ["\r\n", "\n"],
    relax_column_count: true, // checked below, to name the header's width
    max_record_size: MAX_RECORD_CHARS,
  });
  let width = -1; // fields of the header; -1 before it
  try {
    await pipeline(source, parser, async (records: AsyncIterable<string[]>) => {
      for await (const record of records) {
        const line = parser.nextRecordLine();
        if (record.length === 1 && record[0] === "") continue; // a blank line
        if (width < 0) {
          width = record.length;
          visit.header(record, line);
        } else if (record.length !== width)
          throw new ProfileInputError(`the row has ${record.length} fields, the header ${width}`, line);
        else visit.row(record, line);
      }
    });
  } catch (error) {
    if (error instanceof CsvError) throw csvProblem(error, parser.failedLine);
    throw error;
  }
  if (width < 0) throw new ProfileInputError("the file is empty; expected a header row and data rows");
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** Parses JSON lines from the byte chunks: one object per line; blank lines are skipped. */
export async function readJsonLines(
  source: AsyncIterable<Uint8Array>,
  visit: (row: Record<string, unknown>, line: number) => void,
): Promise<void> {
  const decoder = new TextDecoder("utf-8"); // drops a leading byte order mark
  let pending = "";
  let line = 0;
  const take = (text: string) => {
    line++;
    const body = text.endsWith("\r") ? text.slice(0, -1) : text;
    if (body.trim() === "") return;
    let value: unknown;
    try {
      value = JSON.parse(body);
    } catch (error) {
      throw new ProfileInputError(`not valid JSON (${(error as Error).message})`, line);
    }
    if (!isPlainObject(value))
      throw new ProfileInputError(
        `expected a JSON object, got ${Array.isArray(value) ? "an array" : value === null ? "null" : typeof value}`,
        line,
      );
    visit(value, line);
  };
  for await (const chunk of source) {
    const scanned = pending.length; // no newline before this: a long line is not searched again per chunk
    pending += decoder.decode(chunk, { stream: true });
    let start = 0;
    for (let nl = pending.indexOf("\n", scanned); nl !== -1; nl = pending.indexOf("\n", start)) {
      take(pending.slice(start, nl));
      start = nl + 1;
    }
    pending = start === 0 ? pending : pending.slice(start);
    if (pending.length > MAX_RECORD_CHARS)
      throw new ProfileInputError(`the line is longer than ${MAX_RECORD_CHARS} characters`, line + 1);
  }
  pending += decoder.decode();
  if (pending !== "") take(pending);
}
