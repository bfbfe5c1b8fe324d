import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  decodeFloat32List,
  decodeOptimizerState,
  encodeFloat32List,
  encodeOptimizerState
} from '../../../src/main/store/codec'

const float32Array = fc.float32Array({ maxLength: 50 })

describe('float32 list codec', () => {
  it('round-trips any list bit for bit (NaN, -0 and infinities included)', () => {
    fc.assert(
      fc.property(fc.array(float32Array, { maxLength: 6 }), (arrays) => {
        const back = decodeFloat32List(encodeFloat32List(arrays))
        expect(back.map((a) => Buffer.from(a.buffer).toString('hex'))).toEqual(
          arrays.map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('hex'))
        )
      })
    )
  })

  it('refuses truncated or padded bytes with a clear error', () => {
    const bytes = encodeFloat32List([new Float32Array([1, 2, 3])])
    expect(() => decodeFloat32List(bytes.subarray(0, bytes.length - 1))).toThrow(
      /corrupt float32 list/
    )
    expect(() => decodeFloat32List(Buffer.concat([bytes, Buffer.alloc(4)]))).toThrow(
      /corrupt float32 list/
    )
    expect(() => decodeFloat32List(new Uint8Array(2))).toThrow(/no header/)
  })
})

describe('optimizer state codec', () => {
  it('round-trips iterations, the learning-rate override and every slot', () => {
    const state = {
      iterations: 469,
      learningRate: 0.0005,
      slots: {
        velocity: [new Float32Array([1, -2.5]), new Float32Array([3])],
        u_product: [new Float32Array([0.93])]
      }
    }
    const back = decodeOptimizerState(encodeOptimizerState(state))
    expect(back.iterations).toBe(469)
    expect(back.learningRate).toBe(0.0005)
    expect(back.slots).toEqual(state.slots)
  })

  it('keeps a null learning-rate override', () => {
    expect(
      decodeOptimizerState(encodeOptimizerState({ iterations: 0, learningRate: null, slots: {} }))
        .learningRate
    ).toBeNull()
  })
})
