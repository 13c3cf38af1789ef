// One size-scaling measure, in a fresh process: node scale-run.mjs <dist> <family> <bytes>.
// Prints {cpuMs, wallMs, rssMb}: the CPU of lintText on the family's text (after a warm-up run).
import { FAMILIES } from './families.mjs';

const [dist, family, bytes] = process.argv.slice(2);
const { lintText } = await import(`${dist}/index.js`);
await lintText('# 3\n\n```mermaid\nflowchart TD\nA-->B\n```\n', { rubric: '3-scale_up' });
const text = FAMILIES[family](Number(bytes));
const cpu = process.cpuUsage();
const wall = performance.now();
await lintText(text, { rubric: '3-scale_up' });
const used = process.cpuUsage(cpu);
console.log(JSON.stringify({ cpuMs: (used.user + used.system) / 1000, wallMs: performance.now() - wall, rssMb: Math.round(process.resourceUsage().maxRSS / 1024), bytes: text.length }));
