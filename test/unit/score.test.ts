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

  it('never counts manual points as failed', () => {
    const s = totalScore([{ status: 'pass', weight: 30 }, { status: 'manual', weight: 70 }], 70);
    expect(s).toMatchObject({ score: 30, manualPoints: 70, passed: true });
  });
});
