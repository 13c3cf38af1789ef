import { appTier } from './app-tier.js';
import { baseCarried } from './base-carried.js';
import { carriedOver } from './carried-over.js';
import { componentCount } from './component-count.js';
import { consistency } from './consistency.js';
import { dbTier } from './db-tier.js';
import { diagramPresent } from './diagram-present.js';
import { diagramRenders } from './diagram-renders.js';
import { english } from './english.js';
import { explain } from './explain.js';
import { explainAdditions } from './explain-additions.js';
import { explainWebVsApp } from './explain-web-vs-app.js';
import { https } from './https.js';
import { lbCluster } from './lb-cluster.js';
import { lbPair } from './lb-pair.js';
import { monitoring } from './monitoring.js';
import { requestFlow } from './request-flow.js';
import type { RuleModule } from './rule.js';
import { serverAdded } from './server-added.js';
import { taskFile } from './task-file.js';
import { webTier } from './web-tier.js';

/** Every rule infralint knows, by id. Rubrics (rules/*.json) choose among them and weigh them. */
export const RULES: ReadonlyMap<string, RuleModule> = new Map(
  [
    taskFile, diagramPresent, diagramRenders, lbPair, lbCluster, webTier, appTier, dbTier, serverAdded, requestFlow,
    carriedOver, explainAdditions, explainWebVsApp, consistency, english, explain, componentCount, https, monitoring, baseCarried,
  ].map((rule) => [rule.meta.id, rule]),
);
