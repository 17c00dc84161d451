import type { EnvReader } from '@tradefloor/core';

/** The operator's identity as the law asks it to be published (footer of every page). */
export interface OperatorIdentity {
  name: string;
  headOffice: string;
  legalRepresentative: string;
  registrationNumber: string;
  registrationDate: string;
  registrationIssuer: string;
  /** Registration of the trade floor with the Ministry of Industry and Trade (online.gov.vn). */
  moitRegistrationNumber: string;
}

export interface LegalSettings {
  /** Least notice, in days, for a material version (LEGAL_NOTICE_DAYS). */
  noticeDays: number;
  /** Least notice, in days, for any material change of the fee schedule (LEGAL_FEE_NOTICE_DAYS). */
  feeNoticeDays: number;
  /** Users addressed per notice job (LEGAL_MAIL_BATCH). */
  mailBatch: number;
  operator: OperatorIdentity;
}

/** Read once from the environment; README "Configuration" lists the variables. */
export function legalSettings(env: EnvReader): LegalSettings {
  return {
    noticeDays: env.int('LEGAL_NOTICE_DAYS', 5, 0, 365),
    feeNoticeDays: env.int('LEGAL_FEE_NOTICE_DAYS', 20, 0, 365),
    mailBatch: env.int('LEGAL_MAIL_BATCH', 200, 1, 10_000),
    operator: {
      name: env.str('OPERATOR_NAME') ?? 'Sở Công Thương tỉnh',
      headOffice: env.str('OPERATOR_HEAD_OFFICE') ?? 'Chưa cấu hình (not configured)',
      legalRepresentative: env.str('OPERATOR_LEGAL_REPRESENTATIVE') ?? 'Chưa cấu hình (not configured)',
      registrationNumber: env.str('OPERATOR_REGISTRATION_NUMBER') ?? 'Chưa cấu hình (not configured)',
      registrationDate: env.str('OPERATOR_REGISTRATION_DATE') ?? 'Chưa cấu hình (not configured)',
      registrationIssuer: env.str('OPERATOR_REGISTRATION_ISSUER') ?? 'Chưa cấu hình (not configured)',
      moitRegistrationNumber: env.str('MOIT_REGISTRATION_NUMBER') ?? 'Chưa cấu hình (not configured)',
    },
  };
}
