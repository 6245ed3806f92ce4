// Small measuring and printing helpers for the benchmark: timings, percentiles, memory,
// targets shown next to their figure, and a plain-text table.

/** Milliseconds spent in `fn`, with its result. */
export async function timeAsync<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}

/** Milliseconds spent in `fn`, with its result. */
export function timeSync<T>(fn: () => T): { ms: number; value: T } {
  const start = performance.now();
  const value = fn();
  return { ms: performance.now() - start, value };
}

export interface Latency {
  count: number;
  p50: number;
  p99: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentiles of durations in milliseconds. */
export function summarise(durations: readonly number[]): Latency {
  const sorted = [...durations].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
  const total = sorted.reduce((sum, d) => sum + d, 0);
  return { count: sorted.length, p50: at(50), p99: at(99), max: sorted.at(-1) ?? Number.NaN, mean: sorted.length ? total / sorted.length : Number.NaN };
}

export interface Memory {
  rssMb: number;
  heapUsedMb: number;
}

/**
 * RSS and heap in MB, after full garbage collections when `--expose-gc` is on. The event loop
 * turns between collections: back-to-back `gc()` calls leave freed pages counted as used.
 */
export async function memoryNow(): Promise<Memory> {
  for (let i = 0; i < 3; i++) {
    globalThis.gc?.();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const { rss, heapUsed } = process.memoryUsage();
  return { rssMb: rss / 2 ** 20, heapUsedMb: heapUsed / 2 ** 20 };
}

/** Highest RSS of this process so far, in MB. */
export function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

/** A figure compared with its target: `1.23 s  (< 2 s ✓)`. */
export interface Target {
  limit: number;
  unit: string;
  /** How the limit is written, when not simply `< limit unit`. */
  label?: string;
}

export function verdict(value: number, target: Target): string {
  const ok = value < target.limit;
  return `(${target.label ?? `< ${target.limit} ${target.unit}`} ${ok ? "✓" : "✗"})`;
}

export function meets(value: number, target: Target): boolean {
  return value < target.limit;
}

/** `1234.5` → `1 235 ms` or `1.23 s`, whichever reads better. */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return "—";
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 100) return `${ms.toFixed(0)} ms`;
  if (ms >= 10) return `${ms.toFixed(1)} ms`;
  return `${ms.toFixed(2)} ms`;
}

/** Latencies are small: always milliseconds with three decimals. */
export function formatLatency(ms: number): string {
  return Number.isFinite(ms) ? `${ms.toFixed(3)} ms` : "—";
}

export function formatMb(mb: number): string {
  return Number.isFinite(mb) ? `${mb.toFixed(0)} MB` : "—";
}

/** Left-aligned text columns, the first row being the header. */
export function formatTable(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, [...cell].length)));
  const line = (row: readonly string[]) => row.map((cell, i) => cell + " ".repeat((widths[i] ?? 0) - [...cell].length)).join("  ").trimEnd();
  const [header, ...body] = rows;
  if (!header) return "";
  return [line(header), widths.map((w) => "─".repeat(w)).join("  "), ...body.map(line)].join("\n");
}
