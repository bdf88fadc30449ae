import { describe, expect, it } from '@jest/globals';
import { twilioSignature, twilioSignatureValid } from './signature.js';

// The example of Twilio's security documentation: token, URL, parameters and the signature Twilio sends.
const TOKEN = '12345';
const URL_ = 'https://mycompany.com/myapp.php?foo=1&bar=2';
const PARAMS = new URLSearchParams({
  CallSid: 'CA1234567890ABCDE',
  Caller: '+14158675310',
  Digits: '1234',
  From: '+14158675310',
  To: '+18005551212',
});
const SIGNATURE = 'GvWf1cFY/Q7PnoempGyD5oXAezc=';

describe('twilioSignature', () => {
  it("matches Twilio's documented example, whatever the order of the parameters", () => {
    expect(twilioSignature(TOKEN, URL_, PARAMS)).toBe(SIGNATURE);
    const shuffled = new URLSearchParams([...PARAMS.entries()].reverse());
    expect(twilioSignature(TOKEN, URL_, shuffled)).toBe(SIGNATURE);
  });

  it('accepts only the exact signature of this URL, these parameters and this token', () => {
    expect(twilioSignatureValid(TOKEN, URL_, PARAMS, SIGNATURE)).toBe(true);
    expect(twilioSignatureValid(TOKEN, URL_, PARAMS, undefined)).toBe(false);
    expect(twilioSignatureValid('54321', URL_, PARAMS, SIGNATURE)).toBe(false);
    expect(twilioSignatureValid(TOKEN, 'https://mycompany.com/myapp.php', PARAMS, SIGNATURE)).toBe(false);
    const changed = new URLSearchParams(PARAMS);
    changed.set('Digits', '1235');
    expect(twilioSignatureValid(TOKEN, URL_, changed, SIGNATURE)).toBe(false);
    expect(twilioSignatureValid(TOKEN, URL_, PARAMS, `${SIGNATURE}x`)).toBe(false);
  });
});
