import { BIZ_STEP_LABELS_VI } from '@tradefloor/traceability';
import type { Lang } from './messages';

/**
 * A CBV 2.0 business step for people: the traceability lib's Vietnamese label (it has the common
 * steps), else the standard's own name, which is English ("retail_selling" → "retail selling").
 */
export function bizStepLabel(lang: Lang, step: string): string {
  return (lang === 'vi' ? BIZ_STEP_LABELS_VI[step] : undefined) ?? step.replace(/_/g, ' ');
}
