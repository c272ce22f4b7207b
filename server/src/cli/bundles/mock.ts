// dist/cli-mock.js: the mock command (loaded by the dispatcher, cli.ts, when it runs).
import '../mock';
export { COMMANDS } from '../registry';
