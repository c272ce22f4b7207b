// Loads dist/generators.js once, on first use (see engine.ts).
import * as path from 'node:path';
import type * as Engine from './engine';

let engine: typeof Engine | undefined;
let root = '';

export function setGeneratorsRoot(extensionPath: string): void {
  root = extensionPath;
}

export function loadGenerators(): typeof Engine {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  engine ??= require(path.join(root, 'dist', 'generators.js')) as typeof Engine;
  return engine;
}
