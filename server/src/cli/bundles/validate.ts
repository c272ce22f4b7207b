// dist/cli-validate.js: the validate and rules commands (loaded by the dispatcher, cli.ts, when they run).
import '../validateCommand';
export { COMMANDS } from '../registry';
