// The anchor of the binary-flow-50mb-lsp-open row: a bare vscode-jsonrpc endpoint (the library the language
// server reads its messages with) that receives textDocument/didOpen and answers one publishDiagnostics,
// doing nothing else. What it costs is the JSON-RPC transfer of the text itself, not the server's work.
const { createMessageConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-jsonrpc/node');

const c = createMessageConnection(new StreamMessageReader(process.stdin), new StreamMessageWriter(process.stdout));
c.onRequest('initialize', () => ({ capabilities: {} }));
c.onNotification('textDocument/didOpen', (p) => void c.sendNotification('textDocument/publishDiagnostics', { uri: p.textDocument.uri, diagnostics: [] }));
c.onRequest('shutdown', () => null);
c.onNotification('exit', () => process.exit(0));
c.listen();
