// "Copy as cURL": the request as sent, as a shell command. Built from the masked request, so secrets stay
// `••••` — the person puts them back by hand.
import type { SentRequest } from './result';

function quote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

export function toCurl(request: SentRequest): string {
  const lines = [`curl --compressed${request.method !== 'GET' ? ` -X ${request.method}` : ''} ${quote(request.url)}`];
  for (const h of request.headers) lines.push(`-H ${quote(`${h.name}: ${h.value}`)}`);
  if (request.body !== undefined) lines.push(`--data-raw ${quote(request.body)}`);
  return lines.join(' \\\n  ');
}
