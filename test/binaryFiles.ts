// Binary files for the bad-input tests and the benchmark: deterministic bytes (a linear congruential
// generator; NUL bytes appear as in any binary file), written in 1 MB chunks so memory stays small.
import * as fs from 'node:fs';

export function binaryBytes(n: number, seed = 12345): Buffer {
  const b = Buffer.alloc(n);
  let x = seed >>> 0;
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    b[i] = x >>> 24;
  }
  return b;
}

export function writeBinary(file: string, megabytes: number, seed = 12345): void {
  const fd = fs.openSync(file, 'w');
  try {
    const chunk = binaryBytes(1024 * 1024, seed);
    for (let i = 0; i < megabytes; i++) fs.writeSync(fd, chunk);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * A binary file that is mostly printable bytes (like a PDF or an archive of text): NUL bytes in its header,
 * then ASCII. Cheap to send through JSON-RPC, so a test can open 50 MB of it in the server.
 */
export function mostlyTextBinary(megabytes: number): string {
  const line = 'stream x\u0001\u0002 0 obj << /Length 512 /Filter /FlateDecode >> endstream endobj 1234567890 abcdefghij\n';
  const head = '%PDF-1.7\n%\u0000\u0000\u0000\u0000\n';
  return head + line.repeat(Math.ceil((megabytes * 1024 * 1024 - head.length) / line.length));
}
