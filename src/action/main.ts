import { compileRegexpsOnce } from '../regexp-compilation.js';
import { runAction } from './run-action.js';

// Entry point of the bundled GitHub Action (action/dist/index.mjs).
compileRegexpsOnce();
process.exitCode = await runAction(process.env, (text) => process.stdout.write(text));
