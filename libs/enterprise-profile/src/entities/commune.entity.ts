import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Commune/ward (two-level administration since 1 July 2025); codes per Decision 19/2025/QĐ-TTg. */
@Entity('communes')
export class CommuneEntity {
  @PrimaryColumn('text') code!: string;
  @Column({ type: 'text', name: 'province_code' }) provinceCode!: string;
  @Column({ type: 'text' }) name!: string;
}

@Entity('provinces')
export class ProvinceEntity {
  @PrimaryColumn('text') code!: string;
  @Column({ type: 'text' }) name!: string;
}
