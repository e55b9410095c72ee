/** The expedited clock is a protocol rule: the domain's (libs/trial-domain adverse-event/expedited-clock.ts). */
export { isDeath } from '../../../trial-domain/src';
