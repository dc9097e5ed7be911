/** The two languages of the API (DESIGN §9): which one a request asks for, and the Vietnamese of schema messages. */
import { describe, expect, it } from 'vitest';
import { NOT_EMPTY } from '../../../schemas/common';
import { preferredLang, said, t, vietnameseFor } from '../../../schemas/text';

describe('preferredLang: Accept-Language', () => {
  it.each([
    ['vi', 'vi'],
    ['vi-VN', 'vi'],
    ['VI-vn', 'vi'],
    ['vi-VN,vi;q=0.9,en;q=0.8', 'vi'],
    ['en-US,en;q=0.9,vi;q=0.8', 'en'],
    ['en;q=0.5, vi;q=0.6', 'vi'],
    ['fr-FR,fr;q=0.9,vi;q=0.5', 'vi'],
    ['*', 'en'],
    ['fr', 'en'],
    ['', 'en'],
    ['en', 'en'],
  ])('%j → %s', (header, lang) => {
    expect(preferredLang(header)).toBe(lang);
  });

  it('is English without the header', () => {
    expect(preferredLang(undefined)).toBe('en');
    expect(preferredLang(null)).toBe('en');
  });

  it('does not take "vietnamese"-looking tags that are not vi', () => {
    expect(preferredLang('vie')).toBe('en');
  });

  it('ignores a language its sender refuses (q=0)', () => {
    expect(preferredLang('vi;q=0, en;q=0.1')).toBe('en');
  });
});

describe('said / vietnameseFor', () => {
  it('gives the English to zod and finds the Vietnamese by it', () => {
    const en = said('must be a ward code such as 27163', 'phải là mã phường, ví dụ 27163');
    expect(en).toBe('must be a ward code such as 27163');
    expect(vietnameseFor(en)).toBe('phải là mã phường, ví dụ 27163');
  });

  it('knows the messages the schemas register', () => {
    expect(vietnameseFor(NOT_EMPTY)).toBe('không được để trống');
  });

  it('has no Vietnamese for a message nobody registered', () => {
    expect(vietnameseFor('a message no schema says')).toBeUndefined();
  });

  it('t keeps both languages', () => {
    expect(t('unknown unit 27163', 'không có đơn vị mã 27163')).toEqual({ en: 'unknown unit 27163', vi: 'không có đơn vị mã 27163' });
  });
});
