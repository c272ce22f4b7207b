// dist/cli-generate.js: the generate command (loaded by the dispatcher, cli.ts, when it runs).
import '../generate';
export { COMMANDS } from '../registry';
