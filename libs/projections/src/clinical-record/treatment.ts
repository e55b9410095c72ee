/** Treatment sessions and arms are protocol rules: the domain's (libs/trial-domain treatment/treatment.ts). */
export { treatmentOf, type Treatment } from '../../../trial-domain/src';
