import type { FastifyInstance } from 'fastify';
import type { SandboxContext } from '../sandbox-context';
import { registerBusinessRoutes } from './business-routes';
import { controlErrorHandler } from './control-error';
import { registerCustomerRoutes } from './customer-routes';
import { registerFaultRoutes } from './fault-routes';
import { registerHealthEventRoutes } from './health-event-routes';
import { registerInspectionRoutes } from './inspection-routes';
import { registerNumberHealthRoutes } from './number-health-routes';
import { registerSendControlRoutes } from './send-control-routes';
import { registerTrafficRoutes } from './traffic-routes';

/** The control API under /_sandbox: development and tests only, never part of Meta's surface. */
export function registerControlRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  app.register(
    async (control) => {
      control.setErrorHandler(controlErrorHandler);
      registerBusinessRoutes(control, ctx);
      registerTrafficRoutes(control, ctx);
      registerCustomerRoutes(control, ctx);
      registerFaultRoutes(control, ctx);
      registerInspectionRoutes(control, ctx);
      registerSendControlRoutes(control, ctx);
      registerNumberHealthRoutes(control, ctx);
      registerHealthEventRoutes(control, ctx);

      control.post('/reset', async () => {
        ctx.deliverer.reset();
        ctx.state.reset();
        return { reset: true };
      });
    },
    { prefix: '/_sandbox' },
  );
}
