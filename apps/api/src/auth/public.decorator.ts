import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'trial-ledger:public';

/** A route anyone may call without a token (only liveness: commands.md "HTTP"). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);
