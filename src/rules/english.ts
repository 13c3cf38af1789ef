import type { RuleModule } from './rule.js';

/** The prose is written in English (a warning: the curriculum asks for it, it carries no points). */
export const english: RuleModule = {
  meta: { id: 'english', description: 'The prose is written in English.', diagramBased: false, whenTaskMissing: 'pass' },
  check({ prose, submission }) {
    const { englishWords, otherWords, isEnglish } = prose.english;
    if (isEnglish) return { status: 'pass', message: prose.wordCount ? 'The prose is in English.' : 'No prose to check.' };
    return {
      status: 'fail',
      message: `Most of the prose is not in English (${otherWords} non-English function words against ${englishWords} English ones).`,
      findings: [{ message: 'The explanations are not written in English; the task asks for English.', severity: 'warning', at: submission.taskFile ? { file: submission.taskFile.relPath, line: 1, column: 1 } : null, hint: 'Translate the explanations into English.' }],
    };
  },
};
