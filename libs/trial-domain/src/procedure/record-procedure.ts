import { PARTICIPANT_REF_SCHEMA, RECORD_ID_FIELD, type Command, type Decide } from '../participant/command';
import { checkClinicalDate, checkNewRecordId, requireEnrolled, requireNotAfterWithdrawal } from '../participant/guards';
import type { ProcedureRecorded } from '../participant/participant.events';
import type { Schema } from '../shared/schema';
import { INJECTION_SITES } from '../shared/vocabulary';

export type RecordProcedure = Command<'RecordProcedure', ProcedureRecorded['data']>;

const INJECTION_SCHEMA: Schema = {
  site: { rule: { kind: 'enum', values: INJECTION_SITES } },
  level: { rule: { kind: 'string', allowEmpty: true }, optional: true },
  side: { rule: { kind: 'enum', values: ['left', 'right'] }, optional: true },
  cellsMillions: {
    rule: { kind: 'number', min: 0, exclusiveMin: true, max: 1000 },
  },
};

/** A procedure record's fields: what RecordProcedure records and CorrectRecord may change. */
export const PROCEDURE_SCHEMA: Schema = {
  performedOn: { rule: { kind: 'date' } },
  weightKg: { rule: { kind: 'number', min: 30, max: 300 } },
  sedation: { rule: { kind: 'boolean' } },
  productLot: { rule: { kind: 'string' } },
  injections: {
    rule: { kind: 'objects', of: INJECTION_SCHEMA, nonEmpty: true },
  },
};

export const RECORD_PROCEDURE_SCHEMA: Schema = {
  ...PARTICIPANT_REF_SCHEMA,
  procedureId: RECORD_ID_FIELD,
  ...PROCEDURE_SCHEMA,
};

/** Protocol breaches (doses, sites, sedation, holds) never reject: they are derived as deviations. */
export const recordProcedure: Decide<RecordProcedure, ProcedureRecorded> = (c, s, ctx) => {
  requireEnrolled(s);
  checkNewRecordId(s, c.data.procedureId, 'data.procedureId');
  requireNotAfterWithdrawal(s, c.data.performedOn, 'data.performedOn');
  checkClinicalDate(s, ctx, c.data.performedOn, 'data.performedOn');
  return [{ type: 'ProcedureRecorded', data: c.data }];
};
