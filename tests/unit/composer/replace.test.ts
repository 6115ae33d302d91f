import { describe, expect, it } from 'vitest';
import { sameText } from '@/lib/composer/replace';

describe('sameText (read-back check after an insertion)', () => {
  it('accepts the text as asked, and pasted blank lines that became plain paragraph breaks', () => {
    expect(sameText('a\nb', 'a\nb')).toBe(true);
    expect(sameText('Hiring!\nhttps://x.test/r/1\n#Eng', 'Hiring!\n\nhttps://x.test/r/1\n\n#Eng')).toBe(true);
  });

  it('refuses a doubled or lost insertion', () => {
    expect(sameText('hello hello', 'hello')).toBe(false);
    expect(sameText('hel', 'hello')).toBe(false);
  });
});
