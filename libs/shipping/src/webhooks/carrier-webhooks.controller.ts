import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ErrorEnvelopeDto } from '@tradefloor/core';
import { WebhookAckDto } from '../dto/shipping.dto';
import { CarrierWebhooks } from './carrier-webhooks';

/** Where GHN (JSON) and GHTK (form-urlencoded) post status changes; the URL is shown to owners with their carrier account. */
@ApiTags('shipping')
@Controller('api/v1/shipping/webhooks')
export class CarrierWebhooksController {
  constructor(private readonly webhooks: CarrierWebhooks) {}

  @Post(':carrier/:secret')
  @HttpCode(200)
  @ApiOkResponse({ type: WebhookAckDto })
  @ApiBadRequestResponse({ type: ErrorEnvelopeDto })
  @ApiNotFoundResponse({ type: ErrorEnvelopeDto })
  async receive(@Param('carrier') carrier: string, @Param('secret') secret: string, @Body() body: Record<string, unknown>): Promise<WebhookAckDto> {
    await this.webhooks.receive(this.webhooks.assertSecret(carrier, secret), body);
    return { ok: true };
  }
}
