import { readsLanguage } from '../prose/analyze-prose.js';
import { questionProblem, readQuestion, type Question } from '../prose/questions.js';
import { unreadLanguage } from './prose-helpers.js';
import { outcomeFromShare, type RuleFinding, type RuleModule } from './rule.js';

/**
 * The prose answers the questions a rubric asks (options.questions: see prose/questions.ts), each
 * worth an equal share: all answered pass, some partial, none fail. A task's explanation
 * requirements are data: `{ "id": "explain-issues", "rule": "explain", "options": { "questions": [...] } }`.
 */
export const explain: RuleModule = {
  meta: {
    id: 'explain',
    description: 'The prose answers the questions of the task: each one stated in a sentence about its subject, with a reason where the task asks why.',
    diagramBased: false,
    whenTaskMissing: 'fail',
    partialCredit: true,
    validateOptions: (options) => questionsProblem(options.questions),
  },
  check(context) {
    const questions = context.options.questions as Question[];
    const { prose, submission } = context;
    if (!readsLanguage(prose)) return unreadLanguage(prose);
    const at = submission.taskFile ? { file: submission.taskFile.relPath, line: 1, column: 1 } : null;
    const parts: Record<string, boolean> = {};
    const answered: string[] = [];
    const findings: RuleFinding[] = [];
    for (const question of questions) {
      const reading = readQuestion(prose, question);
      parts[question.id] = reading.answeredAt !== null;
      if (reading.answeredAt) {
        answered.push(`${question.name} (line ${reading.answeredAt.line})`);
        continue;
      }
      const wants = question.reason || question.why ? 'with a reason or a consequence' : 'with the answer itself';
      const { contradicted } = reading;
      findings.push({
        message: contradicted
          ? `Not answered: ${question.name}. Line ${contradicted.at.line} states an answer that your own text contradicts (line ${contradicted.by.line}): say which one this design really is.`
          : reading.mentionedAt
            ? `Not answered: ${question.name}. It is named (line ${reading.mentionedAt.line}), but no sentence about it answers ${wants}.`
            : `Not answered: ${question.name}.`,
        at: contradicted ? { ...contradicted.at, column: 1 } : reading.mentionedAt ? { ...reading.mentionedAt, column: 1 } : at,
        ...(question.hint ? { hint: question.hint } : {}),
      });
    }
    const missing = questions.filter((q) => !parts[q.id]).map((q) => q.name);
    const message = missing.length === 0
      ? `Every question is answered: ${answered.join('; ')}.`
      : `Answered: ${answered.length ? answered.join('; ') : 'nothing'}. Not answered: ${missing.join('; ')}.`;
    return { ...outcomeFromShare(answered.length, questions.length, message, findings), parts };
  },
};

/** What is wrong with a rubric's questions, if anything: none, a question without id or name, a bad term. */
function questionsProblem(questions: unknown): string | null {
  if (!Array.isArray(questions) || questions.length === 0) return 'needs a non-empty "questions" option';
  const ids = new Set<string>();
  for (const [i, q] of (questions as Partial<Question>[]).entries()) {
    if (!q || typeof q.id !== 'string' || typeof q.name !== 'string' || !(Array.isArray(q.answer) || Array.isArray(q.choices))) return `questions[${i}] needs an "id", a "name" and an "answer" (or "choices")`;
    if (ids.has(q.id)) return `question "${q.id}" is listed twice`;
    ids.add(q.id);
    const problem = questionProblem(q as Question);
    if (problem) return `question "${q.id}": ${problem}`;
  }
  return null;
}
