import { EnterpriseQueueController } from './enterprise-queue.controller';
import { ProductQueueController } from './product-queue.controller';

/** The back office pages of editors and admins, registered by WebModule. */
export const ADMIN_CONTROLLERS = [EnterpriseQueueController, ProductQueueController];
