import { Global, Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { BearerAuthGuard } from './bearer-auth.guard';
import { PrincipalRegistry } from './principals';

/** Bearer-token identity for the whole app: the principals and the global guard
 * (BearerAuthMiddleware is mounted by AppModule, before the body is read). */
@Global()
@Module({})
export class AuthModule {
  static register(principals: PrincipalRegistry): DynamicModule {
    return {
      module: AuthModule,
      providers: [
        { provide: PrincipalRegistry, useValue: principals },
        { provide: APP_GUARD, useClass: BearerAuthGuard },
      ],
      exports: [PrincipalRegistry],
    };
  }
}
