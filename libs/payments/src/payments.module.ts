import { Module, type OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EnterpriseProfileModule } from '@tradefloor/enterprise-profile';
import { CashOnDelivery } from './methods/cod.method';
import { PaymentMethods } from './methods/payment-methods.service';
import { VietQrTransfer } from './methods/vietqr.method';
import { PayoutAccountController } from './payout/payout-account.controller';
import { PayoutAccountEntity } from './payout/payout-account.entity';
import { PayoutAccounts } from './payout/payout-accounts.service';
import { PayoutAccountPersonalData } from './payout/payout-personal-data';

/**
 * Payments without holding money: sellers' payout accounts, VietQR payloads and images, and the
 * payment-method port (`PaymentMethods`) with cash on delivery and VietQR registered, in that order.
 */
@Module({
  imports: [EnterpriseProfileModule, TypeOrmModule.forFeature([PayoutAccountEntity])],
  controllers: [PayoutAccountController],
  providers: [PayoutAccounts, PaymentMethods, CashOnDelivery, VietQrTransfer, PayoutAccountPersonalData],
  exports: [PayoutAccounts, PaymentMethods],
})
export class PaymentsModule implements OnModuleInit {
  constructor(
    private readonly methods: PaymentMethods,
    private readonly cod: CashOnDelivery,
    private readonly vietqr: VietQrTransfer,
  ) {}

  onModuleInit(): void {
    this.methods.register(this.cod);
    this.methods.register(this.vietqr);
  }
}
