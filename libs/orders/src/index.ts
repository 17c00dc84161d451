export { OrdersModule } from './orders.module';
export {
  CartEntity,
  CartItemEntity,
  OrderEntity,
  SubOrderEntity,
  SubOrderItemEntity,
  SubOrderEventEntity,
  SalesTermsEntity,
  PAYMENT_STATES,
  type PaymentState,
} from './entities';
export {
  SUB_ORDER_STATUSES,
  SUB_ORDER_ACTIONS,
  STATUS_LABELS as SUB_ORDER_STATUS_LABELS,
  type SubOrderStatus,
  type SubOrderAction,
} from './sub-orders/sub-order-states';
export { PaymentGateway, CodOnlyPayments, PAYMENT_METHOD_CODES, type PaymentMethodCode, type PaymentInstructions } from './payment/payment-gateway';
export { Carts, type CartOwner, type CartCookieChange } from './cart/cart.service';
export { CART_COOKIE, readCartToken, writeCartCookie } from './cart/cart-cookie';
export { Checkout } from './checkout/checkout.service';
export { ORDER_REFERENCE_PATTERN } from './checkout/order-codes';
export { BuyerOrders } from './sub-orders/buyer-orders.service';
export { ReviewLinks, REVIEW_LINK_DAYS } from './sub-orders/review-links';
export { SellerSubOrders } from './sub-orders/seller-sub-orders.service';
export { SalesTerms } from './sales-terms/sales-terms.service';
export { SubOrderExpiry, EXPIRE_DUE_QUEUE, EXPIRE_SUB_ORDER_QUEUE } from './sub-orders/sub-order-expiry';
export { SHIPMENT_STATUS_QUEUE, SHIPMENT_ATTENTION_QUEUE } from './shipping/shipment-status.handler';
export { ORDER_NOTIFY_QUEUE } from './mail/order-notification.job';
export * from './dto/orders-input.dto';
export * from './dto/orders-output.dto';
