import { readAtBlock } from '../../src/diagrams/at-block.js';

describe('an @{ ... } block, read as Mermaid reads it', () => {
  it('reads a one-line block inside braces and a multi-line block as it is, under the JSON schema', () => {
    expect(readAtBlock(' shape: rect, label: "Web server" ')).toEqual({ value: { shape: 'rect', label: 'Web server' } });
    expect(readAtBlock('\n  shape: cyl\n  label: DB\n')).toEqual({ value: { shape: 'cyl', label: 'DB' } });
    // The JSON schema: no dates, no YAML 1.1 booleans.
    expect(readAtBlock('label: 2026-12-02, on: yes')).toEqual({ value: { label: '2026-12-02', on: 'yes' } });
  });

  it('gives js-yaml\'s reason, first line only, for a block that is not YAML', () => {
    expect(readAtBlock(' shape: [ ')).toEqual({ invalid: expect.stringMatching(/^missed comma between flow collection entries|^unexpected end of the stream/) });
    expect(readAtBlock('a: 1\n a: 2')).toEqual({ invalid: expect.not.stringContaining('\n') });
  });
});
