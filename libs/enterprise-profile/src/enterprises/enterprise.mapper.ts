import { Injectable } from '@nestjs/common';
import type { MemberRole } from '../entities/enterprise-member.entity';
import type { EnterpriseEntity } from '../entities/enterprise.entity';
import type { AddressDto, EnterpriseDto, PublicEnterpriseDto, PublicEnterpriseSummaryDto } from '../dto/enterprise-output.dto';
import { ReferenceData } from '../reference/reference-data.service';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Entity → API shapes; the public ones never carry status, reasons or the personal ID. */
@Injectable()
export class EnterpriseMapper {
  constructor(private readonly reference: ReferenceData) {}

  async address(e: EnterpriseEntity): Promise<AddressDto> {
    const [province, commune] = await Promise.all([this.reference.province(e.provinceCode), this.reference.commune(e.communeCode)]);
    return {
      street: e.street,
      provinceCode: e.provinceCode,
      provinceName: province?.name ?? '',
      communeCode: e.communeCode,
      communeName: commune?.name ?? '',
      legacyAddress: e.legacyAddress,
    };
  }

  async summary(e: EnterpriseEntity): Promise<PublicEnterpriseSummaryDto> {
    return {
      id: e.id,
      slug: e.slug,
      kind: e.kind,
      legalForm: e.legalForm,
      displayName: e.displayName,
      legalName: e.legalName,
      logoUrl: e.logoUrl,
      address: await this.address(e),
      foundingYear: e.foundingYear,
    };
  }

  async public(e: EnterpriseEntity): Promise<PublicEnterpriseDto> {
    return {
      ...(await this.summary(e)),
      taxCode: e.taxCode,
      representative: e.representative,
      phone: e.phone,
      email: e.email,
      website: e.website,
      description: e.description,
      verifiedAt: iso(e.verifiedAt),
    };
  }

  async full(e: EnterpriseEntity, myRole?: MemberRole): Promise<EnterpriseDto> {
    return {
      ...(await this.public(e)),
      // The owner's 12-digit citizen ID is for the owner and the floor's staff, not for the owner's employees.
      personalId: myRole === 'staff' ? maskPersonalId(e.personalId) : e.personalId,
      status: e.status,
      rejectionReason: e.rejectionReason,
      suspensionReason: e.suspensionReason,
      ownerId: e.ownerId,
      submittedAt: iso(e.submittedAt),
      createdAt: e.createdAt.toISOString(),
      updatedAt: e.updatedAt.toISOString(),
      ...(myRole ? { myRole } : {}),
    };
  }
}

/** Staff see that an ID is on file and its last three digits, never the number. */
export function maskPersonalId(id: string | null): string | null {
  return id ? `${'*'.repeat(Math.max(0, id.length - 3))}${id.slice(-3)}` : null;
}
