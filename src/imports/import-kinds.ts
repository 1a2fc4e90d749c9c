import type { ImportKind } from './import-spec';
import { inspectorImport } from './specs/inspector.import';
import { itemImport } from './specs/item.import';
import { riskLevelImport } from './specs/risk-level.import';
import { subjectImport } from './specs/subject.import';
import { licenceImport, penaltyImport, registrationImport } from './specs/record.import';
import { creditRecordImport } from './specs/credit-record.import';

/**
 * Every importable register. To add one: write an ImportSpec (see import-spec.ts and
 * specs/subject.import.ts), wrap it with defineImport, and list it here; the API routes
 * (upload, template, export), the job and the CLI command follow.
 */
export const importKinds: readonly ImportKind[] = [
  subjectImport,
  inspectorImport,
  itemImport,
  registrationImport,
  licenceImport,
  penaltyImport,
  creditRecordImport,
  riskLevelImport,
];

export const importKindOf = (kind: string): ImportKind | undefined => importKinds.find((k) => k.kind === kind);
