import type { Random } from './random';

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '罗', '高', '郑', '梁', '谢', '宋', '唐', '许', '韩', '冯', '邓', '曹'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀英', '霞', '平', '刚', '桂英', '晓东', '雨涵', '子轩', '欣怡', '浩然', '梓涵', '一诺', '思远', '佳怡', '俊杰', '婉清', '志强', '海燕'];
const FIRST = ['Emma', 'Liam', 'Olivia', 'Noah', 'Ava', 'James', 'Sophia', 'Lucas', 'Mia', 'Henry', 'Grace', 'Daniel', 'Chloe', 'Samuel', 'Ella', 'Jack', 'Lily', 'Ethan', 'Zoe', 'Oliver'];
const LAST = ['Smith', 'Johnson', 'Brown', 'Taylor', 'Wilson', 'Davies', 'Evans', 'Thomas', 'Roberts', 'Walker', 'Wright', 'Green', 'Hall', 'Wood', 'Clarke', 'Hughes', 'Lewis', 'Martin', 'Moore', 'Turner'];

const PINYIN: Record<string, string> = {
  王: 'wang', 李: 'li', 张: 'zhang', 刘: 'liu', 陈: 'chen', 杨: 'yang', 黄: 'huang', 赵: 'zhao', 吴: 'wu', 周: 'zhou',
  徐: 'xu', 孙: 'sun', 马: 'ma', 朱: 'zhu', 胡: 'hu', 郭: 'guo', 何: 'he', 林: 'lin', 罗: 'luo', 高: 'gao', 郑: 'zheng',
  梁: 'liang', 谢: 'xie', 宋: 'song', 唐: 'tang', 许: 'xu', 韩: 'han', 冯: 'feng', 邓: 'deng', 曹: 'cao',
};

/** A realistic name (about four in five Chinese) and a matching e-mail local part. */
export function personName(random: Random, index: number): { name: string; emailLocal: string } {
  if (random.chance(0.8)) {
    const surname = random.pick(SURNAMES);
    return { name: surname + random.pick(GIVEN), emailLocal: `${PINYIN[surname] ?? 'user'}${index}` };
  }
  const first = random.pick(FIRST);
  const last = random.pick(LAST);
  return { name: `${first} ${last}`, emailLocal: `${first}.${last}${index}`.toLowerCase() };
}
