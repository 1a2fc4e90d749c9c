/** 'new' for a first delivery of a record, 'changed' for a new version of the same record. */
export type RecordChange = 'new' | 'changed';
