import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { flattenErrors, foldVietnamese, ValidationFailedError, type FieldError } from '@tradefloor/core';
import { EnterpriseAccess } from '@tradefloor/enterprise-profile';
import type { Principal } from '@tradefloor/identity';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { parse } from 'csv-parse/sync';
import { QueryFailedError, type DataSource } from 'typeorm';
import type { ImportReportDto, ImportRowReportDto } from '../dto/import.dto';
import { ProductFieldsDto } from '../dto/product-input.dto';
import { CategoryEntity } from '../entities/category.entity';
import { ProductEntity } from '../entities/product.entity';
import { ProductReferences } from '../products/product-references';
import { ProductsService, skuTakenError } from '../products/products.service';
import { mapHeaders, parseCertifications, parseVndAmount, type ImportColumn } from './csv-columns';

export const MAX_IMPORT_ROWS = 5000;
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

interface ParsedRow {
  row: number;
  sku: string | null;
  dto?: ProductFieldsDto;
  errors: FieldError[];
}

/**
 * CSV import of an enterprise's products (UTF-8, with or without BOM, `,` or `;` separated).
 * Every row is validated with the same rules as the API; if any row is invalid nothing is written,
 * otherwise all rows are inserted as drafts in one transaction.
 */
@Injectable()
export class ProductImport {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly enterprises: EnterpriseAccess,
    private readonly references: ProductReferences,
    private readonly products: ProductsService,
  ) {}

  async run(principal: Principal, enterpriseId: string, csv: Buffer, dryRun: boolean): Promise<ImportReportDto> {
    await this.enterprises.assertCanManage(principal, enterpriseId);
    if (csv.length > MAX_IMPORT_BYTES) throw ValidationFailedError.field('file', 'Tệp CSV vượt quá 5 MB (CSV larger than 5 MB)');
    const records = this.parseCsv(csv);
    const [header, ...data] = records;
    const mapping = mapHeaders(header ?? []);
    if (mapping.problems.length) throw new ValidationFailedError(mapping.problems.map((message) => ({ field: 'file', message })));
    const rowsWithData = data.map((cells, i) => ({ cells, row: i + 2 })).filter((r) => r.cells.some((c) => c.trim() !== ''));
    if (!rowsWithData.length) throw ValidationFailedError.field('file', 'Tệp không có dòng dữ liệu nào (no data rows)');
    if (rowsWithData.length > MAX_IMPORT_ROWS) {
      throw ValidationFailedError.field('file', `Tối đa ${MAX_IMPORT_ROWS} dòng mỗi lần (at most ${MAX_IMPORT_ROWS} rows)`);
    }

    const categories = await this.categoryResolver();
    const existingSkus = new Set(
      (await this.dataSource.getRepository(ProductEntity).find({ where: { enterpriseId }, select: { sku: true } })).map((p) => p.sku),
    );
    const seenSkus = new Map<string, number>();
    const parsed: ParsedRow[] = [];
    for (const { cells, row } of rowsWithData) {
      const values = new Map<ImportColumn, string>();
      mapping.columns.forEach((column, index) => values.set(column, (cells[index] ?? '').trim()));
      parsed.push(await this.validateRow(row, values, categories, existingSkus, seenSkus));
    }

    const invalid = parsed.filter((r) => r.errors.length);
    const report: ImportReportDto = {
      dryRun,
      totalRows: parsed.length,
      validRows: parsed.length - invalid.length,
      invalidRows: invalid.length,
      created: 0,
      rows: parsed.map((r): ImportRowReportDto => ({ row: r.row, status: r.errors.length ? 'error' : 'ok', errors: r.errors, sku: r.sku })),
    };
    if (dryRun || invalid.length) return report;

    try {
      await this.dataSource.transaction(async (m) => {
        for (const [i, r] of parsed.entries()) {
          const product = await this.products.insert(m, enterpriseId, r.dto!);
          report.rows[i].productId = product.id;
        }
      });
    } catch (err) {
      if (err instanceof QueryFailedError && (err as unknown as { constraint?: string }).constraint === 'products_enterprise_id_sku_key') throw skuTakenError();
      throw err;
    }
    report.created = parsed.length;
    return report;
  }

  private parseCsv(csv: Buffer): string[][] {
    const text = csv.toString('utf8').replace(/^\uFEFF/, '');
    if (text.includes('\uFFFD')) throw ValidationFailedError.field('file', 'Tệp phải mã hoá UTF-8 (file must be UTF-8)');
    const firstLine = text.slice(0, text.indexOf('\n') >= 0 ? text.indexOf('\n') : undefined);
    const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
    try {
      return parse(text, { delimiter, relax_column_count: true, skip_empty_lines: true, bom: true }) as string[][];
    } catch (err) {
      throw ValidationFailedError.field('file', `Tệp CSV không đọc được: ${(err as Error).message} (malformed CSV)`);
    }
  }

  private async validateRow(
    row: number,
    v: Map<ImportColumn, string>,
    categories: (ref: string) => string | undefined,
    existingSkus: Set<string>,
    seenSkus: Map<string, number>,
  ): Promise<ParsedRow> {
    const get = (c: ImportColumn) => (v.get(c) ? v.get(c) : undefined);
    const errors: FieldError[] = [];
    const categoryRef = get('categoryId') ?? get('categorySlug');
    const categoryId = categoryRef ? categories(categoryRef) : undefined;
    if (!categoryRef) errors.push({ field: 'categoryId', message: 'Thiếu danh mục (category required)' });
    else if (!categoryId) errors.push({ field: 'categoryId', message: `Danh mục "${categoryRef}" không tồn tại (unknown category)` });

    const plain: Record<string, unknown> = {
      name: get('name') ?? '',
      description: get('description') ?? '',
      categoryId: categoryId ?? 'ffffffff-ffff-4fff-bfff-ffffffffffff',
      priceVnd: get('priceVnd') === undefined ? undefined : parseVndAmount(get('priceVnd')!),
      unit: get('unit') ?? '',
      sku: get('sku') ?? '',
      stockQuantity: get('stockQuantity') === undefined ? 0 : parseVndAmount(get('stockQuantity')!),
      originCommuneCode: get('originCommuneCode') ?? '',
    };
    if (get('priceMaxVnd') !== undefined) plain.priceMaxVnd = parseVndAmount(get('priceMaxVnd')!);
    if (get('minOrderQuantity') !== undefined) plain.minOrderQuantity = parseVndAmount(get('minOrderQuantity')!);
    if (get('weightGrams') !== undefined) plain.weightGrams = parseVndAmount(get('weightGrams')!);
    if (get('gtin') !== undefined) plain.gtin = get('gtin');
    if (get('certifications') !== undefined) plain.certifications = parseCertifications(get('certifications')!);

    const dto = plainToInstance(ProductFieldsDto, plain);
    // One message per field is enough for a spreadsheet user ("12.5" is not an integer, not also "< 1").
    const validation = flattenErrors(await validate(dto, { whitelist: true, forbidNonWhitelisted: true, validationError: { target: false, value: false } }));
    errors.push(...validation.filter((e, i) => validation.findIndex((o) => o.field === e.field) === i));
    const fieldsWithErrors = new Set(errors.map((e) => e.field));
    if (!fieldsWithErrors.has('originCommuneCode') && !fieldsWithErrors.has('priceVnd') && !fieldsWithErrors.has('priceMaxVnd')) {
      errors.push(...(await this.references.check({ originCommuneCode: dto.originCommuneCode, priceVnd: dto.priceVnd, priceMaxVnd: dto.priceMaxVnd ?? null })));
    }
    const sku = get('sku') ?? null;
    if (sku && !fieldsWithErrors.has('sku')) {
      if (existingSkus.has(sku)) errors.push({ field: 'sku', message: 'Mã SKU đã có trong doanh nghiệp (SKU already exists)' });
      const first = seenSkus.get(sku);
      if (first !== undefined) errors.push({ field: 'sku', message: `Mã SKU trùng với dòng ${first} (duplicate SKU in file, row ${first})` });
      else seenSkus.set(sku, row);
    }
    return { row, sku, dto: errors.length ? undefined : dto, errors };
  }

  /** Resolves a category given as id, slug or name (folded). */
  private async categoryResolver(): Promise<(ref: string) => string | undefined> {
    const all = await this.dataSource.getRepository(CategoryEntity).find();
    const index = new Map<string, string>();
    for (const c of all) {
      index.set(c.id.toLowerCase(), c.id);
      index.set(c.slug, c.id);
    }
    const byName = new Map<string, string>();
    for (const c of all) if (!byName.has(foldVietnamese(c.name))) byName.set(foldVietnamese(c.name), c.id);
    return (ref) => index.get(ref.toLowerCase()) ?? byName.get(foldVietnamese(ref.normalize('NFC')).trim());
  }
}
