// Go to definition in flow XML: a reference → its declaration in the flow; a callout output → the callout
// definition or registration; `actionName` → the callout definition or External Service registration file.
import type { FlowAnalysis } from './analysis';
import { locate } from './locate';

export interface DefinitionTarget {
  /** The file to open: the flow itself (its fileName) or another project file (absolute path). */
  file: string;
  offset: number;
  length: number;
}

export function definitionInFlow(analysis: FlowAnalysis, offset: number, fileName: string): DefinitionTarget | undefined {
  const at = locate(analysis, offset);
  if (!at) return undefined;
  if (at.kind === 'action') return at.op ? { file: at.op.file, offset: 0, length: 0 } : undefined;
  if (at.kind === 'output') return at.callout?.resolution?.status === 'ok' ? { file: at.callout.resolution.op.file, offset: 0, length: 0 } : undefined;
  const r = at.resolution;
  if (!r.ok || !r.decl) return undefined;
  if (at.segment > 0 && r.decl.kind === 'actionCalls') {
    const op = analysis.operationOf(r.decl.name);
    if (op) return { file: op.file, offset: 0, length: 0 };
  }
  return { file: fileName, offset: r.decl.nameEl.textOffset, length: r.decl.nameEl.textLength };
}
