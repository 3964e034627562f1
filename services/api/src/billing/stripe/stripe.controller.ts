import { Body, Controller, Headers, HttpCode, Post, type RawBodyRequest, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type BillingRedirectDto } from '@aerostic/shared';
import { type Request } from 'express';
import { Public } from '../../auth/public.decorator';
import { Roles } from '../../auth/roles.decorator';
import { CurrentTenant } from '../../common/tenant-context/current-tenant.decorator';
import { type Principal } from '../../common/tenant-context/principal';
import { CheckoutDto } from './dto/stripe.dto';
import { StripeService } from './stripe.service';
import { CrossTenant } from '../../common/tenant-context/cross-tenant.decorator';

/** Online payment: where an admin's browser goes next, and Stripe's webhooks. */
@ApiTags('billing')
@Controller('billing')
export class StripeController {
  constructor(private readonly stripe: StripeService) {}

  @Post('checkout')
  @HttpCode(200)
  @ApiBearerAuth()
  @Roles('admin')
  checkout(@CurrentTenant() principal: Principal, @Body() body: CheckoutDto): Promise<BillingRedirectDto> {
    return this.stripe.checkout(principal, body);
  }

  @Post('portal')
  @HttpCode(200)
  @ApiBearerAuth()
  @Roles('admin')
  portal(@CurrentTenant() principal: Principal): Promise<BillingRedirectDto> {
    return this.stripe.portal(principal);
  }

  /** Verified with `STRIPE_WEBHOOK_SECRET` over the raw body; 400 when it does not verify, 200 otherwise. */
  @Post('stripe/webhook')
  @Public()
  @CrossTenant('billing')
  @HttpCode(200)
  async webhook(
    @Req() req: RawBodyRequest<Request>,
    @Headers('stripe-signature') signature: string | undefined,
  ): Promise<{ received: true }> {
    await this.stripe.webhook(req.rawBody, signature);
    return { received: true };
  }
}
