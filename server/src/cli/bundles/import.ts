// dist/cli-import.js: the import command (loaded by the dispatcher, cli.ts, when it runs).
import '../import';
export { COMMANDS } from '../registry';
