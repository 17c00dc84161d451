import { Body, Controller, Delete, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ErrorEnvelopeDto } from '@tradefloor/core';
import { Auth } from '@tradefloor/identity';
import { toCategoryDto } from '../bulletins/bulletin.mapper';
import { CategoryDto } from '../dto/bulletin-output.dto';
import { CreateCategoryDto, UpdateCategoryDto } from '../dto/category-input.dto';
import { CategoryService } from './category.service';

@ApiTags('admin')
@Controller('api/v1/admin/bulletin-categories')
@Auth('admin')
export class AdminCategoriesController {
  constructor(private readonly categories: CategoryService) {}

  @Post()
  @ApiCreatedResponse({ type: CategoryDto })
  @ApiConflictResponse({ type: ErrorEnvelopeDto })
  async create(@Body() dto: CreateCategoryDto): Promise<CategoryDto> {
    return toCategoryDto(await this.categories.create(dto));
  }

  @Patch(':id')
  @ApiOkResponse({ type: CategoryDto })
  @ApiNotFoundResponse({ type: ErrorEnvelopeDto })
  @ApiConflictResponse({ type: ErrorEnvelopeDto })
  async update(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: UpdateCategoryDto): Promise<CategoryDto> {
    return toCategoryDto(await this.categories.update(id, dto));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiNotFoundResponse({ type: ErrorEnvelopeDto })
  @ApiConflictResponse({ type: ErrorEnvelopeDto, description: 'The category still has bulletins' })
  async remove(@Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    await this.categories.remove(id);
  }
}
