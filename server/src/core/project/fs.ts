// The file access the project index needs, passed in (the core never touches a platform API by itself).
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
  /** Size and first NUL byte, read without decoding the file (binary or too large files are never decoded). */
  probe?(file: string): Promise<FileFacts | undefined>;
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
  probe: (file) => probeFile(file).catch(() => undefined),
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
    const stack = [dir];
    while (stack.length && out.length < 50000) {
      const cur = stack.pop()!;
      let entries: import('node:fs').Dirent[];
      try {
        entries = await fsp.readdir(cur, { withFileTypes: true });
      } catch {
        continue;
      }
      for (const e of entries) {
        if (e.isDirectory()) {
          if (SKIP.has(e.name) || e.name.startsWith('.')) continue;
          const sub = path.join(cur, e.name);
          if (!except?.has(sub)) stack.push(sub);
        } else if (e.isFile()) out.push(path.join(cur, e.name));
      }
    }
    return out;
  },
};
