// The SFDX project a path belongs to: the nearest folder up from it with sfdx-project.json (else the
// path's own folder). Its own module so commands that do not validate (send) do not load the validator.
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { nodeFs } from '../core/project/fs';

export async function findProjectRoot(start: string): Promise<string> {
  let dir = path.resolve(start);
  try {
    if (!(await fsp.stat(dir)).isDirectory()) dir = path.dirname(dir);
  } catch {
    dir = path.dirname(dir);
  }
  for (let d = dir; ; d = path.dirname(d)) {
    if (await nodeFs.exists(path.join(d, 'sfdx-project.json'))) return d;
    if (path.dirname(d) === d) return dir;
  }
}
