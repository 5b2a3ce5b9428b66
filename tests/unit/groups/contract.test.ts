import { describe, expect, it } from 'vitest';
import { groupsProcedures, groupName, groupDescription, GROUP_NAME_MAX } from '../../../src-shared/api/groups';
import { foldText } from '../../../src-shared/domain/text';

describe('group name rules', () => {
  it('trims and collapses whitespace', () => {
    expect(groupName.parse('  Isparta   Bayileri \t')).toBe('Isparta Bayileri');
  });

  it('requires a name and allows at most 80 characters after trimming', () => {
    expect(groupName.safeParse('').success).toBe(false);
    expect(groupName.safeParse(' \n\t ').success).toBe(false);
    expect(groupName.parse(`  ${'ş'.repeat(GROUP_NAME_MAX)}  `)).toHaveLength(80);
    expect(groupName.safeParse('a'.repeat(GROUP_NAME_MAX + 1)).success).toBe(false);
    expect(groupName.safeParse(42).success).toBe(false);
  });

  it('folds Turkish spellings of one name to one key', () => {
    const keys = ['ISPARTA', 'Isparta', 'ısparta', 'İSPARTA', ' isparta '].map((n) => foldText(groupName.parse(n)));
    expect(new Set(keys)).toEqual(new Set(['isparta']));
    expect(foldText('Şube Çağrı')).toBe(foldText('SUBE CAGRI'));
    expect(foldText('Isparta')).not.toBe(foldText('Isparta 2'));
  });

  it('treats an empty description as none and caps its length', () => {
    expect(groupDescription.parse('   ')).toBeNull();
    expect(groupDescription.parse(' VIP ')).toBe('VIP');
    expect(groupDescription.safeParse('x'.repeat(501)).success).toBe(false);
  });
});

describe('groups contract', () => {
  const add = groupsProcedures['groups.addContacts'].input;

  it('accepts numbers as text or with a name, and needs something to add', () => {
    expect(add.safeParse({ groupId: 1, phones: ['0532 123 45 67', { phone: '+905321234568', name: 'Ayşe' }] }).success).toBe(true);
    expect(add.safeParse({ groupId: 1, contactIds: [3, 4] }).success).toBe(true);
    expect(add.safeParse({ groupId: 1 }).success).toBe(false);
    expect(add.safeParse({ groupId: 1, contactIds: [], phones: [] }).success).toBe(false);
  });

  it('rejects wrong types and unknown fields', () => {
    expect(add.safeParse({ groupId: '1', contactIds: [1] }).success).toBe(false);
    expect(add.safeParse({ groupId: 1, contactIds: [1.5] }).success).toBe(false);
    expect(add.safeParse({ groupId: 1, contactIds: [1], admin: true }).success).toBe(false);
    expect(add.safeParse({ groupId: 1, phones: [{ phone: '1', name: 'x', extra: 1 }] }).success).toBe(false);
    expect(groupsProcedures['groups.members'].input.safeParse({ groupId: 1, limit: 501 }).success).toBe(false);
  });
});
