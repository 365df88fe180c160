// Streaming parser for the bodies of POST /api/v1/import/prometheus: the Prometheus text exposition format
// (0.0.4) or OpenMetrics 1.0 text, fed in chunks of bytes, with explicit timestamps on every sample (the import
// is a backfill).
//
// It accepts the sample lines that Prometheus 2.42 accepts — model/textparse/promparse.go for the text format,
// openmetricsparse.go for OpenMetrics, which is also what `promtool tsdb create-blocks-from openmetrics` reads
// (cmd/promtool/backfill.go) — and yields the same (labels, ms timestamp, value) that promtool stores. The line
// rules are in exposition-line.ts, the float syntax in go-float.ts. Unlike Prometheus, which stops at the first
// error, a bad line is reported (with its line number) and parsing goes on with the next line.
//
// Lines are split at "\n" (0x0A) only. Prometheus has no rule for "\r", so CRLF input fails on every sample line
// there and here alike (exposition-line.ts says so in the message).
//
// Deviations, all in input no exporter writes: a raw newline inside a quoted Prometheus-format label value
// (promlex.l lets the value run on to the next line; here it is an unterminated value); NUL bytes where the
// Prometheus lexers give them effects across lines (a NUL that ends the whole input for Prometheus is an error
// for its line here, and parsing goes on; NULs at the start of the line after an OpenMetrics HELP, TYPE or UNIT
// line, which openMetricsLexer swallows into that line's text, are an error for their own line here);
// leading blanks, which promparse.go 2.42 keeps as part of the metric name and we drop; timestamps beyond
// ±8.64e15 ms (see MAX_TIMESTAMP_MS).
import { LineParser, type LineResult } from "./exposition-line";

export type ExpositionFormat = "prometheus" | "openmetrics";

export interface ParsedSample {
  /** Metric name. */
  name: string;
  /** Labels without __name__; labels with an empty value are left out, as Prometheus' TSDB does. */
  labels: Record<string, string>;
  /** Epoch milliseconds, an integer. */
  ts: number;
  /** Any float64, NaN and ±Inf included. */
  value: number;
  /** 1-based line number in the body. */
  line: number;
}

export interface LineError {
  line: number;
  /** Starts with "line N: ". */
  message: string;
}

export interface ParseBatch {
  samples: ParsedSample[];
  errors: LineError[];
}

export const DEFAULT_MAX_LINE_BYTES = 1024 * 1024;

export class ExpositionParser {
  readonly format: ExpositionFormat;
  private readonly maxLineBytes: number;
  private readonly lines: LineParser;
  private readonly decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
  /** Lines completed so far. */
  private lineCount = 0;
  /** The start of the current line, when it began in an earlier chunk. */
  private carry = new Uint8Array(0);
  private carryLength = 0;
  /** The current line is longer than maxLineBytes: it has been reported and is skipped up to its newline. */
  private skipping = false;
  /** OpenMetrics: the line number of "# EOF", and whether data after it has been reported. */
  private eofLine = 0;
  private afterEofReported = false;
  private ended = false;

  /** `defaultTimestampMs`: the time of samples written without one (scrapes); absent, they are errors (import). */
  constructor(format: ExpositionFormat, options?: { maxLineBytes?: number; defaultTimestampMs?: number }) {
    this.format = format;
    this.maxLineBytes = options?.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
    if (!(Number.isInteger(this.maxLineBytes) && this.maxLineBytes > 0)) {
      throw new RangeError(`maxLineBytes must be a positive integer, got ${options?.maxLineBytes}`);
    }
    this.lines = new LineParser(format === "openmetrics", options?.defaultTimestampMs ?? null);
  }

  /** Lines seen so far (complete ones; after end(), all of them). */
  get linesSeen(): number {
    return this.lineCount;
  }

  /**
   * Feeds the next chunk of the body (a line and a UTF-8 sequence may be split across chunks). Returns what
   * the lines completed by this chunk yielded.
   */
  push(chunk: Uint8Array): ParseBatch {
    if (this.ended) throw new Error("ExpositionParser.push() after end()");
    const out: ParseBatch = { samples: [], errors: [] };
    const n = chunk.length;
    let pos = 0;
    while (pos < n) {
      const nl = chunk.indexOf(10, pos);
      if (nl < 0) {
        this.hold(chunk, pos, n, out);
        break;
      }
      if (this.skipping) {
        this.skipping = false;
        this.lineCount++;
      } else if (this.carryLength > 0) {
        this.hold(chunk, pos, nl, out);
        if (this.skipping) {
          this.skipping = false;
          this.lineCount++;
        } else {
          const line = this.carry.subarray(0, this.carryLength);
          this.carryLength = 0;
          this.line(line, out, false);
        }
      } else if (nl - pos > this.maxLineBytes) {
        this.tooLong(out);
        this.lineCount++;
      } else {
        this.line(chunk.subarray(pos, nl), out, false);
      }
      pos = nl + 1;
    }
    return out;
  }

