import type { CertificationType } from '@tradefloor/catalog';

/** One kind of product a seller makes; `{place}` in the name becomes the seller's brand place. */
export interface ProductTemplate {
  name: string;
  category: string;
  unit: string;
  /** Price range in VND for one unit. */
  price: [number, number];
  /** Packaging variants appended to the name ("hộp 500g"); '' means the plain name. */
  variants: string[];
  weightGrams?: number;
  about: string;
  /** Certifications other than "typical rural industrial" a producer of this kind plausibly holds. */
  certs: CertificationType[];
  /** Processed goods may be recognised as typical rural industrial products. */
  processed?: boolean;
}

/** A seller's specialty: the products it makes and the words used to name it. */
export interface ProductFamily {
  key: string;
  /** Used in seller names: "Cơ sở {theme} Út Lan", "HTX {theme} Cầu Kè". */
  theme: string;
  products: ProductTemplate[];
}

const PACKS = ['hộp 250g', 'hộp 500g', 'túi 1kg'];

// One product per line: this is a data table, read across.
// prettier-ignore
export const FAMILIES: ProductFamily[] = [
  {
    key: 'dua-sap',
    theme: 'Dừa sáp',
    products: [
      { name: 'Dừa sáp {place}', category: 'trai-cay', unit: 'trái', price: [120_000, 220_000], variants: ['loại 1', 'loại 2', ''], weightGrams: 1500, about: 'Dừa sáp đặc sản Cầu Kè, cơm dừa dẻo đặc như sáp, nước sánh, thơm béo; trồng trên đất giồng cát ven sông Hậu.', certs: ['vietgap', 'organic'] },
      { name: 'Kẹo dừa sáp', category: 'banh-keo-mut', unit: 'hộp', price: [45_000, 90_000], variants: PACKS, weightGrams: 500, about: 'Kẹo dừa làm từ cơm dừa sáp và mạch nha, không chất bảo quản, dẻo thơm vị béo tự nhiên.', certs: ['haccp', 'iso22000'], processed: true },
      { name: 'Mứt dừa sáp', category: 'banh-keo-mut', unit: 'hộp', price: [60_000, 120_000], variants: ['hộp 300g', 'hộp 500g'], weightGrams: 300, about: 'Mứt dừa sáp sên tay, sợi dừa mềm dẻo, ngọt thanh, thích hợp làm quà Tết.', certs: ['haccp'], processed: true },
      { name: 'Thạch dừa sáp', category: 'banh-keo-mut', unit: 'hũ', price: [25_000, 45_000], variants: ['hũ 200g', 'hũ 500g'], weightGrams: 200, about: 'Thạch dừa sáp giòn mát, ăn kèm chè, sữa chua hoặc trà sữa.', certs: ['haccp'], processed: true },
      { name: 'Dừa sáp đông lạnh', category: 'thuc-pham-so-che', unit: 'trái', price: [150_000, 250_000], variants: ['', 'hộp 2 trái'], weightGrams: 1200, about: 'Cơm dừa sáp nạo sẵn, cấp đông nhanh giữ nguyên hương vị, giao toàn quốc.', certs: ['haccp', 'iso22000'], processed: true },
      { name: 'Nước dừa sáp đóng chai', category: 'do-uong-khong-con', unit: 'chai', price: [35_000, 55_000], variants: ['chai 330ml', 'chai 500ml'], weightGrams: 500, about: 'Nước dừa sáp nguyên chất thanh trùng, sánh và thơm đặc trưng.', certs: ['haccp', 'iso22000'], processed: true },
    ],
  },
  {
    key: 'dua',
    theme: 'Dừa',
    products: [
      { name: 'Kẹo dừa', category: 'banh-keo-mut', unit: 'gói', price: [30_000, 60_000], variants: ['lá dứa gói 400g', 'sầu riêng gói 400g', 'đậu phộng gói 400g', 'nguyên chất gói 500g'], weightGrams: 400, about: 'Kẹo dừa truyền thống nấu từ nước cốt dừa tươi và đường, không phẩm màu.', certs: ['haccp'], processed: true },
      { name: 'Dầu dừa tinh khiết', category: 'my-pham-thao-duoc', unit: 'chai', price: [60_000, 150_000], variants: ['chai 250ml', 'chai 500ml', 'chai 1 lít'], weightGrams: 500, about: 'Dầu dừa ép lạnh từ cơm dừa tươi, dùng dưỡng da, dưỡng tóc và nấu ăn.', certs: ['organic', 'iso22000'], processed: true },
      { name: 'Đường dừa {place}', category: 'duong-mat', unit: 'kg', price: [70_000, 120_000], variants: ['túi 500g', 'hộp 1kg'], weightGrams: 500, about: 'Đường nấu từ mật hoa dừa, vị ngọt dịu, chỉ số đường huyết thấp.', certs: ['organic', 'haccp'], processed: true },
      { name: 'Mật hoa dừa', category: 'duong-mat', unit: 'chai', price: [80_000, 160_000], variants: ['chai 250ml', 'chai 500ml'], weightGrams: 300, about: 'Mật hoa dừa cô đặc ở nhiệt độ thấp, giữ khoáng chất tự nhiên.', certs: ['organic'], processed: true },
      { name: 'Cơm dừa sấy giòn', category: 'trai-cay-say', unit: 'gói', price: [35_000, 70_000], variants: ['gói 100g', 'gói 250g'], weightGrams: 100, about: 'Cơm dừa tươi sấy giòn, ăn vặt hoặc rắc lên bánh, chè.', certs: ['haccp'], processed: true },
      { name: 'Nước cốt dừa', category: 'gia-vi', unit: 'hộp', price: [25_000, 45_000], variants: ['hộp 400ml', 'hộp 1 lít'], weightGrams: 400, about: 'Nước cốt dừa nguyên chất tiệt trùng, béo thơm cho món chè, cà ri.', certs: ['haccp', 'iso22000'], processed: true },
      { name: 'Dừa xiêm xanh', category: 'trai-cay', unit: 'trái', price: [12_000, 20_000], variants: ['', 'chục 12 trái'], weightGrams: 1500, about: 'Dừa xiêm xanh nước ngọt thanh, hái tại vườn trong ngày.', certs: ['vietgap'] },
    ],
  },
  {
    key: 'buoi',
    theme: 'Bưởi da xanh',
    products: [
      { name: 'Bưởi da xanh {place}', category: 'trai-cay', unit: 'kg', price: [45_000, 75_000], variants: ['loại 1', 'loại 2', 'hộp quà 2 trái'], weightGrams: 1500, about: 'Bưởi da xanh ruột hồng, múi ráo, vị ngọt thanh; có tem truy xuất nguồn gốc QR.', certs: ['vietgap', 'globalgap'] },
      { name: 'Bưởi năm roi', category: 'trai-cay', unit: 'kg', price: [30_000, 45_000], variants: ['loại 1', ''], weightGrams: 1200, about: 'Bưởi năm roi múi mọng nước, ngọt dịu, vỏ mỏng.', certs: ['vietgap'] },
      { name: 'Mứt vỏ bưởi', category: 'banh-keo-mut', unit: 'hộp', price: [40_000, 80_000], variants: ['hộp 200g', 'hộp 500g'], weightGrams: 200, about: 'Mứt vỏ bưởi dẻo, hết đắng, thơm mùi tinh dầu bưởi.', certs: ['haccp'], processed: true },
      { name: 'Tinh dầu vỏ bưởi', category: 'my-pham-thao-duoc', unit: 'chai', price: [60_000, 150_000], variants: ['chai 10ml', 'chai 50ml', 'chai 100ml'], weightGrams: 100, about: 'Tinh dầu chưng cất từ vỏ bưởi da xanh, dưỡng tóc, giảm rụng tóc.', certs: ['other'], processed: true },
      { name: 'Trà vỏ bưởi', category: 'thuc-pham-chuc-nang', unit: 'hộp', price: [45_000, 90_000], variants: ['hộp 20 túi lọc'], weightGrams: 60, about: 'Trà túi lọc vỏ bưởi sấy lạnh, thơm dịu, hỗ trợ tiêu hóa.', certs: ['haccp'], processed: true },
    ],
  },
  {
    key: 'gao',
    theme: 'Lúa gạo',
    products: [
      { name: 'Gạo hữu cơ {place}', category: 'gao', unit: 'túi', price: [90_000, 160_000], variants: ['túi 2kg', 'túi 5kg'], weightGrams: 5000, about: 'Gạo canh tác hữu cơ, không thuốc bảo vệ thực vật, cơm dẻo thơm; có tem truy xuất nguồn gốc.', certs: ['organic', 'vietgap'] },
      { name: 'Gạo ST25', category: 'gao', unit: 'túi', price: [120_000, 200_000], variants: ['túi 5kg', 'túi 10kg'], weightGrams: 5000, about: 'Gạo ST25 hạt dài, cơm dẻo, thơm mùi lá dứa.', certs: ['vietgap', 'globalgap'] },
      { name: 'Gạo thơm Jasmine', category: 'gao', unit: 'túi', price: [85_000, 140_000], variants: ['túi 5kg', 'bao 10kg'], weightGrams: 5000, about: 'Gạo thơm Jasmine trồng theo quy trình VietGAP, cơm mềm, để nguội không cứng.', certs: ['vietgap'] },
      { name: 'Gạo lứt đỏ', category: 'gao', unit: 'túi', price: [45_000, 80_000], variants: ['túi 1kg', 'túi 2kg'], weightGrams: 1000, about: 'Gạo lứt đỏ giàu chất xơ, phù hợp người ăn kiêng, tiểu đường.', certs: ['organic'] },
      { name: 'Gạo nếp ngỗng', category: 'gao', unit: 'kg', price: [28_000, 40_000], variants: ['túi 2kg', 'túi 5kg'], weightGrams: 2000, about: 'Nếp ngỗng Trà Vinh hạt tròn, dẻo thơm, dùng gói bánh tét, đồ xôi.', certs: ['vietgap'] },
      { name: 'Cốm dẹp', category: 'banh-keo-mut', unit: 'gói', price: [30_000, 60_000], variants: ['gói 250g', 'gói 500g'], weightGrams: 250, about: 'Cốm dẹp giã tay từ nếp non theo cách làm của đồng bào Khmer, dịp lễ Ok Om Bok.', certs: ['haccp'], processed: true },
    ],
  },
  {
    key: 'dua-luoi',
    theme: 'Dưa lưới',
    products: [
      { name: 'Dưa lưới {place}', category: 'trai-cay', unit: 'kg', price: [55_000, 90_000], variants: ['loại 1', 'hộp quà 2 trái', ''], weightGrams: 1800, about: 'Dưa lưới trồng nhà màng, tưới nhỏ giọt, độ ngọt cao; tem QR truy xuất nguồn gốc.', certs: ['vietgap', 'globalgap'] },
      { name: 'Dưa lưới ruột cam', category: 'trai-cay', unit: 'kg', price: [60_000, 95_000], variants: ['loại 1', ''], weightGrams: 1600, about: 'Dưa lưới ruột cam giòn, thơm, ngọt mát.', certs: ['vietgap'] },
      { name: 'Dưa hấu', category: 'trai-cay', unit: 'kg', price: [12_000, 25_000], variants: ['ruột đỏ', 'không hạt', 'ruột vàng'], weightGrams: 3000, about: 'Dưa hấu trồng trên đất giồng cát, vỏ mỏng, ruột đỏ, ngọt lịm.', certs: ['vietgap'] },
      { name: 'Dưa leo baby', category: 'rau-cu-qua', unit: 'kg', price: [25_000, 40_000], variants: ['', 'túi 500g'], weightGrams: 500, about: 'Dưa leo baby giòn ngọt, trồng nhà lưới an toàn.', certs: ['vietgap'] },
    ],
  },
  {
    key: 'trai-cay',
    theme: 'Trái cây',
    products: [
      { name: 'Xoài cát Hòa Lộc', category: 'trai-cay', unit: 'kg', price: [60_000, 95_000], variants: ['loại 1', 'loại 2'], weightGrams: 1000, about: 'Xoài cát Hòa Lộc chín cây, thịt vàng, mịn, thơm ngọt đậm.', certs: ['vietgap', 'globalgap'] },
      { name: 'Thanh long ruột đỏ', category: 'trai-cay', unit: 'kg', price: [25_000, 45_000], variants: ['loại 1', ''], weightGrams: 1000, about: 'Thanh long ruột đỏ ngọt mát, giàu chất chống oxy hóa.', certs: ['vietgap'] },
      { name: 'Dứa (khóm) Cầu Ngang', category: 'trai-cay', unit: 'trái', price: [12_000, 22_000], variants: ['', 'chục 10 trái'], weightGrams: 1200, about: 'Dứa (khóm) trồng trên đất giồng Cầu Ngang, mắt cạn, thơm và ngọt.', certs: ['vietgap'] },
      { name: 'Chuối già hương', category: 'trai-cay', unit: 'nải', price: [30_000, 50_000], variants: [''], weightGrams: 2000, about: 'Chuối già hương chín tự nhiên, thơm, vỏ mỏng.', certs: ['vietgap'] },
      { name: 'Sầu riêng Ri6', category: 'trai-cay', unit: 'kg', price: [70_000, 120_000], variants: ['loại 1', ''], weightGrams: 2500, about: 'Sầu riêng Ri6 cơm vàng, hạt lép, béo ngọt.', certs: ['vietgap', 'globalgap'] },
      { name: 'Nhãn xuồng cơm vàng', category: 'trai-cay', unit: 'kg', price: [45_000, 70_000], variants: [''], weightGrams: 1000, about: 'Nhãn xuồng cơm dày, giòn, ngọt thanh.', certs: ['vietgap'] },
      { name: 'Măng cụt', category: 'trai-cay', unit: 'kg', price: [50_000, 80_000], variants: [''], weightGrams: 1000, about: 'Măng cụt vườn, múi trắng, chua ngọt hài hòa.', certs: ['vietgap'] },
      { name: 'Chuối sấy dẻo', category: 'trai-cay-say', unit: 'gói', price: [35_000, 65_000], variants: ['gói 250g', 'gói 500g'], weightGrams: 250, about: 'Chuối xiêm chín sấy dẻo, không thêm đường.', certs: ['haccp'], processed: true },
      { name: 'Xoài sấy dẻo', category: 'trai-cay-say', unit: 'gói', price: [45_000, 85_000], variants: ['gói 200g', 'gói 500g'], weightGrams: 200, about: 'Xoài cát sấy dẻo ít đường, giữ vị chua ngọt tự nhiên.', certs: ['haccp', 'iso22000'], processed: true },
      { name: 'Mít sấy giòn', category: 'trai-cay-say', unit: 'gói', price: [40_000, 75_000], variants: ['gói 200g', 'gói 500g'], weightGrams: 200, about: 'Mít Thái sấy chân không giòn rụm, thơm ngon.', certs: ['haccp'], processed: true },
    ],
  },
  {
    key: 'mat-ong',
    theme: 'Mật ong',
    products: [
      { name: 'Mật ong hoa dừa', category: 'mat-ong', unit: 'chai', price: [120_000, 220_000], variants: ['chai 500ml', 'chai 1 lít'], weightGrams: 700, about: 'Mật ong nuôi trong vườn dừa, màu vàng sáng, thơm nhẹ mùi hoa dừa.', certs: ['haccp', 'organic'], processed: true },
      { name: 'Mật ong rừng ngập mặn', category: 'mat-ong', unit: 'chai', price: [180_000, 320_000], variants: ['chai 500ml', 'chai 1 lít'], weightGrams: 700, about: 'Mật ong khai thác từ rừng đước, rừng bần ven biển Duyên Hải.', certs: ['haccp'], processed: true },
      { name: 'Mật ong hoa nhãn', category: 'mat-ong', unit: 'chai', price: [110_000, 200_000], variants: ['chai 500ml', 'chai 1 lít'], weightGrams: 700, about: 'Mật ong hoa nhãn vị ngọt đậm, thơm đặc trưng.', certs: ['haccp'], processed: true },
      { name: 'Phấn hoa', category: 'thuc-pham-chuc-nang', unit: 'hũ', price: [90_000, 160_000], variants: ['hũ 250g', 'hũ 500g'], weightGrams: 250, about: 'Phấn hoa ong sấy khô, bổ sung dinh dưỡng tự nhiên.', certs: ['haccp'], processed: true },
      { name: 'Sữa ong chúa', category: 'thuc-pham-chuc-nang', unit: 'hũ', price: [250_000, 450_000], variants: ['hũ 100g'], weightGrams: 100, about: 'Sữa ong chúa tươi bảo quản lạnh.', certs: ['haccp'], processed: true },
    ],
  },
  {
    key: 'thot-not',
    theme: 'Đường thốt nốt',
    products: [
      { name: 'Đường thốt nốt', category: 'duong-mat', unit: 'kg', price: [65_000, 110_000], variants: ['túi 500g', 'hộp 1kg', 'viên hũ 800g'], weightGrams: 500, about: 'Đường thốt nốt nấu thủ công từ nước thốt nốt của đồng bào Khmer Trà Cú, ngọt thanh, thơm khói.', certs: ['haccp'], processed: true },
      { name: 'Nước thốt nốt', category: 'do-uong-khong-con', unit: 'chai', price: [20_000, 35_000], variants: ['chai 500ml'], weightGrams: 500, about: 'Nước thốt nốt tươi thanh trùng, mát và ngọt dịu.', certs: ['haccp'], processed: true },
      { name: 'Bánh bò thốt nốt', category: 'banh-keo-mut', unit: 'hộp', price: [35_000, 60_000], variants: ['hộp 10 cái'], weightGrams: 400, about: 'Bánh bò làm từ đường và trái thốt nốt, mềm xốp, màu vàng.', certs: ['haccp'], processed: true },
      { name: 'Mật thốt nốt', category: 'duong-mat', unit: 'chai', price: [60_000, 100_000], variants: ['chai 500ml'], weightGrams: 600, about: 'Mật thốt nốt cô đặc, pha nước uống hoặc làm bánh.', certs: ['haccp'], processed: true },
    ],
  },
  {
    key: 'kho-ca',
    theme: 'Khô cá',
    products: [
      { name: 'Khô cá lóc', category: 'kho-hai-san', unit: 'kg', price: [280_000, 450_000], variants: ['túi 500g', 'túi 1kg', '1 nắng'], weightGrams: 500, about: 'Khô cá lóc đồng phơi nắng tự nhiên, thịt chắc, vừa ăn.', certs: ['haccp', 'iso22000'], processed: true },
      { name: 'Khô cá sặc rằn', category: 'kho-hai-san', unit: 'kg', price: [220_000, 350_000], variants: ['túi 500g', 'túi 1kg'], weightGrams: 500, about: 'Khô cá sặc rằn ướp vừa muối, chiên giòn ăn với cơm.', certs: ['haccp'], processed: true },
      { name: 'Khô cá khoai', category: 'kho-hai-san', unit: 'kg', price: [250_000, 400_000], variants: ['túi 500g'], weightGrams: 500, about: 'Khô cá khoai biển Duyên Hải, thịt mềm ngọt.', certs: ['haccp'], processed: true },
      { name: 'Tôm khô', category: 'kho-hai-san', unit: 'kg', price: [600_000, 1_100_000], variants: ['túi 250g', 'túi 500g'], weightGrams: 250, about: 'Tôm đất phơi khô, đỏ tự nhiên, không phẩm màu.', certs: ['haccp', 'iso22000'], processed: true },
      { name: 'Khô mực', category: 'kho-hai-san', unit: 'kg', price: [900_000, 1_500_000], variants: ['túi 500g'], weightGrams: 500, about: 'Mực câu phơi một nắng, nướng thơm ngọt.', certs: ['haccp'], processed: true },
      { name: 'Ba khía muối', category: 'kho-hai-san', unit: 'hũ', price: [60_000, 120_000], variants: ['hũ 500g', 'hũ 1kg'], weightGrams: 500, about: 'Ba khía rừng ngập mặn muối theo công thức gia truyền.', certs: ['haccp'], processed: true },
      { name: 'Cá khô bổi', category: 'kho-hai-san', unit: 'kg', price: [180_000, 300_000], variants: ['túi 500g'], weightGrams: 500, about: 'Cá khô bổi làm từ cá đồng tươi, phơi nắng.', certs: ['haccp'], processed: true },
    ],
  },
  {
    key: 'thuy-san',
    theme: 'Thủy sản',
    products: [
      { name: 'Cua biển Duyên Hải', category: 'thuy-san-tuoi', unit: 'kg', price: [350_000, 650_000], variants: ['cua gạch', 'cua thịt loại 1'], weightGrams: 1000, about: 'Cua biển nuôi quảng canh dưới tán rừng ngập mặn, chắc thịt.', certs: ['vietgap', 'globalgap'] },
      { name: 'Tôm sú', category: 'thuy-san-tuoi', unit: 'kg', price: [280_000, 450_000], variants: ['size 20 con/kg', 'size 30 con/kg'], weightGrams: 1000, about: 'Tôm sú nuôi sinh thái, giao tươi sống.', certs: ['vietgap', 'globalgap'] },
      { name: 'Sò huyết', category: 'thuy-san-tuoi', unit: 'kg', price: [150_000, 250_000], variants: [''], weightGrams: 1000, about: 'Sò huyết bãi bồi ven biển, tươi sống.', certs: ['vietgap'] },
      { name: 'Nghêu', category: 'thuy-san-tuoi', unit: 'kg', price: [40_000, 70_000], variants: [''], weightGrams: 1000, about: 'Nghêu trắng vùng bãi bồi Trường Long Hòa.', certs: ['vietgap'] },
      { name: 'Cá lóc đồng', category: 'thuy-san-tuoi', unit: 'kg', price: [80_000, 130_000], variants: [''], weightGrams: 1000, about: 'Cá lóc đồng tươi sống, làm sạch theo yêu cầu.', certs: ['vietgap'] },
      { name: 'Chả cá thát lát', category: 'thit-che-bien', unit: 'kg', price: [180_000, 280_000], variants: ['khay 500g', 'túi 1kg'], weightGrams: 500, about: 'Chả cá thát lát quết tay, dai ngon, không hàn the.', certs: ['haccp', 'iso22000'], processed: true },
    ],
  },
  {
    key: 'che-bien',
    theme: 'Thực phẩm',
    products: [
      { name: 'Bánh tét Trà Cuôn', category: 'banh-keo-mut', unit: 'đòn', price: [80_000, 180_000], variants: ['nhân thịt trứng muối', 'nhân đậu', 'lá cẩm'], weightGrams: 1000, about: 'Bánh tét Trà Cuôn gói nếp ngỗng, nhân thịt mỡ, trứng muối, lá chuối xanh.', certs: ['haccp'], processed: true },
      { name: 'Chả lụa', category: 'thit-che-bien', unit: 'đòn', price: [90_000, 180_000], variants: ['đòn 500g', 'đòn 1kg'], weightGrams: 500, about: 'Chả lụa thịt heo đùi gói lá chuối, không hàn the.', certs: ['haccp'], processed: true },
      { name: 'Lạp xưởng tươi', category: 'thit-che-bien', unit: 'kg', price: [160_000, 260_000], variants: ['túi 500g', 'túi 1kg'], weightGrams: 500, about: 'Lạp xưởng tươi thịt nạc, chiên hoặc nướng đều ngon.', certs: ['haccp'], processed: true },
      { name: 'Bánh canh Bến Có', category: 'thit-che-bien', unit: 'gói', price: [25_000, 45_000], variants: ['gói 500g'], weightGrams: 500, about: 'Sợi bánh canh bột gạo làm thủ công theo kiểu Bến Có, dai mềm.', certs: ['haccp'], processed: true },
      { name: 'Bánh ống lá dứa', category: 'banh-keo-mut', unit: 'hộp', price: [30_000, 50_000], variants: ['hộp 10 cái'], weightGrams: 300, about: 'Bánh ống lá dứa của người Khmer, ăn với dừa nạo và đường.', certs: ['haccp'], processed: true },
      { name: 'Bánh pía', category: 'banh-keo-mut', unit: 'hộp', price: [50_000, 110_000], variants: ['hộp 4 cái', 'hộp 8 cái'], weightGrams: 400, about: 'Bánh pía nhân đậu xanh sầu riêng trứng muối.', certs: ['haccp', 'iso22000'], processed: true },
      { name: 'Nước mắm cá cơm', category: 'gia-vi', unit: 'chai', price: [45_000, 95_000], variants: ['chai 500ml', 'chai 1 lít'], weightGrams: 600, about: 'Nước mắm cá cơm ủ chượp truyền thống 12 tháng, 30 độ đạm.', certs: ['haccp'], processed: true },
      { name: 'Tương ớt', category: 'gia-vi', unit: 'chai', price: [20_000, 40_000], variants: ['chai 250g'], weightGrams: 250, about: 'Tương ớt chỉ thiên xay, cay nồng, không phẩm màu.', certs: ['haccp'], processed: true },
      { name: 'Mắm cá lóc', category: 'gia-vi', unit: 'hũ', price: [70_000, 130_000], variants: ['hũ 500g'], weightGrams: 500, about: 'Mắm cá lóc ủ thính, nguyên liệu nấu bún nước lèo Trà Vinh.', certs: ['haccp'], processed: true },
    ],
  },
  {
    key: 'ruou',
    theme: 'Rượu',
    products: [
      { name: 'Rượu Xuân Thạnh', category: 'do-uong-co-con', unit: 'chai', price: [70_000, 160_000], variants: ['chai 500ml 40 độ', 'chai 750ml', 'bình sứ 1 lít'], weightGrams: 900, about: 'Rượu gạo nấu thủ công, chưng cất bằng nồi đồng theo cách làng Xuân Thạnh, êm và thơm.', certs: ['haccp'], processed: true },
      { name: 'Rượu nếp than', category: 'do-uong-co-con', unit: 'chai', price: [60_000, 120_000], variants: ['chai 500ml'], weightGrams: 700, about: 'Rượu nếp than ủ men lá, màu tím đặc trưng.', certs: ['haccp'], processed: true },
      { name: 'Rượu dừa', category: 'do-uong-co-con', unit: 'trái', price: [90_000, 150_000], variants: ['', 'hộp 2 trái'], weightGrams: 1000, about: 'Rượu nếp ngâm trong trái dừa xiêm, thơm vị dừa, quà biếu độc đáo.', certs: ['haccp'], processed: true },
      { name: 'Rượu chuối hột', category: 'do-uong-co-con', unit: 'chai', price: [80_000, 140_000], variants: ['chai 500ml'], weightGrams: 700, about: 'Rượu ngâm chuối hột rừng, vị chát dịu.', certs: ['haccp'], processed: true },
    ],
  },
  {
    key: 'thao-duoc',
    theme: 'Thảo dược',
    products: [
      { name: 'Tinh dầu sả chanh', category: 'my-pham-thao-duoc', unit: 'chai', price: [50_000, 120_000], variants: ['chai 10ml', 'chai 50ml', 'chai 100ml'], weightGrams: 100, about: 'Tinh dầu sả chanh chưng cất hơi nước, đuổi muỗi, khử mùi.', certs: ['other', 'organic'], processed: true },
      { name: 'Tinh dầu tràm', category: 'my-pham-thao-duoc', unit: 'chai', price: [60_000, 130_000], variants: ['chai 50ml', 'chai 100ml'], weightGrams: 100, about: 'Tinh dầu tràm nguyên chất cho mẹ và bé.', certs: ['other'], processed: true },
      { name: 'Trà mãng cầu', category: 'thuc-pham-chuc-nang', unit: 'hộp', price: [50_000, 90_000], variants: ['hộp 20 túi lọc', 'túi 200g'], weightGrams: 200, about: 'Trà mãng cầu xiêm sấy lạnh, chua ngọt dễ uống.', certs: ['haccp'], processed: true },
      { name: 'Trà khổ qua rừng', category: 'thuc-pham-chuc-nang', unit: 'túi', price: [45_000, 85_000], variants: ['túi 250g', 'túi 500g'], weightGrams: 250, about: 'Khổ qua rừng phơi khô, hỗ trợ người tiểu đường.', certs: ['haccp', 'organic'], processed: true },
      { name: 'Tinh bột nghệ', category: 'thuc-pham-chuc-nang', unit: 'hũ', price: [120_000, 220_000], variants: ['hũ 250g', 'hũ 500g'], weightGrams: 250, about: 'Tinh bột nghệ vàng lọc nhiều lần, hỗ trợ dạ dày.', certs: ['haccp', 'organic'], processed: true },
      { name: 'Cao chùm ngây', category: 'thuc-pham-chuc-nang', unit: 'hũ', price: [150_000, 250_000], variants: ['hũ 100g'], weightGrams: 100, about: 'Cao lá chùm ngây cô đặc, bổ sung vi chất.', certs: ['haccp'], processed: true },
    ],
  },
  {
    key: 'thu-cong',
    theme: 'Thủ công mỹ nghệ',
    products: [
      { name: 'Bộ chén gáo dừa', category: 'do-thu-cong', unit: 'bộ', price: [80_000, 180_000], variants: ['bộ 4 chén', 'bộ 6 chén kèm muỗng'], weightGrams: 400, about: 'Chén làm từ gáo dừa già, đánh bóng dầu dừa, an toàn thực phẩm.', certs: [], processed: true },
      { name: 'Đèn gáo dừa', category: 'do-trang-tri', unit: 'cái', price: [150_000, 450_000], variants: ['đèn ngủ', 'đèn treo'], weightGrams: 600, about: 'Đèn trang trí khoan hoa văn trên gáo dừa, ánh sáng ấm.', certs: [], processed: true },
      { name: 'Giỏ mây tre đan', category: 'do-thu-cong', unit: 'cái', price: [60_000, 250_000], variants: ['cỡ nhỏ', 'cỡ lớn', 'có nắp'], weightGrams: 500, about: 'Giỏ đan thủ công từ mây tre, bền đẹp, thân thiện môi trường.', certs: [], processed: true },
      { name: 'Giỏ lục bình', category: 'do-thu-cong', unit: 'cái', price: [70_000, 220_000], variants: ['cỡ vừa', 'bộ 3 cái'], weightGrams: 700, about: 'Giỏ đan từ cọng lục bình phơi khô, dùng đựng đồ, trang trí.', certs: [], processed: true },
      { name: 'Chiếu lác', category: 'do-thu-cong', unit: 'chiếc', price: [120_000, 300_000], variants: ['1m6', '1m8'], weightGrams: 1500, about: 'Chiếu lác dệt tay, mát, in hoa văn truyền thống.', certs: [], processed: true },
      { name: 'Khăn rằn', category: 'vai-may-mac', unit: 'chiếc', price: [25_000, 60_000], variants: ['', 'bộ 5 chiếc'], weightGrams: 100, about: 'Khăn rằn dệt thủ công, sợi cotton thấm hút tốt.', certs: ['other'], processed: true },
      { name: 'Xà rông thổ cẩm Khmer', category: 'vai-may-mac', unit: 'chiếc', price: [250_000, 700_000], variants: ['', 'hoa văn truyền thống'], weightGrams: 400, about: 'Xà rông dệt thổ cẩm Khmer, hoa văn truyền thống.', certs: [], processed: true },
      { name: 'Tranh gáo dừa', category: 'do-trang-tri', unit: 'bức', price: [200_000, 800_000], variants: ['khổ 30x40', 'khổ 40x60'], weightGrams: 900, about: 'Tranh ghép từ mảnh gáo dừa, đề tài chùa Khmer và ao Bà Om.', certs: [], processed: true },
    ],
  },
  {
    key: 'nong-san',
    theme: 'Nông sản',
    products: [
      { name: 'Đậu phộng', category: 'rau-cu-qua', unit: 'kg', price: [45_000, 70_000], variants: ['tươi', 'khô', 'rang muối hộp 500g'], weightGrams: 1000, about: 'Đậu phộng trồng trên đất giồng cát, hạt chắc, béo.', certs: ['vietgap'] },
      { name: 'Khoai lang tím', category: 'rau-cu-qua', unit: 'kg', price: [18_000, 30_000], variants: [''], weightGrams: 1000, about: 'Khoai lang tím Nhật bở, ngọt.', certs: ['vietgap'] },
      { name: 'Củ cải trắng', category: 'rau-cu-qua', unit: 'kg', price: [10_000, 18_000], variants: [''], weightGrams: 1000, about: 'Củ cải trắng giòn, trồng theo hướng an toàn.', certs: ['vietgap'] },
      { name: 'Rau má', category: 'rau-cu-qua', unit: 'kg', price: [20_000, 35_000], variants: ['', 'bột rau má 100g'], weightGrams: 500, about: 'Rau má lá to, trồng không hóa chất.', certs: ['vietgap', 'organic'] },
      { name: 'Ớt chỉ thiên', category: 'rau-cu-qua', unit: 'kg', price: [40_000, 80_000], variants: ['tươi', 'khô túi 200g'], weightGrams: 500, about: 'Ớt chỉ thiên cay nồng, màu đỏ tươi.', certs: ['vietgap'] },
      { name: 'Trứng gà ta', category: 'san-pham-chan-nuoi', unit: 'chục', price: [35_000, 50_000], variants: [''], weightGrams: 600, about: 'Trứng gà ta nuôi thả vườn, lòng đỏ đậm.', certs: ['vietgap'] },
      { name: 'Trứng vịt muối', category: 'san-pham-chan-nuoi', unit: 'chục', price: [45_000, 70_000], variants: [''], weightGrams: 800, about: 'Trứng vịt muối tro, lòng đỏ son, dùng làm bánh.', certs: ['haccp'], processed: true },
      { name: 'Bò thịt vàng', category: 'san-pham-chan-nuoi', unit: 'kg', price: [250_000, 320_000], variants: ['thịt đùi', 'thịt bắp'], weightGrams: 1000, about: 'Bò vàng địa phương nuôi cỏ, thịt thơm, ít mỡ.', certs: ['vietgap'] },
      { name: 'Cây giống dừa sáp', category: 'giong-cay-trong', unit: 'cây', price: [150_000, 350_000], variants: ['cấy phôi', 'truyền thống'], weightGrams: 3000, about: 'Cây giống dừa sáp cấy phôi, tỷ lệ trái sáp cao.', certs: ['other'] },
    ],
  },
  {
    key: 'sinh-vat-canh',
    theme: 'Hoa kiểng',
    products: [
      { name: 'Mai vàng', category: 'cay-canh-hoa', unit: 'chậu', price: [350_000, 2_500_000], variants: ['chậu nhỏ', 'chậu lớn', 'bonsai'], weightGrams: 8000, about: 'Mai vàng ghép, dáng đẹp, nụ đều, chăm sóc theo lịch Tết.', certs: [] },
      { name: 'Lan Mokara', category: 'cay-canh-hoa', unit: 'chậu', price: [120_000, 350_000], variants: [''], weightGrams: 1500, about: 'Lan Mokara nhiều màu, bền hoa.', certs: [] },
      { name: 'Cá kiểng Koi', category: 'dong-vat-canh', unit: 'con', price: [150_000, 900_000], variants: ['size 15cm', 'size 25cm'], weightGrams: 500, about: 'Cá Koi nuôi hồ đất, màu sắc rực rỡ.', certs: [] },
    ],
  },
  {
    key: 'du-lich',
    theme: 'Du lịch cộng đồng',
    products: [
      { name: 'Tour sinh thái rừng đước', category: 'du-lich-cong-dong', unit: 'người', price: [250_000, 600_000], variants: ['nửa ngày', 'trọn ngày'], about: 'Đi xuồng xuyên rừng đước, bắt ba khía, thưởng thức hải sản tại chỗ.', certs: [] },
      { name: 'Homestay miệt vườn', category: 'du-lich-cong-dong', unit: 'đêm', price: [300_000, 700_000], variants: ['phòng đôi', 'nhà sàn'], about: 'Nghỉ nhà vườn, ăn trái cây tại cây, tát mương bắt cá.', certs: [] },
      { name: 'Trải nghiệm làm kẹo dừa', category: 'du-lich-cong-dong', unit: 'người', price: [100_000, 200_000], variants: [''], about: 'Tham quan lò kẹo dừa và tự tay cắt, gói kẹo.', certs: [] },
    ],
  },
];

export function familyByKey(key: string): ProductFamily {
  const f = FAMILIES.find((x) => x.key === key);
  if (!f) throw new Error(`unknown product family ${key}`);
  return f;
}
