// What the platform gives the language server: file access and timers (node/main.ts passes Node's).
import type { ProjectFs } from '../core/project/fs';

export interface RuntimeEnvironment {
  fs: ProjectFs;
  timer: { setTimeout(cb: () => void, ms: number): { dispose(): void } };
}
