/**
 * The HTTP door. Capabilities sit in their own folders and modules (commands, participants,
 * health); the study report joins as a ReportModule from ./report/ (GET
 * /api/v1/studies/:studyId/report), imported below like the others: it inherits the bearer
 * guard, the JSON body rules, the error filter and the request logs without further wiring.
 */
import { Module, RequestMethod, type DynamicModule, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import type { Options } from 'pino-http';
import { AuthModule } from './auth/auth.module';
import type { AuthenticatedRequest } from './auth/authenticated-request';
import { BearerAuthMiddleware } from './auth/bearer-auth.middleware';
import type { PrincipalRegistry } from './auth/principals';
import { CommandsModule } from './commands/commands.module';
import { HealthModule } from './health/health.module';
import { ApiExceptionFilter } from './http/api-exception.filter';
import { JsonBodyMiddleware } from './http/json-body.middleware';
import { ParticipantsModule } from './participants/participants.module';
import { ReportModule } from './report/report.module';
import { SafetyModule } from './safety/safety.module';
import { StudiesModule } from './studies/studies.module';

/** The routes that need no token (commands.md "HTTP"); the OpenAPI routes are served before any middleware. */
export const PUBLIC_ROUTES = [{ path: 'health', method: RequestMethod.GET }];

const EVERY_ROUTE = { path: '{/*splat}', method: RequestMethod.ALL };

export interface AppModuleOptions {
  readonly principals: PrincipalRegistry;
  /** pino level: trace, debug, info, warn, error, fatal or silent. */
  readonly logLevel: string;
  /** Where the logs go; stdout when omitted. */
  readonly logStream?: DestinationStream;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

const pinoHttpOptions = (level: string): Options<IncomingMessage, ServerResponse> => ({
  level,
  // Bearer tokens are credentials: never in a log line.
  redact: {
    paths: [
      'req.headers.authorization',
      'req.headers["proxy-authorization"]',
      'req.headers.cookie',
      'req.headers["x-signing-password"]',
    ],
    censor: '[redacted]',
  },
  genReqId: (req, res) => {
    const given = req.headers['x-request-id'];
    const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    res.setHeader('X-Request-Id', id);
    return id;
  },
  customLogLevel: (_req, res, err) =>
    err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
  customProps: (req) => {
    const principal = (req as AuthenticatedRequest).principal;
    return principal ? { principal: { id: principal.id, role: principal.role } } : {};
  },
});

@Module({})
export class AppModule implements NestModule {
  static register(options: AppModuleOptions): DynamicModule {
    const http = pinoHttpOptions(options.logLevel);
    return {
      module: AppModule,
      imports: [
        LoggerModule.forRoot({ pinoHttp: options.logStream ? [http, options.logStream] : http }),
        AuthModule.register(options.principals),
        HealthModule,
        CommandsModule,
        StudiesModule,
        SafetyModule,
        ParticipantsModule,
        ReportModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: ApiExceptionFilter }],
    };
  }

  /** Identity, then the body: an unknown caller is 401 before a byte of the body is parsed. */
  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(BearerAuthMiddleware)
      .exclude(...PUBLIC_ROUTES)
      .forRoutes(EVERY_ROUTE);
    consumer.apply(JsonBodyMiddleware).forRoutes(EVERY_ROUTE);
  }
}
