// Push diagnostics, debounced per URI, with a stale-result guard: a result is sent only if the document's
// version is still the one validated; a new edit cancels the pending run.
import type { Connection } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Problem } from '../core/model/problem';
import { internalProblem } from '../core/rules/runner';
import { toDiagnostic } from './convert';
import { formatError } from './runner';
import type { RuntimeEnvironment } from './runtime';

export class DiagnosticsScheduler {
  private pending = new Map<string, { dispose(): void; cancelled: boolean }>();

  constructor(
    private readonly connection: Connection,
    private readonly runtime: RuntimeEnvironment,
    private readonly validate: (doc: TextDocument, isCancelled: () => boolean) => Problem[],
    private readonly debounceMs: () => number,
    private readonly log: (msg: string) => void,
  ) {}

  schedule(doc: TextDocument, delay = this.debounceMs()): void {
    this.cancel(doc.uri);
    const state = { cancelled: false, dispose: () => undefined as void };
    const version = doc.version;
    const handle = this.runtime.timer.setTimeout(() => {
      this.pending.delete(doc.uri);
      if (state.cancelled) return;
      let problems: Problem[];
      try {
        problems = this.validate(doc, () => state.cancelled);
      } catch (e) {
        this.log(formatError(`Validation failed for ${doc.uri}`, e));
        problems = [internalProblem(e, undefined, 'the error is in the "Flow Callout Studio" output channel')];
      }
      if (state.cancelled || doc.version !== version) return;
      this.connection.sendDiagnostics({ uri: doc.uri, version, diagnostics: problems.map((p) => toDiagnostic(doc, p)) });
    }, delay);
    state.dispose = () => handle.dispose();
    this.pending.set(doc.uri, state);
  }

  revalidateAll(docs: TextDocument[]): void {
    for (const d of docs) this.schedule(d);
  }

  cancel(uri: string): void {
    const p = this.pending.get(uri);
    if (p) {
      p.cancelled = true;
      p.dispose();
      this.pending.delete(uri);
    }
  }

  clear(uri: string): void {
    this.cancel(uri);
    this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }
}
