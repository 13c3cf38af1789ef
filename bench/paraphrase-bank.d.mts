// Types of bench/paraphrase-bank.mjs, for the test that keeps the bank at 100%.
export interface BankDisagreement { file: string; name: string; rule: string; wanted: string; got: string; message: string }
export interface BankScore {
  cases: number;
  agree: number;
  total: number;
  perRule: Record<string, { agree: number; total: number; confusion: Record<string, number> }>;
  disagreements: BankDisagreement[];
}
export function bankFiles(dir: string): string[];
export function scoreBanks(files: string[], lint: (dir: string) => Promise<{ results: { rules: { id: string; status: string; message: string; parts?: Record<string, boolean> }[] }[] }>): Promise<BankScore>;
