import { randomUUID } from 'node:crypto';
import { type IncomingMessage, type ServerResponse } from 'node:http';
import { Module } from '@nestjs/common';
import { SECRET_LOG_PATHS } from '@aerostic/shared/node';
import { LoggerModule } from 'nestjs-pino';
import { destination, type DestinationStream } from 'pino';
import { APP_CONFIG, type AppConfig } from '../config/app-config';

const REQUEST_ID = /^[\w.:-]{1,128}$/;

/** Where the log lines go: standard output. Tests override it to read what the API logs. */
export const LOG_DESTINATION = Symbol('LOG_DESTINATION');

/** An invitation link is a credential: its token never reaches the log, whether in the path or the query. */
export function loggableUrl(url: string): string {
  return url.replace(/(\/auth\/invitations\/)[^/?#]+/, '$1[redacted]').replace(/([?&]token=)[^&#]*/g, '$1[redacted]');
}

/** JSON logs with a request id on every line; secrets never reach the log. */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      providers: [{ provide: LOG_DESTINATION, useFactory: () => destination(1) }],
      inject: [APP_CONFIG, LOG_DESTINATION],
      useFactory: (config: AppConfig, logDestination: DestinationStream) => ({
        pinoHttp: [
          {
            level: config.LOG_LEVEL,
            // Reuse nginx's X-Request-Id so one id follows a request through every hop.
            genReqId: (req: IncomingMessage, res: ServerResponse) => {
              const incoming = req.headers['x-request-id'];
              const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
              res.setHeader('X-Request-Id', id);
              return id;
            },
            redact: {
              paths: [
                'req.headers.authorization',
                'req.headers.cookie',
                'res.headers["set-cookie"]',
                '*.password',
                '*.access_token',
                ...SECRET_LOG_PATHS,
              ],
              censor: '[redacted]',
            },
            serializers: {
              req: (req: { id: string; method: string; url: string; remoteAddress?: string }) => ({
                id: req.id,
                method: req.method,
                url: loggableUrl(req.url),
                remoteAddress: req.remoteAddress,
              }),
              res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
            },
            customLogLevel: (_req: IncomingMessage, res: ServerResponse, err?: Error) =>
              err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
            autoLogging: { ignore: (req: IncomingMessage) => req.url === '/health' },
          },
          logDestination,
        ],
      }),
    }),
  ],
})
export class LoggingModule {}
