// Loads dist/send-engine.js once, on first use (see engine.ts).
import * as path from 'node:path';
import type * as Engine from './engine';

let engine: typeof Engine | undefined;
let root = '';

export function setEngineRoot(extensionPath: string): void {
  root = extensionPath;
}

export function loadEngine(): typeof Engine {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  engine ??= require(path.join(root, 'dist', 'send-engine.js')) as typeof Engine;
  return engine;
}
