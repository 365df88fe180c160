// The run's verdicts, one line each ("ok" or "FAIL", the name, the numbers), and the last line
// "scale: N passed, M failed".

export class Report {
  passed = 0;
  failed = 0;
  failures: string[] = [];

  check(name: string, ok: boolean, detail: string): boolean {
    if (ok) this.passed++;
    else {
      this.failed++;
      this.failures.push(name);
    }
    console.log(`${ok ? "ok  " : "FAIL"} ${name}: ${detail}`);
    return ok;
  }

  /** A check that could not run at all (its set-up failed). */
  error(name: string, error: unknown): false {
    return this.check(
      name,
      false,
      `could not run: ${error instanceof Error ? error.message : String(error)}`,
    ) as false;
  }

  final(): string {
    return `scale: ${this.passed} passed, ${this.failed} failed`;
  }
}
