// The stdio message writer: each JSON-RPC message goes out as one write (header and body together).
// vscode-jsonrpc's stream writer writes the header and the body separately — two system calls per message,
// which on some machines (sandboxed, virtualised) cost more than building the message.
import { AbstractMessageWriter, type Message, type MessageWriter } from 'vscode-languageserver/node';

export class SingleWriteMessageWriter extends AbstractMessageWriter implements MessageWriter {
  private errorCount = 0;

  constructor(private readonly out: NodeJS.WritableStream) {
    super();
    out.on('error', (e: Error) => this.fireError(e));
    out.on('close', () => this.fireClose());
  }

  write(msg: Message): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      let frame: string;
      try {
        const json = JSON.stringify(msg);
        frame = `Content-Length: ${Buffer.byteLength(json, 'utf8')}\r\n\r\n${json}`;
      } catch (e) {
        this.fireError(e);
        reject(e);
        return;
      }
      this.out.write(frame, 'utf8', (error) => {
        if (!error) return resolve();
        this.errorCount++;
        this.fireError(error, msg, this.errorCount);
        reject(error);
      });
    });
  }

  end(): void {
    this.out.end();
  }
}
