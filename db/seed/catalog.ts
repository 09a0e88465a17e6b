/** A small, realistic catalogue across the categories that return policies distinguish. */
export type SeedProduct = {
  sku: string;
  name: string;
  category: string;
  priceCents: number;
  returnable?: boolean;
  nonReturnableReason?: string;
  warrantyDays?: number;
};

export const PRODUCTS: SeedProduct[] = [
  {
    sku: 'PH-X12-128',
    name: '星耀 X12 智能手机 128GB',
    category: 'electronics',
    priceCents: 299900,
    warrantyDays: 365,
  },
  {
    sku: 'PH-X12-256',
    name: '星耀 X12 智能手机 256GB',
    category: 'electronics',
    priceCents: 349900,
    warrantyDays: 365,
  },
  { sku: 'EB-AIR3', name: '轻羽 Air3 无线降噪耳机', category: 'electronics', priceCents: 89900, warrantyDays: 365 },
  { sku: 'PB-20K', name: '快充移动电源 20000mAh', category: 'electronics', priceCents: 15900, warrantyDays: 365 },
  { sku: 'SW-FIT5', name: 'Fit5 运动手环', category: 'electronics', priceCents: 24900, warrantyDays: 365 },
  { sku: 'LP-PRO14', name: 'Pro14 轻薄笔记本电脑', category: 'electronics', priceCents: 649900, warrantyDays: 730 },
  { sku: 'KB-MX87', name: 'MX87 机械键盘', category: 'electronics', priceCents: 39900, warrantyDays: 365 },
  { sku: 'AP-RC300', name: 'RC300 扫地机器人', category: 'appliances', priceCents: 179900, warrantyDays: 730 },
  { sku: 'AP-AF55', name: '5.5L 空气炸锅', category: 'appliances', priceCents: 39900, warrantyDays: 365 },
  { sku: 'AP-KT17', name: '1.7L 恒温电水壶', category: 'appliances', priceCents: 12900, warrantyDays: 365 },
  { sku: 'AP-HD2000', name: '负离子吹风机', category: 'appliances', priceCents: 29900, warrantyDays: 365 },
  { sku: 'AP-PUR9', name: 'Pure9 空气净化器', category: 'appliances', priceCents: 129900, warrantyDays: 730 },
  { sku: 'CL-TS-M', name: '纯棉圆领 T 恤 M', category: 'apparel', priceCents: 7900, warrantyDays: 0 },
  { sku: 'CL-TS-L', name: '纯棉圆领 T 恤 L', category: 'apparel', priceCents: 7900, warrantyDays: 0 },
  { sku: 'CL-DJ-32', name: '修身牛仔裤 32', category: 'apparel', priceCents: 19900, warrantyDays: 0 },
  { sku: 'CL-DW-L', name: '轻薄羽绒服 L', category: 'apparel', priceCents: 49900, warrantyDays: 0 },
  { sku: 'SH-RUN-42', name: '缓震跑步鞋 42', category: 'apparel', priceCents: 45900, warrantyDays: 90 },
  { sku: 'HM-PIL2', name: '记忆棉枕头(两只装)', category: 'home', priceCents: 15900, warrantyDays: 180 },
  { sku: 'HM-DUV-Q', name: '全棉四件套 1.8m', category: 'home', priceCents: 32900, warrantyDays: 0 },
  { sku: 'HM-LAMP', name: '护眼台灯', category: 'home', priceCents: 18900, warrantyDays: 365 },
  { sku: 'BT-SER30', name: '修护精华液 30ml', category: 'beauty', priceCents: 35900, warrantyDays: 0 },
  { sku: 'BT-SUN50', name: '清爽防晒霜 SPF50', category: 'beauty', priceCents: 12900, warrantyDays: 0 },
  {
    sku: 'FD-TEA250',
    name: '明前龙井 250g',
    category: 'food',
    priceCents: 26800,
    returnable: false,
    nonReturnableReason: 'perishable',
    warrantyDays: 0,
  },
  {
    sku: 'FD-NUT-MIX',
    name: '每日坚果 30 袋',
    category: 'food',
    priceCents: 9900,
    returnable: false,
    nonReturnableReason: 'perishable',
    warrantyDays: 0,
  },
  {
    sku: 'FD-CHERRY',
    name: '智利车厘子 2kg 鲜果',
    category: 'food',
    priceCents: 19900,
    returnable: false,
    nonReturnableReason: 'perishable',
    warrantyDays: 0,
  },
  { sku: 'BK-NOVEL', name: '长篇小说精装版', category: 'books', priceCents: 5900, warrantyDays: 0 },
  {
    sku: 'BK-MAG-12',
    name: '科技月刊 全年订阅',
    category: 'periodicals',
    priceCents: 28800,
    returnable: false,
    nonReturnableReason: 'periodical',
    warrantyDays: 0,
  },
  {
    sku: 'DG-VIP-1Y',
    name: '会员年卡(电子兑换码)',
    category: 'digital',
    priceCents: 19800,
    returnable: false,
    nonReturnableReason: 'digital',
    warrantyDays: 0,
  },
  {
    sku: 'CU-NAME-MUG',
    name: '定制刻字马克杯',
    category: 'custom',
    priceCents: 6900,
    returnable: false,
    nonReturnableReason: 'custom_made',
    warrantyDays: 0,
  },
  { sku: 'TY-BLOCK-500', name: '益智积木 500 粒', category: 'toys', priceCents: 16900, warrantyDays: 0 },
];

export const REGIONS = [
  '北京市 朝阳区',
  '上海市 浦东新区',
  '广东省 深圳市 南山区',
  '广东省 广州市 天河区',
  '浙江省 杭州市 西湖区',
  '江苏省 南京市 鼓楼区',
  '四川省 成都市 武侯区',
  '湖北省 武汉市 洪山区',
  '陕西省 西安市 雁塔区',
  '山东省 青岛市 市南区',
  '福建省 厦门市 思明区',
  '重庆市 渝北区',
];

export const STREETS = ['建国路', '人民路', '中山路', '解放路', '科技园路', '滨江大道', '长安街', '和平路'];

export const CARRIERS = [
  { name: '顺丰速运', prefix: 'SF', digits: 12 },
  { name: '京东物流', prefix: 'JDV', digits: 12 },
  { name: '中通快递', prefix: '', digits: 12 },
  { name: '圆通速递', prefix: 'YT', digits: 13 },
  { name: 'EMS', prefix: 'E', digits: 11 },
];
