// Runs the CLI in this process and prints its peak memory: node rss-run.mjs <dist> <args...>.
const [dist, ...args] = process.argv.slice(2);
const { main } = await import(`${dist}/cli/main.js`);
const code = await main(args);
process.stderr.write(`\n${JSON.stringify({ code, peakMb: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`);
process.exit(code);
