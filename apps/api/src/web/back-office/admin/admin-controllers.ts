import { BulletinWorkflowController } from './bulletin-workflow.controller';
import { BulletinsEditorController } from './bulletins.controller';
import { EditorScriptController } from './editor-script.controller';
import { EnterpriseQueueController } from './enterprise-queue.controller';
import { ProductQueueController } from './product-queue.controller';

/** The back office pages of editors and admins, registered by WebModule. */
export const ADMIN_CONTROLLERS = [
  EnterpriseQueueController,
  ProductQueueController,
  BulletinsEditorController,
  BulletinWorkflowController,
  EditorScriptController,
];
