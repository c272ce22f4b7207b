// Every handler runs through runSafe: errors become a logged message and a default result, cancellation
// answers at once. Nothing a document contains can take the server down.
import { LSPErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver';

export function formatError(message: string, err: unknown): string {
  if (err instanceof Error) return `${message}: ${err.message}\n${err.stack ?? ''}`;
  return `${message}: ${String(err)}`;
}

export function runSafe<T>(log: (msg: string) => void, func: () => T, errorVal: T, errorMessage: string, token: CancellationToken | undefined): Promise<T | ResponseError<void>> {
  return new Promise((resolve) => {
    setImmediate(() => {
      if (token?.isCancellationRequested) {
        resolve(cancelled());
        return;
      }
      try {
        const result = func();
        resolve(token?.isCancellationRequested ? cancelled() : result);
      } catch (e) {
        log(formatError(errorMessage, e));
        resolve(errorVal);
      }
    });
  });
}

export async function runSafeAsync<T>(log: (msg: string) => void, func: () => Promise<T>, errorVal: T, errorMessage: string, token: CancellationToken | undefined): Promise<T | ResponseError<void>> {
  if (token?.isCancellationRequested) return cancelled();
  try {
    const result = await func();
    return token?.isCancellationRequested ? cancelled() : result;
  } catch (e) {
    log(formatError(errorMessage, e));
    return errorVal;
  }
}

function cancelled(): ResponseError<void> {
  return new ResponseError<void>(LSPErrorCodes.RequestCancelled, 'Request cancelled');
}
