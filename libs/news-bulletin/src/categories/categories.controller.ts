import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CategoryListDto } from '../dto/bulletin-output.dto';
import { toCategoryDto } from '../bulletins/bulletin.mapper';
import { CategoryService } from './category.service';

@ApiTags('bulletins')
@Controller('api/v1/bulletin-categories')
export class CategoriesController {
  constructor(private readonly categories: CategoryService) {}

  @Get()
  @ApiOkResponse({ type: CategoryListDto })
  async list(): Promise<CategoryListDto> {
    return { items: (await this.categories.list()).map(toCategoryDto) };
  }
}
