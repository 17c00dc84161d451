import { errorText, inLanguage } from './error-text';

describe('domain error texts in the page language', () => {
  it('takes the part of a bilingual message in the page language', () => {
    expect(inLanguage('vi', 'Người này đã là thành viên (already a member)')).toBe('Người này đã là thành viên');
    expect(inLanguage('en', 'Người này đã là thành viên (already a member)')).toBe('Already a member');
    expect(inLanguage('en', 'Chuyên mục đang có 3 bản tin (category still has bulletins)')).toBe('Category still has bulletins');
  });

  it('leaves a message without an English part as it is', () => {
    expect(inLanguage('en', 'Sàn tạm thời không phản hồi')).toBe('Sàn tạm thời không phản hồi');
    expect(inLanguage('en', 'Lỗi (a) b')).toBe('Lỗi (a) b');
  });

  it('prefers the table entry of a known code', () => {
    const err = { code: 'EMAIL_TAKEN', message: 'Email đã được đăng ký (email already registered)' };
    expect(errorText('en', err)).toBe('This email is already registered');
    expect(errorText('vi', err)).toBe('Email đã được đăng ký');
    expect(errorText('en', { code: 'NOT_FOUND', message: 'Bản tin không tồn tại (not found)' })).toBe('Not found');
    expect(errorText('vi', { code: 'NOT_FOUND', message: 'Bản tin không tồn tại (not found)' })).toBe('Bản tin không tồn tại');
  });
});
