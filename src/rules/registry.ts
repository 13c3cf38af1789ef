import { appTier } from './app-tier.js';
import { baseCarried } from './base-carried.js';
import { carriedOver } from './carried-over.js';
import { componentCount } from './component-count.js';
import { componentPresent } from './component-present.js';
import { consistency } from './consistency.js';
import { dbPrimaryReplica } from './db-primary-replica.js';
import { dbTier } from './db-tier.js';
import { diagramPresent } from './diagram-present.js';
import { diagramRenders } from './diagram-renders.js';
import { domainDns } from './domain-dns.js';
import { english } from './english.js';
import { explain } from './explain.js';
import { explainAdditions } from './explain-additions.js';
import { explainWebVsApp } from './explain-web-vs-app.js';
import { https } from './https.js';
import { lbCluster } from './lb-cluster.js';
import { lbPair } from './lb-pair.js';
import { monitoring } from './monitoring.js';
import { prescribedLabels } from './prescribed-labels.js';
import { requestFlow } from './request-flow.js';
import type { RuleModule } from './rule.js';
import { serverAdded } from './server-added.js';
import { serverCount } from './server-count.js';
import { serverStack } from './server-stack.js';
import { singleServer } from './single-server.js';
import { taskFile } from './task-file.js';
import { webTier } from './web-tier.js';

/** Every rule infralint knows, by id. Rubrics (rules/*.json) choose among them and weigh them. */
export const RULES: ReadonlyMap<string, RuleModule> = new Map(
  [
    taskFile, diagramPresent, diagramRenders, lbPair, lbCluster, webTier, appTier, dbTier, serverAdded, requestFlow,
    carriedOver, explainAdditions, explainWebVsApp, consistency, english, explain, componentCount, https, monitoring, baseCarried,
    componentPresent, singleServer, domainDns, serverCount, serverStack, dbPrimaryReplica, prescribedLabels,
  ].map((rule) => [rule.meta.id, rule]),
);
