import { clausesOf } from '../../src/prose/clauses.js';
import { isTranslation } from '../../src/api/load-submission.js';

describe('clauses', () => {
  it('cuts coordinated independent clauses, not lists or brackets', () => {
    expect(clausesOf('All SPOFs have been removed and the web, app (and database) servers have been moved to separate hosts.').map((c) => c.norm)).toEqual([
      'all spofs have been removed',
      'the web app and database servers have been moved to separate hosts.',
    ]);
    // No finite verb on the left: "and" joins a list, not two clauses.
    expect(clausesOf('Separating the web server, the app server and the database improves security.')).toHaveLength(1);
  });

  it('marks clauses that refer back and leading circumstances', () => {
    const [first, second] = clausesOf('We added a second HAProxy. This removes the SPOF.');
    expect([first!.continues, second!.continues]).toEqual([false, true]);
    const [setting] = clausesOf('When adding a load balancer, monitoring becomes crucial.');
    expect([setting!.setting, setting!.main]).toEqual(['when adding a load balancer', 'monitoring becomes crucial.']);
    // A condition is part of an explanation, not a circumstance.
    expect(clausesOf('If one fails, the other takes over.')[0]!.setting).toBe('');
  });
});

describe('translations beside the task file', () => {
  it.each([
    ['3-scale_up_FR.md', true],
    ['3-scale_up.fr.md', true],
    ['3-scale_up-es.md', true],
    ['3-scale_up.md', false],
    ['3-scale_up.mmd', false],
    ['3-scale_up_README.md', false],
    ['3-scale_up_diagram.mmd', false],
  ])('%s -> %s', (name, expected) => {
    expect(isTranslation(name, '3-scale_up')).toBe(expected);
  });
});
