// The file access the project index needs, passed in (the core never touches a platform API by itself).
import * as fs from 'node:fs';
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { binaryByteOffset, type FileFacts } from '../model/content';

export interface ProjectFs {
  readFile(file: string): Promise<string>;
  /**
   * Files under `dir` (recursive), skipping node_modules and dot folders; bounded. `except`: folders (as
   * path.join spells them) not to descend into, because they were listed already — a hint, ignoring it is correct.
   */
  listFiles(dir: string, except?: ReadonlySet<string>): Promise<string[]>;
  exists(file: string): Promise<boolean>;
  /**
   * The file's size and first NUL byte (model/content.ts FileFacts) and, unless it is over `maxBytes` or has a NUL
   * in its first 8 KB, its text — from one open and one read (binary or too large files are never decoded).
   * Optional: without it the index reads the text (readFile) and checks that.
   */
  readChecked?(file: string, maxBytes: number): Promise<CheckedRead>;
}

/** What readChecked found: the facts, and the text when the file is neither too large nor binary. */
export interface CheckedRead {
  facts: FileFacts;
  text?: string;
}

/**
 * readChecked from the local disk, synchronously: open, one read, close for a file that fits FIRST_READ bytes
 * (nearly every flow and definition: its size is what the read returned); a larger one is fstat-ed and read
 * whole (its first 8 KB only when it is over `maxBytes`). Asynchronous reads cost a thread-pool round trip for
 * each step and per file, which was most of the time of indexing small files (a project's definitions and
 * metadata); an fstat per file (a Stats object with four Dates on Node 20) was ~3% of a 1,000-flow validate.
 */
export function readCheckedSync(file: string, maxBytes: number): CheckedRead {
  const fd = fs.openSync(file, 'r');
  try {
    const first = Buffer.allocUnsafe(FIRST_READ);
    const got = readInto(fd, first);
    if (got < FIRST_READ) return checked(first.subarray(0, got), got, maxBytes);
    const { size } = fs.fstatSync(fd);
    const whole = size <= maxBytes;
    const buffer = Buffer.allocUnsafe(whole ? size : Math.min(size, 8192));
    const read = readInto(fd, buffer);
    const result = checked(buffer.subarray(0, read), size, maxBytes);
    // Changed since fstat (shorter): read again, as a plain read would.
    if (result.text !== undefined && read !== size) result.text = fs.readFileSync(file, 'utf8');
    return result;
  } finally {
    fs.closeSync(fd);
  }
}

/** The bytes of the first read: 64 KB holds all but the largest flows and definitions. */
const FIRST_READ = 64 * 1024;

/** Reads from offset 0 until `buffer` is full or the file ends; the number of bytes read. */
function readInto(fd: number, buffer: Buffer): number {
  let read = 0;
  while (read < buffer.length) {
    const n = fs.readSync(fd, buffer, read, buffer.length - read, read);
    if (!n) break;
    read += n;
  }
  return read;
}

/** The facts of a file of `size` bytes whose first bytes (all of them when it is within the limit) are `got`. */
function checked(got: Buffer, size: number, maxBytes: number): CheckedRead {
  const facts = { size, binaryAt: binaryByteOffset(got.subarray(0, 8192)) };
  if (size > maxBytes || facts.binaryAt >= 0) return { facts };
  return { facts, text: got.toString('utf8') };
}

/** The file's size and its first bytes' NUL (model/content.ts), from one 8 KB read. */
export async function probeFile(file: string): Promise<FileFacts> {
  const handle = await fsp.open(file, 'r');
  try {
    const { size } = await handle.stat();
    const head = Buffer.alloc(Math.min(size, 8192));
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    return { size, binaryAt: binaryByteOffset(head.subarray(0, bytesRead)) };
  } finally {
    await handle.close();
  }
}

const SKIP = new Set(['node_modules', '.git', '.sfdx', '.sf', '.vscode', 'dist', 'out']);

export const nodeFs: ProjectFs = {
  readFile: (file) => fsp.readFile(file, 'utf8'),
  readChecked: async (file, maxBytes) => readCheckedSync(file, maxBytes),
  async exists(file) {
    try {
      await fsp.access(file);
      return true;
    } catch {
      return false;
    }
  },
  async listFiles(dir, except) {
    const out: string[] = [];
    // Children are spelled as path.join would spell them, by concatenation: the folder is normalized once, and
    // path.join's normalization of every file's path was most of the listing's time on a 1,200-file project.
    const stack = [path.join(dir, '.')];
    while (stack.length && out.length < 50000) {
      const cur = stack.pop()!;
      let entries: import('node:fs').Dirent[];
      try {
        entries = await fsp.readdir(cur, { withFileTypes: true });
      } catch {
        continue;
      }
      const prefix = cur === '.' ? '' : cur.endsWith(path.sep) ? cur : cur + path.sep;
      for (const e of entries) {
        if (e.isDirectory()) {
          if (SKIP.has(e.name) || e.name.startsWith('.')) continue;
          const sub = prefix + e.name;
          if (!except?.has(sub)) stack.push(sub);
        } else if (e.isFile()) out.push(prefix + e.name);
      }
    }
    return out;
  },
};
