import { labelHas, shownLabel } from '../graph/labels.js';
import { componentsWithRole, type Component, type DiagramGraph } from '../graph/model.js';
import { normaliseText } from '../graph/roles.js';
import { anyOf, DB_PRIMARY_NAMES, DB_REPLICA_NAMES, REPLICATION_TERMS } from '../vocabulary.js';
import { bestOverDiagrams, describe } from './diagram-helpers.js';
import { textOptionsProblem, type RuleModule, type RuleOutcome } from './rule.js';

const PRIMARY = anyOf(...DB_PRIMARY_NAMES);
const REPLICA = anyOf(...DB_REPLICA_NAMES);
const REPLICATION = anyOf(...REPLICATION_TERMS);
const HINT = 'Label the two databases by their part: `DB1[("MySQL Primary")] -->|replication| DB2[("MySQL Replica")]`.';

/**
 * The database is a Primary-Replica (Master-Slave) pair: a primary and a replica drawn, one
 * database labelled as the pair ("MySQL Master-Slave"), a group of databases titled so, or a
 * replication link between two databases. With the option `link` (`"replication"`), two databases
 * must also be linked by an arrow with that label.
 */
export const dbPrimaryReplica: RuleModule = {
  meta: {
    id: 'db-primary-replica',
    description: 'The database is drawn or labelled as a Primary-Replica (Master-Slave) pair, or two databases are linked by replication.',
    diagramBased: true,
    whenTaskMissing: 'fail',
    validateOptions(options) {
      return textOptionsProblem(options, ['link']);
    },
  },
  check(context) {
    const link = typeof context.options.link === 'string' ? context.options.link : null;
    return bestOverDiagrams(context.graphs, (graph) => {
      const pair = checkPair(graph);
      return pair.status === 'pass' && link ? checkLink(graph, link, pair) : pair;
    });
  },
};

/** Two databases are linked by an arrow saying `label` ("replication"). */
function checkLink(graph: DiagramGraph, label: string, pair: RuleOutcome): RuleOutcome {
  const dbs = componentsWithRole(graph, 'database');
  const keys = new Set(dbs.map((c) => c.key));
  const byKey = new Map(dbs.map((c) => [c.key, c]));
  const between = graph.edges.filter((e) => e.kind !== 'note' && e.from !== e.to && keys.has(e.from) && keys.has(e.to));
  const right = between.find((e) => labelHas(e.label, label));
  if (right) return { ...pair, message: `${pair.message.replace(/\.$/, '')}, linked by "${shownLabel(right.label)}".` };
  const primary = dbs.find((c) => PRIMARY.test(normaliseText(c.label)) && !REPLICA.test(normaliseText(c.label))) ?? dbs[0]!;
  const replica = dbs.find((c) => c !== primary && REPLICA.test(normaliseText(c.label))) ?? dbs.find((c) => c !== primary);
  const example = `\`${primary.id} -->|"${label}"| ${replica?.id ?? 'replica'}\``;
  const other = between[0];
  return {
    status: 'fail',
    message: other ? `The databases are linked by ${other.label ? `"${shownLabel(other.label)}"` : 'an arrow with no label'}, not "${label}".` : `No "${label}" arrow between the databases.`,
    findings: [{
      message: other
        ? `The arrow between ${describe(byKey.get(other.from)!)} and ${describe(byKey.get(other.to)!)} ${other.label ? `says "${shownLabel(other.label)}"` : 'has no label'}: the task asks for a "${label}" arrow from the primary to the replica.`
        : `Nothing links ${describe(primary)} to ${replica ? describe(replica) : 'a replica'}: the task asks for a "${label}" arrow from the primary to the replica.`,
      at: other?.source ?? primary.source,
      hint: `Draw the copy from the primary to the replica: ${example}.`,
    }],
  };
}

function checkPair(graph: DiagramGraph): RuleOutcome {
  const dbs = componentsWithRole(graph, 'database');
  const at = dbs[0]?.source ?? { file: graph.file, line: graph.line, column: 1 };
  if (!dbs.length) return { status: 'fail', message: 'No database in the diagram.', findings: [{ message: 'The diagram has no database.', at, hint: HINT }] };
  const text = (c: Component) => normaliseText(c.label);
  const primary = dbs.find((c) => PRIMARY.test(text(c)) && !REPLICA.test(text(c)));
  const replica = dbs.find((c) => c !== primary && REPLICA.test(text(c)));
  if (primary && replica) return { status: 'pass', message: `${describe(primary)} and ${describe(replica)} form a primary-replica pair.` };
  const both = dbs.find((c) => (PRIMARY.test(text(c)) && REPLICA.test(text(c))) || REPLICATION.test(text(c)));
  if (both) return { status: 'pass', message: `${describe(both)} is labelled as a primary-replica pair.` };
  const keys = new Set(dbs.map((c) => c.key));
  const group = graph.groups.find((g) => g.members.some((m) => keys.has(m)) && (REPLICATION.test(normaliseText(g.title)) || (PRIMARY.test(normaliseText(g.title)) && REPLICA.test(normaliseText(g.title)))));
  if (group) return { status: 'pass', message: `The databases are grouped as "${group.title}".` };
  const link = graph.edges.find((e) => e.from !== e.to && keys.has(e.from) && keys.has(e.to) && REPLICATION.test(normaliseText(e.label)));
  if (link) return { status: 'pass', message: `Two databases are linked by "${link.label}".` };
  return {
    status: 'fail',
    message: dbs.length === 1 ? `One database (${describe(dbs[0]!)}), with no replica.` : `${dbs.length} databases (${dbs.map(describe).join(', ')}), none marked primary or replica.`,
    findings: [{
      message: dbs.length === 1
        ? `${describe(dbs[0]!)} is a single database: the design needs a primary and a replica.`
        : `Nothing says which of ${dbs.map(describe).join(', ')} is the primary and which the replica.`,
      at,
      hint: HINT,
    }],
  };
}
