// The product's version, from package.json (the one place it is written). esbuild keeps only this field.
import { version } from '../../package.json';

export const VERSION: string = version;
