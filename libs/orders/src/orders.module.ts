import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CatalogModule } from '@tradefloor/catalog';
import { EnterpriseProfileModule } from '@tradefloor/enterprise-profile';
import { PaymentsModule } from '@tradefloor/payments';
import { ShippingModule } from '@tradefloor/shipping';
import { Carts } from './cart/cart.service';
import { Checkout } from './checkout/checkout.service';
import { ORDER_ENTITIES } from './entities';
import { BuyerController } from './http/buyer.controller';
import { SellerController } from './http/seller.controller';
import { OrderNotificationJob } from './mail/order-notification.job';
import { OrdersRetention } from './orders-retention';
import { PaymentGateway, SellerPaymentMethods } from './payment/payment-gateway';
import { OrderPersonalData } from './privacy/order-personal-data';
import { SalesTerms } from './sales-terms/sales-terms.service';
import { ShipmentStatusHandler } from './shipping/shipment-status.handler';
import { ShipmentPersonalData } from './shipping/shipment-personal-data';
import { ShippingChoices } from './shipping/shipping-choices';
import { SubOrderShipments } from './shipping/sub-order-shipments';
import { ReviewLinks } from './sub-orders/review-links';
import { BuyerOrders } from './sub-orders/buyer-orders.service';
import { SellerSubOrders } from './sub-orders/seller-sub-orders.service';
import { SubOrderExpiry } from './sub-orders/sub-order-expiry';
import { SubOrderReads } from './sub-orders/sub-order-reads';
import { SubOrderWorkflow } from './sub-orders/sub-order-workflow';

/** Carts, checkout split per seller, the sub-order lifecycle, sales terms, mails, retention and export (libs/orders/README.md). */
@Module({
  imports: [CatalogModule, EnterpriseProfileModule, PaymentsModule, ShippingModule, TypeOrmModule.forFeature(ORDER_ENTITIES)],
  controllers: [BuyerController, SellerController],
  providers: [
    // libs/payments' `PaymentMethods` (COD, and VietQR for sellers with a payout account).
    { provide: PaymentGateway, useClass: SellerPaymentMethods },
    SalesTerms,
    Carts,
    Checkout,
    SubOrderWorkflow,
    SubOrderReads,
    SubOrderExpiry,
    BuyerOrders,
    ReviewLinks,
    SellerSubOrders,
    ShipmentStatusHandler,
    ShippingChoices,
    SubOrderShipments,
    ShipmentPersonalData,
    OrderNotificationJob,
    OrderPersonalData,
    OrdersRetention,
  ],
  exports: [Carts, Checkout, BuyerOrders, ReviewLinks, SellerSubOrders, SalesTerms, SubOrderExpiry, PaymentGateway],
})
export class OrdersModule {}
