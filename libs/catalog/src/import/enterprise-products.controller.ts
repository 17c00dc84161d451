import { Controller, Get, HttpStatus, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { ErrorEnvelopeDto, PageQueryDto, ValidationFailedError, readUploadedFile } from '@tradefloor/core';
import { Auth, CurrentUser, type Principal } from '@tradefloor/identity';
import { IsIn, IsOptional } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ImportFailedDto, ImportQueryDto, ImportReportDto } from '../dto/import.dto';
import { ProductListDto } from '../dto/product-output.dto';
import { PRODUCT_STATUSES, type ProductStatus } from '../entities/product.entity';
import { ProductQueries } from '../products/product-queries.service';
import { MAX_IMPORT_BYTES, ProductImport } from './product-import.service';

export class EnterpriseProductsQuery extends PageQueryDto {
  @ApiPropertyOptional({ enum: PRODUCT_STATUSES })
  @IsOptional()
  @IsIn(PRODUCT_STATUSES as unknown as string[])
  status?: ProductStatus;
}

/** An enterprise's own products (any status) and their CSV import. */
@ApiTags('products')
@Controller('api/v1/enterprises/:id/products')
@Auth()
export class EnterpriseProductsController {
  constructor(
    private readonly queries: ProductQueries,
    private readonly importer: ProductImport,
  ) {}

  @Get()
  @ApiOkResponse({ type: ProductListDto })
  @ApiNotFoundResponse({ type: ErrorEnvelopeDto })
  list(@CurrentUser() user: Principal, @Param('id', new ParseUUIDPipe()) id: string, @Query() q: EnterpriseProductsQuery): Promise<ProductListDto> {
    return this.queries.listForEnterprise(user, id, q);
  }

  @Post('import')
  @ApiConsumes('multipart/form-data', 'text/csv')
  @ApiBody({
    schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary', description: 'CSV, UTF-8, ≤ 5 MB, ≤ 5000 rows' } } },
  })
  @ApiCreatedResponse({ type: ImportReportDto, description: 'All rows valid: products created as drafts' })
  @ApiOkResponse({ type: ImportReportDto, description: 'Dry run: the report only' })
  @ApiBadRequestResponse({ type: ImportFailedDto, description: 'Some row is invalid: nothing written; the report lists every row' })
  @ApiNotFoundResponse({ type: ErrorEnvelopeDto })
  async import(
    @CurrentUser() user: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query() q: ImportQueryDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ImportReportDto | ImportFailedDto> {
    const csv = await this.readCsv(req);
    const report = await this.importer.run(user, id, csv, q.dryRun ?? false);
    if (report.dryRun) {
      void reply.status(HttpStatus.OK);
      return report;
    }
    if (report.invalidRows > 0) {
      void reply.status(HttpStatus.BAD_REQUEST);
      return {
        statusCode: 400,
        code: 'IMPORT_INVALID',
        message: `${report.invalidRows} dòng không hợp lệ, không có sản phẩm nào được ghi (${report.invalidRows} invalid rows, nothing written)`,
        details: report.rows.flatMap((r) => r.errors.map((e) => ({ field: `rows[${r.row}].${e.field}`, message: e.message }))),
        requestId: String(req.id),
        ...report,
      };
    }
    void reply.status(HttpStatus.CREATED);
    return report;
  }

  private async readCsv(req: FastifyRequest): Promise<Buffer> {
    if (req.isMultipart()) return (await readUploadedFile(req, MAX_IMPORT_BYTES, 'Tệp CSV vượt quá 5 MB (CSV larger than 5 MB)')).data;
    if (Buffer.isBuffer(req.body)) return req.body;
    if (typeof req.body === 'string') return Buffer.from(req.body, 'utf8');
    throw ValidationFailedError.field('file', 'Cần tệp CSV (multipart/form-data hoặc text/csv) (CSV file expected)');
  }
}
