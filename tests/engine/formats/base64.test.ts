import { describe, expect, it } from 'vitest'
import { decodeBase64, encodeBase64 } from '../../../src/engine/formats/base64'
import { ModelFormatError } from '../../../src/engine/formats/errors'
import { Rng } from '../../../src/engine/random'

const bytes = (text: string) => new TextEncoder().encode(text)

describe('base64', () => {
  it('matches the RFC 4648 test vectors both ways', () => {
    const vectors: [string, string][] = [
      ['', ''],
      ['f', 'Zg=='],
      ['fo', 'Zm8='],
      ['foo', 'Zm9v'],
      ['foob', 'Zm9vYg=='],
      ['fooba', 'Zm9vYmE='],
      ['foobar', 'Zm9vYmFy']
    ]
    for (const [plain, encoded] of vectors) {
      expect(encodeBase64(bytes(plain))).toBe(encoded)
      expect(decodeBase64(encoded, 'x')).toEqual(bytes(plain))
    }
  })

  it("agrees with Node's Buffer on long random bytes of every length modulo 3", () => {
    const rng = new Rng(1)
    for (const length of [70_000, 70_001, 70_002]) {
      const data = Uint8Array.from({ length }, () => rng.int(256))
      const encoded = encodeBase64(data)
      expect(encoded).toBe(Buffer.from(data).toString('base64'))
      expect(Buffer.from(decodeBase64(encoded, 'x')).equals(Buffer.from(data))).toBe(true)
    }
  })

  it('refuses text that is not base64, naming the field', () => {
    expect(() => decodeBase64('Zm9', 'slot')).toThrow(
      new ModelFormatError('slot is not base64: its length 3 is not a multiple of 4')
    )
    expect(() => decodeBase64('Zm-v', 'slot')).toThrow(
      new ModelFormatError('slot is not base64: character 2 is "-"')
    )
    expect(() => decodeBase64('Z===', 'slot')).toThrow(/character 1 is "="/)
  })
})
