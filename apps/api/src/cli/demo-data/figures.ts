/**
 * What `/api/v1/stats/overview` shows right after `npm run seed:demo` on an empty database: the
 * figures of Trà Vinh's 2022 OCOP report (seed article) and of its trade floor at the time.
 */
export const SEED_FIGURES = {
  enterprises: {
    verified: 132,
    byKind: { household: 78, company: 24, private_enterprise: 6, cooperative: 22, cooperative_group: 2 },
  },
  products: { published: 662, typicalRuralIndustrial: 67, withOtherCertification: 312 },
  ocop: {
    products: 184,
    fiveStar: 0,
    potentialFiveStar: 9,
    fourStar: 38,
    threeStar: 137,
    /** "khoảng 100 loại sản phẩm OCOP" listed on the floor. */
    published: 100,
    subjects: 118,
    subjectsByKind: { household: 72, company: 20, private_enterprise: 5, cooperative: 19, cooperative_group: 2 },
  },
} as const;
