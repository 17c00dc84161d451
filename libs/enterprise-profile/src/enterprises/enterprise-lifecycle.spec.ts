import { InvalidStateError } from '@tradefloor/core';
import { ENTERPRISE_STATUSES } from '../entities/enterprise.entity';
import { canTransition, isPublic, nextStatus, type EnterpriseAction } from './enterprise-lifecycle';

describe('enterprise lifecycle', () => {
  it('follows draft → pending → verified → suspended → verified', () => {
    let s = nextStatus('draft', 'submit');
    expect(s).toBe('pending_verification');
    s = nextStatus(s, 'verify');
    expect(s).toBe('verified');
    s = nextStatus(s, 'suspend');
    expect(s).toBe('suspended');
    expect(nextStatus(s, 'reinstate')).toBe('verified');
  });

  it('lets a rejected enterprise be submitted again', () => {
    expect(nextStatus(nextStatus('pending_verification', 'reject'), 'submit')).toBe('pending_verification');
  });

  it('allows exactly the documented transitions', () => {
    const allowed: Record<EnterpriseAction, string[]> = {
      submit: ['draft', 'rejected'],
      verify: ['pending_verification'],
      reject: ['pending_verification'],
      suspend: ['verified'],
      reinstate: ['suspended'],
      reverify: ['verified'],
    };
    for (const [action, from] of Object.entries(allowed) as Array<[EnterpriseAction, string[]]>) {
      for (const status of ENTERPRISE_STATUSES) expect([action, status, canTransition(status, action)]).toEqual([action, status, from.includes(status)]);
    }
  });

  it('throws INVALID_STATE (409) for anything else', () => {
    expect(() => nextStatus('draft', 'verify')).toThrow(InvalidStateError);
    let caught: unknown;
    try {
      nextStatus('suspended', 'submit');
    } catch (err) {
      caught = err;
    }
    expect(caught).toMatchObject({ code: 'INVALID_STATE', status: 409 });
  });

  it('shows only verified enterprises to the public', () => {
    expect(ENTERPRISE_STATUSES.filter(isPublic)).toEqual(['verified']);
  });
});
