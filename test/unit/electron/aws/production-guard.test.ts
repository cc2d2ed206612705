import { describe, expect, it } from 'vitest';
import { isProductionProfile, productionVerdict } from '../../../../electron/services/aws/production-guard';

const marks = { profiles: ['prod-admin'], accounts: ['1234-5678-9012'] };

describe('production guard', () => {
  it('a marked profile is production whatever account it reaches', () => {
    expect(productionVerdict('prod-admin', '999999999999', marks)).toEqual({ production: true, markedBy: 'profile' });
    expect(productionVerdict('prod-admin', null, marks)).toEqual({ production: true, markedBy: 'profile' });
  });

  it('any profile reaching a marked account is production (account ids compared without dashes or spaces)', () => {
    expect(productionVerdict('sso-readonly', '123456789012', marks)).toEqual({ production: true, markedBy: 'account' });
    expect(productionVerdict('prod-admin', '1234 5678 9012', marks)).toEqual({ production: true, markedBy: 'both' });
  });

  it('an unmarked profile in another account, or with an unknown account, is not production', () => {
    expect(isProductionProfile('dev', '210987654321', marks)).toBe(false);
    expect(isProductionProfile('dev', null, marks)).toBe(false);
    expect(isProductionProfile('dev', '', { profiles: [], accounts: [''] })).toBe(false);
  });
});