  /**
   * End of the body: parses the last line (which needs no newline) and checks the end-of-input rules. In
   * OpenMetrics "# EOF" must be the last line (openmetricsparse.go: "data does not end with # EOF").
   */
  end(): ParseBatch {
    if (this.ended) throw new Error("ExpositionParser.end() called twice");
    this.ended = true;
    const out: ParseBatch = { samples: [], errors: [] };
    if (this.skipping) {
      this.skipping = false;
      this.lineCount++;
    } else if (this.carryLength > 0) {
      const line = this.carry.subarray(0, this.carryLength);
      this.carryLength = 0;
      this.line(line, out, true);
    }
    this.carry = new Uint8Array(0);
    if (this.format === "openmetrics" && this.eofLine === 0) {
      const line = this.lineCount + 1;
      out.errors.push({
        line,
        message: `line ${line}: missing "# EOF": OpenMetrics input must end with a "# EOF" line (the input ended after line ${this.lineCount})`,
      });
    }
    return out;
  }

  /** Keeps chunk[from, to) as (part of) the current line, unless that makes it too long. */
  private hold(chunk: Uint8Array, from: number, to: number, out: ParseBatch): void {
    if (this.skipping) return;
    const length = this.carryLength + (to - from);
    if (length > this.maxLineBytes) {
      // Report now and drop what we have: memory stays bounded however long the line gets.
      this.tooLong(out);
      this.skipping = true;
      this.carryLength = 0;
      if (this.carry.length > 64 * 1024) this.carry = new Uint8Array(0);
      return;
    }
    if (length > this.carry.length) {
      const grown = new Uint8Array(Math.min(Math.max(length, this.carry.length * 2, 256), this.maxLineBytes));
      grown.set(this.carry.subarray(0, this.carryLength));
      this.carry = grown;
    }
    this.carry.set(chunk.subarray(from, to), this.carryLength);
    this.carryLength = length;
  }

  private tooLong(out: ParseBatch): void {
    const line = this.lineCount + 1;
    if (this.afterEof(line, out)) return;
    out.errors.push({
      line,
      message: `line ${line}: the line is longer than ${this.maxLineBytes} bytes; skipped`,
    });
  }

  /** OpenMetrics: anything after "# EOF" is an error (reported once, for the first line after it). */
  private afterEof(line: number, out: ParseBatch): boolean {
    if (this.eofLine === 0) return false;
    if (!this.afterEofReported) {
      this.afterEofReported = true;
      out.errors.push({
        line,
        message: `line ${line}: unexpected data after "# EOF" (line ${this.eofLine}); "# EOF" must be the last line`,
      });
    }
    return true;
  }

  private line(bytes: Uint8Array, out: ParseBatch, last: boolean): void {
    const lineNo = ++this.lineCount;
    let result: LineResult;
    if (this.format === "openmetrics") {
      // openMetricsLexer.next() skips NUL bytes after "# EOF\n", so NULs alone may end the input.
      if (this.eofLine !== 0 && last && bytes.every((b) => b === 0)) return;
      if (this.afterEof(lineNo, out)) return;
      const s = this.decode(bytes);
      result = s === null ? invalidUtf8 : this.lines.omLine(s);
    } else {
      const start = LineParser.promStart(bytes);
      if (start === bytes.length) return; // blank line
      if (bytes[start] === 35 /* # */) {
        // Comments are not decoded: Prometheus accepts any bytes in them (and checks UTF-8 only in HELP text).
        result = this.lines.promComment(bytes, start);
      } else {
        // Every sample line with invalid UTF-8 fails in promparse.go one way or another (label values are
        // checked with utf8.Valid, names are ASCII, values and timestamps are numbers); we say why plainly.
        const s = this.decode(bytes);
        result = s === null ? invalidUtf8 : this.lines.promSample(s, start);
      }
    }
    switch (result.kind) {
      case "sample": {
        const { name, labels, ts, value } = result.sample;
        out.samples.push({ name, labels, ts, value, line: lineNo });
        break;
      }
      case "error":
        out.errors.push({ line: lineNo, message: `line ${lineNo}: ${result.message}` });
        break;
      case "eof":
        this.eofLine = lineNo;
        break;
      case "none":
        break;
    }
  }

  private decode(bytes: Uint8Array): string | null {
    try {
      return this.decoder.decode(bytes);
    } catch {
      return null;
    }
  }
}

const invalidUtf8: LineResult = { kind: "error", message: "invalid UTF-8" };

/**
 * The format of a body from its Content-Type, as Prometheus picks a parser (model/textparse/interface.go
 * New(): application/openmetrics-text → OpenMetrics; the text format otherwise), but stricter: only text/plain
 * (any version parameter) or no Content-Type at all mean the text format; anything else is null (unsupported).
 */
export function formatFromContentType(contentType: string | null): ExpositionFormat | null {
  if (contentType === null) return "prometheus";
  const semicolon = contentType.indexOf(";");
  const mediaType = (semicolon < 0 ? contentType : contentType.slice(0, semicolon)).trim().toLowerCase();
  if (mediaType === "") return semicolon < 0 ? "prometheus" : null;
  if (mediaType === "application/openmetrics-text") return "openmetrics";
  if (mediaType === "text/plain") return "prometheus";
  return null;
}
