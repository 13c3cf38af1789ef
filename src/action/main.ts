import { runAction } from './run-action.js';

// Entry point of the bundled GitHub Action (action/dist/index.mjs).
process.exitCode = await runAction(process.env, (text) => process.stdout.write(text));
