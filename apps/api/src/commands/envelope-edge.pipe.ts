/**
 * The envelope DTO's class-validator rules, applied to a shallow copy of what they concern: the
 * raw body itself goes on to the pipeline untouched (nothing stripped, coerced or re-keyed), so
 * that idempotency compares and the domain validates exactly what the client sent.
 */
import { Injectable, type PipeTransform } from '@nestjs/common';
import { validate } from 'class-validator';
import { ValidationFailed } from '../../../../libs/trial-domain/src';
import { EnvelopeDto } from './envelope.dto';

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

@Injectable()
export class EnvelopeEdgePipe implements PipeTransform<unknown, Promise<unknown>> {
  async transform(value: unknown): Promise<unknown> {
    if (!isPlainObject(value)) throw new ValidationFailed('the command must be a JSON object');
    const probe = Object.assign(new EnvelopeDto(), { commandId: value['commandId'] });
    const [first] = await validate(probe, { forbidUnknownValues: false });
    if (first)
      throw new ValidationFailed(
        Object.values(first.constraints ?? {})[0] ?? `${first.property} is invalid`,
        first.property,
      );
    return value;
  }
}
