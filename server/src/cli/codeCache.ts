// Loading a CLI bundle with a V8 code cache, so a one-shot command does not compile the same JavaScript on
// every run (what Node 22's module.enableCompileCache() does; this CLI supports Node 20). The first run
// compiles the bundle as require() would, runs it, and after the command writes what V8 compiled (including
// the functions the command actually ran) to a cache file; later runs hand that to V8, which checks it
// against the source and its own version and flags and compiles anew when they differ.
//
// The cache lives in $FLOW_CALLOUT_CACHE_DIR, else $XDG_CACHE_HOME/flow-callout, else ~/.cache/flow-callout
// (a folder of this user's only); FLOW_CALLOUT_NO_CODE_CACHE=1 turns it off. A file is named after the
// bundle, a hash of its content and the Node version and architecture, so a rebuilt bundle or another Node
// never meets an old cache. Any failure to read or write it just means compiling as usual. Worker threads
// (validate --workers) write theirs under a temporary name of their own, then rename it into place.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import Module, { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { threadId } from 'node:worker_threads';

const pending: (() => void)[] = [];

/** `require(file)` through the code cache. */
export function requireBundle(file: string): unknown {
  const cached = require.cache[file];
  if (cached) return cached.exports;
  const dir = cacheDir();
  if (!dir) return require(file);
  let source: string;
  try {
    source = fs.readFileSync(file, 'utf8');
  } catch {
    return require(file);
  }
  // V8 checks a cache against the source's length, not its content: the name carries a hash of the content
  // (an installed package may give every version of a file the same size and time).
  const hash = createHash('sha1').update(source).digest('hex').slice(0, 16);
  const cacheFile = path.join(dir, `${path.basename(file, '.js')}-${hash}-${process.version}-${process.arch}.v8`);
  let cachedData: Buffer | undefined;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    /* first run */
  }
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: file, cachedData });
  const mod = new Module(file, module);
  mod.filename = file;
  mod.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(path.dirname(file));
  require.cache[file] = mod;
  const fn = script.runInThisContext() as (...args: unknown[]) => void;
  fn.call(mod.exports, mod.exports, createRequire(file), mod, file, path.dirname(file));
  mod.loaded = true;
  if (cachedData && !script.cachedDataRejected) {
    // Used: its time says so, for forgetOtherBuilds (a cache is written once, then only read).
    try {
      const t = new Date();
      fs.utimesSync(cacheFile, t, t);
    } catch {
      /* a cache is optional */
    }
  } else {
    pending.push(() => {
      const tmp = `${cacheFile}.${process.pid}-${threadId}.tmp`;
      fs.writeFileSync(tmp, script.createCachedData(), { mode: 0o600 });
      fs.renameSync(tmp, cacheFile);
      forgetOtherBuilds(dir, path.basename(file, '.js'), cacheFile);
    });
  }
  return mod.exports;
}

/** How many caches of other builds of a bundle are kept, the most recently used first. */
const OTHER_BUILDS_KEPT = 3;

/**
 * Removes the caches of this bundle's other builds but the few most recently used: an old build's cache is of no
 * use any more, but two installed versions used in turn (the extension's server and a globally installed CLI,
 * or two checkouts) must not delete each other's cache on every run.
 */
function forgetOtherBuilds(dir: string, bundle: string, keep: string): void {
  const prefix = `${bundle}-`;
  const others = fs.readdirSync(dir)
    .filter((f) => f.startsWith(prefix) && /^[0-9a-f]{16}-/.test(f.slice(prefix.length)) && path.join(dir, f) !== keep)
    .map((f) => {
      const file = path.join(dir, f);
      try {
        return { file, used: fs.statSync(file).mtimeMs };
      } catch {
        return { file, used: 0 };
      }
    })
    .sort((a, b) => b.used - a.used);
  for (const { file } of others.slice(OTHER_BUILDS_KEPT)) fs.rmSync(file, { force: true });
}

/** Writes the code caches of the bundles loaded in this run that had none (after the command: it has compiled what it ran). */
export function saveCodeCaches(): void {
  for (const save of pending.splice(0)) {
    try {
      save();
    } catch {
      /* a cache is optional */
    }
  }
}

function cacheDir(): string | undefined {
  if (process.env.FLOW_CALLOUT_NO_CODE_CACHE) return undefined;
  const base = process.env.FLOW_CALLOUT_CACHE_DIR
    ?? path.join(process.env.XDG_CACHE_HOME || path.join(safeHome(), '.cache'), 'flow-callout');
  try {
    fs.mkdirSync(base, { recursive: true, mode: 0o700 });
    return base;
  } catch {
    return undefined;
  }
}

function safeHome(): string {
  try {
    return os.homedir() || os.tmpdir();
  } catch {
    return os.tmpdir();
  }
}
