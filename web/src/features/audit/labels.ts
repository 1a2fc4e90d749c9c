import { auditActionNames, auditEntityTypeNames } from '@server/audit/audit-labels';

/** Display names for the audit codes the server records (kept on the server); unknown codes are shown as they are. */
export const entityTypeNames = auditEntityTypeNames;

export const actionName = (code: string): string => auditActionNames[code] ?? code;
export const entityTypeName = (code: string): string => auditEntityTypeNames[code] ?? code;
