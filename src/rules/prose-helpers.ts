import type { ProseAnalysis } from '../prose/analyze-prose.js';
import type { RuleOutcome } from './rule.js';

const LANGUAGE_NAMES: Record<ProseAnalysis['language'], string> = { en: 'English', fr: 'French', es: 'Spanish', de: 'German', pt: 'Portuguese' };

/** Explanations in a language infralint does not read: a person judges them, the language never fails them. */
export function unreadLanguage(prose: ProseAnalysis): RuleOutcome {
  return {
    status: 'manual',
    message: `The explanations are written in ${LANGUAGE_NAMES[prose.language]}: infralint reads explanations in English and French only, so a person must judge them.`,
  };
}
