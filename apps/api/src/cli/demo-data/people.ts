import type { Prng } from './prng';

// Kinh and Khmer family names as they appear in Trà Vinh (Thạch, Kim, Sơn, Danh, Lâm are common Khmer names).
const SURNAMES = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Huỳnh', 'Võ', 'Đặng', 'Bùi', 'Dương', 'Thạch', 'Kim', 'Sơn', 'Danh', 'Lâm', 'Triệu', 'Hồ', 'Trương', 'Lưu'];
const MIDDLE_F = ['Thị', 'Thị Ngọc', 'Thị Kim', 'Thị Thanh', 'Ngọc', 'Thị Mỹ'];
const MIDDLE_M = ['Văn', 'Minh', 'Hoàng', 'Thanh', 'Quốc', 'Hữu', 'Văn'];
const GIVEN_F = ['Lan', 'Hoa', 'Mai', 'Hồng', 'Thảo', 'Hiền', 'Cúc', 'Diệu', 'Phượng', 'Sa Ri', 'Sóc Na', 'Yến', 'Trinh', 'Nga', 'Thủy', 'Tuyết'];
const GIVEN_M = ['Hùng', 'Tâm', 'Phúc', 'Sang', 'Tài', 'Dũng', 'Hải', 'Thành', 'Khánh', 'Sa Ron', 'Sóc', 'Bình', 'Lộc', 'Hưng', 'Tuấn', 'Chiến'];
/** Southern Vietnamese call people by birth order: "Út Lan", "Chín Hùng". */
const ORDER = ['Hai', 'Ba', 'Tư', 'Năm', 'Sáu', 'Bảy', 'Tám', 'Chín', 'Mười', 'Út'];

export interface Person {
  fullName: string;
  /** "Út Lan": how customers know the household. */
  nickname: string;
}

export function person(rng: Prng): Person {
  const female = rng.chance(0.5);
  const given = rng.pick(female ? GIVEN_F : GIVEN_M);
  return {
    fullName: `${rng.pick(SURNAMES)} ${rng.pick(female ? MIDDLE_F : MIDDLE_M)} ${given}`,
    nickname: `${rng.pick(ORDER)} ${given}`,
  };
}

const HAMLETS = [
  'Ấp Chợ',
  'Ấp Giồng Lớn',
  'Ấp Sóc Ruộng',
  'Ấp Phú Thọ',
  'Ấp Bến Có',
  'Ấp Đa Cần',
  'Ấp Ô Chát',
  'Ấp Trà Cuôn',
  'Ấp Tân Ngại',
  'Ấp Ba So',
  'Ấp Khoán Tiều',
  'Ấp Cây Da',
  'Ấp Mỹ Văn',
  'Ấp Nhì',
];

export function street(rng: Prng): string {
  return rng.chance(0.3)
    ? `Số ${rng.int(1, 250)} đường ${rng.pick(['Nguyễn Đáng', 'Phạm Ngũ Lão', 'Điện Biên Phủ', 'Trần Phú', 'Lê Lợi', 'Hùng Vương'])}`
    : rng.pick(HAMLETS);
}
