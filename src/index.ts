/** infralint's library API: what the CLI, the GitHub Action and bulk grading all call. */
export { lintSubmission, lintText, gradeSubmission } from './api/lint-submission.js';
export type { LintOptions, LintTextOptions } from './api/lint-submission.js';
export type { LintReport, TaskResult, RuleResult, DiagramSummary } from './report/model.js';
export { loadSubmission } from './submission/load-submission.js';
export { detectCurriculum, explainCurriculum } from './discover/detect-curriculum.js';
export type { CurriculumDetection } from './discover/detect-curriculum.js';
export { UsageError } from './errors.js';
export { loadRubric, validateRubric } from './config/rubric.js';
export { findConfig, applyConfig, rubricFromConfig } from './config/config.js';
export type { InfralintConfig } from './config/config.js';
export type { Rubric, RubricRule, Curriculum } from './config/rubric.js';
export { bundledRubrics, projectRubrics, CURRICULA } from './config/rubric.js';
export { parseDiagram } from './diagrams/parse-diagram.js';
export { toOracleGraph } from './diagrams/oracle-record.js';
export type { DiagramParse, DiagramError } from './diagrams/types.js';
export { formatReport, FORMATS } from './reporters/index.js';
export { RULES } from './rules/registry.js';
export type { Finding, RuleStatus, Severity } from './types.js';
