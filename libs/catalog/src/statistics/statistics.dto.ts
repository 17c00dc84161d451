import { ApiProperty } from '@nestjs/swagger';

export class CountsByKindDto {
  @ApiProperty({ description: 'Hộ kinh doanh (registered household businesses)' }) household!: number;
  @ApiProperty({ description: 'Công ty (LLC, JSC, partnership)' }) company!: number;
  @ApiProperty({ description: 'Doanh nghiệp tư nhân (private enterprises)' }) private_enterprise!: number;
  @ApiProperty({ description: 'Hợp tác xã (cooperatives)' }) cooperative!: number;
  @ApiProperty({ description: 'Tổ hợp tác (cooperative groups)' }) cooperative_group!: number;
}

export class EnterpriseStatsDto {
  @ApiProperty({ description: 'Enterprises with status verified (suspended, pending, draft and rejected ones are not counted).', example: 132 })
  verified!: number;
  @ApiProperty({ type: CountsByKindDto, description: 'Verified enterprises by kind.' })
  byKind!: CountsByKindDto;
}

export class ProductStatsDto {
  @ApiProperty({ description: 'Products on the floor: status published and their enterprise verified (what the public sees).', example: 662 })
  published!: number;
  @ApiProperty({
    description: 'Published products carrying the certification type typical_rural_industrial (sản phẩm công nghiệp nông thôn tiêu biểu).',
    example: 67,
  })
  typicalRuralIndustrial!: number;
  @ApiProperty({
    description:
      'Published products with at least one certification other than typical_rural_industrial (vietgap, globalgap, organic, haccp, iso22000, other).',
    example: 312,
  })
  withOtherCertification!: number;
}

export class OcopStatsDto {
  @ApiProperty({
    description:
      'Products with an OCOP certificate that is valid today: status valid and valid_until ≥ today (Vietnam date). Each product counts ' +
      'once, by its best valid certificate (most stars, then latest decision). Counted whatever the listing status of the product ' +
      "and of its enterprise: the OCOP register is the province's, not only what is listed on the floor (see `published`). " +
      'products = fiveStar + potentialFiveStar + fourStar + threeStar.',
    example: 184,
  })
  products!: number;
  @ApiProperty({ description: 'Best valid certificate has 5 stars (certified by the central government).', example: 0 })
  fiveStar!: number;
  @ApiProperty({
    description: 'Best valid certificate is below 5 stars and flagged potential five-star (scored ≥ 90, proposed to the centre); not also counted as 4-star.',
    example: 9,
  })
  potentialFiveStar!: number;
  @ApiProperty({ description: 'Best valid certificate has 4 stars and is not potential five-star.', example: 38 })
  fourStar!: number;
  @ApiProperty({ description: 'Best valid certificate has 3 stars and is not potential five-star.', example: 137 })
  threeStar!: number;
  @ApiProperty({ description: 'Of `products`, those listed on the floor (published, enterprise verified).', example: 100 })
  published!: number;
  @ApiProperty({ description: 'OCOP subjects (chủ thể): enterprises owning at least one product counted in `products`.', example: 118 })
  subjects!: number;
  @ApiProperty({ type: CountsByKindDto, description: 'OCOP subjects by enterprise kind.' })
  subjectsByKind!: CountsByKindDto;
}

export class StatsOverviewDto {
  @ApiProperty({ type: EnterpriseStatsDto }) enterprises!: EnterpriseStatsDto;
  @ApiProperty({ type: ProductStatsDto }) products!: ProductStatsDto;
  @ApiProperty({ type: OcopStatsDto }) ocop!: OcopStatsDto;
  @ApiProperty({ description: 'Vietnam calendar date the OCOP validity was evaluated on.', example: '2026-01-15' })
  asOf!: string;
}

export class CommuneStatsDto {
  @ApiProperty({ example: '29308' }) communeCode!: string;
  @ApiProperty({ example: 'Xã Cầu Kè' }) communeName!: string;
  @ApiProperty({ description: 'Verified enterprises registered in the commune.' }) enterprises!: number;
  @ApiProperty({ description: "Published products (enterprise verified) whose origin commune — else their enterprise's commune — is this one." })
  publishedProducts!: number;
  @ApiProperty({ description: "OCOP products (same rule as the overview) by origin commune, else the enterprise's commune." })
  ocopProducts!: number;
}
