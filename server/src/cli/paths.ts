// The files a CLI command works on: each path given as is, each folder walked for the files `accept` keeps
// (sorted, each once). Shared by validate and mock; a light module, so the mock's bundle stays small.
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { nodeFs } from '../core/project/fs';

export async function expandPaths(paths: string[], accept: (file: string) => boolean, missing: (given: string) => Error): Promise<string[]> {
  const out: string[] = [];
  for (const p of paths) {
    const abs = path.resolve(p);
    let stat;
    try {
      stat = await fsp.stat(abs);
    } catch {
      throw missing(p);
    }
    if (stat.isDirectory()) out.push(...(await nodeFs.listFiles(abs)).filter(accept));
    else out.push(abs);
  }
  return [...new Set(out)].sort();
}
