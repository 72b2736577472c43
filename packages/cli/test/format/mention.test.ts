import { expect, it } from 'vitest';
import { withMention } from '../../src/format/mention.js';

it('appends the name a sentence does not mention yet', () => {
  expect(withMention('route 0.0.0.0/0 → tgw', 'IngressVpc/PrivateSubnet1/DefaultRoute')).toBe(
    'route 0.0.0.0/0 → tgw (IngressVpc/PrivateSubnet1/DefaultRoute)',
  );
  expect(withMention('no rule passes it', undefined)).toBe('no rule passes it');
});

it('does not repeat a name the sentence already says, but a name inside a longer id is not a mention', () => {
  expect(withMention('forward to Alb:80', 'Alb')).toBe('forward to Alb:80');
  expect(withMention('sg ApiVpcLinkSecurityGroup665079B1:80 (AlbSecurityGroup580F65A6)', 'Alb')).toBe(
    'sg ApiVpcLinkSecurityGroup665079B1:80 (AlbSecurityGroup580F65A6) (Alb)',
  );
});
