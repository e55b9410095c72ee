/**
 * Builds the configured API (used by main.ts and the e2e tests): principals, request logs,
 * the body rules (Nest's own parser is off; JsonBodyMiddleware parses after authentication),
 * the error filter and the OpenAPI document at /api/docs (UI) and /api/docs-json.
 */
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { AppModule } from './app.module';
import { PrincipalRegistry } from './auth/principals';
import { EnvelopeDto } from './commands/envelope.dto';
import { ErrorBodyDto } from './http/error-body.dto';
import { addCommandDataSchemas } from './openapi/command-data-schemas';

export interface CreateAppOptions {
  /** The principals file; default LEDGER_PRINCIPALS. */
  readonly principalsFile?: string;
  /** Principals given directly (takes precedence over the file). */
  readonly principals?: PrincipalRegistry;
  /** pino level; default LOG_LEVEL, else info. */
  readonly logLevel?: string;
  /** Where the logs go; default stdout. */
  readonly logStream?: DestinationStream;
  /** Serve the OpenAPI document and UI; default true. */
  readonly openApi?: boolean;
}

export const DOCS_PATH = 'api/docs';

/** Unset: no principals, every call but /health and /api/docs is 401. Set but unreadable or malformed: refuse to start. */
const loadPrincipals = (file: string | undefined): PrincipalRegistry =>
  file === undefined || file.trim() === '' ? new PrincipalRegistry([]) : PrincipalRegistry.fromFile(file);

export const setupOpenApi = (app: INestApplication): void => {
  const config = new DocumentBuilder()
    .setTitle('Trial Ledger API')
    .setDescription(
      'Event-sourced audit ledger for clinical trials. Commands, rules and errors: the command contract (commands.md). ' +
        'Every route but /health and /api/docs needs `Authorization: Bearer <token>`; every 4xx answers `{ error, message, field? }`.',
    )
    .setVersion('1')
    .addBearerAuth({
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'opaque',
      description: 'A token of LEDGER_PRINCIPALS (stored there as its SHA-256)',
    })
    .build();
  const document = SwaggerModule.createDocument(app, config, { extraModels: [ErrorBodyDto] });
  addCommandDataSchemas(document, EnvelopeDto.name);
  SwaggerModule.setup(DOCS_PATH, app, document, {
    jsonDocumentUrl: `${DOCS_PATH}-json`,
    yamlDocumentUrl: `${DOCS_PATH}-yaml`,
  });
};

export async function createApp(options: CreateAppOptions = {}): Promise<INestApplication> {
  const principals = options.principals ?? loadPrincipals(options.principalsFile ?? process.env.LEDGER_PRINCIPALS);
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.register({
      principals,
      logLevel: options.logLevel ?? process.env.LOG_LEVEL ?? 'info',
      logStream: options.logStream,
    }),
    { bodyParser: false, bufferLogs: true, abortOnError: false },
  );
  app.useLogger(app.get(Logger));
  // Boot logs were buffered until pino was in place; without this they would wait for listen().
  app.flushLogs();
  if (principals.size === 0)
    app
      .get(Logger)
      .warn('no principals (LEDGER_PRINCIPALS unset or empty): every call but /health and /api/docs is 401', 'Auth');
  app.disable('x-powered-by');
  if (options.openApi !== false) setupOpenApi(app);
  await app.init();
  return app;
}
