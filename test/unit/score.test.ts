import { totalScore } from '../../src/score/score.js';

describe('score', () => {
  it('adds points, partial shares and leaves skipped rules out of the maximum', () => {
    const s = totalScore(
      [
        { status: 'pass', weight: 10 },
        { status: 'partial', weight: 12, fraction: 1 / 3 },
        { status: 'fail', weight: 8 },
        { status: 'skipped', weight: 70 },
      ],
      50,
    );
    expect(s).toMatchObject({ score: 14, maxScore: 30, manualPoints: 0 });
    expect(s.passed).toBe(false);
  });

  it('points awaiting review are not points: the verdict is pending while they could change it', () => {
    const pending = totalScore([{ status: 'pass', weight: 30 }, { status: 'manual', weight: 70 }], 70);
    expect(pending).toMatchObject({ score: 30, manualPoints: 70, passed: false, verdict: 'pending' });
    // An image-only submission: nothing won, everything awaiting a person.
    expect(totalScore([{ status: 'fail', weight: 17 }, { status: 'manual', weight: 83 }], 70).verdict).toBe('pending');
    // Even with every point awaiting review granted it stays below: failed.
    expect(totalScore([{ status: 'fail', weight: 50 }, { status: 'manual', weight: 10 }], 70).verdict).toBe('failed');
    // Above the threshold on the points won: passed, whatever the review says.
    expect(totalScore([{ status: 'pass', weight: 80 }, { status: 'manual', weight: 20 }], 70)).toMatchObject({ passed: true, verdict: 'passed' });
  });
});
