/** The documents the floor publishes, with their page addresses (stable: other pages and mails link them). */
export const LEGAL_DOCUMENTS = ['operating-rules', 'privacy-policy', 'terms-of-use', 'complaint-policy', 'fee-schedule', 'search-ranking'] as const;
export type LegalDocument = (typeof LEGAL_DOCUMENTS)[number];

export const LEGAL_PAGE_PATHS: Record<LegalDocument, string> = {
  'operating-rules': '/quy-che-hoat-dong',
  'privacy-policy': '/chinh-sach-bao-mat',
  'terms-of-use': '/dieu-khoan-su-dung',
  'complaint-policy': '/chinh-sach-khieu-nai',
  'fee-schedule': '/bieu-phi',
  'search-ranking': '/cach-sap-xep-ket-qua',
};

/** Documents a new account accepts with the sign-up box. */
export const ACCEPTED_AT_REGISTRATION: readonly LegalDocument[] = ['terms-of-use', 'privacy-policy'];

/** Documents whose material versions must be accepted again at the next sign-in. */
export const ACCEPTED_AT_SIGN_IN: readonly LegalDocument[] = ['terms-of-use', 'privacy-policy', 'operating-rules'];

export function isLegalDocument(value: string): value is LegalDocument {
  return (LEGAL_DOCUMENTS as readonly string[]).includes(value);
}

/** Address of one version's page. */
export function legalVersionPath(document: LegalDocument, version: number): string {
  return `${LEGAL_PAGE_PATHS[document]}/phien-ban/${version}`;
}
