import { communeByCode } from './communes';
import type { ProductTemplate } from './product-families';

const FRESH = new Set(['trai-cay', 'rau-cu-qua', 'thuy-san-tuoi', 'san-pham-chan-nuoi']);

function storage(category: string): string | null {
  if (category === 'du-lich-cong-dong') return null;
  if (FRESH.has(category)) return 'Bảo quản nơi thoáng mát hoặc ngăn mát tủ lạnh, dùng tươi trong 5–7 ngày.';
  if (['cay-canh-hoa', 'dong-vat-canh', 'giong-cay-trong'].includes(category)) return 'Giao kèm hướng dẫn chăm sóc.';
  return 'Bảo quản nơi khô ráo, thoáng mát, tránh ánh nắng trực tiếp.';
}

/** The product's name: the template with the seller's place, plus its packaging variant. */
export function productName(template: ProductTemplate, place: string, variant: string): string {
  return `${template.name.replace('{place}', place)}${variant ? ` ${variant}` : ''}`;
}

/** Short sanitised-HTML description (paragraph and list only: inside the catalog's allow-list). */
export function productDescription(template: ProductTemplate, variant: string, sellerName: string, communeCode: string): string {
  const commune = communeByCode(communeCode);
  const items = [
    `<li>Quy cách: ${variant || template.unit}</li>`,
    `<li>Nơi sản xuất: ${sellerName}, ${commune.name}, tỉnh Vĩnh Long (${commune.formerDistrict}, tỉnh Trà Vinh cũ)</li>`,
  ];
  const keep = storage(template.category);
  if (keep) items.push(`<li>${keep}</li>`);
  return `<p>${template.about}</p><ul>${items.join('')}</ul>`;
}
