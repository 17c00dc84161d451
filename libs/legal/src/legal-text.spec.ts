import { bodyLines, diffBodies } from './legal-text';

describe('legal text diff', () => {
  it('reads one plain line per paragraph, heading and list item', () => {
    expect(bodyLines('<h2>1. Phạm vi</h2><p>Sàn <strong>miễn phí</strong>.</p><ul><li>Một</li><li>Hai</li></ul>')).toEqual([
      '1. Phạm vi',
      'Sàn miễn phí.',
      'Một',
      'Hai',
    ]);
  });

  it('marks added, removed and unchanged lines in order', () => {
    const before = '<p>Giữ nguyên</p><p>Thời hạn 7 ngày</p>';
    const after = '<p>Giữ nguyên</p><p>Thời hạn 5 ngày</p><p>Điều mới</p>';
    expect(diffBodies(before, after)).toEqual([
      { change: 'unchanged', text: 'Giữ nguyên' },
      { change: 'removed', text: 'Thời hạn 7 ngày' },
      { change: 'added', text: 'Thời hạn 5 ngày' },
      { change: 'added', text: 'Điều mới' },
    ]);
  });
});
