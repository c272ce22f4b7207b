// Shared helpers for npm run bench: timing, statistics, the machine description, the result row type.
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';

// A full GC after the warm-up of each measurement (outside the timing), so every measurement starts from a
// clean heap rather than paying for the previous one's garbage. Not before every run: a forced full GC
// right before a sub-millisecond run makes that run several times slower (caches flushed). Node exposes
// gc() only with --expose-gc; the flag is set at run time here.
v8.setFlagsFromString('--expose-gc');
const collect = vm.runInNewContext('typeof gc === "function" ? gc : undefined') as (() => void) | undefined;
export const gcBetweenRuns = !!collect;
export const collectGarbage = (): void => collect?.();

export const repoRoot = path.resolve(__dirname, '..');
export const cacheDir = path.join(repoRoot, 'bench', '.cache');
/** The shared corpus (`BENCH_CORPUS` overrides). */
export const corpusDir = process.env.BENCH_CORPUS ?? path.resolve(repoRoot, '..', 'shared', 'corpus');

/** One row of bench/results.json. `speedup` = anchor ÷ ours (> 1: ours is faster). */
export interface ResultRow {
  name: string;
  ours: number | null;
  anchor: number | null;
  unit: string;
  speedup: number | null;
  /** Peak resident set size of the measured process, in MB (rows that measure memory). */
  rssMB?: number;
  /** Cores busy on average (CPU time of all threads ÷ wall time), for rows that use worker threads. */
  cores?: number;
}

/** A row plus what RESULTS.md says about it (not written to results.json). */
export interface BenchEntry extends ResultRow {
  /** What "ours" and "anchor" are, one line each. */
  oursLabel: string;
  anchorLabel: string;
  /** How it was measured (inputs, runs, what is included). */
  method: string;
  /** Extra measured facts (spread, counts, findings) for the notes. */
  details?: string[];
}

export interface BenchSection {
  title: string;
  entries: BenchEntry[];
  notes: string[];
}

export const now = (): number => performance.now();

export function median(xs: number[]): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Nearest-rank percentile (p in 0..100). */
export function percentile(xs: number[], p: number): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * s.length));
  return s[Math.min(s.length, rank) - 1];
}

export function spread(xs: number[]): string {
  if (!xs.length) return 'no samples';
  const s = [...xs].sort((a, b) => a - b);
  return `min ${fmt(s[0])}, median ${fmt(median(s))}, max ${fmt(s[s.length - 1])} (n=${s.length})`;
}

/** Runs `fn` `warmup` times unmeasured, then `runs` times measured; returns the ms of each measured run. */
export async function timeRuns(fn: () => unknown, warmup: number, runs: number): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const out: number[] = [];
  collect?.();
  for (let i = 0; i < runs; i++) {
    const t = now();
    await fn();
    out.push(now() - t);
  }
  return out;
}

export interface PairedOptions {
  /**
   * Passes of the function per measured run (default 1); a run's time is divided by it (ms per pass). For
   * functions of a few ms that allocate a lot: a single pass either does or does not meet a scavenge (10–45 ms
   * here when it copies a large live tree), so per-pass times are bimodal and their median depends on where the
   * nursery happened to be; a run of several passes pays its steady share of the collections its allocation
   * causes, and the median of such runs is stable. No GC is forced inside or between measured runs.
   */
  passes?: number;
}

/**
 * `a`/`b`: wall ms per pass of each measured run. `aCpu`/`bCpu`: this process's CPU ms per pass (all threads: GC helpers too) in
 * the same runs — what the run cost, without the time other processes held the cores (on a shared machine the
 * wall time of a run can be several times its CPU time).
 */
export interface PairedTimes {
  a: number[];
  b: number[];
  aCpu: number[];
  bCpu: number[];
}

/** Interleaves two measured functions (a, b, a, b…) so drift in machine load hits both sides alike. */
export async function timePaired(a: () => unknown, b: () => unknown, warmup: number, runs: number, options: PairedOptions = {}): Promise<PairedTimes> {
  const passes = Math.max(1, options.passes ?? 1);
  for (let i = 0; i < warmup; i++) {
    for (let k = 0; k < passes; k++) await a();
    for (let k = 0; k < passes; k++) await b();
  }
  const out: PairedTimes = { a: [], b: [], aCpu: [], bCpu: [] };
  collect?.();
  // The order alternates run by run (a b, b a, …): the side that runs second meets the first side's garbage
  // (scavenges, a major GC) in its timing, and that should not always be the same side.
  const time = async (fn: () => unknown, into: number[], cpuInto: number[]) => {
    const c = process.cpuUsage();
    const t = now();
    for (let k = 0; k < passes; k++) await fn();
    into.push((now() - t) / passes);
    const d = process.cpuUsage(c);
    cpuInto.push((d.user + d.system) / 1000 / passes);
  };
  for (let i = 0; i < runs; i++) {
    if (i % 2 === 0) {
      await time(a, out.a, out.aCpu);
      await time(b, out.b, out.bCpu);
    } else {
      await time(b, out.b, out.bCpu);
      await time(a, out.a, out.aCpu);
    }
  }
  return out;
}

/**
 * The spread of the per-run ratios b÷a of a timePaired result (run i of each side ran next to each other, so
 * one ratio per pair shows how stable the comparison is, apart from how stable each side is).
 */
export function pairedRatioSpread(t: { a: number[]; b: number[] }): string {
  const r = t.a.map((x, i) => t.b[i] / x).filter((x) => Number.isFinite(x)).sort((x, y) => x - y);
  if (!r.length) return 'no pairs';
  const at = (q: number) => r[Math.min(r.length - 1, Math.floor(q * r.length))];
  return `min ${fmt(r[0])}, p25 ${fmt(at(0.25))}, median ${fmt(median(r))}, p75 ${fmt(at(0.75))}, max ${fmt(r[r.length - 1])} (n=${r.length})`;
}

export function row(name: string, ours: number | null, anchor: number | null, unit: string): ResultRow {
  const speedup = ours !== null && anchor !== null && ours > 0 ? round(anchor / ours, 2) : null;
  return { name, ours: ours === null ? null : round(ours, 3), anchor: anchor === null ? null : round(anchor, 3), unit, speedup };
}

export function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

export function fmt(x: number | null | undefined): string {
  if (x === null || x === undefined || Number.isNaN(x)) return '—';
  if (x >= 100) return x.toFixed(0);
  if (x >= 10) return x.toFixed(1);
  if (x >= 1) return x.toFixed(2);
  return x.toFixed(3);
}

export function kb(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1048576).toFixed(2)} MB` : `${(bytes / 1024).toFixed(1)} KB`;
}

export interface MachineInfo {
  cpu: string;
  cores: number;
  ramGB: number;
  node: string;
  os: string;
  loadAvg: number[];
}

export function machineInfo(): MachineInfo {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model?.trim() || 'unknown',
    cores: cpus.length,
    ramGB: round(os.totalmem() / 1024 ** 3, 1),
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    loadAvg: os.loadavg().map((x) => round(x, 2)),
  };
}

export function log(msg: string): void {
  process.stderr.write(`[bench] ${msg}\n`);
}
