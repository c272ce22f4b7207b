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

/** Interleaves two measured functions (a, b, a, b…) so drift in machine load hits both sides alike. */
export async function timePaired(a: () => unknown, b: () => unknown, warmup: number, runs: number): Promise<{ a: number[]; b: number[] }> {
  for (let i = 0; i < warmup; i++) {
    await a();
    await b();
  }
  const out = { a: [] as number[], b: [] as number[] };
  collect?.();
  // The order alternates run by run (a b, b a, …): the side that runs second meets the first side's garbage
  // (scavenges, a major GC) in its timing, and that should not always be the same side.
  const time = async (fn: () => unknown, into: number[]) => {
    const t = now();
    await fn();
    into.push(now() - t);
  };
  for (let i = 0; i < runs; i++) {
    if (i % 2 === 0) {
      await time(a, out.a);
      await time(b, out.b);
    } else {
      await time(b, out.b);
      await time(a, out.a);
    }
  }
  return out;
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
