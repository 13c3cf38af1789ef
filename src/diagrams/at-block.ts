import { JSON_SCHEMA, load } from 'js-yaml';

/**
 * An `@{ ... }` block of a flowchart node or a sequence participant, read as Mermaid reads it: YAML
 * under the JSON schema, a one-line block inside braces. The reason when it is not valid YAML.
 */
export function readAtBlock(block: string): { value: unknown } | { invalid: string } {
  // Read before the try: the CLI requires js-yaml on first use (scripts/bundle-options.mjs), and a
  // failure to load it is infralint's, not a finding about the student's YAML.
  const parse = load;
  const schema = JSON_SCHEMA;
  try {
    return { value: parse(block.includes('\n') ? `${block}\n` : `{\n${block}\n}`, { schema }) };
  } catch (error) {
    return { invalid: (error as Error).message.split('\n')[0] ?? '' };
  }
}
