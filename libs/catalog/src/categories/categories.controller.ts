import { Body, Controller, Get, Param, ParseUUIDPipe, Patch } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ErrorEnvelopeDto } from '@tradefloor/core';
import { Auth } from '@tradefloor/identity';
import { Transform } from 'class-transformer';
import { IsString, Length } from 'class-validator';
import { OCOP_GROUPS } from '../entities/category.entity';
import { CategoriesService } from './categories.service';

export class CategoryNodeDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) parentId!: string | null;
  @ApiProperty({ example: 'trai-cay' }) slug!: string;
  @ApiProperty({ example: 'Trái cây' }) name!: string;
  @ApiPropertyOptional({ enum: OCOP_GROUPS, nullable: true, type: String }) ocopGroup!: string | null;
  @ApiProperty() sortOrder!: number;
  @ApiProperty({ type: () => [CategoryNodeDto] }) children!: CategoryNodeDto[];
}

export class RenameCategoryDto {
  @ApiProperty({ example: 'Trái cây tươi' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @Length(2, 120)
  name!: string;
}

@ApiTags('categories')
@Controller()
export class CategoriesController {
  constructor(private readonly categories: CategoriesService) {}

  @Get('api/v1/categories')
  @ApiOkResponse({ type: CategoryNodeDto, isArray: true, description: 'Root categories with their sub-categories' })
  tree(): Promise<CategoryNodeDto[]> {
    return this.categories.tree();
  }

  @Patch('api/v1/admin/categories/:id')
  @Auth('admin', 'editor')
  @ApiOkResponse({ type: CategoryNodeDto })
  @ApiNotFoundResponse({ type: ErrorEnvelopeDto })
  async rename(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: RenameCategoryDto): Promise<CategoryNodeDto> {
    const c = await this.categories.rename(id, dto.name);
    return { id: c.id, parentId: c.parentId, slug: c.slug, name: c.name, ocopGroup: c.ocopGroup, sortOrder: c.sortOrder, children: [] };
  }
}
