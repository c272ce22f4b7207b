// dist/cli-send.js: the send command (loaded by the dispatcher, cli.ts, when it runs).
import '../send';
export { COMMANDS } from '../registry';
