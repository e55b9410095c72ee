import { dataOf } from '../participant/participant.commands';
import { checkClinicalDate, checkNewRecordId, requireEnrolled, requireNotAfterWithdrawal } from '../participant/guards';
import type { Decide } from '../participant/participant.decider';
import type { ProcedureRecorded } from '../participant/participant.events';

/** Protocol breaches (doses, sites, sedation, holds) never reject: they are derived as deviations. */
export const recordProcedure: Decide = (c, s, ctx) => {
  requireEnrolled(s);
  const data = dataOf<ProcedureRecorded['data']>(c);
  checkNewRecordId(s, data.procedureId, 'data.procedureId');
  requireNotAfterWithdrawal(s, data.performedOn, 'data.performedOn');
  checkClinicalDate(s, ctx, data.performedOn, 'data.performedOn');
  return [{ type: 'ProcedureRecorded', data }];
};
