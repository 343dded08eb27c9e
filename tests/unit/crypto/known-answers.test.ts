import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  KEY_PURPOSES,
  deriveKek,
  deriveSubkey,
  fromHex,
  initCrypto,
  openEnvelope,
  sealEnvelope,
  toHex,
  utf8Decode,
  utf8Encode,
} from '../../../app/crypto';
import { aeadDecrypt, aeadEncrypt } from '../../../app/crypto/aead';
import { useWasmAead } from '../../../app/crypto/aead-wasm';

beforeAll(initCrypto);
afterAll(() => useWasmAead(true));

// Both AEAD paths: on the WebAssembly heap directly, and through libsodium-wrappers.
describe.each([
  ['heap-direct AEAD', true],
  ['libsodium-wrappers AEAD', false],
])('known-answer vectors (%s)', (_, direct) => {
  beforeAll(() => useWasmAead(direct));

  it('XChaCha20-Poly1305-IETF matches draft-irtf-cfrg-xchacha-03 §A.3.1', () => {
    const key = fromHex('808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f');
    const nonce = fromHex('404142434445464748494a4b4c4d4e4f5051525354555657');
    const ad = fromHex('50515253c0c1c2c3c4c5c6c7');
    const plaintext = utf8Encode(
      "Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future, sunscreen would be it.",
    );
    const expected =
      'bd6d179d3e83d43b9576579493c0e939572a1700252bfaccbed2902c21396cbb' +
      '731c7f1b0b4aa6440bf3a82f4eda7e39ae64c6708c54c216cb96b72e1213b452' +
      '2f8c9ba40db5d945b11b69b982c1bb9e3f3fac2bc369488f76b2383565d3fff9' +
      '21f9664c97637da9768812f615c68b13b52e' +
      'c0875924c1c7987947deafd8780acf49'; // tag
    const sealed = aeadEncrypt(key, nonce, plaintext, ad);
    expect(toHex(sealed)).toBe(expected);
    expect(aeadDecrypt(key, nonce, sealed, ad)).toEqual(plaintext);
  });

  it('an Envelope v1 with fixed key, nonce, address and plaintext has pinned bytes', () => {
    const key = new Uint8Array(32).map((_, i) => i);
    const nonce = new Uint8Array(24).map((_, i) => 0xa0 + i);
    const ad = { vaultId: 'vault-1', kind: 'visit', recordId: 'rec-1', epoch: 7 };
    const envelope = sealEnvelope(key, ad, utf8Encode('{"name":"Dupont"}'), nonce);
    // Regression vector for the frozen v1 layout: version, epoch, nonce, ciphertext ‖ tag.
    const expected =
      '01' +
      '00000007' +
      'a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7' +
      '3ece647cda388696432b58f91e5ed7e2462a9f2caa06cad91d408be7e7a3fe36d187aa2f46467ccca5eb6e569b34af2e' +
      'a52626f9da68d0a7fab701ea292172836672e67caceb683d996c4a6c785d3c7fcc67da481602bb025ff32607975e1630' +
      '0a52ae64d94ddb497c51d3cf108424a899198c1d80ed9799d2c46a08e30372f35e2b637adcaf133f33395d9692d2cdfb' +
      '69e8838b6692aad52d43bb753d04d3aec9be41a9259fcfe12b3f9580db6ac0764a70a8733379e555f79c5540e42ded54' +
      '7d6e1e6fa24cab89f7f2319cb40574a4e20c5adeea5c20902d80f60ec5b7c1fabefc9888d0a289c85422619fc4e2bbe9' +
      'a496d1debab470c1f31884539ced0db9a2c246739e1f2730e3bb6d85f85612c6';
    expect(toHex(envelope)).toBe(expected);
    expect(utf8Decode(openEnvelope(key, ad, fromHex(expected)))).toBe('{"name":"Dupont"}');
  });

  it('Argon2id at the floor with a fixed salt and passphrase gives a pinned KEK', () => {
    const salt = new Uint8Array(16).map((_, i) => i);
    const kek = deriveKek('correct horse battery staple', salt, {
      alg: 'argon2id13',
      opslimit: 3,
      memlimit: 64 * 1024 * 1024,
    });
    expect(toHex(kek)).toBe('0d1a3c6523c8f06e4e0af9c515aa5b5448cfebd6838f2d52c3d8b6ef8ddc3c2e');
  });

  it('crypto_kdf subkeys of a fixed vault key are pinned and distinct per purpose', () => {
    const vaultKey = new Uint8Array(32).map((_, i) => 0x42 ^ i);
    const expected = {
      records: 'f11665fa6e50121302e63cd5fade476e87a8e673008752c355be7f4435280931',
      bundles: '3965d685aad61a61fb5b083ddde5dd901420eaf1eb62c8a5bfa705fa96b834f2',
      'blind-index': 'b69a3580be519bd38f743f93466834dd658350b0f6d6842805ae46b763ff6f0c',
      audit: '51caf1e6770aad3ee90e3335de438682d34b88837801ae4d30a3b042889f8cbe',
    };
    const actual = Object.fromEntries(
      KEY_PURPOSES.map((purpose) => [purpose, toHex(deriveSubkey(vaultKey, purpose))]),
    );
    expect(actual).toEqual(expected);
    expect(new Set(Object.values(actual)).size).toBe(4);
  });
});
