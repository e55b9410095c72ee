import { dataOf } from "../participant/participant.commands";
import { RuleViolated } from "../shared/errors";
import { checkClinicalDate } from "../participant/guards";
import type { Decide } from "../participant/participant.decider";
import type { ConsentRecorded } from "../participant/participant.events";

/** Informed consent; a re-consent may not be dated before the first one. */
export const recordConsent: Decide = (c, s, ctx) => {
  const data = dataOf<ConsentRecorded["data"]>(c);
  checkClinicalDate(s, ctx, data.signedOn, "data.signedOn");
  if (s.firstConsentOn !== null && data.signedOn < s.firstConsentOn)
    throw new RuleViolated(
      "RECONSENT_BEFORE_FIRST",
      `data.signedOn ${data.signedOn} precedes the first consent on ${s.firstConsentOn}`,
      "data.signedOn",
    );
  return [{ type: "ConsentRecorded", data }];
};
