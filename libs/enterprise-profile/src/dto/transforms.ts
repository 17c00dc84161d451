import { normalizeVietnameseMobile } from '@tradefloor/core';
import { normalizeTaxCode } from '../validation/tax-code';

type Fn = (p: { value: unknown }) => unknown;

export const trim: Fn = ({ value }) => (typeof value === 'string' ? value.trim() : value);
export const lower: Fn = ({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value);
export const phone: Fn = ({ value }) => (typeof value === 'string' ? normalizeVietnameseMobile(value.trim()) : value);
export const taxCode: Fn = ({ value }) => (typeof value === 'string' ? normalizeTaxCode(value.trim()) : value);
export const digits: Fn = ({ value }) => (typeof value === 'string' ? value.replace(/[\s.]/g, '') : value);
