// A model whose tree an edit patched into the next version (flow/incremental.ts patches in place) describes
// text that no longer exists: its offsets and leaves are the new version's. The flow store marks it, and
// every analysis entry point refuses it loudly instead of answering with wrong offsets.
import type { FlowModel } from './model';

export class SupersededModelError extends Error {
  constructor() {
    super('This flow model was superseded by an edit (its tree now describes the newer text). Ask the flow store for the current model.');
    this.name = 'SupersededModelError';
  }
}

export function markSuperseded(model: FlowModel): void {
  model.superseded = true;
}

export function assertCurrent(model: FlowModel): void {
  if (model.superseded) throw new SupersededModelError();
}
