/** Communes of Vĩnh Long province (86) that were part of Trà Vinh province before July 2025, with their former district. */
export interface DemoCommune {
  code: string;
  name: string;
  formerDistrict: string;
}

export const TRA_VINH_COMMUNES: DemoCommune[] = [
  { code: '29242', name: 'Phường Trà Vinh', formerDistrict: 'Thành phố Trà Vinh' },
  { code: '29254', name: 'Phường Nguyệt Hóa', formerDistrict: 'Huyện Châu Thành' },
  { code: '29263', name: 'Phường Long Đức', formerDistrict: 'Thành phố Trà Vinh' },
  { code: '29266', name: 'Xã Càng Long', formerDistrict: 'Huyện Càng Long' },
  { code: '29275', name: 'Xã An Trường', formerDistrict: 'Huyện Càng Long' },
  { code: '29278', name: 'Xã Tân An', formerDistrict: 'Huyện Càng Long' },
  { code: '29287', name: 'Xã Bình Phú', formerDistrict: 'Huyện Càng Long' },
  { code: '29302', name: 'Xã Nhị Long', formerDistrict: 'Huyện Càng Long' },
  { code: '29308', name: 'Xã Cầu Kè', formerDistrict: 'Huyện Cầu Kè' },
  { code: '29317', name: 'Xã An Phú Tân', formerDistrict: 'Huyện Cầu Kè' },
  { code: '29329', name: 'Xã Phong Thạnh', formerDistrict: 'Huyện Cầu Kè' },
  { code: '29335', name: 'Xã Tam Ngãi', formerDistrict: 'Huyện Cầu Kè' },
  { code: '29341', name: 'Xã Tiểu Cần', formerDistrict: 'Huyện Tiểu Cần' },
  { code: '29362', name: 'Xã Hùng Hòa', formerDistrict: 'Huyện Tiểu Cần' },
  { code: '29365', name: 'Xã Tập Ngãi', formerDistrict: 'Huyện Tiểu Cần' },
  { code: '29371', name: 'Xã Tân Hòa', formerDistrict: 'Huyện Tiểu Cần' },
  { code: '29374', name: 'Xã Châu Thành', formerDistrict: 'Huyện Châu Thành' },
  { code: '29386', name: 'Xã Song Lộc', formerDistrict: 'Huyện Châu Thành' },
  { code: '29398', name: 'Phường Hòa Thuận', formerDistrict: 'Huyện Châu Thành' },
  { code: '29407', name: 'Xã Hưng Mỹ', formerDistrict: 'Huyện Châu Thành' },
  { code: '29410', name: 'Xã Hòa Minh', formerDistrict: 'Huyện Châu Thành' },
  { code: '29413', name: 'Xã Long Hòa', formerDistrict: 'Huyện Châu Thành' },
  { code: '29416', name: 'Xã Cầu Ngang', formerDistrict: 'Huyện Cầu Ngang' },
  { code: '29419', name: 'Xã Mỹ Long', formerDistrict: 'Huyện Cầu Ngang' },
  { code: '29431', name: 'Xã Vinh Kim', formerDistrict: 'Huyện Cầu Ngang' },
  { code: '29446', name: 'Xã Nhị Trường', formerDistrict: 'Huyện Cầu Ngang' },
  { code: '29455', name: 'Xã Hiệp Mỹ', formerDistrict: 'Huyện Cầu Ngang' },
  { code: '29461', name: 'Xã Trà Cú', formerDistrict: 'Huyện Trà Cú' },
  { code: '29467', name: 'Xã Tập Sơn', formerDistrict: 'Huyện Trà Cú' },
  { code: '29476', name: 'Xã Lưu Nghiệp Anh', formerDistrict: 'Huyện Trà Cú' },
  { code: '29489', name: 'Xã Hàm Giang', formerDistrict: 'Huyện Trà Cú' },
  { code: '29491', name: 'Xã Đại An', formerDistrict: 'Huyện Trà Cú' },
  { code: '29497', name: 'Xã Đôn Châu', formerDistrict: 'Huyện Duyên Hải' },
  { code: '29506', name: 'Xã Long Hiệp', formerDistrict: 'Huyện Trà Cú' },
  { code: '29512', name: 'Phường Duyên Hải', formerDistrict: 'Thị xã Duyên Hải' },
  { code: '29513', name: 'Xã Long Thành', formerDistrict: 'Huyện Duyên Hải' },
  { code: '29516', name: 'Phường Trường Long Hòa', formerDistrict: 'Thị xã Duyên Hải' },
  { code: '29518', name: 'Xã Long Hữu', formerDistrict: 'Thị xã Duyên Hải' },
  { code: '29530', name: 'Xã Ngũ Lạc', formerDistrict: 'Huyện Duyên Hải' },
  { code: '29533', name: 'Xã Long Vĩnh', formerDistrict: 'Huyện Duyên Hải' },
  { code: '29536', name: 'Xã Đông Hải', formerDistrict: 'Huyện Duyên Hải' },
];

/** Where each specialty is actually grown or made (Cầu Kè for dừa sáp, the coast for dried fish…). */
export const FAMILY_COMMUNES: Record<string, string[]> = {
  'dua-sap': ['29308', '29317', '29329', '29335'],
  buoi: ['29362', '29365', '29341', '29371'],
  'kho-ca': ['29512', '29513', '29516', '29518', '29530', '29533', '29536', '29497'],
  'thuy-san': ['29512', '29513', '29516', '29518', '29533', '29536'],
  'thot-not': ['29461', '29467', '29476', '29489', '29491', '29506'],
  'dua-luoi': ['29341', '29516', '29413', '29371'],
  gao: ['29506', '29371', '29266', '29275', '29374'],
};

export function communeByCode(code: string): DemoCommune {
  const c = TRA_VINH_COMMUNES.find((x) => x.code === code);
  if (!c) throw new Error(`not a demo commune: ${code}`);
  return c;
}

/** "Xã Cầu Kè" → "Cầu Kè". */
export function shortCommuneName(c: DemoCommune): string {
  return c.name.replace(/^(Xã|Phường) /, '');
}
