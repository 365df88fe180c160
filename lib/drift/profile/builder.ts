// The sketches of an uploaded reference dataset, one per column, filled row by row: memory is one sketch per
// column whatever the file's size. The columns named as prediction, score and label take those roles (as
// drift sees a model's own predictions); every other column is a feature.
//
// Missing values: an empty CSV field, JSON null or a key absent from a JSON line is a missing value of a
// feature, the prediction or the score. A missing label means "not labeled" and is left out of the label
// column altogether, as drift treats predictions whose label has not arrived.
//
// A value drift could not use is refused with its line and column rather than skipped: a reference with
// bad rows is not one to compare production against.
import { MAX_FEATURES, MAX_KEY_LENGTH, MAX_STRING_VALUE_LENGTH } from "../../ingest/schemas";
import type { ColumnRole } from "../columns";
import { addValue, emptySketch, type FeatureSketch } from "../sketch";
import { type CsvVisitor, csvValue, ProfileInputError } from "./parse";

export interface ProfileRoles {
  predictionColumn?: string;
  scoreColumn?: string;
  labelColumn?: string;
}

export interface BuiltColumn {
  role: ColumnRole;
  /** Feature name; "" for prediction, score and label. */
  name: string;
  sketch: FeatureSketch;
}

interface Column extends BuiltColumn {
  /** The column's name in the file. */
  source: string;
  /** Rows that gave this column a value or an explicit missing one. */
  seen: number;
}

const ROLE_ORDER: Record<ColumnRole, number> = { feature: 0, prediction: 1, score: 2, label: 3 };
const quoted = (name: string) => JSON.stringify(name.length > 60 ? `${name.slice(0, 60)}…` : name);

export class ProfileBuilder {
  /** Data rows read. */
  rows = 0;
  private readonly columns = new Map<string, Column>();
  private features = 0;
  private csvColumns: Column[] = [];

  private readonly roles: ProfileRoles;

  constructor(roles: ProfileRoles) {
    // Only these three keys: the names are listed in errors by their parameter name.
    this.roles = {
      predictionColumn: roles.predictionColumn,
      scoreColumn: roles.scoreColumn,
      labelColumn: roles.labelColumn,
    };
  }

  private roleOf(source: string): ColumnRole {
    if (source === this.roles.predictionColumn) return "prediction";
    if (source === this.roles.scoreColumn) return "score";
    if (source === this.roles.labelColumn) return "label";
    return "feature";
  }

  private column(source: string, line: number): Column {
    const known = this.columns.get(source);
    if (known) return known;
    if (source.length === 0) throw new ProfileInputError("a column has an empty name", line);
    if (source.length > MAX_KEY_LENGTH)
      throw new ProfileInputError(
        `column name ${quoted(source)} is longer than ${MAX_KEY_LENGTH} characters`,
        line,
      );
    const role = this.roleOf(source);
    if (role === "feature" && ++this.features > MAX_FEATURES)
      throw new ProfileInputError(
        `more than ${MAX_FEATURES} feature columns (as many as a prediction may carry)`,
        line,
      );
    const column: Column = {
      role,
      name: role === "feature" ? source : "",
      source,
      sketch: emptySketch(),
      seen: 0,
    };
    this.columns.set(source, column);
    return column;
  }

  private add(column: Column, value: unknown, line: number): void {
    switch (typeof value) {
      case "number":
        if (!Number.isFinite(value))
          throw new ProfileInputError(
            `column ${quoted(column.source)}: the number is too large for a double`,
            line,
          );
        break;
      case "string":
        if (value.length > MAX_STRING_VALUE_LENGTH)
          throw new ProfileInputError(
            `column ${quoted(column.source)}: the value is ${value.length} characters; at most ${MAX_STRING_VALUE_LENGTH} are allowed`,
            line,
          );
        break;
      case "boolean":
        break;
      case "undefined":
        if (column.role === "label") return; // not labeled: not part of the label column
        break;
      default:
        if (value === null) {
          if (column.role === "label") return;
          break;
        }
        throw new ProfileInputError(
          `column ${quoted(column.source)}: a value must be a number, string, boolean or null, not ${Array.isArray(value) ? "an array" : typeof value}`,
          line,
        );
    }
    column.seen++;
    addValue(column.sketch, value);
  }

  /** The CSV side: header names the columns, every row has one field per column (csv-parse checks that). */
  csv(): CsvVisitor {
    return {
      header: (names, line) => {
        if (names.length === 1 && /[;\t]/.test(names[0]!))
          throw new ProfileInputError(
            `the header has one column, ${quoted(names[0]!)}; fields must be separated by commas`,
            line,
          );
        const seen = new Set<string>();
        for (const name of names) {
          if (seen.has(name))
            throw new ProfileInputError(`column ${quoted(name)} appears twice in the header`, line);
          seen.add(name);
        }
        for (const [param, name] of Object.entries(this.roles))
          if (name !== undefined && !seen.has(name))
            throw new ProfileInputError(`${param} ${quoted(name)} is not a column of the header`, line);
        this.csvColumns = names.map((name) => this.column(name, line));
      },
      row: (fields, line) => {
        const columns = this.csvColumns;
        for (let i = 0; i < columns.length; i++) this.add(columns[i]!, csvValue(fields[i]!), line);
        this.rows++;
      },
    };
  }

  /** The JSON-lines side: one object per row, keys are columns (a key absent from a row is missing there). */
  jsonRow(row: Record<string, unknown>, line: number): void {
    for (const key of Object.keys(row)) this.add(this.column(key, line), row[key], line);
    this.rows++;
  }

  /** Every column's sketch, features first (by name), then prediction, score, label. */
  finish(): BuiltColumn[] {
    if (this.rows === 0) throw new ProfileInputError("the file has no data rows");
    for (const [param, name] of Object.entries(this.roles))
      if (name !== undefined && !this.columns.has(name))
        throw new ProfileInputError(`${param} ${quoted(name)}: no row has this column`);
    const out: BuiltColumn[] = [];
    for (const c of this.columns.values()) {
      // Rows that lacked the column (JSON lines) had it missing; labels were simply not there.
      if (c.role !== "label") c.sketch.missing += this.rows - c.seen;
      out.push({ role: c.role, name: c.name, sketch: c.sketch });
    }
    return out.sort((a, b) =>
      a.role !== b.role
        ? ROLE_ORDER[a.role] - ROLE_ORDER[b.role]
        : a.name < b.name
          ? -1
          : a.name > b.name
            ? 1
            : 0,
    );
  }
}
