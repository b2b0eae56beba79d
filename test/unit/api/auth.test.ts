import { describe, expect, it } from 'vitest';
import { canSee, parseGroups, principalFrom } from '#shared/auth.ts';
import { ForbiddenError, UnauthorizedError } from '#shared/errors.ts';
import { apiEvent, claimsFor } from './support.ts';

const withClaims = (claims: Record<string, unknown>) =>
  apiEvent({ claims: claims as Record<string, string> });

describe('parseGroups', () => {
  it.each([
    ['HTTP API flattening', '[hr manager]', ['hr', 'manager']],
    ['a single group', '[manager]', ['manager']],
    ['a comma-separated list', 'hr,manager', ['hr', 'manager']],
    ['a comma-separated list with spaces', ' hr , manager ', ['hr', 'manager']],
    ['a JSON array in a string', '["hr","manager"]', ['hr', 'manager']],
    ['a real array', ['hr', 'manager'], ['hr', 'manager']],
    ['a bare group', 'hr', ['hr']],
    ['empty brackets', '[]', []],
    ['nothing', undefined, []],
    ['a number', 42, []],
  ])('reads %s', (_form, value, expected) => {
    expect(parseGroups(value)).toEqual(expected);
  });
});

describe('principalFrom', () => {
  it('reads role and e-mail from the verified claims', () => {
    const event = withClaims({ ...claimsFor('manager'), email: ' Mark.Jansen@Example.test ' });
    expect(principalFrom(event)).toEqual({ role: 'manager', email: 'mark.jansen@example.test' });
  });

  it('reads the person’s name when the token gives one, for a form to fill in', () => {
    const named = (claims: Record<string, unknown>) =>
      principalFrom(withClaims({ ...claimsFor('hr'), ...claims })).name;

    expect(named({ name: '  Fatima   El Amrani ' })).toBe('Fatima El Amrani');
    expect(named({ given_name: 'Fatima', family_name: 'El Amrani' })).toBe('Fatima El Amrani');
    expect(named({})).toBeUndefined();
    expect(named({ name: 42 })).toBeUndefined();
    expect(named({ name: 'x'.repeat(201) })).toBeUndefined();
    expect(principalFrom(withClaims(claimsFor('hr')))).not.toHaveProperty('name');
  });

  it('prefers hr when someone is in both groups', () => {
    expect(
      principalFrom(withClaims({ ...claimsFor('manager'), 'cognito:groups': '[manager hr]' })).role,
    ).toBe('hr');
  });

  it('matches group names without regard to case', () => {
    expect(principalFrom(withClaims({ ...claimsFor('hr'), 'cognito:groups': '[HR]' })).role).toBe('hr');
  });

  it('refuses a request without claims as unauthenticated', () => {
    expect(() => principalFrom(apiEvent({ claims: null }))).toThrow(UnauthorizedError);
    expect(() => principalFrom({})).toThrow(UnauthorizedError);
  });

  it('refuses claims without an e-mail address as unauthenticated', () => {
    const { email: _email, ...claims } = claimsFor('hr');
    expect(() => principalFrom(withClaims(claims))).toThrow(UnauthorizedError);
  });

  it('refuses an e-mail address the token does not say was verified, as unauthenticated', () => {
    // A user who could set their own address to a colleague's must not get the colleague's scope.
    const { email_verified: _verified, ...unverified } = claimsFor('manager');
    expect(() => principalFrom(withClaims(unverified))).toThrow(UnauthorizedError);
    expect(() => principalFrom(withClaims({ ...claimsFor('manager'), email_verified: 'false' }))).toThrow(
      UnauthorizedError,
    );
    // As API Gateway passes it (a string) and as a verified token carries it (a boolean).
    expect(principalFrom(withClaims({ ...claimsFor('manager'), email_verified: true })).role).toBe('manager');
  });

  it('matches a differently cased address to the same manager', () => {
    const principal = principalFrom(withClaims({ ...claimsFor('manager'), email: 'P.Visser@Example.NL' }));
    expect(canSee(principal, { manager: { name: 'Pieter Visser', email: 'p.visser@example.nl' } })).toBe(
      true,
    );
  });

  it('refuses someone in neither group as forbidden', () => {
    expect(() => principalFrom(withClaims(claimsFor('employee')))).toThrow(ForbiddenError);
    const { 'cognito:groups': _groups, ...noGroups } = claimsFor('hr');
    expect(() => principalFrom(withClaims(noGroups))).toThrow(ForbiddenError);
  });
});

describe('canSee', () => {
  const trajectory = { manager: { name: 'Mark Jansen', email: 'Mark.Jansen@example.test' } };

  it('lets HR see every trajectory', () => {
    expect(canSee({ role: 'hr', email: 'hr@example.test' }, trajectory)).toBe(true);
  });

  it('lets a manager see their own, whatever the case of the address', () => {
    expect(canSee({ role: 'manager', email: 'mark.jansen@EXAMPLE.test' }, trajectory)).toBe(true);
  });

  it('hides another manager’s trajectory', () => {
    expect(canSee({ role: 'manager', email: 'someone.else@example.test' }, trajectory)).toBe(false);
  });
});
