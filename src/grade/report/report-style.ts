import type { RuleStatus } from '../../types.js';
import type { Verdict } from '../../score/score.js';

/**
 * How each rule status reads: a symbol for the dense per-rule columns and a word everywhere else,
 * both text (colour is only a second signal). Symbols from Latin-1 and the Dingbats every desktop
 * font has, not emoji (an empty box where no emoji font is installed). `manual` reads "review": the
 * points wait for a person and are never shown as won.
 */
export const STATUS_TEXT: Record<RuleStatus, { symbol: string; word: string; order: number }> = {
  fail: { symbol: '✗', word: 'fail', order: 0 },
  partial: { symbol: '½', word: 'partial', order: 1 },
  manual: { symbol: '?', word: 'review', order: 2 },
  pass: { symbol: '✓', word: 'pass', order: 3 },
  skipped: { symbol: '–', word: 'skipped', order: 4 },
};
export const STATUSES = Object.keys(STATUS_TEXT) as RuleStatus[];

/** A task's verdict as a person reads it; `pending` is its own state, never "passed". */
export const VERDICT_TEXT: Record<Verdict | 'error' | 'missing', string> = {
  passed: '✓ passed',
  failed: '✗ failed',
  pending: '? pending review',
  error: '! error',
  missing: '– not handed in',
};

/** Rows shown per page, by the script and by the style that hides the rest before the script runs. */
export const PAGE_SIZE = 50;

export const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Helvetica,Arial,sans-serif;margin:0 auto;max-width:1200px;padding:1rem 1.5rem;color:#1f2328}
h1{font-size:1.6rem}h2{margin-top:2rem;border-bottom:1px solid #d0d7de;padding-bottom:.3rem}
table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #d0d7de;padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:#f6f8fa}.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.bar{display:inline-block;height:.7rem;background:#c62828;vertical-align:middle}
details{border:1px solid #d0d7de;border-radius:6px;margin:.4rem 0;padding:.3rem .7rem}summary{cursor:pointer;font-weight:600}
.muted{color:#57606a}.error{color:#c62828}code{background:#f6f8fa;padding:0 .2rem;border-radius:3px}
.legend span{display:inline-block;border:1px solid #888;border-radius:4px;padding:0 .4rem;margin:.1rem;font-size:.8rem}
.k-pass{color:#2e7d32}.k-fail{color:#c62828}.k-partial{color:#9a6700}.k-manual{color:#1565c0}.k-skipped{color:#777}
.v-passed{color:#2e7d32}.v-failed,.v-error{color:#c62828}.v-pending{color:#1565c0}
.wide{overflow-x:auto;max-width:100%}
#students{font-size:13px}#students td{white-space:nowrap}#students td.rc,#students td[class^="k-"]{text-align:center;font-weight:700;padding:.2rem .3rem}
#students th.rh{vertical-align:bottom;padding:.3rem .15rem}#students th.rh span,#students th.rh button{writing-mode:vertical-rl;transform:rotate(180deg);white-space:nowrap}
#students caption{text-align:left;font-weight:600;padding:.3rem 0}
th button{font:inherit;font-weight:600;background:none;border:0;padding:0;cursor:pointer;color:inherit;text-align:inherit}
th[aria-sort=ascending] button::after{content:" ▲"}th[aria-sort=descending] button::after{content:" ▼"}
#controls{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;margin:.5rem 0}#controls label{white-space:nowrap}
.rules td:first-child{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.9em}.rules td div{font-size:.9em;margin-top:.2rem}
.drill details{margin:.2rem 0}.drill a{white-space:nowrap}
figure.graph{margin:.5rem 0}figure.graph svg.fit{max-width:100%;height:auto}
.scroll{overflow:auto;max-height:85vh;border:1px solid #d0d7de}
svg.defs{position:absolute;width:0;height:0;overflow:hidden}
/* Scripts on, until the script has paged the table: its first page only, and those students' sections. */
.js #students:not(.paged) tbody tr:nth-child(n+${PAGE_SIZE + 1}){display:none}
.js #sections:not(.paged)>details:nth-of-type(n+${PAGE_SIZE + 1}){display:none}
@media print{#controls{display:none}}
`;
